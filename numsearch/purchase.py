"""Buying a number safely: a validated form, one POST, and the truth after a failure.

The POST is never retried. When it fails after it may have reached Twilio (a timeout,
a reset, a 5xx, a garbled answer), numsearch asks Twilio which numbers the account
holds and reports what really happened: bought, not bought, or unknown (with the
command to check).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from numsearch.errors import InvalidInput, NumsearchError, TwilioUnavailable
from numsearch.purchase_fields import checked_form

if TYPE_CHECKING:
    from numsearch.api import TwilioClient
    from numsearch.models import IncomingNumber


@dataclass(frozen=True)
class Purchase:
    """What to buy (a number, or any number in an area code) and how to set it up."""

    phone_number: str | None = None  # E.164
    area_code: str | None = None
    options: Mapping[str, str] = field(default_factory=dict)  # spec names -> values

    def form(self) -> dict[str, str]:
        """The exact form POSTed to IncomingPhoneNumbers.json."""
        target = {"PhoneNumber": self.phone_number} if self.phone_number else {}
        if self.area_code:
            target["AreaCode"] = self.area_code
        return {**target, **dict(self.options)}

    @property
    def what(self) -> str:
        """`+15105550100`, or `a number in area code 510`."""
        return self.phone_number or f"a number in area code {self.area_code}"


def build_purchase(
    number: str | None, area_code: str | None, setup: Mapping[str, str | None], country: str
) -> Purchase:
    """Validate a purchase before anything is sent; raise InvalidInput naming the flag.

    `setup` maps option names (friendly_name) to values, None where not given.
    """
    from numsearch.query import area_code as checked_area_code

    if bool(number) == bool(area_code):
        raise InvalidInput("give a NUMBER to buy or --area-code, one of the two")
    phone = _phone_number(number, country) if number else None
    code = checked_area_code(area_code) if area_code is not None else None
    return Purchase(phone, code, checked_form(dict(setup)))


def _phone_number(text: str, country: str) -> str:
    from numsearch.numbering import NotANumber, e164, parse_number

    try:
        return e164(parse_number(text, country, valid=True))
    except NotANumber as exc:
        if exc.kind == "unparsable":
            raise InvalidInput(
                f"{text!r} is not a phone number (write it as +15105550100)"
            ) from None
        raise InvalidInput(
            f"{text!r} cannot be a real number in E.164 (+ country code and number, e.g."
            " +15105550100)"
        ) from None


@dataclass(frozen=True)
class Outcome:
    """What a purchase came to."""

    number: IncomingNumber
    note: str | None = None  # said on stderr: how the truth was found, or that it was owned


def buy_safely(client: TwilioClient, purchase: Purchase) -> Outcome:
    """POST the purchase once; after an ambiguous failure, find out what happened.

    Raises TwilioRefused when Twilio says no, and TwilioUnavailable (exit 5) when the
    number was not bought or it cannot be told whether it was.
    """
    before = _owned(client, purchase)
    if purchase.phone_number and before:
        return Outcome(before[0], note=f"{purchase.phone_number} is already on this account")
    try:
        return Outcome(client.buy(purchase.form()))
    except TwilioUnavailable as failure:
        if not failure.sent:
            raise TwilioUnavailable(f"not bought: {failure.message}") from None
        return _after_ambiguous_failure(client, purchase, before, failure)


def _owned(client: TwilioClient, purchase: Purchase) -> list[IncomingNumber]:
    """The account's numbers that this purchase could produce (exact, or by area code)."""
    pattern = purchase.phone_number or f"+1{purchase.area_code}"
    return [
        number
        for number in client.incoming_numbers(pattern)
        if number.phone_number
        and (number.phone_number == purchase.phone_number or not purchase.phone_number)
    ]


def _after_ambiguous_failure(
    client: TwilioClient, purchase: Purchase, before: list[IncomingNumber], failure: NumsearchError
) -> Outcome:
    check = (
        f"numsearch owned {purchase.phone_number}"
        if purchase.phone_number
        else f"numsearch owned +1{purchase.area_code}"
    )
    try:
        after = _owned(client, purchase)
    except NumsearchError as lookup:
        raise TwilioUnavailable(
            f"could not tell whether {purchase.what} was bought: the purchase failed"
            f" ({failure.message}) and so did the check ({lookup.message}); see: {check}"
        ) from None
    known = {n.sid for n in before}
    new = [n for n in after if n.sid not in known]
    if new:
        return Outcome(
            new[0],
            note=f"the answer was lost ({failure.message}) but the purchase went through",
        )
    raise TwilioUnavailable(
        f"not bought: {failure.message}; {purchase.what} is not on the account"
        f" (checked; see: {check})"
    )
