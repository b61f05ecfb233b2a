"""`numsearch owned [NUMBER]`: the numbers on the account."""

from __future__ import annotations

from typing import Annotated

import typer

from numsearch.cli.app import state_of
from numsearch.cli.help_text import examples
from numsearch.cli.options import Output, connection_options, output_options
from numsearch.cli.printing import print_incoming
from numsearch.cli.startup import command_app
from numsearch.cli.steps import open_account
from numsearch.errors import ExitCode
from numsearch.settings import ClientSettings

app = command_app()
COMMANDS = {"owned": app}


@app.command(epilog=examples("numsearch owned", "numsearch owned +1510 -o json"))
@connection_options
@output_options
def owned(
    ctx: typer.Context,
    number: Annotated[
        str | None,
        typer.Argument(
            help="A number or part of one: +1510, * for any digit.",
            metavar="[NUMBER]",
            show_default=False,
        ),
    ] = None,
    friendly_name: Annotated[
        str | None,
        typer.Option(
            "--friendly-name",
            help="Only numbers with exactly this name.",
            metavar="NAME",
        ),
    ] = None,
    *,
    out: Output,
    connection: ClientSettings,
) -> None:
    """List the numbers on the account.

    All of them, or those matching NUMBER: to check what a purchase did.
    """
    state = state_of(ctx)
    account = open_account(state, connection)
    numbers = account.owned(number, friendly_name=friendly_name)
    noun = "number" if len(numbers) == 1 else "numbers"
    title = f"{len(numbers)} {noun} on account {account.client().short_account}"
    print_incoming(numbers, title, out, state)
    if not numbers:
        raise typer.Exit(int(ExitCode.NOTHING_FOUND))
