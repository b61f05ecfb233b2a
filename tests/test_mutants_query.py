"""The query builder (pure): what `scripts/mutation.py` found no test for. A refusal is
read whole by the user, so its whole text is checked; every In- filter also takes a
phone number; a word typed in --starts-with/--ends-with is kept for vanity; the
limits of --distance and --near-lat-long are inclusive."""

from __future__ import annotations

import pytest

from numsearch import numbering
from numsearch.errors import InvalidInput
from numsearch.query import SearchFilters, build_query

OUTSIDE = " works only for US and CA numbers, not GB (try --contains or --in-locality)"


def refusal(country: str, **filters: object) -> str:
    with pytest.raises(InvalidInput) as caught:
        build_query("local", country, SearchFilters(**filters))  # type: ignore[arg-type]
    return str(caught.value)


@pytest.mark.parametrize(
    ("country", "filters", "message"),
    [
        (
            "US",
            {"in_rate_center": "OKLD"},
            "--in-rate-center needs --in-lata too (Twilio looks rate centres up within a LATA)",
        ),
        ("GB", {"in_lata": "722", "in_rate_center": "OKLD"}, "--in-lata" + OUTSIDE),
        ("GB", {"in_rate_center": "OKLD"}, "--in-rate-center" + OUTSIDE),
        ("GB", {"distance": 5}, "--distance" + OUTSIDE),
        (
            "US",
            {"contains": "55+5"},
            "--contains '55+5': use digits, letters, * (one digit) and % (any digits),"
            " with + only first and $ only last",
        ),
        (
            "US",
            {"ends_with": "a#"},
            "--ends-with: '#' in 'a#' is not allowed: use letters, digits or *",
        ),
        (
            "US",
            {"starts_with": "", "ends_with": ""},
            "--starts-with and --ends-with need at least one digit or letter",
        ),
        (
            "US",
            {"starts_with": "510555", "ends_with": "12345"},
            "--starts-with 510555 and --ends-with 12345 together need 11 digits,"
            " but US local numbers have 10",
        ),
        (
            "US",
            {"ends_with": "51055512345"},
            "--ends-with 51055512345 needs 11 digits, but US local numbers have 10",
        ),
        (
            "US",
            {"near_number": "+15105550100", "near_lat_long": "1,1"},
            "--near-number and --near-lat-long both set the centre: use one",
        ),
        ("US", {"distance": 3}, "--distance needs --near-number or --near-lat-long"),
        ("US", {"near_lat_long": "-90.5,0"}, "--near-lat-long latitude -90.5 is outside -90..90"),
        (
            "US",
            {"near_lat_long": "0,180.5"},
            "--near-lat-long longitude 180.5 is outside -180..180",
        ),
        ("US", {"in_region": " "}, "--in-region needs a value"),
        ("US", {"in_postal_code": " "}, "--in-postal-code needs a value"),
        ("US", {"in_lata": "722", "in_rate_center": " "}, "--in-rate-center needs a value"),
        ("US", {"in_region": "+1555"}, "--in-region: '+1555' is not a possible phone number"),
        (
            "US",
            {"in_postal_code": "+1555"},
            "--in-postal-code: '+1555' is not a possible phone number",
        ),
        (
            "US",
            {"in_lata": "722", "in_rate_center": "+1555"},
            "--in-rate-center: '+1555' is not a possible phone number",
        ),
    ],
)
def test_a_refusal_is_one_whole_sentence_naming_the_flag(
    country: str, filters: dict[str, object], message: str
) -> None:
    assert refusal(country, **filters) == message


def test_a_country_without_a_numbering_plan_is_refused_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Every country phonenumbers knows has a plan today; a release that drops one must
    # still end in a sentence about the flags.
    def no_plan(country: str, number_type: str) -> int:
        raise numbering.NotANumber(f"phonenumbers has no numbering plan for {country}")

    monkeypatch.setattr(numbering, "national_length", no_plan)
    assert refusal("GB", starts_with="20") == (
        "--starts-with/--ends-with: phonenumbers has no numbering plan for GB"
    )


@pytest.mark.parametrize(
    ("country", "filters", "param"),
    [
        ("US", {"in_postal_code": "+1 (510) 555-0100"}, "InPostalCode"),
        ("US", {"in_locality": "+1 (510) 555-0100"}, "InLocality"),
        ("CA", {"in_lata": "722", "in_rate_center": "+1 (510) 555-0100"}, "InRateCenter"),
    ],
)
def test_an_in_filter_given_a_phone_number_sends_it_in_e164(
    country: str, filters: dict[str, str], param: str
) -> None:
    sent = build_query("local", country, SearchFilters(**filters)).request_params()  # type: ignore[arg-type]
    assert sent[0][param] == "+15105550100"


@pytest.mark.parametrize(
    ("filters", "word", "letters", "contains"),
    [
        ({"starts_with": "510STORM"}, "STORM", "510STORM**", "51078676**"),
        ({"starts_with": "510", "ends_with": "epic"}, "EPIC", "510***epic", "510***3742"),
        ({"starts_with": "510555"}, None, None, "510555****"),
        ({"contains": "STORM*EPIC"}, "STORM EPIC", "STORM*EPIC", "78676*3742"),
        ({"contains": "XBOX"}, "XBOX", "XBOX", "9269"),
    ],
)
def test_the_words_typed_are_kept_beside_the_digits_sent(
    filters: dict[str, str], word: str | None, letters: str | None, contains: str
) -> None:
    query = build_query("local", "US", SearchFilters(**filters))  # type: ignore[arg-type]
    assert (query.word, query.letters, query.contains) == (word, letters, contains)


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"near_number": "+15105550100", "distance": 500}, {"Distance": "500"}),
        ({"near_number": "+15105550100", "distance": 1}, {"Distance": "1"}),
        ({"near_lat_long": "-90,-180"}, {"NearLatLong": "-90,-180"}),
        ({"near_lat_long": "90,180"}, {"NearLatLong": "90,180"}),
    ],
)
def test_the_limits_themselves_are_allowed(
    filters: dict[str, object], expected: dict[str, str]
) -> None:
    sent = build_query("local", "US", SearchFilters(**filters)).request_params()  # type: ignore[arg-type]
    assert expected.items() <= sent[0].items()
