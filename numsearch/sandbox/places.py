"""The real places behind the sandbox's US and Canadian numbers (`places.tsv`).

Built by scripts/build_places.py: each North American exchange (NPA-NXX) that
phonenumbers' geocoder places in a locality, with that locality's postal codes and
coordinates (sources named in the file's header and docs/sandbox.md).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import NamedTuple


# NamedTuples rather than dataclasses: a search near a place reads thousands of them.
class Postal(NamedTuple):
    """A postal code (US ZIP, or a Canadian forward sortation area) and its centre."""

    code: str
    latitude: float
    longitude: float


class Place(NamedTuple):
    """A locality and the exchanges that phonenumbers puts there."""

    country: str
    region: str
    locality: str
    postals: tuple[Postal, ...]
    exchanges: tuple[tuple[str, str], ...]  # (NPA, NXX)


@dataclass(frozen=True)
class Places:
    """Every place, with the lookups the sandbox's filters need."""

    places: tuple[Place, ...]

    @property
    def by_exchange(self) -> dict[tuple[str, str], Place]:
        return _by_exchange(self)

    def in_country(self, country: str) -> list[Place]:
        return [p for p in self.places if p.country == country]


@cache
def _by_exchange(places: Places) -> dict[tuple[str, str], Place]:
    return {exchange: place for place in places.places for exchange in place.exchanges}


PATH = Path(__file__).with_name("places.tsv")


def parse_line(line: str) -> Place:
    """One place's line of places.tsv."""
    country, region, locality, postal_items, exchange_items = line.split("\t")
    postals = []
    for item in postal_items.split(","):
        code, lat, lon = item.split(":")
        postals.append(Postal(code, float(lat), float(lon)))
    exchanges = [
        (npa, nxx)
        for group in exchange_items.split(";")
        for npa, nxxs in [group.split(":")]
        for nxx in nxxs.split(",")
    ]
    return Place(country, region, locality, tuple(postals), tuple(exchanges))


def parse(text: str) -> Places:
    """Read the places.tsv format."""
    return Places(tuple(parse_line(line) for line in text.splitlines() if line and line[0] != "#"))


@cache
def _data() -> bytes:
    return PATH.read_bytes()


def lines() -> Iterator[tuple[int, str]]:
    """Each place's line of the bundled places.tsv, with the byte offset where it starts."""
    offset = 0
    for raw in _data().splitlines(keepends=True):
        if raw.strip() and not raw.startswith(b"#"):
            yield offset, raw.decode("utf-8").rstrip("\r\n")
        offset += len(raw)


@cache
def place_at(offset: int) -> Place:
    """The bundled place whose line starts at byte `offset` (read alone: a search that
    needs a few places does not parse them all)."""
    data = _data()
    end = data.find(b"\n", offset)
    return parse_line(data[offset : end if end >= 0 else len(data)].decode("utf-8").rstrip("\r"))


@cache
def load() -> Places:
    """The bundled places (read once per process)."""
    return Places(tuple(parse_line(line) for _, line in lines()))


EARTH_RADIUS_MILES = 3958.8
MILES_PER_DEGREE = EARTH_RADIUS_MILES * math.pi / 180  # of latitude, anywhere


def miles(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in miles (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_MILES * math.asin(min(1.0, math.sqrt(a)))
