"""`numsearch prices [COUNTRY]`: what each number type costs a month (Pricing v1)."""

from __future__ import annotations

from typing import Annotated

import typer

from numsearch.cli.app import state_of
from numsearch.cli.help_text import examples
from numsearch.cli.options import Output, connection_options, output_options
from numsearch.cli.printing import print_records
from numsearch.cli.startup import command_app
from numsearch.cli.steps import open_account
from numsearch.countries import complete_country, normalize_country
from numsearch.errors import ExitCode
from numsearch.pricing import PRICE_COUNTRY_FIELDS, PRICE_FIELDS
from numsearch.settings import ClientSettings

app = command_app()
COMMANDS = {"prices": app}


@app.command(
    epilog=examples(
        "numsearch prices US", "numsearch prices GB -o json --refresh", "numsearch prices"
    )
)
@connection_options
@output_options
def prices(
    ctx: typer.Context,
    country: Annotated[
        str | None,
        typer.Argument(
            help="The country; without it, the countries priced.",
            metavar="[COUNTRY]",
            autocompletion=complete_country,
            show_default=False,
        ),
    ] = None,
    refresh: Annotated[
        bool,
        typer.Option("--refresh", help="Ask Twilio again, not the day-long cache."),
    ] = False,
    *,
    out: Output,
    connection: ClientSettings,
) -> None:
    """Show the monthly price of each number type in a country.

    From Twilio's Pricing API: list and current price per number type (named as
    the search commands name them), kept for 24 h in the platform cache dir.
    """
    state = state_of(ctx)
    code = normalize_country(country) if country else None
    account = open_account(state, connection)
    sandbox = " [sandbox: not real prices]" if state.sandbox else ""
    if code is None:
        found = account.prices()
        title = f"{len(found)} countries with phone number prices{sandbox}"
        print_records(found, out, state.terminal, fields=PRICE_COUNTRY_FIELDS,
                      table="price_country", title=title)  # fmt: skip
    else:
        found = account.prices(code, refresh=refresh)
        named = found[0]["country"] if found else None  # Twilio's name of the country
        name = f" ({named})" if named else ""
        title = f"Monthly prices of numbers in {code}{name}{sandbox}"
        print_records(found, out, state.terminal, fields=PRICE_FIELDS, table="price", title=title)
    if not found:
        raise typer.Exit(int(ExitCode.NOTHING_FOUND))
