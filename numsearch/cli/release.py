"""`numsearch release NUMBER`: give a number on the account back to Twilio, after asking."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from numsearch.cli.app import AppState, state_of
from numsearch.cli.help_text import examples
from numsearch.cli.options import (
    DryRunOption,
    NationalCountry,
    Output,
    OwnedNumberArgument,
    connection_options,
    output_options,
)
from numsearch.cli.printing import print_dry_run, print_incoming
from numsearch.cli.prompts import with_spinner
from numsearch.cli.startup import command_app
from numsearch.cli.steps import open_client
from numsearch.errors import ExitCode, InvalidInput
from numsearch.settings import ClientSettings

if TYPE_CHECKING:
    from numsearch.models import IncomingNumber

app = command_app()
COMMANDS = {"release": app}


@app.command(
    epilog=examples(
        "numsearch release +18003569377 --dry-run",
        "numsearch release +18003569377 --yes",
    )
)
@connection_options
@output_options
def release(
    ctx: typer.Context,
    number: OwnedNumberArgument,
    country: NationalCountry = "US",
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="Do not ask (needed without a terminal).")
    ] = False,
    dry_run: DryRunOption = False,
    *,
    out: Output,
    connection: ClientSettings,
) -> None:
    """Release a number from the account, after asking.

    The number goes back to Twilio (getting it back is not guaranteed). It is
    sent once: after a failure, numsearch says whether the number is still yours.
    """
    from numsearch.countries import normalize_country
    from numsearch.manage import find_number, parse_target, release_safely

    state = state_of(ctx)
    target = parse_target(number, normalize_country(country))
    if not (yes or dry_run or state.terminal.stdin_isatty):
        raise InvalidInput(
            f"refusing to release {target.shown} without asking: stdin is not a terminal"
            " (add --yes to release unattended, or --dry-run to see the request)"
        )
    client = open_client(state, connection)
    with state.terminal.spinner(f"Looking for {target.shown} on the account…"):
        found = find_number(client, target)
    shown = found.phone_number or target.shown
    if dry_run:
        url = client.base_url + client.number_path(str(found.sid))
        print_dry_run(state, out, "DELETE", url, {})
        return
    if not yes:
        _confirm(state, found, client.credentials.short_sid)
    outcome = with_spinner(
        state,
        f"Releasing {shown}…",
        f"Looking for {shown} on the account…",
        lambda tell: release_safely(client, found, tell=tell),
    )
    for note in outcome.notes:
        state.terminal.warn(note)
    state.terminal.info(outcome.summary)
    print_incoming([outcome.number], f"Released: {shown}", out, state)


def _confirm(state: AppState, number: IncomingNumber, account: str) -> None:
    """Ask on the terminal, naming the number and the account; no is exit 1."""
    from numsearch.manage import release_question

    if not state.terminal.confirm(release_question(number, account, state.sandbox)):
        state.terminal.info("not released")
        raise typer.Exit(int(ExitCode.NOTHING_FOUND))
