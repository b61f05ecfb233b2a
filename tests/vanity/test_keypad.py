"""Letters to keypad digits: what `numsearch vanity WORD` prints and a word search sends,
from any keyboard's letters and digits, and what is refused."""

from __future__ import annotations

import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from numsearch import keypad
from numsearch.errors import InvalidInput
from numsearch.keypad import keypad_digits, pattern_regex
from tests.support import CliRun
from tests.support.fake_twilio import FakeTwilio, numbers_page


@pytest.mark.parametrize(
    ("text", "digits"),
    [
        ("STORM", "78676"),
        ("storm", "78676"),
        ("ABC", "222"),
        ("DEF", "333"),
        ("GHI", "444"),
        ("JKL", "555"),
        ("MNO", "666"),
        ("PQRS", "7777"),
        ("TUV", "888"),
        ("WXYZ", "9999"),
        ("Q", "7"),
        ("Z", "9"),
        ("866***EPIC", "866***3742"),
        ("1-800-FLOWERS", "18003569377"),
        ("(510) STORM.00", "5107867600"),
        ("0123456789", "0123456789"),
        ("", ""),
    ],
)
def test_keypad_translation(text: str, digits: str) -> None:
    assert keypad.keypad_digits(text) == digits


@pytest.mark.parametrize("text", ["ST@RM", "é", "50%", "+1", "STORM!", "Ω", "½"])
def test_keypad_rejects_anything_else_with_a_clear_message(text: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        keypad.keypad_digits(text)
    assert "is not allowed: use letters, digits or *" in str(caught.value)


@given(st.text(string.digits))
def test_translation_is_idempotent_on_digits(digits: str) -> None:
    assert keypad.keypad_digits(digits) == digits
    assert keypad.keypad_digits(keypad.keypad_digits(digits)) == digits


@given(st.text(string.ascii_letters, min_size=1))
def test_translation_preserves_the_length_of_words(word: str) -> None:
    digits = keypad.keypad_digits(word)
    assert len(digits) == len(word) and set(digits) <= set("23456789")
    assert keypad.keypad_digits(digits) == digits


@given(st.text(string.ascii_letters + string.digits + "*-. ()"))
def test_separators_vanish_and_the_rest_maps_one_to_one(text: str) -> None:
    assert len(keypad.keypad_digits(text)) == len(keypad.strip_separators(text))


@given(st.text(min_size=1))
def test_any_text_either_translates_or_says_why(text: str) -> None:
    try:
        digits = keypad.keypad_digits(text)
    except InvalidInput as exc:
        assert "is not allowed" in str(exc)
    else:
        assert set(digits) <= set(string.digits + "*")


@pytest.mark.parametrize(
    ("typed", "digits"),
    [
        ("\u0665\u0661\u0660STORM", "51078676"),  # Arabic-Indic digits
        ("\u06f5\u06f1\u06f0", "510"),  # Eastern Arabic-Indic (Persian)
        ("\u096b\u0967\u0966-\u096d\u096e\u096c", "510786"),  # Devanagari
        (
            "\uff15\uff11\uff10\uff53\uff54\uff4f\uff52\uff4d",
            "51078676",
        ),  # full-width digits and letters
    ],
)
def test_digits_and_letters_of_other_keyboards_mean_ascii(typed: str, digits: str) -> None:
    assert keypad.keypad_digits(typed) == digits


def test_a_search_pattern_typed_in_other_digits_is_sent_in_ascii(
    cli: CliRun, fake_twilio: FakeTwilio
) -> None:
    fake_twilio.default = numbers_page([])
    assert cli("local", "--contains", "\u0665\u0661\u0660STORM").exit_code == 1
    assert fake_twilio.requests[0].query["Contains"] == "51078676"


# -- letters outside ASCII, refusals, anchors --------------------------------------------


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
