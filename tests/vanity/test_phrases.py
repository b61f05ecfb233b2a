"""Phrases: function words and first names only where they read (MY-APPLE, CALL-ME,
ASK-GARY), up to three words side by side, the pairs the web uses (the phrase list),
and phrases cut as ads cut them (1-800-HOME-CARE)."""

from __future__ import annotations

from typing import Any

import pytest

from numsearch import vanity
from numsearch.keypad import keypad_digits
from numsearch.number_layout import layout
from numsearch.words import FUNCTION_WORDS, WordIndex, phrase_cut_keys, word_index
from tests.support.vanity import index_of, nanp, plain, score_of, texts


def placement(word: str, start: int, kind: str = "word") -> vanity.Placement:
    return vanity.Placement(word, start, start + len(word), 1.0, kind=kind)


def test_my_apple_spells_first() -> None:
    assert texts("1-800-MY-APPLE")[0] == "1-800-MY-APPLE"


@pytest.mark.parametrize(
    ("words", "reads"),
    [
        (("MY", "APPLE"), True),
        (("APPLE", "MY"), False),  # MY needs a word after it
        (("CALL", "ME"), True),
        (("ME", "CALL"), False),  # ME needs a word before it
        (("GO", "FEDEX"), True),
        (("PICK", "UP"), True),
        (("AT", "ON", "HOG"), False),  # AT goes with a word that carries meaning
        (("CASH", "AND", "GO"), True),
        (("AND", "GO"), False),  # AND sits between two words
        (("ASK", "GARY"), True),
        (("GARY", "RAG"), False),  # a first name follows the word it goes with
        (("MY",), False),
        (("THE",), False),  # function words never stand alone
        (("GO", "TO"), False),  # at least one word of three letters
    ],
)
def test_phrases_read_naturally(words: tuple[str, ...], reads: bool) -> None:
    placements, start = [], 3
    for word in words:
        placements.append(placement(word, start, "name" if word == "GARY" else "word"))
        start += len(word)
    assert vanity.phrase_reads(placements) is reads


@pytest.mark.parametrize(
    ("words", "reads"),
    [
        (("CAR", "RENT"), True),
        (("CAR", "RENT", "NOW"), False),  # three with a gap: not side by side (below)
        (("MY", "ME"), False),
        (("GO", "CAR"), True),
        (("CAR", "GO"), True),
        (("CAR", "US"), True),
        (("US", "CAR"), False),
        (("CAR", "AND", "GO"), True),
        (("GO", "AND"), False),
        (("THE", "MY", "CAR"), False),
        (("GARY", "ANNE"), False),  # two first names: the second follows no word
    ],
)
def test_more_phrases(words: tuple[str, ...], reads: bool) -> None:
    placements, start = [], 3
    for word in words:
        kind = "name" if word in ("GARY", "ANNE") else "word"
        placements.append(vanity.Placement(word, start, start + len(word), 1.0, kind=kind))
        start += len(word) + (1 if words == ("CAR", "RENT", "NOW") and word == "RENT" else 0)
    assert vanity.phrase_reads(placements) is reads


def test_phrase_rules_for_short_cut_and_named_pieces() -> None:
    def place(word: str, start: int, end: int, kind: str = "word", cut: bool = False) -> Any:
        return vanity.Placement(word, start, end, 1.0, cut, 4.0, kind)

    assert not vanity.phrase_reads([])
    assert not vanity.phrase_reads([place(w, 3 + i, 4 + i) for i, w in enumerate("ABCD")])
    assert vanity.phrase_reads([place("GARY", 3, 7, "name")])  # alone: it reads
    assert not vanity.phrase_reads([place("OX", 3, 5), place("CAR", 5, 8)])
    assert vanity.phrase_reads([place("CAR", 3, 6), place("RENTAL", 6, 8, cut=True)])
    assert vanity.phrase_reads([place("ASK", 3, 6), place("GARY", 6, 10, "name")])
    assert not vanity.phrase_reads([place("ASK", 3, 6), place("GARY", 7, 11, "name")])
    assert vanity.phrase_reads([place("ASK", 3, 6), place("CAR", 6, 9), place("GO", 9, 11)])
    assert not vanity.phrase_reads(
        [place("ASK", 3, 6), place("GARY", 6, 10, "name"), place("ME", 11, 13)]
    )


def test_three_words_only_side_by_side() -> None:
    together = [placement("GO", 3), placement("TO", 5), placement("BED", 7)]
    apart = [placement("GET", 3), placement("TO", 7), placement("BED", 9)]  # a digit after GET
    assert vanity.phrase_reads(together)
    assert not vanity.phrase_reads(apart)
    index = WordIndex.from_words([("go", 6.0), ("to", 7.4), ("bed", 4.9)])
    assert "1-800-GO-TO-BED" in texts("1-800-GO-TO-BED", index, limit=10)


@pytest.mark.parametrize(
    "number", ["1-800-MY-APPLE", "1-800-GO-FEDEX", "+18004686233", "+14155550169", "+16464699000"]
)
def test_no_spelling_is_a_lone_short_or_function_word(number: str) -> None:
    for spelling in vanity.spell(layout(number), limit=50):
        assert vanity.phrase_reads(spelling.placements)
        assert len(spelling.words) <= vanity.MAX_WORDS
        assert any(len(w) >= 3 and w not in FUNCTION_WORDS for w in spelling.words)


@pytest.mark.parametrize(("number", "names"), [("1-800-ASK-GARY", True), ("1-800-IBM-CALL", False)])
def test_first_names_follow_the_word_they_go_with(number: str, names: bool) -> None:
    seen_name = False
    for spelling in vanity.spell(layout(number), limit=50):
        places = spelling.placements
        for i, p in enumerate(places):
            if p.kind == "name" and len(places) > 1:
                seen_name = True
                assert i > 0 and places[i - 1].end == p.start, spelling.text
    assert seen_name is names  # IAN-CALL and HAN-CALL are not offered


def test_two_first_names_side_by_side_are_not_offered() -> None:
    index = index_of(("gary", 4.4, "name"), ("anne", 4.0, "name"))
    found = [s.text for s in vanity.spell(plain("42792663", 0), index, limit=10)]
    assert "+44 GARY-ANNE" not in found
    assert "+44 GARY-2663" in found


def test_two_words_with_digits_between_pair_up_and_three_need_no_gap() -> None:
    index = index_of(("cash", 4.9), ("now", 6.1), ("go", 6.0), ("and", 7.0))
    found = [s.text for s in vanity.spell(nanp("8002274669"), index, limit=20)]
    assert "1-800-CASH-NOW" in found
    found = [s.text for s in vanity.spell(nanp("8002274263"), index, limit=20)]
    assert "1-800-CASH-AND" not in found  # AND needs a word on both sides
    found = [s.text for s in vanity.spell(plain("227426346", 0), index, limit=20)]
    assert "+44 CASH-AND-GO" in found
    found = [s.text for s in vanity.spell(plain("227426300", 0), index, limit=20)]
    assert not any("AND" in text for text in found)


def test_a_cut_word_ends_a_phrase_and_is_never_followed() -> None:
    index = index_of(("mattress", 4.0), ("my", 6.0), ("go", 6.0))
    found = [s.words for s in vanity.spell(nanp("8006962887"), index, limit=20)]
    assert all(words[-1] != "GO" or "MATTRESS" not in words for words in found)


def test_phrase_words_are_placed_over_five_or_more_digits_only() -> None:
    index = index_of(("my", 6.0), ("car", 5.4), ("my car", 3.0), ("go", 6.0), ("ox", 4.0))
    found = vanity._candidates(nanp("8006922712"), index)
    assert {(p.word, p.start) for p in found} == {("MY", 3), ("CAR", 5)}
    assert len(found) == 2  # MY and CAR once each, though the phrase placed them again


def test_the_words_of_a_five_letter_phrase_are_tried_past_a_full_slot() -> None:
    index = index_of(
        ("my", 6.0), ("bar", 5.9), ("cap", 5.8), ("bas", 5.7), ("car", 4.0), ("my car", 3.0)
    )
    found = [s.text for s in vanity.spell(nanp("8006922700"), index, limit=10)]
    assert "1-800-MY-CAR-00" in found


WORDS = [("pit", 4.3), ("sit", 4.3), ("bull", 4.3), ("bulk", 4.3)]


def test_a_known_phrase_goes_before_the_same_words_unknown() -> None:
    # PIT and SIT are equally common here: only the phrase list tells them apart.
    without = WordIndex.from_words(WORDS)
    with_phrase = WordIndex.from_words([*WORDS, ("pit bull", 2.2)])
    assert score_of("1-800-PIT-BULL", "1-800-PIT-BULL", without) == score_of(
        "1-800-PIT-BULL", "1-800-SIT-BULL", without
    )
    assert texts("1-800-PIT-BULL", with_phrase, limit=10)[0] == "1-800-PIT-BULL"
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


def test_links_count_each_phrase_and_add_up_their_frequencies() -> None:
    index = index_of(
        ("pit", 4.3), ("bull", 4.3), ("dog", 5.0), ("pit bull", 2.2), ("bull dog", 2.5),
        ("the", 7.0), ("the dog", 3.0, "pair"),
    )  # fmt: skip
    shape = nanp("8007482855")

    def place(word: str, start: int, cut: bool = False) -> vanity.Placement:
        return vanity.Placement(word, start, start + len(word), 1.0, cut)

    three = plain("7482855364", 0)
    option = (place("PIT", 0), place("BULL", 3), place("DOG", 7))
    links = vanity._links(three, index, option)
    assert links.known == 2 and links.frequency == pytest.approx(4.7) and links.phrase
    apart = (place("PIT", 3), place("BULL", 7))
    assert vanity._links(shape, index, apart) == (0, 0.0, False, 0)  # not side by side
    pair = (place("THE", 0), place("DOG", 3))
    assert vanity._links(plain("843364", 0), index, pair) == (0, 3.0, True, 0)
    gap_then_pair = (place("PIT", 0), place("THE", 5), place("DOG", 8))
    assert vanity._links(plain("74800843364", 0), index, gap_then_pair) == (0, 3.0, False, 0)


def test_a_phrase_is_words_that_each_go_with_the_next() -> None:
    index = index_of(
        ("run", 5.0), ("in", 7.0), ("do", 6.5), ("run in", 3.4), ("he", 6.5), ("theft", 4.3),
        ("my", 6.8), ("apple", 4.9), ("ring", 4.6),
    )  # fmt: skip

    def place(word: str, start: int) -> vanity.Placement:
        return vanity.Placement(word, start, start + len(word), 1.0)

    def links(*words: str) -> vanity.Links:
        placed, start = [], 0
        for word in words:
            placed.append(place(word, start))
            start += len(word)
        return vanity._links(plain(keypad_digits("".join(words)), 0), index, placed)

    # RUN-IN is a known phrase, but IN-DO is not: a chain is a phrase only when every
    # two words side by side go together.
    assert not links("RUN", "IN", "DO").phrase
    assert links("RUN", "IN").phrase
    # A determiner or a preposition opens a phrase with nearly any word; HE does not.
    assert links("MY", "APPLE").phrase
    run_on = links("HE", "THEFT")
    assert not run_on.phrase and run_on.loose_functions == 1
    assert links("RING", "RING").phrase  # the same word twice


def test_the_real_index_finds_phrases_the_web_uses() -> None:
    assert texts("1-800-PIT-BULL", limit=10)[0] == "1-800-PIT-BULL"  # not SIT-BULL
    assert texts("1-800-CAR-RENT", limit=10)[0] == "1-800-CAR-RENT"  # not CARPENTER, cut
    assert texts("1-800-HOME-CARE", limit=10)[0] == "1-800-HOME-CARE"  # 800-466-3227
    assert texts("1-888-NEW-HOME", limit=10)[0] == "1-888-NEW-HOME"  # not NEW-HOMES, cut
    index = word_index()
    pit_bull = index.known_phrase("7482855", "PIT", "BULL")
    assert pit_bull is not None and pit_bull.kind == "phrase"
    the_card = index.known_phrase("8432273", "THE", "CARD")
    assert the_card is not None and the_card.kind == "pair"  # "the" goes with anything
    assert index.known_phrase("22776", "CAR", "SO") is None  # "...the car so I": chance


@pytest.mark.parametrize(
    ("first", "second", "name", "keys"),
    [
        ("home", "care", False, ["4663227+>"]),  # HOME-CAR(E): 7 letters that carry meaning
        ("blue", "cross", False, ["25832767+>"]),  # a phrase loses its last letter only
        ("blue", "cross", True, ["258327+>", "2583276+>", "25832767+>"]),  # a name more
        ("home", "depot", True, ["466333+>", "4663337+>", "46633376+>"]),  # HOME-DEP(OT)
        ("as", "solid", False, []),  # AS-SOLI(D): 4 letters that carry meaning
        ("new", "car", False, []),  # NEW-CA(R): too short
        ("call", "me", True, []),  # a function word is not cut
        ("welcome", "to", False, []),  # nor even after 7 letters that carry meaning
    ],
)
def test_which_phrases_may_be_cut(first: str, second: str, name: bool, keys: list[str]) -> None:
    assert phrase_cut_keys(first, second, name=name) == keys


def test_a_name_of_two_words_may_be_cut_after_six_letters() -> None:
    # Issue #23: 1-800-HOME-DEPOT on 800-466-3337 keeps HOME-DEP, as the ad cuts it.
    words = [("home", 5.9), ("depot", 4.0), ("good", 5.9), ("deer", 4.0)]
    index = WordIndex.from_words([*words, ("home depot", 2.3, "brand")])
    best = vanity.spell(layout("+18004663337"), index, limit=1)[0]
    assert (best.text, best.words, best.cut) == ("1-800-HOME-DEPOT", ("HOME", "DEPOT"), True)
    as_phrase = WordIndex.from_words([*words, ("home depot", 2.3)])  # not a name
    offered = vanity.spell(layout("+18004663337"), as_phrase)
    assert all(s.words != ("HOME", "DEPOT") for s in offered)


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


def test_cut_phrases_need_their_digits_free_of_0_and_1() -> None:
    index = index_of(("home", 5.9), ("care", 5.6), ("home care", 3.0))
    assert [[p.word for p in o] for o in vanity._cut_phrases(nanp("8004663227"), index)] == [
        ["HOME", "CARE"]
    ]
    assert vanity._cut_phrases(nanp("8014663227"), index) != []  # a 1 in the area code
    assert vanity._cut_phrases(nanp("8004663207"), index) == []
    assert vanity._cut_phrases(nanp("8004663217"), index) == []


def test_cut_phrases_start_after_the_area_code_and_skip_unknown_words() -> None:
    index = index_of(("home", 5.9), ("care", 5.6), ("home care", 3.0), ("good care", 3.5))
    shape = plain("4663227", 0)  # the whole number is the subscriber part
    options = vanity._cut_phrases(shape, index)
    assert [[(p.word, p.start, p.end, p.cut) for p in o] for o in options] == [
        [("HOME", 0, 4, False), ("CARE", 4, 7, True)]
    ]  # GOOD is no word of this index: GOOD CARE is skipped, HOME CARE still found
    assert vanity._cut_phrases(plain("94663227", 1), index) != []
    assert vanity._cut_phrases(plain("4663227", 1), index) == []  # HOME would start at 0
    after_a_0 = vanity._cut_phrases(plain("04663227", 0), index)
    assert [[p.word for p in o] for o in after_a_0] == [["HOME", "CARE"]]
