"""Issue #23's four rules, each as the user sees it: acronyms and abbreviations people
write (USA-RAIL), brands of the maintained name lists (XFINITY, GO-UHAUL) but no
misspellings (KARS), memorable digits left as digits beside a strong word (444-HELP),
and words that make no phrase going after one common word and digits (273-TALK)."""

from __future__ import annotations

import pytest

from numsearch import vanity
from numsearch.number_layout import layout
from numsearch.words import Word, WordIndex, index_item, word_index
from tests.support.vanity import plain, texts


def test_an_acronym_is_its_own_kind_in_the_index() -> None:
    assert index_item("faq", 3.3, "abbr") == "33FAQ."
    index = WordIndex.parse("327 33FAQ. 40far 35ear\n")
    assert index.words("327") == [Word("FAQ", 3.3, "abbr"), Word("FAR", 4.0), Word("EAR", 3.5)]
    assert Word("FAQ", 3.3, "abbr").proper
    faq = word_index().lookup("faq")  # the capitalised entries of SCOWL's en_US dictionary
    assert faq is not None and faq.kind == "abbr"
    fema = word_index().lookup("fema")  # and WordNet's (agencies, bodies, units)
    assert fema is not None and fema.kind == "abbr"


def test_two_letter_acronyms_are_left_out() -> None:
    # ST, OH, AD... the digits spell them by coincidence far more often than an ad does.
    index = word_index()
    assert all(w.kind != "abbr" for key in ("78", "64", "23") for w in index.words(key))


def test_acronyms_spell_and_rank_by_their_frequency() -> None:
    index = WordIndex.from_words(
        [("usa", 4.8, "abbr"), ("usb", 3.9, "abbr"), ("rail", 4.5), ("trap", 3.5)]
    )
    found = texts("1-800-USA-RAIL", index, limit=10)
    assert found.index("1-800-USA-RAIL") < found.index("1-800-USB-RAIL")
    assert texts("1-800-USA-RAIL")[0] == "1-800-USA-RAIL"  # the bundled index


@pytest.mark.parametrize("brand", ["XFINITY", "UHAUL", "ALLSTATE"])
def test_brands_come_from_the_maintained_name_lists(brand: str) -> None:
    word = word_index().lookup(brand)
    assert word is not None and word.kind == "brand"


def test_a_listed_brand_is_spelled_and_a_misspelling_is_not() -> None:
    assert texts("1-800-XFINITY")[0] == "1-800-XFINITY"
    assert word_index().lookup("kars") is None  # no list names KARS: a misspelling
    assert all("KARS" not in s.words for s in vanity.spell(layout("1-877-KARS-4-KIDS"), limit=50))


def test_a_listed_name_may_be_cut_whatever_its_frequency() -> None:
    best = vanity.spell(layout("1-800-ALLSTATE"), limit=3)
    assert "1-800-ALLSTATE" in [s.text for s in best]


def test_memorable_digits_stay_digits_beside_a_strong_word() -> None:
    # +1-800-444-4357: 444 is a repeat, kept as digits, rather than GIG or HIGH.
    index = WordIndex.from_words([("gig", 3.9), ("help", 5.8), ("high", 5.5), ("djs", 3.5)])
    found = texts("+18004444357", index, limit=10)
    assert found[0] == "1-800-444-HELP"
    assert found.index("1-800-444-HELP") < found.index("1-800-GIG-HELP")
    assert texts("+18004444357")[0] == "1-800-444-HELP"  # the bundled index


def test_one_common_word_and_digits_go_before_words_that_make_no_phrase() -> None:
    # +1-510-643-9499: MID and WHY make no phrase; MID and the number's own digits read.
    assert texts("+15106439499")[0] == "1-510-MID-9499"
    assert texts("1-800-273-TALK")[0] == "1-800-273-TALK"
    index = WordIndex.from_words([("ape", 3.9), ("talk", 5.4)])
    assert texts("1-800-273-TALK", index)[0] == "1-800-273-TALK"  # not APE-TALK
    phrase = WordIndex.from_words([("ape", 3.9), ("talk", 5.4), ("ape talk", 2.0)])
    assert texts("1-800-273-TALK", phrase)[0] == "1-800-APE-TALK"  # the web's pair list


def test_two_names_side_by_side_are_not_offered() -> None:
    index = WordIndex.from_words([("heb", 3.0, "brand"), ("dhl", 3.0, "abbr")])
    found = [s.text for s in vanity.spell(plain("432345", 0), index, limit=10)]
    assert "+44 HEB-DHL" not in found
    assert "+44 HEB-345" in found and "+44 432-DHL" in found


def test_digits_are_read_in_the_numbers_groups() -> None:
    # 1-800-621-3362: 621 then FEMA leaves the digits as the number groups them; 621-3-DOC
    # reads its 6213 across a break, as two chunks.
    index = WordIndex.from_words([("fema", 3.0, "abbr"), ("doc", 4.2)])
    found = texts("1-800-621-FEMA", index, limit=10)
    assert found.index("1-800-621-FEMA") < found.index("1-800-621-3-DOC")
    groups = layout("1-800-621-FEMA").group_starts
    assert vanity._digit_run("8006213362", groups, 3, 7) == (2, 0)  # 621-3
    assert vanity._digit_run("8006213362", groups, 3, 6) == (1, 0)  # 621
    assert vanity._digit_run("8004443362", groups, 3, 6) == (1, 3)  # 444: memorable
    assert texts("1-800-621-FEMA")[0] == "1-800-621-FEMA"  # the bundled index


def test_a_function_word_that_makes_no_phrase_is_a_whole_piece() -> None:
    # HE-THEFT: HE and THEFT make no phrase the list knows, and HE opens no phrase with any
    # word, so 43-THEFT (one common word and digits) goes first; MY-APPLE reads.
    index = WordIndex.from_words([("he", 6.5), ("theft", 4.3), ("my", 6.8), ("apple", 4.9)])
    found = texts("1-877-438-4338", index, limit=10)
    assert found.index("1-877-43-THEFT") < found.index("1-877-HE-THEFT")
    assert texts("1-800-MY-APPLE", index)[0] == "1-800-MY-APPLE"


def test_an_goes_only_before_a_vowel() -> None:
    index = WordIndex.from_words([("an", 6.0), ("call", 5.5), ("apple", 4.9)])
    assert "1-800-4-AN-CALL" not in texts("+18004262255", index, limit=50)
    assert "1-800-AN-APPLE" in texts("+18002627753", index, limit=50)
