"""The phone-number parser and numbering plans (pure). Why a number is refused, letters
only where asked for, national text read in its country, and the lengths and examples
the sandbox and --starts-with use."""

from __future__ import annotations

import pytest

from numsearch.numbering import (
    NotANumber,
    e164,
    example_number,
    format_national,
    national_digits,
    parse_number,
    type_lengths,
)


@pytest.mark.parametrize(
    ("text", "kind", "message"),
    [
        ("--", "unparsable", "'--' is not a phone number"),
        ("12", "impossible", "'12' is not a possible phone number"),
        ("+1 555 555 010", "impossible", "'+1 555 555 010' is not a possible phone number"),
        ("1-800-PETSMART", "impossible", "'1-800-PETSMART' is not a possible phone number"),
        ("+1 555 FLOWERS", "invalid", "'+1 555 FLOWERS' is not a valid number"),
    ],
)
def test_a_refusal_says_why(text: str, kind: str, message: str) -> None:
    with pytest.raises(NotANumber) as caught:
        parse_number(text, "US")
    assert (caught.value.kind, str(caught.value)) == (kind, message)


def test_a_valid_number_is_asked_for_by_valid_true() -> None:
    assert e164(parse_number("+1 555 555 0100", "US")) == "+15555550100"  # possible
    with pytest.raises(NotANumber) as caught:
        parse_number("+1 555 555 0100", "US", valid=True)
    assert caught.value.kind == "invalid"


def test_extra_letters_are_dropped_only_when_asked() -> None:
    # 1-800-PETSMART is what the ad says; a number about to be bought is never guessed.
    assert e164(parse_number("1-800-PETSMART", "US", extra_letters=True)) == "+18007387627"
    with pytest.raises(NotANumber):
        parse_number("1-800-PETSMART", "US")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("+1 800 FLOWERS", "+18003569377"),  # a + before letters
        ("+1 510/555-0100", "+15105550100"),  # digits with a slash: phonenumbers reads them
        ("(510) 555-0100", "+15105550100"),
    ],
)
def test_what_people_type_is_read(text: str, expected: str) -> None:
    assert e164(parse_number(text, "US")) == expected


@pytest.mark.parametrize(
    ("text", "country", "expected"),
    [
        ("+15105551234", None, "(510) 555-1234"),
        ("5105551234", "us", "(510) 555-1234"),  # national text, read in its country
        ("02079460000", "GB", "020 7946 0000"),
        ("nonsense", "US", "nonsense"),
    ],
)
def test_format_national(text: str, country: str | None, expected: str) -> None:
    assert format_national(text, country) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("+15105551234", "5105551234"), ("+44 20 7946 0000", "2079460000"), ("ab 12-34", "1234")],
)
def test_national_digits_even_of_text_that_does_not_parse(text: str, expected: str) -> None:
    assert national_digits(text) == expected


@pytest.mark.parametrize(
    ("country", "number_type", "lengths"),
    [
        ("GB", "mobile", (10,)),  # the type's own lengths, not the country's (7, 9, 10)
        ("GB", "local", (9, 10)),
        ("US", "voip", (10,)),  # no VoIP plan in the US: the country's lengths
        ("US", "no-such-type", (10,)),
        ("ZZ", "local", ()),
    ],
)
def test_type_lengths(country: str, number_type: str, lengths: tuple[int, ...]) -> None:
    assert type_lengths(country, number_type) == lengths


@pytest.mark.parametrize(
    ("country", "number_type", "example"),
    [
        ("GB", "mobile", "+447400123456"),
        ("gb", "local", "+441212345678"),
        ("US", "toll_free", "+18002345678"),
        ("US", "voip", None),  # no plan for the type
        ("DE", "machine_to_machine", None),  # a plan without an example
        ("US", "no-such-type", None),
        ("ZZ", "local", None),  # no such country
    ],
)
def test_example_number(country: str, number_type: str, example: str | None) -> None:
    assert example_number(country, number_type) == example
