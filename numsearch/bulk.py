"""Several numbers bought in one run: each priced and checked first (before anything is
sent), one question for them all with the total a month, then each bought in turn
through purchase.buy_each."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from numsearch.errors import CredentialsError, InvalidInput, NumsearchError
from numsearch.untrusted import safe_text

if TYPE_CHECKING:
    from numsearch.api import TwilioClient
    from numsearch.pricing import Cost, PriceLimit
    from numsearch.purchase import BulkItem, Wanted

MAX_BULK = 100  # numbers in one bulk buy unless a max count is given
Say = Callable[[str], None]
Choose = Callable[[str, list[tuple[str, str]]], str]


def prepare(
    client: TwilioClient,
    wanted: Wanted,
    form: dict[str, str],
    limit: PriceLimit | None,
    looked_up: dict[tuple[str, str], Any],
    *,
    choose: Choose,
    tell: Say,
    warn: Say,
) -> tuple[BulkItem, Cost]:
    """One number's price and paperwork, before anything is sent: ready to buy, or why
    not (above --max-price, no address or bundle that fits). A paperwork or price lookup
    that fails is a warning: the number is bought and Twilio checks it. The whole run
    stops here, before anything is bought, for rejected credentials (exit 3), a price in
    another currency than --max-price's (exit 2), or one that cannot be checked against
    it (exit 5), as a single purchase does."""
    from numsearch.pricing import AboveMaxPrice, check_max_price, cost_of
    from numsearch.purchase import BulkItem, Purchase, ready_purchase

    purchase = Purchase(phone_number=wanted.text, options=form)
    country, kind = purchase.kind()
    cost = cost_of(client, country, kind, warn=warn)
    if cost.amount is None:
        warn(f"the monthly price of {purchase.what} is unknown: {cost.problem}")
    try:
        check_max_price(cost, limit, purchase.what)
    except AboveMaxPrice as above:  # this number is not bought; the others may be
        return BulkItem(purchase, cost.to_json(), refused=above.message), cost
    try:
        purchase = ready_purchase(
            client, purchase, choose, address_need=wanted.address_need, tell=tell,
            looked_up=looked_up, warn=warn,
        )  # fmt: skip
    except NumsearchError as refusal:  # this number is not bought; the others may be
        if isinstance(refusal, CredentialsError | InvalidInput):  # the run stops: exit 3 or 2
            raise
        return BulkItem(purchase, cost.to_json(), refused=refusal.message), cost
    return BulkItem(purchase, cost.to_json()), cost


def line(item: BulkItem, cost: Cost) -> str:
    """One number of the question: its price, or why it will not be bought."""
    number = str(item.purchase.phone_number)
    if item.refused:
        return f"  {number}  {cost.text}  (not bought: {safe_text(item.refused)})"
    return f"  {number}  {cost.text}"


def total(costs: Sequence[Cost]) -> str:
    """`3.45 USD a month`, with what is unknown said."""
    known = [c for c in costs if c.amount is not None]
    units = {c.unit for c in known}
    amount = sum((c.amount for c in known if c.amount is not None), start=Decimal(0))
    unit = f" {units.pop()}" if len(units) == 1 and None not in units else ""
    text = f"{amount}{unit} a month" if len(units) <= 1 else "a total in several currencies"
    unknown = len(costs) - len(known)
    if unknown and not known:
        return "an unknown price"
    return text + (f" + {unknown} of unknown price" if unknown else "")


def question(prepared: Sequence[tuple[BulkItem, Cost]], account: str, sandbox: bool) -> str:
    """The one question of a bulk buy: how many, the total a month, the account."""
    ready = [cost for item, cost in prepared if item.refused is None]
    noun = "number" if len(ready) == 1 else "numbers"
    these = "these " if len(ready) > 1 else ""
    where = " [sandbox: nothing real is bought]" if sandbox else ""
    return (
        f"Buy {these}{len(ready)} {noun} for {total(ready)} on account {account}{where}?"
        " Twilio charges for them"
    )
