"""The keypad (pure): what `scripts/mutation.py` found no test for. Letters outside
ASCII are refused rather than read as a look-alike key, a refusal lists every
character allowed, and a Contains pattern's + and $ anchor it to the number's ends."""

from __future__ import annotations

import pytest

from numsearch.errors import InvalidInput
from numsearch.keypad import keypad_digits, pattern_regex


def test_letters_outside_ascii_are_refused_even_when_their_capital_is_ascii() -> None:
    # Dotless i (U+0131) upper-cases to I, but no key carries it.
    with pytest.raises(InvalidInput, match="is not allowed"):
        keypad_digits("FLOW\u0131RS")


def test_a_long_s_is_read_as_the_s_it_is_written_for() -> None:
    # Long s (U+017F) is a compatibility form of s (NFKC): the keyboard meant STORM.
    assert keypad_digits("\u017fTORM") == "78676"


@pytest.mark.parametrize(
    ("keep", "allowed"),
    [
        ("*", "letters, digits or *"),
        ("*%+$", "letters, digits or * or % or + or $"),
    ],
)
def test_a_refusal_names_the_character_and_everything_allowed(keep: str, allowed: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        keypad_digits("51#0", keep=keep)
    assert str(caught.value) == f"'#' in '51#0' is not allowed: use {allowed}"


@pytest.mark.parametrize(
    ("pattern", "digits", "found"),
    [
        ("+1510", "15105550100", True),
        ("+1510", "14151510000", False),  # 1510 inside, not at the start
        ("1510", "14151510000", True),
        ("0100$", "15105550100", True),
        ("0100$", "15100100555", False),  # 0100 inside, not at the end
        ("0100", "15100100555", True),
        ("+1510%0100$", "15105550100", True),
        ("+1510***0100$", "15105550100", True),
        ("+1510**0100$", "15105550100", False),
    ],
)
def test_plus_anchors_a_pattern_at_the_start_and_dollar_at_the_end(
    pattern: str, digits: str, found: bool
) -> None:
    assert (pattern_regex(pattern).search(digits) is not None) is found
