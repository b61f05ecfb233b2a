"""Vanity phrases: pairs the web uses (the phrase list), phrases cut as ads cut them,
2 and 4 read as TO and FOR, and how cut letters, function words and ties are scored."""

from __future__ import annotations

from pathlib import Path

import pytest

from numsearch import keypad, vanity
from numsearch.number_layout import layout
from numsearch.words import Word, WordIndex, index_item, phrase_cut_key, word_index

DATA = Path(vanity.__file__).parent / "data"


def texts(number: str, index: WordIndex | None = None, limit: int = 10) -> list[str]:
    return [s.text for s in vanity.spell(layout(number), index, limit=limit)]


def score_of(number: str, text: str, index: WordIndex | None = None) -> float:
    found = {s.text: s.score for s in vanity.spell(layout(number), index, limit=50)}
    return found[text]


# -- the phrase list -----------------------------------------------------------------------

WORDS = [("pit", 4.3), ("sit", 4.3), ("bull", 4.3), ("bulk", 4.3)]


def test_a_known_phrase_goes_before_the_same_words_unknown() -> None:
    # PIT and SIT are equally common here: only the phrase list tells them apart.
    without = WordIndex.from_words(WORDS)
    with_phrase = WordIndex.from_words([*WORDS, ("pit bull", 2.2)])
    assert score_of("1-800-PIT-BULL", "1-800-PIT-BULL", without) == score_of(
        "1-800-PIT-BULL", "1-800-SIT-BULL", without
    )
    assert texts("1-800-PIT-BULL", with_phrase)[0] == "1-800-PIT-BULL"
    assert score_of("1-800-PIT-BULL", "1-800-PIT-BULL", with_phrase) > score_of(
        "1-800-PIT-BULL", "1-800-SIT-BULL", with_phrase
    )


def test_a_pair_only_breaks_ties_and_a_phrase_also_reads_as_one() -> None:
    words = [("the", 7.0), ("card", 5.0), ("care", 5.0), ("case", 5.0)]
    index = WordIndex.from_words(
        [*words, ("the card", 3.6, "pair"), ("the care", 3.4, "pair"), ("the case", 4.6)]
    )
    found = vanity.spell(layout("1-800-THE-CARD"), index, limit=3)
    assert [s.text for s in found] == ["1-800-THE-CASE", "1-800-THE-CARD", "1-800-THE-CARE"]
    assert found[0].score > found[1].score == found[2].score  # a pair: the tie breaks on it


def test_the_words_of_a_known_phrase_are_tried_even_past_a_full_slot() -> None:
    # A slot keeps its three commonest words: CARD is the fourth of 2273 here.
    words = [("the", 7.0), ("care", 5.6), ("case", 5.6), ("base", 5.0), ("card", 4.9)]
    plain = WordIndex.from_words(words)
    assert "1-800-THE-CARD" not in texts("1-800-THE-CARD", plain, limit=50)
    listed = WordIndex.from_words([*words, ("the card", 3.6, "pair")])
    assert "1-800-THE-CARD" in texts("1-800-THE-CARD", listed, limit=5)


def test_a_brand_is_tried_even_when_first_names_fill_its_slot() -> None:
    index = WordIndex.from_words(
        [("ham", 4.1), ("ian", 4.3, "name"), ("han", 3.9, "name"), ("ibm", 3.9, "brand"),
         ("call", 5.5)]
    )  # fmt: skip
    assert "1-800-IBM-CALL" in texts("1-800-IBM-CALL", index)


def test_phrase_items_in_the_index() -> None:
    index = WordIndex.from_words(
        [("home", 5.9), ("care", 5.6), ("home care", 3.0), ("the card", 3.6, "pair")]
    )
    assert index.known_phrase("46632273", "HOME", "CARE") == Word("HOME_CARE", 3.0, "phrase")
    assert index.known_phrase("8432273", "THE", "CARD") == Word("THE_CARD", 3.6, "pair")
    assert index.known_phrase("46632273", "GOOD", "CARE") is None
    assert index.known_phrase("4663227", "HOME", "CARE", cut=True) is not None
    assert index_item("pit bull", 2.2, "phrase") == "22pit_bull"
    assert index_item("the card", 3.6, "pair") == "36the+card"


# -- phrases cut as ads cut them -----------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second", "key"),
    [
        ("home", "care", "4663227+>"),  # HOME-CAR(E): 7 letters that carry meaning
        ("blue", "cross", "25832767+>"),  # only the last letter goes: BLUE-CROS(S)
        ("as", "solid", None),  # AS-SOLI(D): 4 letters that carry meaning
        ("new", "car", None),  # NEW-CA(R): too short
        ("call", "me", None),  # a function word is not cut
        ("welcome", "to", None),  # nor even after 7 letters that carry meaning
    ],
)
def test_which_phrases_may_be_cut(first: str, second: str, key: str | None) -> None:
    assert phrase_cut_key(first, second) == key


def test_a_known_phrase_may_lose_its_last_letter() -> None:
    words = [("home", 5.9), ("good", 5.9), ("car", 5.4), ("care", 5.6)]
    index = WordIndex.from_words([*words, ("home care", 3.0), ("good care", 2.6)])
    best = vanity.spell(layout("+18004663227"), index, limit=3)
    assert best[0].to_json() == {
        "text": "1-800-HOME-CARE",
        "words": ["HOME", "CARE"],
        "score": best[0].score,
        "cut": True,
    }
    assert [s.text for s in best[:2]] == ["1-800-HOME-CARE", "1-800-GOOD-CARE"]  # commoner first
    plain = WordIndex.from_words(words)
    assert not any(s.cut for s in vanity.spell(layout("+18004663227"), plain, limit=50))


def test_the_real_index_finds_phrases_the_web_uses() -> None:
    assert texts("1-800-PIT-BULL")[0] == "1-800-PIT-BULL"  # not SIT-BULL
    assert texts("1-800-CAR-RENT")[0] == "1-800-CAR-RENT"  # not CARPENTER, cut
    assert texts("1-800-HOME-CARE")[0] == "1-800-HOME-CARE"  # 800-466-3227
    assert texts("1-888-NEW-HOME")[0] == "1-888-NEW-HOME"  # not NEW-HOMES, cut
    index = word_index()
    pit_bull = index.known_phrase("7482855", "PIT", "BULL")
    assert pit_bull is not None and pit_bull.kind == "phrase"
    the_card = index.known_phrase("8432273", "THE", "CARD")
    assert the_card is not None and the_card.kind == "pair"  # "the" goes with anything
    assert index.known_phrase("22776", "CAR", "SO") is None  # "...the car so I": chance


def test_cut_phrase_entries_in_the_index_are_one_letter_short() -> None:
    index = word_index()
    for key in ("4663227", "25832767"):
        phrases = index.longer_phrases(key)
        assert phrases, key
        for phrase in phrases:
            assert keypad.keypad_digits(phrase.text.replace("_", ""))[:-1] == key


# -- scoring -------------------------------------------------------------------------------


def test_each_letter_dropped_past_the_first_costs_more() -> None:
    found = texts("1-800-COLLECT")
    assert found[0] == "1-800-COLLECT"  # not COLLECTION, which drops three letters
    index = WordIndex.from_words([("mattress", 4.0), ("mattresses", 4.0)])
    shape = layout("1-800-MATTRESS")
    by_text = {s.text: s.score for s in vanity.spell(shape, index, limit=5)}
    assert by_text["1-800-MATTRESS"] > by_text["1-800-MATTRESSES"]


def test_2_and_4_read_as_to_and_for_before_words_to_the_end() -> None:
    index = WordIndex.from_words([("diners", 3.1), ("song", 4.5), ("so", 6.5), ("be", 6.5)])
    diners = vanity.spell(layout("1-800-2-DINERS"), index, limit=1)[0]
    assert diners.text == "1-800-2-DINERS"
    # Against the same word after a 5: the 2 counts as a word, the 5 as digits.
    five = vanity.spell(layout("1-800-5-DINERS"), index, limit=1)[0]
    assert diners.score > five.score
    # Digits after the word: the 2 is a digit too (2-SONG-90 is no phrase).
    song = vanity.spell(layout("1-800-2-SONG-90"), index, limit=1)[0]
    other = vanity.spell(layout("1-800-5-SONG-90"), index, limit=1)[0]
    assert song.score == other.score


def test_function_words_do_not_make_a_spelling_more_common() -> None:
    # BE is far commoner than DINERS, but BE-GOERS reads no commoner than GOERS.
    index = WordIndex.from_words([("diners", 3.1), ("goers", 3.1), ("be", 6.5)])
    assert texts("1-800-2-DINERS", index)[0] == "1-800-2-DINERS"


def test_two_less_common_words_side_by_side_read_loosely() -> None:
    # TERM is common, but not among the commonest words that glue any pair: HID-TERM is
    # more likely a coincidence of the digits than a phrase, and costs for it.
    loose = WordIndex.from_words([("hid", 3.8), ("term", 5.2)])
    glued = WordIndex.from_words([("hid", 3.8), ("term", 5.6)])
    assert vanity.GLUE_ZIPF == 5.5
    number = "1-800-HID-TERM"
    assert score_of(number, number, loose) < score_of(number, number, glued)
    assert score_of(number, "1-800-443-TERM", loose) == score_of(number, "1-800-443-TERM", glued)


# -- the data ------------------------------------------------------------------------------


def test_the_phrase_list_is_named_with_its_source_and_licence() -> None:
    header = (DATA / "words.idx").read_text()[:1200]
    assert "count_2w" in header and "wordsegment" in header and "Apache-2.0" in header
    sources = (DATA / "SOURCES.md").read_text()
    assert "wordsegment" in sources and "Norvig" in sources


def test_the_index_counts_only_whole_words() -> None:
    index = WordIndex.from_words([("pit", 4.3), ("bull", 4.3), ("pit bull", 2.2)])
    assert sorted(index.keys()) == ["2855", "748", "748285+>", "7482855+"]
    assert len(index) == 2
