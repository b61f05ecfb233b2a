"""Vanity (pure): what `scripts/mutation.py` found no test for. How memorable digits
are, exactly; the forms of a blocked word and blocked words across words; weights and
index items; which candidates and phrases a number offers; where a searched pattern
sits; how searches are marked and ranked; and what `numsearch vanity` refuses."""

from __future__ import annotations

import pathlib
from typing import Any

import pytest

from numsearch import vanity
from numsearch.errors import InvalidInput
from numsearch.memorability import Memorability, memorability
from numsearch.models import AvailableNumber
from numsearch.number_layout import NumberLayout, layout, spelled_form
from numsearch.words import (
    Word,
    WordIndex,
    _data_bytes,
    _data_text,
    blocked_by,
    index_item,
    inflection_bases,
    reads_blocked,
    word_index,
)


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


# -- memorable digits, exactly ---------------------------------------------------------------
# Worked by hand from the rules: a repeat or run of L of the S digits after the area code
# is worth ((L - 2) / (S - 2)) ** 0.7 (a run 0.9 of that); a year 0.35, mirrored digits
# 0.6 (the last four 0.3), a repeated half 0.45 (a repeated pair 0.35), 2 or 3 distinct
# digits 0.5 or 0.25, a round ending of 2 zeros 0.2 (more 0.35); the score is
# 1 - the product of (1 - each), to 2 places, the reasons strongest first.


@pytest.mark.parametrize(
    ("national", "score", "reasons"),
    [
        # 555 = (1/5)**0.7 = 0.324, 1234 = 0.9 * (2/5)**0.7 = 0.474: 1 - 0.676 * 0.526
        ("8005551234", 0.64, ("run 1234", "repeats 555")),
        ("8005553400", 0.46, ("repeats 555", "round 400")),  # 2 zeros: 0.2, not a repeat
        ("8005553000", 0.67, ("round 3000", "repeats 555", "3 distinct digits")),
        ("8005551900", 0.65, ("year 1900", "repeats 555", "round 900")),
        ("8005552039", 0.56, ("year 2039", "repeats 555")),
        ("8005552040", 0.32, ("repeats 555",)),  # years run 1900 to 2039
        ("8005551899", 0.32, ("repeats 555",)),
        ("8001234321", 0.89, ("mirrored 1234321", "run 1234", "run 4321")),
        ("8001221221", 0.89, ("mirrored 1221221", "2 distinct digits", "pattern 221221")),
        ("8005123123", 0.61, ("pattern 123123", "run 123")),
        ("8005121121", 0.59, ("pattern 121121", "3 distinct digits")),
        ("8005554443", 0.49, ("repeats 555", "3 distinct digits")),  # the first of equals
        ("8009876500", 0.7, ("run 98765", "round 500")),
        ("8002468024", 0.0, ()),
    ],
)
def test_memorability_exactly(national: str, score: float, reasons: tuple[str, ...]) -> None:
    assert memorability(nanp(national)) == Memorability(score, reasons)


SOME, FEW = "3 distinct digits", "2 distinct digits"


@pytest.mark.parametrize(
    ("national", "start", "expected"),
    [
        ("12345555", 4, Memorability(1.0, ("repeats 5555",))),  # 4 digits: enough
        ("1234555", 4, Memorability(0.0, ())),  # 3 digits: too few to say
        # 6 digits: 123 = 0.9 * (1/4)**0.7 = 0.341, with 0.45 and 0.25
        ("9123123", 1, Memorability(0.73, ("pattern 123123", "run 123", SOME))),
        ("9121121", 1, Memorability(0.89, ("mirrored 121121", FEW, "pattern 121121"))),
    ],
)
def test_memorability_of_other_lengths(national: str, start: int, expected: Memorability) -> None:
    assert memorability(plain(national, start)) == expected


def test_a_repeat_is_found_whatever_comes_after_it() -> None:
    # The length of a run counts from its own start (5551234: 555, not 5551234).
    assert memorability(nanp("8005551234")).reasons[1] == "repeats 555"
    assert memorability(nanp("8001239999")).reasons[0] == "repeats 9999"


# -- forms of blocked words ------------------------------------------------------------------


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


# -- weights, items, the index ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("zipf", "proper", "weight"),
    [
        (1.0, False, 0.55),
        (2.0, False, 0.55),
        (3.5, False, 0.775),
        (5.0, False, 1.0),
        (7.0, False, 1.0),
        (2.0, True, 0.81),
        (5.0, True, 0.9),
    ],
)
def test_word_weight_exactly(zipf: float, proper: bool, weight: float) -> None:
    assert vanity.word_weight(zipf, proper=proper) == pytest.approx(weight)


@pytest.mark.parametrize(
    ("args", "item"),
    [
        (("flowers", 4.6), "46flowers"),
        (("fedex", 3.4, "brand"), "34FEDEX"),
        (("gary", 4.4, "name"), "44Gary"),
        (("zzz", 0.3), "10zzz"),  # at least 1.0
        (("the", 12.0), "99the"),  # at most 9.9: two digits
    ],
)
def test_index_items(args: tuple[Any, ...], item: str) -> None:
    assert index_item(*args) == item


def test_from_words_ranks_names_below_words_and_splits_phrases_on_spaces() -> None:
    index = WordIndex.from_words([("gary", 4.4, "name"), ("hary", 4.2), ("ask gary", 2.0, "pair")])
    assert [w.text for w in index.words("4279")] == ["HARY", "GARY"]  # 4.4 - 0.5 < 4.2
    assert index.words("2754279+") == [Word("ASK_GARY", 2.0, "pair")]
    brands = WordIndex.from_words([("ibm", 3.9, "brand"), ("ham", 3.0)])
    assert [w.text for w in brands.words("426")] == ["IBM", "HAM"]  # 3.9 - 0.5 > 3.0


def test_the_parsed_index_lists_its_keys_from_the_body() -> None:
    text = "# bucket keys 748 7482\n# bucket starts 0 9\n748 43pit\n7482855+ 22pit_bull\n"
    index = WordIndex.parse(text)
    assert index.keys() == ["748", "7482855+"]
    assert index.words("748") == [Word("PIT", 4.3)]
    assert index.known_phrase("7482855", "PIT", "BULL") == Word("PIT_BULL", 2.2, "phrase")
    headerless = WordIndex.parse("748 43pit\n")
    assert headerless.keys() == ["748"] and len(headerless) == 1


def test_data_files_are_read_through_the_package_when_not_beside_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    beside = _data_bytes("blocked.txt")
    monkeypatch.setattr(pathlib.Path, "is_file", lambda self: False)  # e.g. inside a zip
    assert _data_bytes("blocked.txt") == beside
    assert _data_text("blocked.txt") == beside.decode("utf-8")


def test_weights_are_computed_when_not_remembered() -> None:
    vanity._WEIGHTS.clear()
    best = vanity.spell(layout("+18003569377"), limit=1)[0]
    assert (best.text, best.score) == ("1-800-FLOWERS", 0.94)
    assert best.placements[0].weight == pytest.approx(vanity.word_weight(4.6))
    vanity._WEIGHTS.clear()
    fedex = vanity.spell(layout("1-800-GO-FEDEX"), limit=1)[0]
    assert fedex.placements[1].weight == pytest.approx(vanity.word_weight(3.4, proper=True))


# -- candidates and phrases ------------------------------------------------------------------


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


def index_of(*words: tuple[Any, ...]) -> WordIndex:
    return WordIndex.from_words(words)


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


def test_cut_words_are_candidates_only_over_6_or_more_digits_without_0_or_1() -> None:
    index = index_of(("mattress", 4.0), ("attress", 3.0))
    cut = [p for p in vanity._candidates(nanp("8006288737"), index) if p.cut]
    assert [(p.word, p.start, p.end) for p in cut] == [("MATTRESS", 3, 10), ("ATTRESS", 4, 10)]
    assert [p for p in vanity._candidates(nanp("8016288737"), index) if p.cut] != []
    assert [p for p in vanity._candidates(nanp("8006288730"), index) if p.cut] == []
    assert [p for p in vanity._candidates(nanp("8006288137"), index) if p.cut] == []


def test_phrase_words_are_placed_over_five_or_more_digits_only() -> None:
    index = index_of(("my", 6.0), ("car", 5.4), ("my car", 3.0), ("go", 6.0), ("ox", 4.0))
    found = vanity._candidates(nanp("8006922712"), index)
    assert {(p.word, p.start) for p in found} == {("MY", 3), ("CAR", 5)}
    assert len(found) == 2  # MY and CAR once each, though the phrase placed them again


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


def test_known_pairs_count_each_phrase_and_add_up_their_frequencies() -> None:
    index = index_of(
        ("pit", 4.3), ("bull", 4.3), ("dog", 5.0), ("pit bull", 2.2), ("bull dog", 2.5),
        ("the", 7.0), ("the dog", 3.0, "pair"),
    )  # fmt: skip
    shape = nanp("8007482855")

    def place(word: str, start: int, cut: bool = False) -> vanity.Placement:
        return vanity.Placement(word, start, start + len(word), 1.0, cut)

    three = plain("7482855364", 0)
    option = (place("PIT", 0), place("BULL", 3), place("DOG", 7))
    known, frequency = vanity._known_pairs(three, index, option)
    assert known == 2 and frequency == pytest.approx(4.7)
    apart = (place("PIT", 3), place("BULL", 7))
    assert vanity._known_pairs(shape, index, apart) == (0, 0.0)  # not side by side
    pair = (place("THE", 0), place("DOG", 3))
    assert vanity._known_pairs(plain("843364", 0), index, pair) == (0, 3.0)
    gap_then_pair = (place("PIT", 0), place("THE", 5), place("DOG", 8))
    assert vanity._known_pairs(plain("74800843364", 0), index, gap_then_pair) == (0, 3.0)


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


# -- ranking and spelling ----------------------------------------------------------------------


def test_spell_gives_five_by_default_and_skips_blocked_ones() -> None:
    assert len(vanity.spell(layout("+18003569377"))) == 5
    index = index_of(("hook", 4.0), ("ers", 3.0), ("hoo", 2.0), ("kers", 2.0), ("goo", 3.0))
    found = vanity.spell(nanp("8004665377"), index, limit=5, blocked=frozenset({"hooker"}))
    assert found and all("HOOK-ERS" not in s.text for s in found)
    blocked_first = vanity.spell(nanp("8004665377"), index, limit=1, blocked=frozenset({"hook"}))
    assert blocked_first and "HOOK" not in blocked_first[0].words


def test_equal_scores_go_to_commoner_words_then_more_letters() -> None:
    # Zipf 5 and more all weigh 1: the scores are equal, the frequencies are not.
    index = index_of(("pit", 5.1), ("sit", 5.3), ("bull", 5.6))
    found = [s.text for s in vanity.spell(nanp("8007482855"), index, limit=2)]
    assert found == ["1-800-SIT-BULL", "1-800-PIT-BULL"]


def test_a_single_word_is_scored_without_looking_for_phrases() -> None:
    index = index_of(("flowers", 4.6), ("flowers x", 9.9))
    best = vanity.spell(nanp("8003569377"), index, limit=1)[0]
    assert (best.text, best.score) == ("1-800-FLOWERS", 0.94)


def test_scores_are_rounded_to_two_places() -> None:
    shape = layout("+18003569377")
    # sqrt(4/7) * 0.77 / (1 + 0.35) = 0.431
    assert vanity.score_placements(shape, [vanity.Placement("FLOW", 3, 7, 0.77)]) == 0.43


# -- a searched pattern in a result ------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "pattern", "span"),
    [
        ("+15107867600", "78676", (3, 8)),
        ("+15107867600", "00", (8, 10)),  # the rightmost match
        ("+15107867600", "+1510", (0, 3)),  # anchored at the country code
        ("+15107867600", "+15107", (0, 4)),
        ("+15107867600", "15107", None),  # the country code's 1 is not the number's
        ("+15107867600", "+2510", None),
        ("+15107867600", "76$", None),
        ("+15107867600", "600$", (7, 10)),
    ],
)
def test_find_pattern(number: str, pattern: str, span: tuple[int, int] | None) -> None:
    assert vanity.find_pattern(layout(number), pattern) == span


def test_a_pattern_only_in_the_country_code_is_not_found() -> None:
    assert vanity.find_pattern(layout("+15107867600"), "+1") is None


@pytest.mark.parametrize(
    ("number", "digits", "letters", "spelled", "score"),
    [
        # sqrt(5/7) / (1 + 0.35): 0.63
        ("+15107867600", "78676", "storm", "+1 510-STORM-00", 0.63),
        # anchored at the country code, which the letters carry and the span does not
        ("+15107867600", "+151078676", "+1510STORM", "+1 510-STORM-00", 0.63),
        ("+442079462253", "+44207946CAKE", "+44207946CAKE", None, None),
        ("+442079462253", "+442079462253", "+44207946CAKE", "+44 20 7946 CAKE", 0.52),
        ("+15105557867", "78676$", "STORM$", None, None),
        ("+15105578676", "78676$", "STORM$", "+1 510-55-STORM", 0.63),
        ("+15105578676", "5578676", "55STORM", "+1 510-55-STORM", 0.63),
        ("+15105578676", "55%", "55%", None, None),
        ("+15105578676", "555", "555", None, None),
    ],
)
def test_match_word(
    number: str, digits: str, letters: str, spelled: str | None, score: float | None
) -> None:
    match = vanity.match_word(layout(number), digits, letters)
    if spelled is None:
        assert match is None
    else:
        assert match is not None and (match.spelled, match.score) == (spelled, score)


# -- marking and ranking results -----------------------------------------------------------


def available(number: str | None, country: str | None = "US") -> AvailableNumber:
    return AvailableNumber(phone_number=number, iso_country=country)


def test_marking_uses_the_result_country_or_the_default() -> None:
    gb = [available("02079462253", None)]
    marked = vanity.annotate(gb, pattern="946", letters=None, rank=False, default_country="GB")
    assert marked[0].match_span == (3, 6)
    unreadable = [available("02079462253", None)]
    marked = vanity.annotate(
        unreadable, pattern="946", letters=None, rank=False, default_country="US"
    )
    assert marked[0].match_span is None  # not a US number: left as it is
    assert vanity.annotate(
        [available(None)], pattern="1", letters=None, rank=True, default_country="US"
    ) == [available(None)]


def test_a_ranked_word_search_scores_results_without_the_word_zero() -> None:
    results = [available("+15107867600"), available("+15105550100")]
    marked = vanity.annotate(
        results, pattern="78676", letters="STORM", rank=True, default_country="US"
    )
    assert [(n.phone_number, n.score, n.vanity) for n in marked] == [
        ("+15107867600", 0.63, "+1 510-STORM-00"),
        ("+15105550100", 0.0, None),
    ]
    unranked = vanity.annotate(
        results[1:], pattern="78676", letters="STORM", rank=False, default_country="US"
    )
    assert unranked[0].score is None


def test_ranking_without_a_word_spells_each_result_once_with_the_bundled_index() -> None:
    results = [available("+18001010101"), available("+18003569377")]
    marked = vanity.annotate(results, pattern=None, letters=None, rank=True, default_country="US")
    assert [(n.phone_number, n.vanity, n.score) for n in marked] == [
        ("+18003569377", "+1 800-FLOWERS", 0.94),
        ("+18001010101", None, 0.0),  # nothing to spell; memorable, but less than 0.94
    ]
    unranked = vanity.annotate(
        results, pattern=None, letters=None, rank=False, default_country="US"
    )
    assert [n.score for n in unranked] == [None, None]


# -- what `numsearch vanity` refuses -----------------------------------------------------------


def build(items: list[str], spell: bool, top: int | None = None, stdin: str = "") -> Any:
    return vanity.VanityRequest.build(items, spell=spell, top=top, read_stdin=lambda: stdin)


def test_vanity_request_messages() -> None:
    with pytest.raises(InvalidInput) as caught:
        build([], spell=False)
    assert str(caught.value) == "give words (numsearch vanity STORM) or numbers with --spell"
    with pytest.raises(InvalidInput) as caught:
        build(["STORM"], spell=False, top=3)
    assert str(caught.value) == "--top goes with --spell"
    with pytest.raises(InvalidInput) as caught:
        build(["-", "+18003569377"], spell=True)
    assert str(caught.value) == "- (stdin) cannot be mixed with numbers on the command line"


def test_vanity_request_top_bounds_and_stdin() -> None:
    assert build(["+18003569377"], spell=True, top=50).top == 50
    with pytest.raises(InvalidInput, match="--top must be 1 to 50, not 51"):
        build(["+18003569377"], spell=True, top=51)
    request = build(["-"], spell=True, top=2, stdin="+18003569377\n# note\n\n")
    assert request == vanity.VanityRequest(numbers=("+18003569377",), top=2)


def test_a_lone_first_name_is_offered() -> None:
    index = index_of(("gary", 4.4, "name"))
    assert [s.text for s in vanity.spell(nanp("8002754279"), index)] == ["1-800-275-GARY"]


def test_the_words_of_a_five_letter_phrase_are_tried_past_a_full_slot() -> None:
    index = index_of(
        ("my", 6.0), ("bar", 5.9), ("cap", 5.8), ("bas", 5.7), ("car", 4.0), ("my car", 3.0)
    )
    found = [s.text for s in vanity.spell(nanp("8006922700"), index, limit=10)]
    assert "1-800-MY-CAR-00" in found


def test_runs_and_lone_digits_are_counted() -> None:
    def place(start: int) -> vanity.Placement:
        return vanity.Placement("WORD", start, start + 2, 1.0)

    # 0, WO, 2, WO, 4, WO: a run, then two lone digits read as TO and FOR
    assert vanity._gaps_read(plain("055255455", 0), [place(1), place(4), place(7)]) == (1, 2)
    # 1, WO, 4, WO, 78, WO, 1: the 4 has digits after it, so it is a run too
    spaced = plain("15545578551", 0)
    assert vanity._gaps_read(spaced, [place(1), place(4), place(8)]) == (4, 0)


def test_spelled_form_keeps_the_number_groups_around_a_word() -> None:
    shape = layout("+18002222222")
    assert spelled_form(shape, [(3, "CAB")]) == "+1 800-CAB-2222"
    assert spelled_form(shape, [(6, "CAB")]) == "+1 800-222-CAB-2"


def test_layout_says_what_is_wrong_with_a_number() -> None:
    with pytest.raises(InvalidInput) as caught:
        layout("1-800-HOTELS")
    assert str(caught.value) == "'1-800-HOTELS' is not a valid number: too few or too many letters?"
    with pytest.raises(InvalidInput) as caught:
        layout("+999 12")
    assert str(caught.value) == "'+999 12' is not a phone number"


def test_layout_of_a_number_outside_north_america() -> None:
    shape = layout("+442079462253")
    assert shape.group_starts == frozenset({0, 2, 6})
    assert shape.written == "20 7946 2253"
    assert layout("+18003569377").written == "800-356-9377"


def test_measure_of_a_spelling(request: pytest.FixtureRequest) -> None:
    shape = nanp("8002274669")

    def place(word: str, start: int, zipf: float = 4.0, cut: bool = False) -> vanity.Placement:
        end = min(start + len(word), 10)
        return vanity.Placement(word, start, end, vanity.word_weight(zipf), cut, zipf)

    assert vanity._measure(shape, []) == (0.0, 0.0, 0)
    assert vanity._measure(plain("22", 2), [place("AB", 0)]) == (0.0, 0.0, 0)
    score, frequency, letters = vanity._measure(plain("22", 1), [place("A", 1)])
    assert score == pytest.approx(vanity.word_weight(4.0) * 0.97)  # 1 letter, all of it
    assert (frequency, letters) == (4.0, 1)
    # CASH-NOW, both at Zipf 4: a loose pair; with the phrase list, a glued one
    loose = vanity._measure(shape, [place("CASH", 3), place("NOW", 7)])
    known = vanity._measure(shape, [place("CASH", 3), place("NOW", 7)], known=1)
    weight = vanity.word_weight(4.0)
    assert loose[0] == pytest.approx(weight / 1.35 * 0.85)
    assert loose[1:] == (4.0, 7)
    assert known[0] == pytest.approx(weight / 1.175)
    glue = vanity._measure(shape, [place("CASH", 3), place("NOW", 7, vanity.GLUE_ZIPF)])
    assert glue[0] == pytest.approx((4 * weight + 3) / 7 / 1.35)
    assert glue[1] == pytest.approx((4 * 4.0 + 3 * 5.5) / 7)
    # two function words and a word: each of them half a piece, a cost for each short one
    short = vanity._measure(nanp("8006966263"), [place("MY", 3), place("MY", 5), place("BOND", 7)])
    aligned = 0.9 + 0.1 * 2 / 3  # the second MY starts no group
    assert short[0] == pytest.approx(weight / (1 + 0.35 * 1) * 0.97**2 * aligned)
    # function words only: their own weights count
    only = vanity._measure(nanp("8004646000"), [place("GO", 3), place("GO", 5)])
    assert only[0] == pytest.approx((4 / 7) ** 0.5 * weight / 1.35 * 0.97**2 * (0.9 + 0.1 / 2))
    # a three-letter word costs nothing; two cut words cost for each letter they drop
    three = vanity._measure(nanp("8002270000"), [place("CAR", 3)])
    assert three[0] == pytest.approx((3 / 7) ** 0.5 * weight / 1.35)
    carts = vanity.Placement("CARTS", 0, 3, weight, True, 4.0)  # CAR of CARTS: 2 dropped
    cuts = vanity._measure(plain("2272270", 0), [carts, carts._replace(start=3, end=6)])
    costs = 0.97**2 * 0.9**2  # two cut words, each dropping one letter past the first
    pieces = 1 / (1 + 0.35 * 2)  # two words and the 0 after them
    expected = (6 / 7) ** 0.5 * weight * pieces * (0.9 + 0.1 / 2) * costs * 0.85
    assert cuts[0] == pytest.approx(expected)


def test_two_first_names_side_by_side_are_not_offered() -> None:
    index = index_of(("gary", 4.4, "name"), ("anne", 4.0, "name"))
    found = [s.text for s in vanity.spell(plain("42792663", 0), index, limit=10)]
    assert "+44 GARY-ANNE" not in found
    assert "+44 GARY-2663" in found


def test_a_pattern_with_a_multi_digit_wildcard_places_no_word() -> None:
    # % can match any number of digits: even when it matched one, the letters typed
    # have no fixed place, so the result is not spelled.
    assert vanity.match_word(layout("+15105786760"), "78676%", "STORM%") is None


def test_a_searched_function_word_is_scored_as_one() -> None:
    shape = layout("+18004612273")  # GO, any digit, CARD
    match = vanity.match_word(shape, "46*2273", "GO*CARD")
    assert match is not None and match.spelled == "+1 800-GO-1-CARD"
    # GO reads with the word it goes with (half a piece, glued) and adds nothing to how
    # common the spelling reads: 6 of 7 digits, 2.5 pieces, a short word's cost
    assert match.score == round((6 / 7) ** 0.5 / (1 + 0.35 * 1.5) * (0.9 + 0.1 * 2 / 2) * 0.97, 2)


def test_an_index_knows_its_keys_and_whether_it_has_any() -> None:
    index = word_index()
    assert "78676" in index and "0000" not in index and 78676 not in index
    assert bool(index) and bool(index_of(("storm", 4.7)))
    assert not WordIndex()
