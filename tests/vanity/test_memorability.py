"""How memorable a number's digits are: repeats, runs, years, mirrored halves, repeated
pairs, few distinct digits and round endings, scored exactly, with their reasons."""

from __future__ import annotations

import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from numsearch.memorability import Memorability, memorability, memorable_run
from numsearch.number_layout import layout
from tests.support.vanity import nanp, plain


def test_222_2222_is_more_memorable_than_836_4917() -> None:
    easy = memorability(layout("+18002222222"))
    hard = memorability(layout("+18008364917"))
    assert easy.score > hard.score
    assert easy == Memorability(1.0, ("repeats 2222222",))
    assert hard == Memorability(0.0, ())


@pytest.mark.parametrize(
    ("number", "reason"),
    [
        ("+14155555555", "repeats 5555555"),
        ("+18005551234", "run 1234"),
        ("+15109876543", "run 9876543"),
        ("+14153482020", "year 2020"),
        ("+12124731221", "mirrored 1221"),
        ("+16502474545", "pattern 4545"),
        ("+14153287000", "round 7000"),
        ("+14155550000", "round 50000"),
        ("+14155550000", "repeats 555"),  # trailing zeros are the round ending, not a repeat
        ("+13125252522", "2 distinct digits"),
    ],
)
def test_memorability_reasons(number: str, reason: str) -> None:
    memo = memorability(layout(number))
    assert reason in memo.reasons
    assert 0 < memo.score <= 1


@given(st.text(string.digits, min_size=10, max_size=10))
def test_memorability_is_a_score_with_its_reasons(national: str) -> None:
    memo = memorability(nanp(national))
    assert 0.0 <= memo.score <= 1.0
    assert (memo.score > 0) == bool(memo.reasons)
    assert memo.to_json() == {"score": memo.score, "reasons": list(memo.reasons)}


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


@pytest.mark.parametrize(
    ("digits", "reason"),
    [
        ("444", "repeat"),
        ("2345", "sequence"),
        ("987", "sequence"),
        ("7000", "round"),
        ("500", "round"),
        ("1990", "year"),
        ("2024", "year"),
        ("643", None),
        ("9499", None),
        ("44", None),  # too short to be a run
        ("0500", None),  # a round number does not start with 0
        ("1899", None),
        ("2040", None),
    ],
)
def test_which_runs_of_digits_read_as_one_memorable_chunk(digits: str, reason: str | None) -> None:
    assert memorable_run(digits) == reason
