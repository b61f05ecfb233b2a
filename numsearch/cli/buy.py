"""`numsearch buy`: buy a number, safely, once, after asking."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from numsearch.cli.app import AppState, state_of
from numsearch.cli.common import (
    NationalCountry,
    Output,
    buy_with_spinner,
    confirm_purchase,
    connection_options,
    open_client,
    output_format,
    output_options,
    print_purchase,
    print_records,
    purchase_options,
)
from numsearch.cli.startup import command_app
from numsearch.output import OutputFormat
from numsearch.settings import ClientSettings

if TYPE_CHECKING:
    from numsearch.purchase import Purchase

app = command_app()
COMMANDS = {"buy": app}


@app.command()
@connection_options
@output_options
@purchase_options
def buy(
    ctx: typer.Context,
    number: Annotated[
        str | None,
        typer.Argument(
            help="The number to buy, in E.164 (+15105550100); letters are read on the keypad.",
            metavar="[NUMBER]",
            show_default=False,
        ),
    ] = None,
    area_code: Annotated[
        str | None,
        typer.Option(
            "--area-code",
            "-a",
            help="Buy any number in this area code (Twilio picks).",
            metavar="NPA",
        ),
    ] = None,
    country: NationalCountry = "US",
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="Do not ask (needed without a terminal).")
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print the request that would be sent; send nothing.")
    ] = False,
    *,
    setup: dict[str, str | None],
    out: Output,
    connection: ClientSettings,
) -> None:
    """Buy a number, once, after asking.

    A NUMBER, or any number in an area code (Twilio picks). A number already on the
    account is reported, not bought again. The purchase is never retried: after a
    timeout, a 5xx or an answer without the number, numsearch checks the account for
    30 s and says whether the number was bought, was not, or cannot be told.
    """
    from numsearch.countries import normalize_country
    from numsearch.purchase import build_purchase

    state = state_of(ctx)
    purchase = build_purchase(number, area_code, setup, normalize_country(country))
    client = open_client(state, connection)
    if dry_run:
        _print_dry_run(state, out, client.base_url + client.account_path, purchase)
        return
    confirm_purchase(state, purchase, client.short_account, yes)
    outcome = buy_with_spinner(state, client, purchase)
    print_purchase(outcome, out, state)


def _print_dry_run(state: AppState, out: Output, account_url: str, purchase: Purchase) -> None:
    from urllib.parse import urlencode

    form = purchase.form()
    structured = output_format(out, state.terminal) in (OutputFormat.json, OutputFormat.jsonl)
    record = {
        "method": "POST",
        "url": f"{account_url}/IncomingPhoneNumbers.json",
        "form": form if structured else urlencode(form),
    }
    print_records(
        [record], out, state.terminal, fields=("method", "url", "form"), table="request",
        title="Dry run: this request would be sent (nothing was)",
    )  # fmt: skip
    state.terminal.info("dry run: nothing was sent")
