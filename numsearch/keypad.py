"""The phone keypad and Twilio's Contains patterns (pure, no imports beyond the stdlib).

Letters become keypad digits (`STORM` -> `78676`); a Contains pattern (`+1510***`,
`78676$`, `866%EPIC`) becomes a regular expression over a number's digits.
"""

from __future__ import annotations

import re
import unicodedata

from numsearch.errors import InvalidInput
from numsearch.untrusted import quoted

KEYPAD: dict[str, str] = {
    "2": "ABC",
    "3": "DEF",
    "4": "GHI",
    "5": "JKL",
    "6": "MNO",
    "7": "PQRS",
    "8": "TUV",
    "9": "WXYZ",
}
LETTER_DIGITS: dict[str, str] = {
    letter: digit for digit, letters in KEYPAD.items() for letter in letters
}
# What people write between the parts of a number; it carries no meaning.
SEPARATORS = frozenset("-. ()")
WILDCARD = "*"


def ascii_text(text: str) -> str:
    """What a user typing on another keyboard means: full-width letters and digits, and
    the digits of other scripts (Arabic-Indic, Devanagari, ...), as ASCII: 510 for
    each way of writing it."""
    folded = unicodedata.normalize("NFKC", text)
    return "".join(
        str(unicodedata.decimal(ch)) if ch.isdecimal() and not ch.isascii() else ch for ch in folded
    )


def strip_separators(text: str) -> str:
    """`text` in ASCII (see ascii_text) without the dashes, dots, spaces and parentheses
    people group numbers with."""
    return "".join(ch for ch in ascii_text(text) if ch not in SEPARATORS)


def keypad_digits(text: str, *, keep: str = WILDCARD) -> str:
    """Translate letters to their keypad digits: `STORM` -> `78676`, `866***EPIC` -> `866***3742`.

    Digits and the characters in `keep` pass through, separators are dropped, and
    anything else raises InvalidInput naming the character.
    """
    out: list[str] = []
    for ch in strip_separators(text):
        if (ch.isascii() and ch.isdigit()) or ch in keep:
            out.append(ch)
            continue
        digit = LETTER_DIGITS.get(ch.upper()) if ch.isascii() else None
        if digit is None:
            allowed = "letters, digits" + "".join(f" or {k}" for k in keep)
            raise InvalidInput(f"{quoted(ch)} in {quoted(text)} is not allowed: use {allowed}")
        out.append(digit)
    return "".join(out)


def has_letters(text: str) -> bool:
    """Whether `text` holds a letter, i.e. is a word to translate rather than digits."""
    return any(ch.isascii() and ch.isalpha() for ch in text)


def pattern_regex(pattern: str) -> re.Pattern[str]:
    """Twilio's Contains pattern as a regex over a number's digits (with country code)."""
    body = pattern.removeprefix("+").removesuffix("$")
    regex = "".join(r"\d" if ch == "*" else r"\d*" if ch == "%" else re.escape(ch) for ch in body)
    start = "^" if pattern.startswith("+") else ""
    end = "$" if pattern.endswith("$") else ""
    return re.compile(start + regex + end)
