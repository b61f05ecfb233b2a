"""What a number must hold to answer a search: one matcher for both sides of the wire.

The sandbox answers a search by it, and numsearch checks every record of a real answer
by it before anything is printed, passed to a hook, remembered or bought (search.py), so
the two cannot disagree. The client's checks are the sandbox's, read loosely where
Twilio's own reading is not written down (a Contains pattern may be matched on the
national number or on the whole E.164 digits), and only where a record says what it
holds: a field it leaves out is not held against it.

Region, locality, LATA, rate centre and distance are not checked here: they are
Twilio's word (its data, not a rule numsearch can apply).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from functools import cache

from numsearch.countries import US_CA
from numsearch.keypad import pattern_regex
from numsearch.number_types import NANP_PREMIUM_RATE, NANP_TOLL_FREE

NANP_CALLING_CODE = "1"
E164 = re.compile(r"\+[0-9]{2,20}")  # `+` then digits: the only shape a record may have


@cache
def _regex(pattern: str) -> re.Pattern[str]:
    return pattern_regex(pattern)


def contains(pattern: str, digits: str, national_from: int) -> bool:
    """Twilio's Contains on a number's E.164 digits. A pattern that starts with `+` is
    matched from the start of the whole number, country code included; any other is found
    within the national number (`digits[national_from:]`), never across the country code,
    so that a pattern as long as the national number (what --starts-with and --ends-with
    send, padded with `*`) matches it digit for digit, in position."""
    if pattern.startswith("+"):
        return _regex(pattern).search(digits) is not None
    return _regex(pattern).search(digits[national_from:]) is not None


def contains_loosely(pattern: str, digits: str, national_from: int) -> bool:
    """Contains as the client checks it: Twilio's reading (`contains`), or a short pattern
    found anywhere in the whole E.164 digits, across the country code (`15107`). A pattern
    anchored at the start, or as long as the national number (what --starts-with and
    --ends-with send, padded with `*`), holds only in position. Whatever `contains`
    admits, this admits too."""
    if contains(pattern, digits, national_from):
        return True
    body = pattern.removeprefix("+").removesuffix("$")
    if pattern.startswith("+") or len(body) >= len(digits) - national_from:
        return False
    return _regex(pattern).search(digits) is not None


def in_area_code(area_code: str, digits: str, national_from: int) -> bool:
    """Whether the national number starts with `area_code`."""
    return digits[national_from:].startswith(area_code)


def capabilities_hold(wanted: Mapping[str, bool | None], stated: Mapping[str, bool] | None) -> bool:
    """Whether every capability asked true or false (`{"sms": True}`) is as asked, where
    the record states it (`stated` holds only the capabilities it names)."""
    if not stated:
        return True
    return all(
        stated[name] == value
        for name, value in wanted.items()
        if value is not None and name in stated
    )


def address_allowed(excluded: Collection[str], need: str | None) -> bool:
    """Whether a number with address requirement `need` (none, any, local, foreign; any
    case) survives --exclude-address-required `excluded` (all, local, foreign). A need the
    record does not state is not held against it; one it states that is not `none` is
    what `all` leaves out."""
    if need is None:
        return True
    need = need.strip().lower()
    if "all" in excluded:
        return need == "none"
    return not (need in ("local", "foreign") and need in excluded)


@cache
def calling_code(country: str) -> str:
    """The country's calling code as digits (`1` in North America, `44` for GB)."""
    if country.upper() in US_CA:  # most searches: no need to load phonenumbers
        return NANP_CALLING_CODE
    import phonenumbers

    code = phonenumbers.country_code_for_region(country.upper())
    return str(code) if code else ""


def _plan_type(digits: str) -> object | None:
    """The phonenumbers PhoneNumberType of a number (E.164 digits) it knows as valid."""
    import phonenumbers

    try:
        parsed = phonenumbers.parse("+" + digits, None)
    except phonenumbers.NumberParseException:
        return None
    return phonenumbers.number_type(parsed) if phonenumbers.is_valid_number(parsed) else None


def is_premium_rate(digits: str, country: str) -> bool:
    """Whether the number (E.164 digits) is premium-rate, which Twilio sells under no
    number type: in the US and Canada area code 900, elsewhere as phonenumbers says of a
    number it knows."""
    if country.upper() in US_CA and digits.startswith(NANP_CALLING_CODE):
        return digits[1:4] in NANP_PREMIUM_RATE
    import phonenumbers

    return _plan_type(digits) == phonenumbers.PhoneNumberType.PREMIUM_RATE


def is_toll_free(digits: str, country: str) -> bool | None:
    """Whether the number (E.164 digits) is toll-free, as its numbering plan says: in the
    US and Canada by its area code (new overlays need no metadata), elsewhere by
    phonenumbers where it knows the number; None when the plan does not tell."""
    if country.upper() in US_CA and digits.startswith(NANP_CALLING_CODE):
        return digits[1:4] in NANP_TOLL_FREE
    import phonenumbers

    kind = _plan_type(digits)
    return None if kind is None else kind == phonenumbers.PhoneNumberType.TOLL_FREE
