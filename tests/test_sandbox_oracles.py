"""The sandbox checked against oracles of its own: real distances between real places,
and hand-written expectations, never the sandbox's own filter functions."""

from __future__ import annotations

import json
import math
from collections import Counter

import pytest

from numsearch.sandbox import places
from tests.support import CliRun

SAN_FRANCISCO_CITY_HALL = (37.7793, -122.4193)
OAKLAND_CITY_HALL = (37.8053, -122.2727)
SAN_JOSE_CITY_HALL = (37.3375, -121.8853)


def great_circle_miles(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Spherical law of cosines, mean Earth radius 3958.8 miles (not the sandbox's
    haversine): two formulas that agree to a fraction of a mile here."""
    (lat1, lon1), (lat2, lon2) = [(math.radians(x), math.radians(y)) for x, y in (a, b)]
    cosine = math.sin(lat1) * math.sin(lat2) + math.cos(lat1) * math.cos(lat2) * math.cos(
        lon2 - lon1
    )
    return 3958.8 * math.acos(min(1.0, cosine))


@pytest.mark.parametrize(
    ("a", "b", "low", "high"),
    [
        (SAN_FRANCISCO_CITY_HALL, OAKLAND_CITY_HALL, 8.0, 8.6),  # about 8.3 miles, 13.4 km
        (SAN_FRANCISCO_CITY_HALL, SAN_JOSE_CITY_HALL, 41.0, 43.0),  # about 42 miles
    ],
)
def test_distances_are_miles_between_real_places(
    a: tuple[float, float], b: tuple[float, float], low: float, high: float
) -> None:
    assert low < places.miles(*a, *b) < high
    assert abs(places.miles(*a, *b) - great_circle_miles(a, b)) < 0.1


def search(cli: CliRun, *args: str) -> list[dict[str, object]]:
    result = cli("--sandbox", *args, "--limit", "1000", "-o", "json")
    assert result.exit_code in (0, 1), result.stderr
    found: list[dict[str, object]] = json.loads(result.stdout)
    return found


def test_a_near_search_is_25_miles_unless_told(cli: CliRun) -> None:
    centre = ",".join(map(str, SAN_FRANCISCO_CITY_HALL))
    default = search(cli, "local", "US", "--near-lat-long", centre)
    wide = search(cli, "local", "US", "--near-lat-long", centre, "--distance", "60")

    def distance(record: dict[str, object]) -> float:
        point = (float(str(record["latitude"])), float(str(record["longitude"])))
        return great_circle_miles(SAN_FRANCISCO_CITY_HALL, point)

    assert default and all(distance(r) <= 25.5 for r in default)  # rounding of the places
    assert any(distance(r) > 30 for r in wide)  # there is inventory past 25 miles
    assert max(distance(r) for r in wide) <= 60.5


@pytest.mark.parametrize(
    ("scope", "left_out"),
    [("foreign", {"foreign"}), ("local", {"local"}), ("all", {"any", "local", "foreign"})],
)
def test_excluding_an_address_requirement_leaves_out_exactly_those(
    cli: CliRun, scope: str, left_out: set[str]
) -> None:
    everything = Counter(r["address_requirements"] for r in search(cli, "local", "GB"))
    assert set(everything) == {"none", "any", "local", "foreign"}  # all kinds to leave out
    kept = search(cli, "local", "GB", "--exclude-address-required", scope)
    seen = {r["address_requirements"] for r in kept}
    assert kept and not seen & left_out
    assert seen == {"none", "any", "local", "foreign"} - left_out
