"""`numsearch buy`: buy a number, safely, once, after asking."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from numsearch.cli.app import state_of
from numsearch.cli.common import (
    NationalCountry,
    Output,
    buy_with_spinner,
    confirm_purchase,
    connection_options,
    open_client,
    output_options,
    print_dry_run,
    print_purchase,
    purchase_options,
    ready_for_purchase,
    refuse_unattended,
)
from numsearch.cli.startup import command_app
from numsearch.settings import ClientSettings

if TYPE_CHECKING:
    from numsearch.api import TwilioClient
    from numsearch.cli.app import AppState
    from numsearch.pricing import Cost
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
    max_price: Annotated[
        str | None,
        typer.Option(
            "--max-price",
            help="Do not buy if the number costs more a month (or its price cannot be checked).",
            metavar="AMOUNT",
        ),
    ] = None,
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
    from numsearch.pricing import check_max_price, parse_amount
    from numsearch.purchase import build_purchase

    state = state_of(ctx)
    purchase = build_purchase(number, area_code, setup, normalize_country(country))
    limit = parse_amount(max_price) if max_price is not None else None
    if not dry_run:
        refuse_unattended(state, purchase.what, yes)
    client = open_client(state, connection)
    cost = _cost(state, client, purchase)
    check_max_price(cost, limit, purchase.what)
    purchase = ready_for_purchase(state, client, purchase, yes)
    if dry_run:
        url = f"{client.base_url}{client.account_path}/IncomingPhoneNumbers.json"
        print_dry_run(state, out, "POST", url, purchase.form(), extra=cost.to_json())
        state.terminal.info(
            "dry run: only read-only lookups were made (the price, the number's listing,"
            " regulations, bundles, addresses)"
        )
        return
    confirm_purchase(state, purchase, client.short_account, yes, cost=cost)
    outcome = buy_with_spinner(state, client, purchase)
    print_purchase(outcome, out, state)


def _cost(state: AppState, client: TwilioClient, purchase: Purchase) -> Cost:
    """What the purchase costs a month (a read-only lookup, cached); unknown is a warning."""
    from numsearch.pricing import cost_of

    country, number_type = purchase.kind()
    with state.terminal.spinner(f"Looking up the price of {purchase.what}…"):
        cost = cost_of(client, country, number_type, warn=state.terminal.warn)
    if cost.amount is None:
        state.terminal.warn(f"the monthly price of {purchase.what} is unknown: {cost.problem}")
    return cost
