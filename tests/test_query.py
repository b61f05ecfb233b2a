"""The query builder (pure): validation, and Twilio query strings that match the spec."""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from numsearch import numbering
from numsearch.errors import InvalidInput
from numsearch.number_types import NUMBER_TYPES
from numsearch.query import SearchFilters, area_code, build_query
from tests.support.spec import check_value, query_parameters


def params(
    number_type: str = "local", country: str = "US", **filters: object
) -> list[dict[str, str]]:
    return build_query(number_type, country, SearchFilters(**filters)).request_params()  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, {}),
        ({"area_code": ["510"]}, {"AreaCode": "510"}),
        ({"contains": "555"}, {"Contains": "555"}),
        ({"contains": "STORM"}, {"Contains": "78676"}),
        ({"contains": "storm"}, {"Contains": "78676"}),
        ({"contains": "866***EPIC"}, {"Contains": "866***3742"}),
        ({"contains": "+1510%"}, {"Contains": "+1510%"}),
        ({"contains": "1234$"}, {"Contains": "1234$"}),
        ({"contains": "1-800-FLOWERS"}, {"Contains": "18003569377"}),
        ({"starts_with": "510555"}, {"Contains": "510555****"}),
        ({"ends_with": "1234"}, {"Contains": "******1234"}),
        ({"starts_with": "510", "ends_with": "1234"}, {"Contains": "510***1234"}),
        ({"starts_with": "510STORM"}, {"Contains": "51078676**"}),
        ({"in_region": "AR"}, {"InRegion": "AR"}),
        ({"in_postal_code": "94612"}, {"InPostalCode": "94612"}),
        ({"in_locality": "Oakland"}, {"InLocality": "Oakland"}),
        ({"in_lata": "722"}, {"InLata": "722"}),
        ({"in_lata": "+15016055555"}, {"InLata": "+15016055555"}),
        ({"in_lata": "722", "in_rate_center": "OKLD"}, {"InLata": "722", "InRateCenter": "OKLD"}),
        ({"in_region": "+1 (510) 555-0100"}, {"InRegion": "+15105550100"}),
        ({"near_number": "(510) 555-0100"}, {"NearNumber": "+15105550100"}),
        (
            {"near_number": "+15105550100", "distance": 50},
            {"NearNumber": "+15105550100", "Distance": "50"},
        ),
        (
            {"near_lat_long": "37.840699, -122.461853", "distance": 50, "contains": "555"},
            {"NearLatLong": "37.840699,-122.461853", "Distance": "50", "Contains": "555"},
        ),
        ({"sms": True}, {"SmsEnabled": "true"}),
        ({"mms": False}, {"MmsEnabled": "false"}),
        ({"voice": True}, {"VoiceEnabled": "true"}),
        ({"fax": False}, {"FaxEnabled": "false"}),
        ({"exclude_address_required": ["all"]}, {"ExcludeAllAddressRequired": "true"}),
        (
            {"exclude_address_required": ["local", "foreign", "local"]},
            {"ExcludeLocalAddressRequired": "true", "ExcludeForeignAddressRequired": "true"},
        ),
        ({"beta": False}, {"Beta": "false"}),
        ({"beta": True}, {"Beta": "true"}),
        ({"limit": 20}, {"PageSize": "20"}),
        ({"limit": 1000}, {"PageSize": "1000"}),
    ],
)
def test_us_filters_become_spec_parameters(
    filters: dict[str, Any], expected: dict[str, str]
) -> None:
    assert params(**filters) == [expected]


def test_several_area_codes_are_one_request_each_in_order_without_duplicates() -> None:
    got = params(area_code=["510,415", "650", "510"], contains="555")
    assert got == [
        {"AreaCode": "510", "Contains": "555"},
        {"AreaCode": "415", "Contains": "555"},
        {"AreaCode": "650", "Contains": "555"},
    ]


@pytest.mark.parametrize(
    ("country", "kind", "filters", "expected"),
    [
        ("GB", "local", {"starts_with": "20"}, "20********"),
        ("GB", "local", {"ends_with": "1234"}, "******1234"),
        ("GB", "mobile", {"starts_with": "7700"}, "7700******"),
        ("AU", "local", {"starts_with": "2"}, "2********"),
        ("AU", "mobile", {"ends_with": "999"}, "******999"),
        ("AU", "tollfree", {"starts_with": "1800"}, "1800******"),
        ("US", "tollfree", {"starts_with": "800", "ends_with": "FLOWERS"}, "8003569377"),
        ("CA", "local", {"starts_with": "416"}, "416*******"),
    ],
)
def test_anchored_patterns_pad_to_the_national_length(
    country: str, kind: str, filters: dict[str, str], expected: str
) -> None:
    assert params(kind, country, **filters) == [{"Contains": expected}]


def test_the_word_is_kept_for_vanity() -> None:
    query = build_query("local", "us", SearchFilters(contains="storm"))
    assert (query.country, query.word, query.contains) == ("US", "STORM", "78676")
    assert query.letters == "storm"
    assert build_query("local", "US", SearchFilters(contains="78676")).word is None


def test_area_codes_are_of_the_shape_the_north_american_plan_allows() -> None:
    """NPA = [2-9][0-8][0-9] and not N11: every other 3-digit code is refused before
    anything is sent (one a plan could hold but phonenumbers does not know is searched)."""
    accepted = set()
    for n in range(1000):
        try:
            accepted.add(area_code(f"{n:03d}"))
        except InvalidInput as exc:
            assert str(exc).startswith(f"--area-code {n:03d} cannot be a North American area code")
    expected = {c for c in map("{:03d}".format, range(1000)) if re.fullmatch(r"[2-9][0-8][0-9]", c)}
    assert accepted == expected - {f"{n}11" for n in range(2, 10)}
    assert {"510", "800", "729", "555"} <= accepted


@pytest.mark.parametrize(
    ("country", "filters", "message"),
    [
        ("UK", {}, "use GB"),
        ("usa", {}, "use US"),
        ("Germany", {}, "use DE"),
        ("XX", {}, "not an ISO 3166-1 alpha-2 code"),
        ("U", {}, "not an ISO 3166-1 alpha-2 code"),
        ("US", {"area_code": ["51"]}, "--area-code '51' is not a 3-digit area code"),
        ("US", {"area_code": ["510,abc"]}, "--area-code 'abc'"),
        (
            "US",
            {"area_code": ["999"]},
            "--area-code 999 cannot be a North American area code:"
            " a middle 9 is kept for expanding the plan",
        ),
        (
            "US",
            {"area_code": ["059"]},
            "--area-code 059 cannot be a North American area code: area codes begin with 2 to 9",
        ),
        ("CA", {"area_code": ["510,150"]}, "--area-code 150 cannot be"),
        (
            "US",
            {"area_code": ["411"]},
            "--area-code 411 cannot be a North American area code:"
            " N11 codes (211 to 911) are for services",
        ),
        ("GB", {"area_code": ["020"]}, "--area-code works only for US and CA numbers, not GB"),
        ("GB", {"in_region": "London"}, "--in-region works only for US and CA"),
        ("AU", {"in_postal_code": "2000"}, "--in-postal-code works only for US and CA"),
        ("GB", {"in_lata": "722"}, "--in-lata works only for US and CA"),
        ("GB", {"near_lat_long": "51.5,-0.1"}, "--near-lat-long works only for US and CA"),
        ("GB", {"near_number": "+442079460000"}, "--near-number works only for US and CA"),
        ("US", {"in_rate_center": "OKLD"}, "--in-rate-center needs --in-lata"),
        ("US", {"distance": 10}, "--distance needs --near, --near-number or --near-lat-long"),
        ("US", {"near_number": "+15105550100", "distance": 0}, "--distance must be 1 to 500"),
        ("US", {"near_number": "+15105550100", "distance": 501}, "--distance must be 1 to 500"),
        ("US", {"near_lat_long": "91,0"}, "latitude 91 is outside -90..90"),
        ("US", {"near_lat_long": "0,-181"}, "longitude -181 is outside -180..180"),
        ("US", {"near_lat_long": "37.8"}, "is not LAT,LONG"),
        ("US", {"near_lat_long": "north,west"}, "is not LAT,LONG"),
        ("US", {"near_number": "12"}, "--near-number: '12' is not"),
        (
            "US",
            {"near_number": "not a number"},
            "--near-number: 'not a number' is not a phone number",
        ),
        ("US", {"in_lata": "+1555"}, "--in-lata: '+1555' is not"),
        ("US", {"near_number": "+15105550100", "near_lat_long": "1,1"}, "use one"),
        ("US", {"contains": "5"}, "Twilio takes 2 to 16"),
        ("US", {"contains": "12345678901234567"}, "Twilio takes 2 to 16"),
        ("US", {"contains": "55+5"}, "with + only first and $ only last"),
        ("US", {"contains": "$555"}, "with + only first and $ only last"),
        ("US", {"contains": "55_5"}, "use digits, letters"),
        ("US", {"contains": "ÉTÉ55"}, "use digits, letters"),
        ("US", {"contains": "555", "starts_with": "510"}, "--contains and --starts-with"),
        ("US", {"contains": "555", "ends_with": "1"}, "--contains and --ends-with"),
        ("US", {"starts_with": "51055512345"}, "needs 11 digits, but US local numbers have 10"),
        ("US", {"starts_with": "510555", "ends_with": "12345"}, "together need 11 digits"),
        ("US", {"starts_with": "51#"}, "--starts-with: '#'"),
        ("US", {"starts_with": ""}, "need at least one digit"),
        ("US", {"limit": 0}, "--limit must be from 1 to 1000"),
        ("US", {"limit": 1001}, "--limit must be from 1 to 1000"),
        ("US", {"exclude_address_required": ["some"]}, "takes all, local, foreign"),
        ("US", {"in_locality": "  "}, "--in-locality needs a value"),
    ],
)
def test_bad_input_is_refused_naming_the_flag(
    country: str, filters: dict[str, object], message: str
) -> None:
    with pytest.raises(InvalidInput) as caught:
        build_query("local", country, SearchFilters(**filters))  # type: ignore[arg-type]
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


# -- properties: whatever valid options, only the spec's names and valid values -----------

digits = st.text("0123456789", min_size=1, max_size=3)  # CA national numbers have 7 digits
contains = st.from_regex(r"\+?[0-9A-Za-z*%]{2,14}\$?", fullmatch=True)
lat = st.floats(-90, 90, allow_nan=False).map(lambda v: f"{v:.6f}")
lon = st.floats(-180, 180, allow_nan=False).map(lambda v: f"{v:.6f}")
maybe_bool = st.none() | st.booleans()
# The North American plan's shape: NXX, no middle 9, no N11.
area_codes = st.from_regex(r"[2-9][0-8][0-9]", fullmatch=True).filter(lambda c: c[1:] != "11")


@st.composite
def us_filters(draw: st.DrawFn) -> SearchFilters:
    anchor = draw(st.sampled_from(["contains", "starts", "ends", "both", None]))
    near = draw(st.sampled_from(["number", "latlong", None]))
    lata = draw(st.none() | st.from_regex(r"[0-9]{3}", fullmatch=True))
    return SearchFilters(
        area_code=draw(st.lists(area_codes, max_size=3)),
        contains=draw(contains) if anchor == "contains" else None,
        starts_with=draw(digits) if anchor in ("starts", "both") else None,
        ends_with=draw(digits) if anchor in ("ends", "both") else None,
        in_region=draw(st.none() | st.sampled_from(["CA", "AR", "NY", "+15016055555"])),
        in_postal_code=draw(st.none() | st.from_regex(r"[0-9]{5}", fullmatch=True)),
        in_locality=draw(st.none() | st.sampled_from(["Oakland", "San Francisco", "Hilo"])),
        in_lata=lata,
        in_rate_center=draw(st.none() | st.just("OKLD")) if lata else None,
        near_number="+15105550100" if near == "number" else None,
        near_lat_long=f"{draw(lat)},{draw(lon)}" if near == "latlong" else None,
        distance=draw(st.none() | st.integers(1, 500)) if near else None,
        sms=draw(maybe_bool),
        mms=draw(maybe_bool),
        voice=draw(maybe_bool),
        fax=draw(maybe_bool),
        exclude_address_required=draw(
            st.lists(st.sampled_from(["all", "local", "foreign"]), max_size=3)
        ),
        beta=draw(maybe_bool),
        limit=draw(st.none() | st.integers(1, 1000)),
    )


@settings(max_examples=300, deadline=None)
@given(
    kind=st.sampled_from(sorted(NUMBER_TYPES)),
    country=st.sampled_from(["US", "CA", "us"]),
    filters=us_filters(),
)
def test_every_request_uses_only_spec_names_and_valid_values(
    kind: str, country: str, filters: SearchFilters
) -> None:
    query = build_query(kind, country, filters)
    schemas = query_parameters(query.number_type.resource)
    requests = query.request_params()
    assert len(requests) == max(1, len(set(filters.area_code)))
    for request in requests:
        for name, value in request.items():
            assert name in schemas, f"{name} is not a parameter of {query.number_type.resource}"
            check_value(schemas[name], value)
        if "Contains" in request:
            assert 2 <= len(request["Contains"]) <= 16 or filters.contains is None
            assert re.fullmatch(r"\+?[0-9*%]+\$?", request["Contains"])
        if "Distance" in request:
            assert 1 <= int(request["Distance"]) <= 500


@settings(max_examples=100, deadline=None)
@given(
    country=st.sampled_from(["GB", "AU", "DE", "FR", "JP", "MX", "SE"]),
    kind=st.sampled_from(["local", "mobile", "tollfree"]),
    filters=us_filters(),
)
def test_outside_us_ca_the_nanp_filters_never_reach_a_request(
    country: str, kind: str, filters: SearchFilters
) -> None:
    non_nanp = filters._replace(
        area_code=[],
        in_region=None,
        in_postal_code=None,
        in_lata=None,
        in_rate_center=None,
        near_number=None,
        near_lat_long=None,
        distance=None,
    )
    query = build_query(kind, country, non_nanp)
    schemas = query_parameters(query.number_type.resource)
    for request in query.request_params():
        assert set(request) <= set(schemas)
        assert not set(request) & {"AreaCode", "InRegion", "InLata", "NearNumber", "Distance"}


# -- refusals read whole, In- filters, kept words, inclusive limits ----------------------


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
        ("US", {"distance": 3}, "--distance needs --near, --near-number or --near-lat-long"),
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
        ({"contains": "STORM*EPIC"}, "STORM*EPIC", "STORM*EPIC", "78676*3742"),
        ({"contains": "XBOX"}, "XBOX", "XBOX", "9269"),
        ({"contains": "ST0RM"}, "ST0RM", "ST0RM", "78076"),  # a zero among the letters stays
        ({"contains": "510-st0rm"}, "ST0RM", "510st0rm", "51078076"),
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
