"""The full answer to a search, known without the sandbox's filter code: the sandbox's
whole stock (`inventory.enumerate_stock`), filtered by a brute-force matcher written here
from the spec's description of Contains and the filters' meanings.

Contains, from Twilio's spec (and the README): letters are read on the phone keypad; `*`
is any one digit, `%` any run of digits (none too); a pattern that starts with `+` is
matched from the first digit of the whole number, country code included; any other is
found somewhere within the national number; `$` last ties it to the last digit.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any

KEYS = {"2": "ABC", "3": "DEF", "4": "GHI", "5": "JKL", "6": "MNO", "7": "PQRS", "8": "TUV",
        "9": "WXYZ"}  # fmt: skip
DIGIT_OF = {letter: digit for digit, letters in KEYS.items() for letter in letters}


def on_keypad(pattern: str) -> str:
    """Letters as their keypad digits; everything else as it is."""
    return "".join(DIGIT_OF.get(ch.upper(), ch) for ch in pattern)


def _match_here(pattern: str, digits: str, *, to_end: bool) -> bool:
    """Whether `pattern` (digits, `*`, `%`) matches `digits` from its first digit: all of
    them when `to_end`, else any beginning of them."""
    if not pattern:
        return not digits or not to_end
    head, rest = pattern[0], pattern[1:]
    if head == "%":
        return any(
            _match_here(rest, digits[skip:], to_end=to_end) for skip in range(len(digits) + 1)
        )
    if not digits:
        return False
    if head == "*" or head == digits[0]:
        return _match_here(rest, digits[1:], to_end=to_end)
    return False


def contains(pattern: str, e164: str, country_code: str) -> bool:
    """Twilio's Contains on an E.164 number, by trying every place."""
    digits = on_keypad(pattern)
    whole = e164.removeprefix("+")
    to_end = digits.endswith("$")
    body = digits.removeprefix("+").removesuffix("$")
    if digits.startswith("+"):
        return _match_here(body, whole, to_end=to_end)
    national = whole[len(country_code) :]
    return any(_match_here(body, national[i:], to_end=to_end) for i in range(len(national) + 1))


def country_code_of(country: str) -> str:
    """The calling code (North America: 1), from the E.164 digits phonenumbers gives."""
    if country in ("US", "CA"):
        return "1"
    import phonenumbers

    return str(phonenumbers.country_code_for_region(country))


@cache
def stock(country: str, type_key: str) -> tuple[dict[str, Any], ...]:
    """Every number the sandbox has, as Twilio's JSON (what an answer would show)."""
    from numsearch.sandbox import inventory

    return tuple(offer.to_wire() for offer in inventory.enumerate_stock(country, type_key))


def answer(
    country: str,
    type_key: str,
    *,
    area_code: str | None = None,
    contains_pattern: str | None = None,
    sms: bool | None = None,
    region: str | None = None,
    bought: Iterable[str] = (),
) -> set[str]:
    """Every number of the stock a search with these filters must find."""
    code = country_code_of(country)
    gone = set(bought)
    found = set()
    for record in stock(country, type_key):
        number = record["phone_number"]
        if number in gone:
            continue
        if area_code is not None and not number.startswith(f"+1{area_code}"):
            continue
        if contains_pattern is not None and not contains(contains_pattern, number, code):
            continue
        if sms is not None and record["capabilities"]["SMS"] != sms:
            continue
        if region is not None and record["region"] != region:
            continue
        found.add(number)
    return found
