"""How memorable a number's digits are (pure): repeats, runs, years, mirrored
halves, repeated pairs, few distinct digits and round endings; and whether a stretch of
digits left between words reads as one memorable chunk (444, 2345, 7000, 1990)."""

from __future__ import annotations

from functools import cache
from itertools import pairwise
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from numsearch.number_layout import NumberLayout


class Memorability(NamedTuple):
    """How easy a number's digits are to remember, 0..1, and why."""

    score: float
    reasons: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        """`{"score": 0.68, "reasons": ["repeats 5555", "run 1234"]}`."""
        return {"score": self.score, "reasons": list(self.reasons)}


def _longest(digits: str, step: int) -> tuple[int, int]:
    """(start, length) of the longest run whose digits go up by `step` (0: repeat)."""
    best = (0, 1)
    start = 0
    for i in range(1, len(digits) + 1):
        if i < len(digits) and (int(digits[i]) - int(digits[i - 1])) % 10 == step % 10:
            continue
        if i - start > best[1]:
            best = (start, i - start)
        start = i
    return best


def memorability(number: NumberLayout) -> Memorability:
    """How memorable the digits after the area code are, from repeats (222-2222), runs
    (1234, 9876), years (2020), mirrored halves (1221), repeated pairs (4545), few
    distinct digits and round endings (7000); 836-4917 has none of them."""
    digits = number.national[number.subscriber_start :] or number.national
    size = len(digits)
    if size < 4:
        return Memorability(0.0, ())
    found: list[tuple[float, str]] = []

    def strength(length: int) -> float:
        share: float = ((length - 2) / (size - 2)) ** 0.7
        return min(1.0, share)

    zeros = size - len(digits.rstrip("0"))
    rounded = 2 <= zeros < size  # 7000: a round ending, said below rather than as a repeat
    start, length = _longest(digits[: size - zeros] if rounded else digits, 0)
    if length >= 3:
        found.append((strength(length), f"repeats {digits[start : start + length]}"))
    for step in (1, -1):
        start, length = _longest(digits, step)
        if length >= 3:
            found.append((0.9 * strength(length), f"run {digits[start : start + length]}"))
    tail = digits[-4:]
    if 1900 <= int(tail) <= 2039:
        found.append((0.35, f"year {tail}"))
    distinct = len(set(digits))
    if digits == digits[::-1] and distinct > 1:
        found.append((0.6, f"mirrored {digits}"))
    elif tail == tail[::-1] and len(set(tail)) > 1:
        found.append((0.3, f"mirrored {tail}"))
    if size >= 6 and digits[-6:-3] == digits[-3:] and len(set(digits[-3:])) > 1:
        found.append((0.45, f"pattern {digits[-6:]}"))
    elif tail[:2] == tail[2:] and tail[0] != tail[1]:
        found.append((0.35, f"pattern {tail}"))
    if 2 <= distinct <= 3:
        found.append(({2: 0.5, 3: 0.25}[distinct], f"{distinct} distinct digits"))
    if rounded:
        found.append((0.2 if zeros == 2 else 0.35, f"round {digits[-zeros - 1 :]}"))
    missing = 1.0
    for value, _ in found:
        missing *= 1.0 - value
    reasons = tuple(reason for _, reason in sorted(found, key=lambda f: -f[0]))
    return Memorability(round(1.0 - missing, 2), reasons)


@cache  # a spelling asks of the same few runs of a number over and over
def memorable_run(digits: str) -> str | None:
    """Why a stretch of 3+ digits is remembered as it stands, or None: a repeat (444),
    a sequence up or down (2345, 987), a round number (500, 7000) or a year (1990,
    2024). 1-800-444-HELP keeps its 444 as digits; 643 or 9499 are no such chunk."""
    if len(digits) < 3 or not digits.isdigit():
        return None
    if len(set(digits)) == 1:
        return "repeat"
    steps = {(int(b) - int(a)) % 10 for a, b in pairwise(digits)}
    if steps in ({1}, {9}):
        return "sequence"
    if digits[0] != "0" and set(digits[1:]) == {"0"}:
        return "round"
    if len(digits) == 4 and 1900 <= int(digits) <= 2039:
        return "year"
    return None
