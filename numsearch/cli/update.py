"""`numsearch update NUMBER`: change the setup of a number on the account."""

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
    purchase_options,
)
from numsearch.cli.printing import print_dry_run, print_incoming
from numsearch.cli.startup import command_app
from numsearch.cli.steps import open_account
from numsearch.countries import normalize_country
from numsearch.manage import build_update
from numsearch.purchase_fields import CLEARABLE_KINDS, PURCHASE_FIELDS, Setup
from numsearch.settings import ClientSettings

app = command_app()
COMMANDS = {"update": app}


def _complete_clearable(incomplete: str) -> list[str]:
    names = [f.name.replace("_", "-") for f in PURCHASE_FIELDS if f.kind in CLEARABLE_KINDS]
    return [name for name in names if name.startswith(incomplete)]


@app.command(
    epilog=examples(
        "numsearch update +18003569377 --sms-url https://example.com/sms",
        "numsearch update +18003569377 --clear sms-url",
    )
)
@connection_options
@output_options
@purchase_options
def update(
    ctx: typer.Context,
    number: OwnedNumberArgument,
    clear: Annotated[
        list[str] | None,
        typer.Option(
            "--clear",
            help="Empty a URL or SID field, e.g. voice-url.",
            metavar="FIELD",
            autocompletion=_complete_clearable,
        ),
    ] = None,
    country: NationalCountry = "US",
    dry_run: DryRunOption = False,
    *,
    setup: dict[str, str | None],
    out: Output,
    connection: ClientSettings,
) -> None:
    """Change the setup of a number on the account.

    Only the fields given are sent, once; --clear empties one. After a failure
    the number is looked at again, to say whether the change is there.
    """
    state = state_of(ctx)
    change = build_update(number, setup, clear or [], normalize_country(country))  # nothing sent
    account = open_account(state, connection)
    found = account.find_owned(number, country=country)
    shown = found.phone_number or change.target.shown
    given = Setup(**setup)
    if dry_run:
        request = account.update(found, setup=given, clear=clear or (), country=country,
                                 dry_run=True)  # fmt: skip
        print_dry_run(state, out, request.method, request.url, request.form)
        return
    updated = account.update(found, setup=given, clear=clear or (), country=country)
    print_incoming([updated.number], f"Updated: {shown}", out, state)
