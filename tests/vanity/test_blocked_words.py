"""Words no business wants: never offered, nor their forms (CUMS, HOOKERS), nor across
the words of a spelling (HOOK-ERS); the block list names its source and licence."""

from __future__ import annotations

import pytest

from numsearch import vanity
from numsearch.number_layout import layout
from numsearch.words import blocked_by, blocked_terms, inflection_bases, reads_blocked, word_index
from tests.support.vanity import DATA

OFFERED_BEFORE = ["1-800-555-CUMS", "1-800-5-HOOKER", "1-800-CUMMING", "1-800-HOOKERS"]


@pytest.mark.parametrize("number", OFFERED_BEFORE)
def test_blocked_forms_are_never_offered(number: str) -> None:
    blocked = blocked_terms()
    for spelling in vanity.spell(layout(number), limit=50):
        joined = "".join(spelling.words).lower()
        assert not any(term in joined for term in ("cum", "hooker"))
        assert not any(blocked_by(word, blocked) for word in spelling.words)


def test_inflections_lead_back_to_the_blocked_word() -> None:
    blocked = frozenset({"cum", "hooker", "rape"})
    assert blocked_by("CUMS", blocked) == "cum"
    assert blocked_by("cumming", blocked) == "cum"
    assert blocked_by("HOOKERS", blocked) == "hooker"
    assert blocked_by("raping", blocked) == "rape"
    assert blocked_by("flowers", blocked) is None


@pytest.mark.parametrize(
    ("word", "bases"),
    [
        ("HOOKERS", {"hook", "hooke", "hooker", "hookers"}),
        ("cumming", {"cum", "cumm", "cumme", "cumming", "cummy"}),
        ("panties", {"pant", "panti", "pantie", "panties", "panty"}),
        ("raping", {"rap", "rape", "raping", "rapy"}),
        ("stabbed", {"stab", "stabb", "stabbe", "stabbed"}),
        ("spier", {"spi", "spie", "spier", "spy"}),
        ("spiest", {"spiest", "spy"}),
        ("tier", {"tie", "tier"}),  # a stem of two letters, and the e it lost
        ("sexy", {"sex", "sexe", "sexy"}),
        ("fed", {"fed"}),
        ("cummin", {"cum", "cumm", "cumme", "cummin", "cummy"}),  # -in as in CUMMIN(G)
    ],
)
def test_inflection_bases_exactly(word: str, bases: set[str]) -> None:
    assert inflection_bases(word) == bases


def test_blocked_by_takes_any_collection_in_any_case() -> None:
    assert blocked_by("HOOKERS", ["hooker"]) == "hooker"
    assert blocked_by("Hooker", ("hooker",)) == "hooker"
    assert blocked_by("HOOKER", {"hooker"}) == "hooker"
    assert blocked_by("flowers", ["hooker"]) is None
    assert blocked_by("HOOKERS", {"hookers", "hook"}) == "hookers"  # itself first


def test_the_index_leaves_out_blocked_words_and_their_forms_but_not_their_lookalikes() -> None:
    index = word_index()
    for word in ("cums", "cumming", "hooker", "hookers", "shit", "shits"):
        assert index.lookup(word) is None, word
    for word in ("butter", "scatter", "spicy", "class"):  # commoner than BUTT, SCAT, SPIC
        assert index.lookup(word) is not None, word


@pytest.mark.parametrize(
    ("words", "blocked"),
    [
        (("HOOK", "ERS"), True),
        (("MY", "ASS"), True),
        (("ASS", "HAT"), True),  # a blocked word on its own
        (("GAS", "SAVER"), True),  # three letters across words show too (LLC-UMP)
        (("BUTTER",), False),
        (("FLOWERS",), False),
    ],
)
def test_the_joined_text_is_checked_too(words: tuple[str, ...], blocked: bool) -> None:
    assert reads_blocked(words, frozenset({"hooker", "ass"})) is blocked


@pytest.mark.parametrize(
    ("words", "blocked"),
    [
        (("XABC", "DXX"), True),  # 4 letters, one of them past the boundary
        (("GRASSY", "CAR"), False),  # RASS inside one word is that word's business
        (("XXXX", "AB", "CDXX"), True),  # across the second boundary of three words
    ],
)
def test_blocked_letters_across_words(words: tuple[str, ...], blocked: bool) -> None:
    assert reads_blocked(words, frozenset({"abcd", "rass"})) is blocked


def test_block_list_names_its_source_and_licence() -> None:
    text = (DATA / "blocked.txt").read_text()
    assert "List of Dirty, Naughty, Obscene" in text and "CC-BY-4.0" in text
    assert {"hooker", "cum", "cumming"} <= set(text.split())
    assert "Attribution 4.0" in (DATA / "BLOCKLIST-LICENSE").read_text()
    sources = (DATA / "SOURCES.md").read_text()
    for name in ("SCOWL", "wordfreq", "simple-icons", "brand-colors", "names", "naughty-words"):
        assert name in sources
