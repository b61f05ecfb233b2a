"""Buying a number safely: a validated form, one POST, and the truth after a failure.

The POST is never retried. When it fails after it may have reached Twilio (a timeout,
a reset, a 5xx, a garbled answer), numsearch asks Twilio which numbers the account
holds and reports what really happened: bought, not bought, or unknown (with the
command to check).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from numsearch.errors import InvalidInput, NumsearchError, TwilioUnavailable

if TYPE_CHECKING:
    from numsearch.api import TwilioClient
    from numsearch.models import IncomingNumber

# Form fields by kind, with the CLI flag that sets each (from the spec's
# CreateIncomingPhoneNumberRequest).
URL_FIELDS = {
    "VoiceUrl": "--voice-url", "VoiceFallbackUrl": "--voice-fallback-url",
    "SmsUrl": "--sms-url", "SmsFallbackUrl": "--sms-fallback-url",
    "StatusCallback": "--status-callback",
}  # fmt: skip
METHOD_FIELDS = {
    "VoiceMethod": "--voice-method", "VoiceFallbackMethod": "--voice-fallback-method",
    "SmsMethod": "--sms-method", "SmsFallbackMethod": "--sms-fallback-method",
    "StatusCallbackMethod": "--status-callback-method",
}  # fmt: skip
SID_FIELDS = {
    "AddressSid": ("--address-sid", "AD"), "BundleSid": ("--bundle-sid", "BU"),
    "EmergencyAddressSid": ("--emergency-address-sid", "AD"), "TrunkSid": ("--trunk-sid", "TK"),
    "IdentitySid": ("--identity-sid", "RI"),
    "VoiceApplicationSid": ("--voice-application-sid", "AP"),
    "SmsApplicationSid": ("--sms-application-sid", "AP"),
}  # fmt: skip
MAX_FRIENDLY_NAME = 64
_HEX32 = re.compile(r"[0-9a-fA-F]{32}")


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
    number: str | None, area_code: str | None, options: Mapping[str, str | None], country: str
) -> Purchase:
    """Validate a purchase before anything is sent; raise InvalidInput naming the flag."""
    if bool(number) == bool(area_code):
        raise InvalidInput("give a NUMBER to buy or --area-code, one of the two")
    phone = _phone_number(number, country) if number else None
    if area_code is not None and not re.fullmatch(r"[0-9]{3}", area_code.strip()):
        raise InvalidInput(f"--area-code {area_code!r} is not a 3-digit area code (e.g. 510)")
    return Purchase(phone, area_code.strip() if area_code else None, checked_options(options))


def checked_options(options: Mapping[str, str | None]) -> dict[str, str]:
    """The setup options given (spec names -> values), each checked; InvalidInput if not."""
    return {
        name: _checked(name, value) for name, value in options.items() if value not in (None, "")
    }


def _phone_number(text: str, country: str) -> str:
    import phonenumbers

    from numsearch.vanity import has_letters, keypad_digits

    digits = keypad_digits(text, keep="+") if has_letters(text) else text  # 1-800-FLOWERS
    try:
        parsed = phonenumbers.parse(digits, country)
    except phonenumbers.NumberParseException:
        raise InvalidInput(f"{text!r} is not a phone number (write it as +15105550100)") from None
    if not phonenumbers.is_valid_number(parsed):
        raise InvalidInput(
            f"{text!r} cannot be a real number in E.164 (+ country code and number, e.g."
            " +15105550100)"
        )
    return str(phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164))


def _checked(name: str, value: str) -> str:
    if name in URL_FIELDS:
        url = urlsplit(value)
        if url.scheme not in ("http", "https") or not url.netloc:
            raise InvalidInput(f"{URL_FIELDS[name]} {value!r} is not an http(s) URL")
    elif name in METHOD_FIELDS:
        if value.upper() not in ("GET", "POST"):
            raise InvalidInput(f"{METHOD_FIELDS[name]} must be GET or POST, not {value!r}")
        return value.upper()
    elif name in SID_FIELDS:
        flag, prefix = SID_FIELDS[name]
        if not (value.startswith(prefix) and _HEX32.fullmatch(value[2:])):
            raise InvalidInput(f"{flag} must be {prefix} followed by 32 hex digits, not {value!r}")
    elif name == "FriendlyName" and len(value) > MAX_FRIENDLY_NAME:
        raise InvalidInput(f"--friendly-name is {len(value)} characters: at most 64")
    return value


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
