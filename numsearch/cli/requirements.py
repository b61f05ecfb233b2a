"""`numsearch requirements COUNTRY [TYPE]`: what a purchase needs, and what the account has."""

from __future__ import annotations

from typing import Annotated

import typer

from numsearch.cli.app import state_of
from numsearch.cli.help_text import examples
from numsearch.cli.options import CountryArgument, Output, connection_options, output_options
from numsearch.cli.printing import print_records
from numsearch.cli.startup import command_app
from numsearch.cli.steps import open_account
from numsearch.compliance import REQUIREMENT_FIELDS
from numsearch.countries import normalize_country
from numsearch.errors import InvalidInput
from numsearch.number_types import NUMBER_TYPES
from numsearch.settings import ClientSettings
from numsearch.untrusted import quoted

app = command_app()
COMMANDS = {"requirements": app}


def complete_type(incomplete: str) -> list[str]:
    """Shell completion for TYPE."""
    return [name for name in NUMBER_TYPES if name.startswith(incomplete)]


@app.command(
    epilog=examples("numsearch requirements GB mobile", "numsearch requirements FR -o json")
)
@connection_options
@output_options
def requirements(
    ctx: typer.Context,
    country: CountryArgument,
    number_type: Annotated[
        str,
        typer.Argument(
            help="A search command, e.g. mobile.",
            metavar="[TYPE]",
            autocompletion=complete_type,
        ),
    ] = "local",
    *,
    out: Output,
    connection: ClientSettings,
) -> None:
    """Say what buying a number needs: an address, a bundle.

    For a country and number type: what Twilio asks for, the account's addresses
    and approved bundles that fit (their SIDs), or what to create where none does.
    """
    state = state_of(ctx)
    code = normalize_country(country)
    kind = NUMBER_TYPES.get(number_type.lower())
    if kind is None:
        raise InvalidInput(f"TYPE {quoted(number_type)}: use one of {', '.join(NUMBER_TYPES)}")
    account = open_account(state, connection)
    rows = [row.to_json() for row in account.requirements(code, kind.command)]
    sandbox = " [sandbox: not real]" if state.sandbox else ""
    print_records(
        rows, out, state.terminal, fields=REQUIREMENT_FIELDS, table="requirement",
        title=f"What buying a {kind.label} number in {code} needs{sandbox}",
    )  # fmt: skip
