"""What a purchase came to, as one typed record (what the Python API returns and the
command line prints for each number of a bulk buy), and the question asked before it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from numsearch.numbering import format_national

if TYPE_CHECKING:
    from numsearch.models import IncomingNumber
    from numsearch.pricing import Cost
    from numsearch.purchase import Outcome, Purchase

OutcomeName = Literal[
    "bought", "already-owned", "bought-other", "failed", "unknown", "skipped", "dry-run"
]


class PurchaseOutcome(NamedTuple):
    """One purchase: the number asked (`phone_number`; None for any number in an area
    code), how it went, the number Twilio says it bought (`bought`), why (`reason`), its
    SID and its monthly price. A dry run's has the form that would be sent; a purchase
    that went through has the account's record of the number (`record`)."""

    phone_number: str | None
    outcome: OutcomeName
    bought: str | None = None
    reason: str | None = None
    sid: str | None = None
    monthly_price: float | None = None
    price_unit: str | None = None
    form: dict[str, str] | None = None  # a dry run's: what would be POSTed
    record: IncomingNumber | None = None  # the account's record, when one was bought or held

    @classmethod
    def of(cls, purchase: Purchase, outcome: Outcome, cost: Cost) -> PurchaseOutcome:
        """The record of what buy_safely found out (as a bulk buy's row says it)."""
        from numsearch.purchase import outcome_row

        row = outcome_row(purchase.phone_number, outcome, cost.to_json())
        return cls.from_row(row)._replace(record=outcome.number)

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> PurchaseOutcome:
        """The record of a bulk buy's row (purchase.buy_each)."""
        return cls(
            row["phone_number"], row["outcome"], row.get("bought"), row.get("reason"),
            row.get("sid"), row.get("monthly_price"), row.get("price_unit"),
        )  # fmt: skip

    @classmethod
    def planned(cls, purchase: Purchase, cost: Cost) -> PurchaseOutcome:
        """A dry run's record: nothing was bought."""
        return cls(purchase.phone_number, "dry-run", form=purchase.form(), **cost.to_json())

    @property
    def title(self) -> str:
        """What it came to, in a few words: `Bought: +15105550100`."""
        if self.outcome == "bought-other":
            return f"Bought another number than asked: {self.bought}"
        if self.outcome == "already-owned":
            return f"Already yours: {self.phone_number}"
        if self.outcome == "bought":
            return f"Bought: {self.bought}"
        return f"{self.outcome.capitalize()}: {self.phone_number or 'a number'}"

    def to_json(self) -> dict[str, Any]:
        """The stable JSON record (a bulk buy's row, OUTCOME_FIELDS; `form` only for a dry
        run)."""
        record = {name: getattr(self, name) for name in OUTCOME_FIELDS}
        if self.form is not None:
            record["form"] = self.form
        return record


# A bulk buy's row: the outcome's fields but the dry run's form and the account's record.
OUTCOME_FIELDS = tuple(f for f in PurchaseOutcome._fields if f not in ("form", "record"))


def purchase_question(purchase: Purchase, account: str, cost: Cost | None, sandbox: bool) -> str:
    """The question asked before spending money: what, for how much, on which account."""
    price = f" for {cost.text}" if cost is not None else ""
    what = purchase.what
    if purchase.phone_number:
        what = f"{purchase.phone_number} ({format_national(purchase.phone_number)})"
    where = " [sandbox: nothing real is bought]" if sandbox else ""
    return f"Buy {what}{price} on account {account}{where}? Twilio charges for it"
