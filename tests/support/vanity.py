"""What the vanity tests share: numbers laid out by hand, small word indexes, and the
texts and scores of a number's spellings."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from numsearch import vanity
from numsearch.number_layout import NumberLayout, layout
from numsearch.words import WordIndex

DATA = Path(vanity.__file__).parent / "data"


def nanp(national: str) -> NumberLayout:
    return NumberLayout(
        e164=f"+1{national}",
        country_code="1",
        national=national,
        subscriber_start=3,
        group_starts=frozenset({0, 3, 6}),
        written=f"{national[:3]}-{national[3:6]}-{national[6:]}",
    )


def plain(national: str, subscriber_start: int) -> NumberLayout:
    return NumberLayout(
        e164=f"+44{national}",
        country_code="44",
        national=national,
        subscriber_start=subscriber_start,
        group_starts=frozenset({0}),
        written=national,
    )


def index_of(*words: tuple[Any, ...]) -> WordIndex:
    return WordIndex.from_words(words)


def texts(number: str, index: WordIndex | None = None, limit: int = 5) -> list[str]:
    """The texts of `number`'s best spellings, with the bundled index unless given one."""
    return [s.text for s in vanity.spell(layout(number), index, limit=limit)]


def score_of(number: str, text: str, index: WordIndex | None = None) -> float:
    found = {s.text: s.score for s in vanity.spell(layout(number), index, limit=50)}
    return found[text]
