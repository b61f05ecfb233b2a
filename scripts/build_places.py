"""Build numsearch/sandbox/places.tsv: the real places behind the sandbox's US/CA numbers.

    pip install zipcodes==3.0.0            # into any scratch environment
    python scripts/build_places.py         # also runs `npm pack zipcodes@8.0.0`

For every North American area code in the US or Canada, phonenumbers' geocoder names
the locality of each exchange (NPA-NXX) it knows ("Oakland, CA"). Each locality gets
its postal codes and coordinates:

- US: the PyPI package zipcodes 3.0.0 (MIT, Sean Pianka): active STANDARD ZIP codes,
  from unitedstateszipcodes.org and USPS, with GeoNames coordinates (CC BY 4.0).
- Canada: the npm package zipcodes 8.0.0 (BSD, Dav Glass): forward sortation areas
  (the first three characters of a postal code) with coordinates, from AggData.

One line per place: country, region, locality, then `postal:lat:long` items, then
`NPA:NXX,NXX,...` items of its exchanges. Places without postal data are left out.
"""

from __future__ import annotations

import json
import math
import subprocess
import tarfile
import tempfile
from collections import defaultdict
from pathlib import Path

import phonenumbers
from phonenumbers import geocoder

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "numsearch" / "sandbox" / "places.tsv"
MAX_POSTAL = 12  # postal codes kept per place, nearest the place's centre first
PROVINCES = {
    "Alberta": "AB", "British Columbia": "BC", "Manitoba": "MB", "New Brunswick": "NB",
    "Newfoundland and Labrador": "NL", "Newfoundland": "NL", "Nova Scotia": "NS",
    "Ontario": "ON", "Prince Edward Island": "PE", "Quebec": "QC", "Québec": "QC",
    "Saskatchewan": "SK", "Northwest Territories": "NT", "Nunavut": "NU", "Yukon": "YT",
}  # fmt: skip

Postal = tuple[str, float, float]


def us_postal() -> dict[tuple[str, str], list[Postal]]:
    import zipcodes  # type: ignore[import-not-found]

    found: dict[tuple[str, str], list[Postal]] = defaultdict(list)
    for z in zipcodes.list_all():
        if z["active"] and z["zip_code_type"] == "STANDARD" and z["lat"] and z["long"]:
            key = (z["state"], z["city"].casefold())
            found[key].append((z["zip_code"], float(z["lat"]), float(z["long"])))
    return found


def ca_postal(workdir: Path) -> dict[tuple[str, str], list[Postal]]:
    subprocess.run(["npm", "pack", "zipcodes@8.0.0", "--silent"], cwd=workdir, check=True)
    with tarfile.open(next(workdir.glob("zipcodes-*.tgz"))) as tar:
        tar.extractall(workdir, filter="data")
    text = (workdir / "package" / "lib" / "codesCanada.js").read_text()
    codes, _ = json.JSONDecoder().raw_decode(text, text.index("{"))  # exports.codes = {...};
    found: dict[tuple[str, str], list[Postal]] = defaultdict(list)
    for item in codes.values():
        province = PROVINCES.get(item["state"])
        if province is None:
            continue
        # Areas are named like "East Toronto (the Beaches)" or "Montreal North South": an
        # area belongs to every locality named by a run of words before the parenthesis.
        words = item["city"].split("(")[0].replace("-", " ").split()
        names = {" ".join(words[i:j]).casefold() for i in range(len(words))
                 for j in range(i + 1, len(words) + 1)}  # fmt: skip
        for name in names:
            found[(province, name)].append((item["zip"], item["latitude"], item["longitude"]))
    return found


def exchanges() -> dict[tuple[str, str, str], dict[str, list[str]]]:
    """(country, region, locality) -> {NPA: [NXX, ...]} from phonenumbers' geocoder."""
    places: dict[tuple[str, str, str], dict[str, list[str]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for npa in range(200, 1000):
        probe = phonenumbers.PhoneNumber(country_code=1, national_number=int(f"{npa}2000000"))
        country = phonenumbers.region_code_for_number(probe)
        if country not in ("US", "CA"):
            continue
        for nxx in range(200, 1000):
            number = phonenumbers.PhoneNumber(
                country_code=1, national_number=int(f"{npa}{nxx}0000")
            )
            if not phonenumbers.is_valid_number(number):
                continue
            where = geocoder.description_for_number(number, "en")
            if ", " not in where:
                continue  # only a state or province: no locality to give
            locality, region = where.rsplit(", ", 1)
            places[(country, region, locality)][str(npa)].append(str(nxx))
    return places


def central(postals: list[Postal]) -> list[Postal]:
    lat = sum(p[1] for p in postals) / len(postals)
    lon = sum(p[2] for p in postals) / len(postals)
    ordered = sorted(postals, key=lambda p: (math.hypot(p[1] - lat, p[2] - lon), p[0]))
    return ordered[:MAX_POSTAL]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        postal = {"US": us_postal(), "CA": ca_postal(Path(tmp))}
    lines = []
    kept = dropped = 0
    for (country, region, locality), by_npa in sorted(exchanges().items()):
        codes = postal[country].get((region, locality.casefold()))
        if not codes:
            dropped += 1
            continue
        kept += 1
        postal_items = ",".join(f"{z}:{lat:.4f}:{lon:.4f}" for z, lat, lon in central(codes))
        exchange_items = ";".join(f"{npa}:{','.join(nxx)}" for npa, nxx in sorted(by_npa.items()))
        lines.append("\t".join([country, region, locality, postal_items, exchange_items]))
    header = (
        "# numsearch sandbox places: country, region, locality, postal:lat:long items,\n"
        "# NPA:NXX items.\n"
        "# Built by scripts/build_places.py from phonenumbers' geocoder (Apache 2.0), the PyPI\n"
        "# package zipcodes 3.0.0 (MIT; ZIP data from unitedstateszipcodes.org and USPS,\n"
        "# coordinates from GeoNames, CC BY 4.0) and the npm package zipcodes 8.0.0 (BSD;\n"
        "# Canadian postal areas from AggData).\n"
    )
    OUT.write_text(header + "\n".join(lines) + "\n")
    print(
        f"wrote {kept} places to {OUT.relative_to(ROOT)} ({dropped} without postal data left out)"
    )


if __name__ == "__main__":
    main()
