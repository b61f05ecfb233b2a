"""`numsearch release NUMBER`: give a number on the account back to Twilio, after asking."""

from __future__ import annotations

from typing import Annotated

import typer

from numsearch.cli.app import state_of
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
from numsearch.cli.prompts import refuse_unattended
from numsearch.cli.startup import command_app
from numsearch.cli.steps import open_account
from numsearch.countries import normalize_country
from numsearch.errors import ExitCode
from numsearch.manage import parse_target
from numsearch.settings import ClientSettings

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
    state = state_of(ctx)
    target = parse_target(number, normalize_country(country))
    if not dry_run:
        refuse_unattended(state, target.shown, yes, verb="release")
    account = open_account(state, connection)
    found = account.find_owned(number, country=country)
    if dry_run:
        request = account.release(found, dry_run=True)
        print_dry_run(state, out, request.method, request.url, request.form)
        return
    released = account.release(found, yes=yes, confirm=state.terminal.confirm)
    if released is None:
        state.terminal.info("not released")
        raise typer.Exit(int(ExitCode.NOTHING_FOUND))
    shown = found.phone_number or target.shown
    print_incoming([released.number], f"Released: {shown}", out, state)
