"""One search: Twilio's answer for a query, checked against the query, with vanity marks
and ranking where asked.

Nothing a server sends is acted on before it is checked: every record of an answer must
be a number (`+` then digits) that holds what the query asked where a client can tell
(matching.py, the sandbox's own matcher): the country's calling code and `iso_country`,
the area code, the Contains pattern (--contains, --starts-with, --ends-with), toll-free
or not by the numbering plan, the capabilities asked, --exclude-address-required. The
rest is dropped with one warning, before anything is printed, passed to a hook,
remembered or bought; what is kept is one record per number.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, NamedTuple

from numsearch import matching
from numsearch.number_types import type_of_area_code
from numsearch.spec_limits import answer_cap
from numsearch.untrusted import clip

if TYPE_CHECKING:
    from numsearch.api import TwilioClient
    from numsearch.models import AvailableNumber
    from numsearch.query import SearchQuery

Warn = Callable[[str], None]


def _silent(message: str) -> None:
    pass


def mismatch(query: SearchQuery, number: AvailableNumber) -> str | None:
    """Why `number` cannot answer `query` (`not in area code 510`); None when it can."""
    phone = number.phone_number or ""
    if not matching.E164.fullmatch(phone):
        return "not written as + and digits"
    digits = phone[1:]
    code = matching.calling_code(query.country)
    if not digits.startswith(code):
        return f"not a {query.country} number (+{code})"
    if number.iso_country and number.iso_country.upper() != query.country:
        return f"its iso_country is {number.iso_country}, not {query.country}"
    start = len(code)
    if query.area_codes and not any(
        matching.in_area_code(a, digits, start) for a in query.area_codes
    ):
        return f"not in area code {', '.join(query.area_codes)}"
    if query.contains and not matching.contains_loosely(query.contains, digits, start):
        return f"does not match {query.contains}"
    toll_free = matching.is_toll_free(digits, query.country)
    wanted = query.number_type.command == "tollfree"
    if toll_free is not None and toll_free != wanted:
        return "a toll-free number" if toll_free else "not a toll-free number"
    if matching.is_premium_rate(digits, query.country):
        return "a premium-rate number"
    return _attributes_mismatch(query, number)


def _attributes_mismatch(query: SearchQuery, number: AvailableNumber) -> str | None:
    wanted = {"voice": query.voice, "sms": query.sms, "mms": query.mms, "fax": query.fax}
    stated = {
        name: value
        for name, value in (number.capabilities or {}).items()
        if name in number.stated_capabilities
    }
    if not matching.capabilities_hold(wanted, stated):
        missed = next(n for n, v in wanted.items() if v is not None and stated.get(n, v) != v)
        return f"{missed} is {str(stated[missed]).lower()}, not as asked"
    excluded = [scope.value for scope in query.exclude_address_required]
    if not matching.address_allowed(excluded, number.address_requirements):
        return f"its address requirement is {number.address_requirements}"
    return None


class Checked(NamedTuple):
    """An answer's records that hold what was asked, one per number, and what was not."""

    kept: list[AvailableNumber]
    # What was left out, once each: the numbers as written (a record without one counts by
    # its place in the answer); a sweep's answers repeat the same strays.
    strays: frozenset[str] = frozenset()
    example: str = ""  # one dropped record and why: `+19005550100 (not in area code 510)`
    received: int = 0  # records in the answer as it came (what tells whether it was cut)

    @property
    def dropped(self) -> int:
        """How many records were left out."""
        return len(self.strays)

    def warning(self) -> str:
        """The one warning for what was dropped."""
        noun = "number" if self.dropped == 1 else "numbers"
        return (
            f"Twilio's answer held {self.dropped} {noun} that the search did not ask for;"
            f" left out (e.g. {self.example})"
        )

    def joined(self, other: Checked) -> Checked:
        """Both checks' counts (a sweep's requests), with the first example."""
        return Checked(
            self.kept + other.kept,
            self.strays | other.strays,
            self.example or other.example,
            self.received + other.received,
        )


def check_answer(query: SearchQuery, numbers: Iterable[AvailableNumber]) -> Checked:
    """The records that can answer `query`, without duplicates, and what was left out."""
    kept: dict[str, AvailableNumber] = {}
    strays: set[str] = set()
    received = 0
    example = ""
    for number in numbers:
        received += 1
        why = mismatch(query, number)
        if why is None:
            kept.setdefault(number.phone_number or "", number)
            continue
        strays.add(number.phone_number if number.phone_number else f"#{id(number)}")
        example = example or f"{clip(number.phone_number or '(none)', 25)}: {why}"
    return Checked(list(kept.values()), frozenset(strays), example, received)


def checked_search(client: TwilioClient, query: SearchQuery, *, warn: Warn = _silent) -> Checked:
    """Twilio's answer to `query` (one request per area code, merged), checked against it;
    `warn` hears what was left out."""
    checked = check_answer(query, client.search(query))
    if checked.dropped:
        warn(checked.warning())
    return checked


class Cut(NamedTuple):
    """An answer as long as Twilio makes one: more numbers may match than it held."""

    found: int  # the numbers in the answer (for one area code, of several: in that one)
    cap: int  # the most numbers one answer holds
    area_code: str | None = None  # which area code's answer, when the search had several


def cut_at_cap(query: SearchQuery, checked: Checked, cap: int) -> Cut | None:
    """Whether Twilio's answer to `query` may have been cut at `cap` numbers (each area
    code's answer, for several); None when it held fewer, or `limit` asked for no more."""
    if query.limit is not None and query.limit <= cap:
        return None
    if len(query.area_codes) <= 1:
        return Cut(checked.received, cap) if checked.received >= cap else None
    start = len(matching.calling_code(query.country))
    for code in query.area_codes:
        found = sum(
            matching.in_area_code(code, (n.phone_number or "")[1:], start) for n in checked.kept
        )
        if found >= cap:
            return Cut(found, cap, code)
    return None


def unknown_empty_area_codes(query: SearchQuery, numbers: Iterable[AvailableNumber]) -> list[str]:
    """The area codes of `query` that no number of the answer is in and that phonenumbers
    does not know: a typo, or a code newer than its list. (Asked only of an empty one:
    numbers in it say it exists, and a search need not load phonenumbers.)"""
    if not query.area_codes:
        return []
    start = len(matching.calling_code(query.country))
    digits = [(n.phone_number or "")[1:] for n in numbers]
    return [
        code
        for code in query.area_codes
        if not any(matching.in_area_code(code, d, start) for d in digits)
        and type_of_area_code(code)[0] is None
    ]


def find_numbers(
    client: TwilioClient,
    query: SearchQuery,
    *,
    rank: bool,
    warn: Warn = _silent,
    cut: Callable[[Cut], None] | None = None,
) -> list[AvailableNumber]:
    """The numbers matching `query`, checked against it (`checked_search`), each marked
    where the searched pattern sits and spelled with the searched word; with `rank`,
    scored as vanity numbers and ordered best first. `cut` hears of an answer as long as
    Twilio makes one (`cut_at_cap`)."""
    checked = checked_search(client, query, warn=warn)
    if cut is not None and (at_cap := cut_at_cap(query, checked, answer_cap())) is not None:
        cut(at_cap)
    numbers = checked.kept
    if query.contains or rank:
        from numsearch.vanity import annotate

        numbers = annotate(
            numbers,
            pattern=query.contains,
            letters=query.letters,
            rank=rank,
            default_country=query.country,
        )
    return numbers
