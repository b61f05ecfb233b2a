"""How a spelling is scored: covering the number with few, long, common words aligned to
its groups; what short and cut words cost; 2 and 4 read as TO and FOR; loose pairs;
how ties break."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from numsearch import vanity
from numsearch.number_layout import layout
from numsearch.words import WordIndex
from tests.support.vanity import index_of, nanp, plain, score_of, texts


def test_scoring_rewards_coverage_fewer_pieces_commonness_and_alignment() -> None:
    # FLOW ERS in the phrase list, so that FLOW-ERS reads as a phrase, not a loose pair.
    index = WordIndex.from_words(
        [("flowers", 5.0), ("flow", 5.6), ("ers", 2.0), ("lowers", 2.0), ("owe", 2.0),
         ("flow ers", 2.0)]
    )  # fmt: skip
    shape = layout("+18003569377")
    by_text = {s.text: s.score for s in vanity.spell(shape, index, limit=20)}
    assert by_text["1-800-FLOWERS"] > by_text["1-800-FLOW-ERS"]  # fewer pieces
    assert by_text["1-800-FLOW-ERS"] > by_text["1-800-FLOW-377"]  # more covered
    assert by_text["1-800-FLOWERS"] > by_text["1-800-3-LOWERS"]  # common and aligned
    assert by_text["1-800-FLOW-377"] > by_text["1-800-35-OWE-77"]  # fewer pieces, aligned

    common = vanity.Placement("FLOW", 3, 7, 1.0)
    rare = vanity.Placement("FLOW", 3, 7, 0.7)
    assert vanity.score_placements(shape, [common]) > vanity.score_placements(shape, [rare])
    # The same word, once on a group boundary and once not: alignment alone decides.
    middle = vanity.Placement("OWE", 5, 8, 1.0)
    grouped = shape._replace(group_starts=frozenset({0, 3, 5}))
    assert vanity.score_placements(grouped, [middle]) > vanity.score_placements(shape, [middle])


@pytest.mark.parametrize(
    ("number", "better", "worse"),
    [
        ("1-800-PLUMBER", "1-800-PLUMBER", "1-800-SLUMBER"),
        ("1-800-GOT-JUNK", "1-800-GOT-JUNK", "1-800-HOT-JUNK"),
    ],
)
def test_ties_break_on_real_frequency(number: str, better: str, worse: str) -> None:
    found = texts(number)
    assert found.index(better) < found.index(worse)


@given(st.floats(min_value=0, max_value=8))
def test_weights_grow_with_frequency_and_proper_nouns_weigh_less(zipf: float) -> None:
    weight = vanity.word_weight(zipf)
    assert 0.55 <= weight <= 1.0
    assert vanity.word_weight(zipf + 0.5) >= weight
    assert vanity.word_weight(zipf, proper=True) < vanity.word_weight(max(zipf, 5.0))
    assert vanity.word_weight(zipf, proper=True) <= 0.9


@pytest.mark.parametrize(
    ("zipf", "proper", "weight"),
    [
        (1.0, False, 0.55),
        (2.0, False, 0.55),
        (3.5, False, 0.775),
        (5.0, False, 1.0),
        (7.0, False, 1.0),
        (1.0, True, 0.495),  # a listed name ranks by its frequency: no floor
        (2.0, True, 0.63),  # as a word one Zipf commoner, times 0.9
        (5.0, True, 0.9),
    ],
)
def test_word_weight_exactly(zipf: float, proper: bool, weight: float) -> None:
    assert vanity.word_weight(zipf, proper=proper) == pytest.approx(weight)


def test_weights_are_computed_when_not_remembered() -> None:
    vanity._WEIGHTS.clear()
    best = vanity.spell(layout("+18003569377"), limit=1)[0]
    assert (best.text, best.score) == ("1-800-FLOWERS", 0.94)
    assert best.placements[0].weight == pytest.approx(vanity.word_weight(4.6))
    vanity._WEIGHTS.clear()
    fedex = vanity.spell(layout("1-800-GO-FEDEX"), limit=1)[0]
    assert fedex.placements[1].weight == pytest.approx(vanity.word_weight(3.4, proper=True))


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
    listed = vanity.Links(known=1, frequency=3.0, phrase=True, loose_functions=0)
    together = vanity.Links(known=0, frequency=0.0, phrase=True, loose_functions=0)
    loose = vanity._measure(shape, [place("CASH", 3), place("NOW", 7)])
    known = vanity._measure(shape, [place("CASH", 3), place("NOW", 7)], listed)
    weight = vanity.word_weight(4.0)
    assert loose[0] == pytest.approx(weight / 1.35 * 0.85)
    assert loose[1:] == (4.0, 7)
    assert known[0] == pytest.approx(weight / 1.175)
    # words that make no phrase read as the weakest of them, however common the other
    stronger = vanity._measure(shape, [place("CASH", 3), place("NOW", 7, 5.5)])
    assert stronger[0] == pytest.approx(loose[0])
    assert stronger[1] == pytest.approx((4 * 4.0 + 3 * 5.5) / 7)
    # a known phrase reads as the mean of its words, by letters
    phrase = vanity._measure(shape, [place("CASH", 3), place("NOW", 7, 5.5)], listed)
    assert phrase[0] == pytest.approx((4 * weight + 3) / 7 / 1.175)
    # a memorable run of digits is half a piece: 444-HELP
    help_ = vanity._measure(nanp("8004444357"), [place("HELP", 6)])
    assert help_[0] == pytest.approx((4 / 7) ** 0.5 * weight / 1.175)
    plain_run = vanity._measure(nanp("8004434357"), [place("HELP", 6)])
    assert plain_run[0] == pytest.approx((4 / 7) ** 0.5 * weight / 1.35)
    # two function words and a word: each of them half a piece, a cost for each short one
    my_my_bond = [place("MY", 3), place("MY", 5), place("BOND", 7)]
    short = vanity._measure(nanp("8006966263"), my_my_bond, together)
    aligned = 0.9 + 0.1 * 2 / 3  # the second MY starts no group
    assert short[0] == pytest.approx(weight / (1 + 0.35 * 1) * 0.97**2 * aligned)
    # function words only: their own weights count (and 6000, round, is half a piece)
    only = vanity._measure(nanp("8004646000"), [place("GO", 3), place("GO", 5)], together)
    assert only[0] == pytest.approx((4 / 7) ** 0.5 * weight / 1.175 * 0.97**2 * (0.9 + 0.1 / 2))
    # a three-letter word costs nothing; two cut words cost for each letter they drop
    three = vanity._measure(nanp("8002279876"), [place("CAR", 3)])  # 9876: a run, half
    assert three[0] == pytest.approx((3 / 7) ** 0.5 * weight / 1.175)
    three = vanity._measure(nanp("8002279436"), [place("CAR", 3)])
    assert three[0] == pytest.approx((3 / 7) ** 0.5 * weight / 1.35)
    carts = vanity.Placement("CARTS", 0, 3, weight, True, 4.0)  # CAR of CARTS: 2 dropped
    cuts = vanity._measure(plain("2272270", 0), [carts, carts._replace(start=3, end=6)])
    costs = 0.97**2 * 0.9**2  # two cut words, each dropping one letter past the first
    pieces = 1 / (1 + 0.35 * 2)  # two words and the 0 after them
    expected = (6 / 7) ** 0.5 * weight * pieces * (0.9 + 0.1 / 2) * costs * 0.85
    assert cuts[0] == pytest.approx(expected)


def test_runs_and_lone_digits_are_counted() -> None:
    def place(start: int) -> vanity.Placement:
        return vanity.Placement("WORD", start, start + 2, 1.0)

    # 0, WO, 2, WO, 4, WO: a run, then two lone digits read as TO and FOR
    assert vanity._gaps_read(plain("055255455", 0), [place(1), place(4), place(7)]) == (1, 2, 0, 0)
    # 1, WO, 4, WO, 78, WO, 1: the 4 has digits after it, so it is a run too
    spaced = plain("15545578551", 0)
    assert vanity._gaps_read(spaced, [place(1), place(4), place(8)]) == (4, 0, 0, 0)
    # 444, WO, 2000: two memorable runs (a repeat and a round number), 7 digits of them
    memorable = plain("444552000", 0)
    assert vanity._gaps_read(memorable, [place(3)]) == (2, 0, 2, 7)


def test_each_letter_dropped_past_the_first_costs_more() -> None:
    found = texts("1-800-COLLECT", limit=10)
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
    assert texts("1-800-2-DINERS", index, limit=10)[0] == "1-800-2-DINERS"


def test_words_that_make_no_phrase_read_as_their_weakest_word() -> None:
    # Issue #23: HID-TERM is a coincidence of the digits, however common TERM is; the
    # pair list decides what is a phrase, not how common one of its words is.
    common = WordIndex.from_words([("hid", 3.8), ("term", 5.2)])
    commoner = WordIndex.from_words([("hid", 3.8), ("term", 5.9)])
    phrase = WordIndex.from_words([("hid", 3.8), ("term", 5.2), ("hid term", 2.0)])
    number = "1-800-HID-TERM"
    assert score_of(number, number, common) == score_of(number, number, commoner)
    assert score_of(number, number, common) < score_of(number, number, phrase)
    assert texts(number, common)[0] == "1-800-443-TERM"  # one common word and digits
    assert texts(number, phrase)[0] == "1-800-HID-TERM"
