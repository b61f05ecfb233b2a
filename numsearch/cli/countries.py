"""`numsearch countries [COUNTRY] [--offline]`: where the account can search, and for what."""

from __future__ import annotations

from typing import Annotated

import typer

from numsearch.account import Account
from numsearch.cli.app import AppState, state_of
from numsearch.cli.help_text import examples
from numsearch.cli.options import Output, connection_options, output_options
from numsearch.cli.printing import print_records
from numsearch.cli.startup import command_app
from numsearch.cli.steps import TerminalEvents, open_account
from numsearch.countries import complete_country
from numsearch.errors import CredentialsError, ExitCode
from numsearch.models import COUNTRY_FIELDS, Country
from numsearch.settings import ClientSettings

app = command_app()
COMMANDS = {"countries": app}


@app.command(
    epilog=examples(
        "numsearch countries",
        "numsearch countries GB",
        "numsearch countries --offline -o csv --fields country_code,beta",
    )
)
@connection_options
@output_options
def countries(
    ctx: typer.Context,
    country: Annotated[
        str | None,
        typer.Argument(
            help="One country, with the number types it offers.",
            metavar="[COUNTRY]",
            autocompletion=complete_country,
            show_default=False,
        ),
    ] = None,
    offline: Annotated[
        bool,
        typer.Option(
            "--offline",
            help="Twilio's published list: no account, no network.",
        ),
    ] = False,
    *,
    out: Output,
    connection: ClientSettings,
) -> None:
    """List the countries the account can search.

    With the number types each offers; --offline lists Twilio's published table.
    """
    state = state_of(ctx)
    if offline:
        found = Account(on_event=TerminalEvents(state.terminal)).countries(country, offline=True)
        source = "Twilio's published list (offline: number types need an account)"
    else:
        found = _live(state, connection, country)
        source = "Twilio" + (" [sandbox: not real]" if state.sandbox else "")
    title = f"{len(found)} {'country' if len(found) == 1 else 'countries'} from {source}"
    print_records(
        [c.to_json() for c in found],
        out,
        state.terminal,
        fields=COUNTRY_FIELDS,
        table="country",
        title=title,
    )
    if not found:
        raise typer.Exit(int(ExitCode.NOTHING_FOUND))


def _live(state: AppState, connection: ClientSettings, country: str | None) -> list[Country]:
    try:
        account = open_account(state, connection)
    except CredentialsError as exc:
        raise CredentialsError(
            exc.message, hint="or see Twilio's published list with no account: numsearch"
            " countries --offline"
        ) from None  # fmt: skip
    return account.countries(country)
