"""Numbers spelled as words: well-known vanity numbers spell their own word first; words
sit only where a number has letters, after its area code; a word longer than the number
is cut as ads cut it; brands and first names are found."""

from __future__ import annotations

import pytest

from numsearch import vanity
from numsearch.number_layout import layout
from numsearch.words import Word, WordIndex
from tests.support.vanity import index_of, nanp, texts

WELL_KNOWN = [
    ("+18003569377", "1-800-FLOWERS"),
    ("1-800-FLOWERS", "1-800-FLOWERS"),
    ("1-800-DENTIST", "1-800-DENTIST"),
    ("1-800-CONTACTS", "1-800-CONTACT"),  # the extra letter is ignored, as on the ads
    ("1-800-PAINTER", "1-800-PAINTER"),
    ("1-800-PLUMBER", "1-800-PLUMBER"),
    ("1-888-LAWYERS", "1-888-LAWYERS"),
    ("1-800-HOLIDAY", "1-800-HOLIDAY"),
    ("1-800-BATTERY", "1-800-BATTERY"),
    ("1-855-MYSTERY", "1-855-MYSTERY"),
    ("1-800-ROOFING", "1-800-ROOFING"),
]


# Equally scored words share the top: these must be among the first three.
NEAR_THE_TOP = [
    ("1-800-GOT-JUNK", "1-800-GOT-JUNK"),
    ("1-877-CAR-WASH", "1-877-CAR-WASH"),
    ("1-800-CALL-NOW", "1-800-CALL-NOW"),
    ("1-888-NEW-HOME", "1-888-NEW-HOME"),
    ("1-800-PICK-UPS", "1-800-PICK-UPS"),
]


@pytest.mark.parametrize(("number", "best"), WELL_KNOWN)
def test_well_known_vanity_numbers_spell_their_word_first(number: str, best: str) -> None:
    spellings = vanity.spell(layout(number))
    assert spellings[0].text == best
    assert spellings[0].score >= 0.7


def test_two_words_the_pair_list_lacks_still_come_first_when_nothing_reads_better() -> None:
    # TAX HELP is not among the web's word pairs: it reads as a loose pair, and still
    # goes before HELP alone after digits, or other words.
    spellings = vanity.spell(layout("1-800-TAX-HELP"))
    assert spellings[0].text == "1-800-TAX-HELP"
    assert spellings[0].score > spellings[1].score


@pytest.mark.parametrize(("number", "expected"), NEAR_THE_TOP)
def test_two_word_vanity_numbers_are_in_the_top_three(number: str, expected: str) -> None:
    assert expected in [s.text for s in vanity.spell(layout(number))[:3]]


def test_spellings_are_best_first_distinct_and_scored_in_0_1() -> None:
    spellings = vanity.spell(layout("+18003569377"), limit=10)
    scores = [s.score for s in spellings]
    assert scores == sorted(scores, reverse=True)
    assert len({s.text for s in spellings}) == len(spellings)
    assert all(0 <= s <= 1 for s in scores)
    assert spellings[0].to_json() == {
        "text": "1-800-FLOWERS",
        "words": ["FLOWERS"],
        "score": 0.94,
        "cut": False,
    }


def test_spell_gives_five_by_default_and_skips_blocked_ones() -> None:
    assert len(vanity.spell(layout("+18003569377"))) == 5
    index = index_of(("hook", 4.0), ("ers", 3.0), ("hoo", 2.0), ("kers", 2.0), ("goo", 3.0))
    found = vanity.spell(nanp("8004665377"), index, limit=5, blocked=frozenset({"hooker"}))
    assert found and all("HOOK-ERS" not in s.text for s in found)
    blocked_first = vanity.spell(nanp("8004665377"), index, limit=1, blocked=frozenset({"hook"}))
    assert blocked_first and "HOOK" not in blocked_first[0].words


def test_words_never_sit_on_0_or_1() -> None:
    shape = layout("+15107867601")  # STORM, then 0 and 1
    spellings = vanity.spell(shape, limit=10)
    assert spellings, "STORM at least"
    for spelling in spellings:
        for placement in spelling.placements:
            assert not set(shape.national[placement.start : placement.end]) & {"0", "1"}
    assert vanity.spell(layout("+15101010101")) == []  # nothing to spell there


def test_no_word_starts_in_the_area_code_or_on_a_0_or_1() -> None:
    index = index_of(("home", 5.9), ("met", 4.0))
    found = vanity._candidates(nanp("4663014663"), index)
    assert {(p.word, p.start) for p in found} == {("HOME", 6)}  # not the area code's HOME
    found = vanity._candidates(nanp("8006381046"), index)
    assert {(p.word, p.start) for p in found} == {("MET", 3)}  # 638, then 1 and 0


def test_words_after_a_0_or_1_are_still_found() -> None:
    index = index_of(("met", 4.0), ("home", 5.9))
    found = vanity._candidates(nanp("8001014663"), index)
    assert {(p.word, p.start) for p in found} == {("HOME", 6)}


def test_two_letter_words_are_candidates_only_when_they_are_function_words() -> None:
    index = index_of(("my", 6.0), ("ox", 4.0), ("apple", 4.6), ("box", 4.5))
    found = vanity._candidates(nanp("8006927753"), index)
    assert {(p.word, p.start, p.end) for p in found} == {("MY", 3, 5), ("APPLE", 5, 10)}


def test_mattress_is_cut_as_the_ads_cut_it() -> None:
    best = vanity.spell(layout("1-800-MATTRESS"))[0]
    assert best.to_json() == {
        "text": "1-800-MATTRESS",
        "words": ["MATTRESS"],
        "score": best.score,
        "cut": True,
    }
    assert best.placements[0].end == 10  # the number ends inside the word


def test_cuts_need_six_letters_on_the_number() -> None:
    index = WordIndex.from_words([("goodyear", 4.0), ("wheels", 4.5), ("new", 6.0)])
    assert "1-800-GOODYEAR" in texts("1-800-GOODYEAR", index, limit=10)  # GOODYEA + R
    # NEW-WHEE(LS): only four letters of WHEELS fit, so it is not offered.
    assert not any("WHEELS" in t for t in texts("1-800-NEW-WHEELS", index, limit=10))
    assert index.longer_words("9433") == []
    assert [w.text for w in index.longer_words("466393")] == ["GOODYEAR"]


def test_a_whole_word_goes_before_the_same_letters_cut() -> None:
    found = texts("1-800-CONTACTS", limit=10)
    assert found[0] == "1-800-CONTACT"
    assert "1-800-CONTACTS" in found  # the cut form is offered too


def test_cut_words_are_candidates_only_over_6_or_more_digits_without_0_or_1() -> None:
    index = index_of(("mattress", 4.0), ("attress", 3.0))
    cut = [p for p in vanity._candidates(nanp("8006288737"), index) if p.cut]
    assert [(p.word, p.start, p.end) for p in cut] == [("MATTRESS", 3, 10), ("ATTRESS", 4, 10)]
    assert [p for p in vanity._candidates(nanp("8016288737"), index) if p.cut] != []
    assert [p for p in vanity._candidates(nanp("8006288730"), index) if p.cut] == []
    assert [p for p in vanity._candidates(nanp("8006288137"), index) if p.cut] == []


@pytest.mark.parametrize(
    ("number", "letters"),
    [("1-800-GO-FEDEX", "GOFEDEX"), ("1-800-JETBLUE", "JETBLUE"), ("1-800-ASK-GARY", "ASKGARY")],
)
def test_brands_and_first_names_are_found(number: str, letters: str) -> None:
    top = [t.removeprefix("1-800-").replace("-", "") for t in texts(number, limit=3)]
    assert letters in top


def test_a_lone_first_name_is_offered() -> None:
    index = index_of(("gary", 4.4, "name"))
    assert [s.text for s in vanity.spell(nanp("8002754279"), index)] == ["1-800-275-GARY"]


def test_best_of_each_kind_keeps_three_words_a_brand_and_a_name() -> None:
    words = [
        Word("IAN", 4.3, "name"),
        Word("HAM", 4.1),
        Word("HAN", 3.9, "name"),
        Word("IBM", 3.9, "brand"),
        Word("HBO", 3.7, "brand"),
        Word("GAM", 3.0),
        Word("HAO", 2.0),
        Word("GBN", 1.0),
    ]
    assert [w.text for w in vanity._best_of_each_kind(words)] == ["IAN", "HAM", "IBM", "GAM", "HAO"]
    assert vanity._best_of_each_kind(words[:3]) == words[:3]
    assert vanity._best_of_each_kind(words[:4]) == [words[0], words[1], words[3]]


def test_a_brand_is_tried_even_when_first_names_fill_its_slot() -> None:
    index = WordIndex.from_words(
        [("ham", 4.1), ("ian", 4.3, "name"), ("han", 3.9, "name"), ("ibm", 3.9, "brand"),
         ("call", 5.5)]
    )  # fmt: skip
    assert "1-800-IBM-CALL" in texts("1-800-IBM-CALL", index, limit=10)
