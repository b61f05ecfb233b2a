"""Counting numbers per area code, region, locality or rate centre (`--by FIELD`) (pure).

One row per value with its count, largest first and ties by name; a number without the
field counts under `unknown`. The area code is read from the number itself, and only
North American numbers have one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from enum import StrEnum
from typing import TYPE_CHECKING, Any, NamedTuple

from numsearch.countries import US_CA
from numsearch.errors import InvalidInput
from numsearch.untrusted import quoted

if TYPE_CHECKING:
    from numsearch.models import AvailableNumber

UNKNOWN = "unknown"


class CountBy(StrEnum):
    """What numbers are counted by, as the flag writes it."""

    area_code = "area-code"
    region = "region"
    locality = "locality"
    rate_center = "rate-center"

    @property
    def field(self) -> str:
        """Its JSON name, the key of each row: `area_code`, `region`, …"""
        return self.value.replace("-", "_")

    @property
    def label(self) -> str:
        """How a title names it: `area code`, `rate center`."""
        return self.value.replace("-", " ")


def count_field(by: str | CountBy, country: str | None = None) -> CountBy:
    """`by` checked, for a search in `country` when given (InvalidInput: exit 2, nothing
    sent)."""
    try:
        field = CountBy(by.replace("_", "-"))
    except ValueError:
        choices = ", ".join(CountBy)
        raise InvalidInput(f"--by takes {choices}, not {quoted(by)}") from None
    if field is CountBy.area_code and country is not None and country not in US_CA:
        raise InvalidInput(
            f"--by area-code works only for US and CA numbers, not {country}"
            " (try --by region or --by locality)"
        )
    return field


class Group(NamedTuple):
    """One value of the field and how many numbers have it."""

    name: str
    size: int  # how many numbers (`count` is a tuple's method)


class Counts(NamedTuple):
    """A search's numbers counted by one field, and how whole the search was."""

    by: CountBy
    groups: tuple[Group, ...]
    swept: bool = False  # --all: every number Twilio has, past the cap of one answer
    complete: bool = False  # a sweep that finished (one answer never says it is whole)

    @property
    def total(self) -> int:
        """How many numbers were counted."""
        return sum(group.size for group in self.groups)

    @property
    def fields(self) -> tuple[str, str]:
        """The fields of each row: the field's JSON name, then `count`."""
        return (self.by.field, "count")

    def records(self) -> list[dict[str, Any]]:
        """The rows as JSON has them: `{"region": "CA", "count": 120}`."""
        return [{self.by.field: group.name, "count": group.size} for group in self.groups]

    def coverage(self) -> str:
        """What the counts cover, for a title or a note."""
        if not self.swept:
            return "one answer, which Twilio cuts at about 30 numbers (--all counts them all)"
        if self.complete:
            return "every number (--all)"
        return "an incomplete sweep: numbers were left uncounted (--all stopped early)"


def value_of(number: AvailableNumber, by: CountBy) -> str:
    """The number's value of the field, or UNKNOWN."""
    if by is CountBy.area_code:
        phone = number.phone_number or ""
        # Only North American numbers reach here: +1, then the area code.
        return phone[2:5] if phone.startswith("+1") and len(phone) == 12 else UNKNOWN
    value = {
        CountBy.region: number.region,
        CountBy.locality: number.locality,
        CountBy.rate_center: number.rate_center,
    }[by]
    return (value or "").strip() or UNKNOWN


def groups(numbers: Iterable[AvailableNumber], by: CountBy) -> tuple[Group, ...]:
    """The numbers counted by `by`: largest first, ties by name."""
    counted = Counter(value_of(number, by) for number in numbers)
    ordered = sorted(counted.items(), key=lambda item: (-item[1], item[0]))
    return tuple(Group(name, count) for name, count in ordered)
