"""The steps of a purchase that `numsearch buy` and `Account.buy` share: look first (the
price, the paperwork, whether the account holds the number already), then, once asked,
make it (one POST each, never retried blindly) and say what it came to."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from numsearch.errors import CredentialsError, NumsearchError, TwilioRefused
from numsearch.number_types import type_of_area_code
from numsearch.purchase_outcome import PurchaseOutcome, purchase_question
from numsearch.query import SearchFilters, build_query
from numsearch.search import checked_search
from numsearch.spec_limits import answer_cap

if TYPE_CHECKING:
    from numsearch.api import TwilioClient
    from numsearch.events import Teller
    from numsearch.pricing import Cost, PriceLimit
    from numsearch.purchase import (
        BulkItem,
        Purchase,
        Wanted,
    )

# Which of several addresses (or bundles) that fit: (what, [(sid, label)]) -> the SID.
Choose = Callable[[str, list[tuple[str, str]]], str]


class Plan(NamedTuple):
    """A purchase looked at, nothing sent: what it buys (with the paperwork it needs), what
    it costs a month, why it will not be bought (`refused`: above the max price, no
    address or bundle that fits), and for a dry run the SID under which the account
    already holds the number (`held`: a real run would buy nothing)."""

    purchase: Purchase
    cost: Cost
    refused: str | None = None
    held: str | None = None

    @property
    def item(self) -> BulkItem:
        """The plan as purchase.buy_each takes it."""
        from numsearch.purchase import BulkItem

        return BulkItem(self.purchase, self.cost.to_json(), self.refused)

    def outcome(self) -> PurchaseOutcome:
        """A dry run's record: nothing bought; the form that would be POSTed (none for a
        number the account holds)."""
        if self.held:
            reason = "already on the account: a real run would buy nothing, send no POST"
            return PurchaseOutcome(self.purchase.phone_number, "already-owned", sid=self.held,
                                   reason=reason, **self.cost.to_json())  # fmt: skip
        return PurchaseOutcome(
            self.purchase.phone_number, "dry-run", reason=self.refused,
            form=self.purchase.form(), **self.cost.to_json(),
        )  # fmt: skip


def plan_one(
    client: TwilioClient,
    purchase: Purchase,
    limit: PriceLimit | None,
    *,
    choose: Choose,
    tell: Teller,
    dry_run: bool = False,
    address_need: str | None = None,
) -> Plan:
    """One purchase's price (AboveMaxPrice when it costs more than `limit`, or cannot be
    checked against it) and paperwork (NotReady when nothing fits), read-only; for a dry
    run, first whether the account holds the number already (then nothing else is
    looked at)."""
    from numsearch.pricing import Cost, check_max_price
    from numsearch.purchase import ready_purchase

    held = held_sid(client, purchase, tell) if dry_run else None
    if held:
        return Plan(purchase, Cost(None, problem="the account holds it already"), held=held)
    cost = _cost(client, purchase, tell)
    check_max_price(cost, limit, purchase.what)
    purchase = ready_purchase(client, purchase, choose, address_need=address_need,
                              tell=tell.note, warn=tell.warn)  # fmt: skip
    return Plan(purchase, cost)


def plan_each(
    client: TwilioClient,
    wanted: Sequence[Wanted],
    form: dict[str, str],
    limit: PriceLimit | None,
    *,
    choose: Choose,
    tell: Teller,
    dry_run: bool = False,
) -> list[Plan]:
    """Several purchases looked at before any is made: each priced and its paperwork
    checked (a number above `limit` or without paperwork is `refused`, the others go on;
    the paperwork of numbers alike is asked once); for a dry run, whether the account
    holds each already."""
    from numsearch.bulk import prepare

    looked_up: dict[tuple[str, str], Any] = {}  # paperwork per country and type
    plans = []
    with tell.step(f"Looking up {len(wanted)} numbers' prices and paperwork"):
        for item in wanted:
            bulk_item, cost = prepare(client, item, form, limit, looked_up, choose=choose,
                                      tell=tell.note, warn=tell.warn)  # fmt: skip
            held = held_sid(client, bulk_item.purchase, tell) if dry_run else None
            plans.append(Plan(bulk_item.purchase, cost, bulk_item.refused, held))
    return plans


def found_in_area(client: TwilioClient, npa: str, count: int, tell: Teller) -> list[Wanted]:
    """The first `count` numbers a search of area code `npa` finds (past Twilio's cap when
    needed), so that their prices and paperwork are known before the question; fewer
    (or none) said as a note."""
    from numsearch.purchase import Wanted
    from numsearch.sweep import find_all

    country, kind = type_of_area_code(npa)
    query = build_query(kind.command, country or "US", SearchFilters(area_code=[npa]))
    with tell.step(f"Searching area code {npa}"):
        checked = checked_search(client, query, warn=tell.warn)
    answer = checked.kept
    if len(answer) < count and checked.received >= answer_cap():  # Twilio's cap hid the rest
        with tell.step(f"Sweeping area code {npa} past Twilio's cap"):
            swept = find_all(client, query._replace(limit=count), rank=False, cap=answer_cap(),
                             warn=tell.warn)  # fmt: skip
        tell.note(swept.summary())
        answer = swept.numbers
    found = answer[:count]
    if not found:
        tell.note(f"no numbers found in area code {npa}: nothing bought")
    elif len(found) < count:
        tell.note(f"only {len(found)} of {count} found in area code {npa}")
    return [Wanted(n.phone_number, "search", n.iso_country, n.address_requirements) for n in found]


def held_sid(client: TwilioClient, purchase: Purchase, tell: Teller) -> str | None:
    """The SID under which the account already holds the number, or None (not held, or
    the look failed: a warning, and the dry run shows the POST)."""
    from numsearch.purchase import held_already

    try:
        held = held_already(client, purchase)
    except NumsearchError as failure:
        if isinstance(failure, CredentialsError):
            raise
        tell.warn(f"could not check whether the account holds {purchase.what}: {failure.message}")
        return None
    return held.sid if held else None


def _cost(client: TwilioClient, purchase: Purchase, tell: Teller) -> Cost:
    """What the purchase costs a month (a read-only lookup, cached); unknown is a warning."""
    from numsearch.pricing import cost_of

    with tell.step(f"Looking up the price of {purchase.what}"):
        cost = cost_of(client, *purchase.kind(), warn=tell.warn)
    if cost.amount is None:
        tell.warn(f"the monthly price of {purchase.what} is unknown: {cost.problem}")
    return cost


def question(plans: Plan | Sequence[Plan], account: str, sandbox: bool) -> str:
    """The question asked before spending money: for one purchase, what, for how much and
    on which account; for several, how many and the total a month."""
    from numsearch.bulk import question as bulk_question

    if isinstance(plans, Plan):
        return purchase_question(plans.purchase, account, plans.cost, sandbox)
    return bulk_question([(plan.item, plan.cost) for plan in plans], account, sandbox)


def make_one(client: TwilioClient, plan: Plan, tell: Teller) -> PurchaseOutcome:
    """Buy (once: buy_safely), say how it went, and return what it came to; a refusal
    for missing paperwork says the fix (NotReady)."""
    from numsearch.compliance import explain_refusal
    from numsearch.purchase import buy_safely

    purchase = plan.purchase

    def lost(message: str) -> None:  # the answer was lost: the account is looked at
        tell.warn(message)
        tell.doing(f"Looking for {purchase.what} on the account")

    with tell.step(f"Buying {purchase.what}"):
        try:
            outcome = buy_safely(client, purchase, tell=lost)
        except TwilioRefused as refused:  # a missing address or bundle: say the fix
            raise explain_refusal(refused, *purchase.kind()) from None
    for note in outcome.notes:
        tell.warn(note)
    tell.note(outcome.summary)
    return PurchaseOutcome.of(purchase, outcome, plan.cost)


def make_each(client: TwilioClient, plans: Sequence[Plan], tell: Teller) -> list[PurchaseOutcome]:
    """Buy each plan in turn (purchase.buy_each: a failure does not stop the others, but
    rejected credentials and a number bought instead of another do)."""
    from numsearch.purchase import buy_each

    with tell.step(f"Buying {len(plans)} numbers"):
        rows = buy_each(client, [plan.item for plan in plans], tell=tell.warn)
    return [PurchaseOutcome.from_row(row) for row in rows]
