"""A number's layout for spelling (pure): its national digits, where the part after
the area code begins, its written groups, and the number written with words over them."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import NamedTuple

from numsearch.errors import InvalidInput
from numsearch.numbering import NotANumber, parse_number


class NumberLayout(NamedTuple):
    """A number's national significant digits and how it is written, for spelling."""

    e164: str
    country_code: str
    national: str  # national significant number: 8003569377
    subscriber_start: int  # where the part after the area code begins (3 for NANP)
    group_starts: frozenset[int]  # digit positions that begin a written group
    written: str  # "800-356-9377": the international form without "+1 "

    @property
    def nanp(self) -> bool:
        return self.country_code == "1"


_NANP_GROUPS = frozenset({0, 3, 6})


def layout(number: str, default_country: str = "US") -> NumberLayout:
    """Parse a phone number (letters allowed: 1-800-FLOWERS) into its layout.

    Raises InvalidInput when it cannot be read as a possible number.
    """
    import phonenumbers

    try:
        parsed = parse_number(number, default_country, extra_letters=True)
    except NotANumber as exc:
        # 1-800-HOTELS is a digit short: its digits read as some other, unassigned number.
        hint = ": too few or too many letters?" if exc.kind == "invalid" else ""
        raise InvalidInput(f"{exc}{hint}") from None
    national = str(phonenumbers.national_significant_number(parsed))
    country_code = str(parsed.country_code)
    if country_code == "1" and len(national) == 10:
        # Every NANP number is written 3-3-4 after a 3-digit area code; formatting it
        # through phonenumbers costs more than spelling it (a search ranks 1,000 at once).
        return NumberLayout(
            e164=f"+1{national}",
            country_code="1",
            national=national,
            subscriber_start=3,
            group_starts=_NANP_GROUPS,
            written=f"{national[:3]}-{national[3:6]}-{national[6:]}",
        )
    international = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    written = international.removeprefix(f"+{country_code}").strip()
    starts, position, previous = set(), 0, " "
    for ch in written:
        if ch.isdigit():
            if not previous.isdigit():
                starts.add(position)
            position += 1
        previous = ch
    if position != len(national):  # an unusual format: fall back to plain digits
        written, starts = national, {0}
    return NumberLayout(
        e164=f"+{country_code}{national}",
        country_code=country_code,
        national=national,
        subscriber_start=phonenumbers.length_of_national_destination_code(parsed),
        group_starts=frozenset(starts),
        written=written,
    )


_AS_SHAPE = str.maketrans("0123456789", "dddddddddd")


@cache
def _gaps(shape: str) -> tuple[tuple[str, ...], str]:
    """For a number written as `shape` (its digits as `d`): what is written before each
    digit, ("", "", "", "-", …) for "ddd-ddd-dddd", and its usual separator ("-")."""
    gaps: list[str] = []
    pending = ""
    for ch in shape:
        if ch == "d":
            gaps.append(pending)
            pending = ""
        else:
            pending += ch
    return tuple(gaps), next((ch for ch in shape if ch != "d"), "-")


def spelled_form(
    number: NumberLayout, words: Sequence[tuple[int, str]], *, advertised: bool = False
) -> str:
    """The number written with `words` ((national position, WORD) pairs) over its digits.

    Each word stands as a group of its own: `+1 510-STORM-00`, `+1 800-FLOW-ERR`; the
    number's own separators inside a word go. A last word longer than the number is
    written whole, as ads write it (`1-800-MATTRESS`). `advertised` writes NANP numbers
    the way they are painted on vans: `1-800-FLOWERS`.
    """
    gaps, separator = _gaps(number.written.translate(_AS_SHAPE))
    size = len(number.national)
    chars = list(number.national)
    owner = [-1] * size
    overflow = ""
    for index, (start, word) in enumerate(words):
        fits = word.upper()[: size - start]
        chars[start : start + len(fits)] = fits
        owner[start : start + len(fits)] = [index] * len(fits)
        overflow += word.upper()[len(fits) :]
    out = [chars[0]] if size else []
    for position in range(1, size):
        here, before = owner[position], owner[position - 1]
        if here < 0 or here != before:
            gap = gaps[position]
            if gap:
                out.append(gap)
            elif here != before:
                out.append(separator)  # a word starts or ends inside a group
        out.append(chars[position])
    body = "".join(out) + overflow
    if advertised and number.nanp:
        return f"1-{body}"
    return f"+{number.country_code} {body}"
