"""Where places in the US and Canada are, for `--near PLACE` (pure; `data/gazetteer.tsv`,
read only when --near is used, once per process).

The file holds every US ZIP code and Canadian postal district (forward sortation area,
the first three characters of a postal code) with its centre, and the cities and towns
of both countries with their state or province, the most populous first; it is built
by scripts/build_gazetteer.py from GeoNames' data (data/SOURCES.md). `find()` turns
what a user writes (`Oakland, CA`, `oakland ca`, `Toronto, Ontario`, `94612`, `M5V`,
`M5V 3L9`) into a Place, or InvalidInput naming the closest names or, for a name
several states share, the states.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from numsearch.errors import InvalidInput
from numsearch.untrusted import quoted

if TYPE_CHECKING:
    pass

DATA = "gazetteer.tsv"
MAX_LENGTH = 100  # characters of a --near value
SHOWN = 5  # closest names, or states, named in an error
# A name without its state is the largest place of that name when it has this many times
# the people of the next (Toronto, ON: 2.8 million; Toronto, OH: 5,000); else ambiguous.
DOMINANT = 20
_ZIP = re.compile(r"([0-9]{5})(?:-[0-9]{4})?")
# A forward sortation area, alone or leading a whole postal code (`M5V 3L9`); Canada's
# postal codes never use D, F, I, O, Q or U, nor W or Z first.
_FSA = re.compile(r"([ABCEGHJ-NPRSTVXY][0-9][ABCEGHJ-NPRSTV-Z])(?: ?[0-9][A-Z][0-9])?", re.I)
_NOT_WORD = re.compile(r"[^a-z0-9]+")
# Written either way in place names: St. Louis and Saint Louis, Ste-Foy, Ft. Worth.
_SHORT_FORMS = {"st": "saint", "ste": "sainte", "ft": "fort", "mt": "mount"}


class Place(NamedTuple):
    """A place --near found: how it reads (`Oakland, CA`, `ZIP 94612 (Oakland, CA)`,
    `M5V (Downtown Toronto, ON)`) and its centre, written as the source has it."""

    name: str
    latitude: str
    longitude: str

    @property
    def lat_long(self) -> str:
        """The centre as NearLatLong takes it: `37.80437,-122.2708`."""
        return f"{self.latitude},{self.longitude}"


class Town(NamedTuple):
    """A city or town of the place list."""

    name: str
    region: str  # state or province code: CA, ON
    latitude: str
    longitude: str
    population: int = 0  # 0: not known (a town only the postal data names)

    def place(self) -> Place:
        return Place(f"{self.name}, {self.region}", self.latitude, self.longitude)


def name_key(text: str) -> str:
    """A place name as compared: no accents, case or punctuation, short forms spelled
    out (`St. Louis` and `saint-louis` are one key: `saint louis`)."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = _NOT_WORD.sub(" ", text.casefold()).split()
    return " ".join(_SHORT_FORMS.get(word, word) for word in words)


# -- the data file -------------------------------------------------------------------------


@cache
def _data_text() -> str:
    """The bundled file's text, read beside this module when it is there."""
    from importlib.resources import files

    path = Path(__file__).parent / "data" / DATA
    if path.is_file():
        return path.read_text("utf-8")
    return files("numsearch").joinpath(f"data/{DATA}").read_text("utf-8")


@cache
def _section(name: str) -> str:
    """One section of the file (`region`, `zip`, `fsa`, `place`): its lines, each after a
    line break."""
    text = _data_text()
    start = text.index(f"\n[{name}]\n") + len(name) + 3
    end = text.find("\n[", start)
    return text[start : end if end >= 0 else None]


def rows(section: str) -> list[list[str]]:
    """The rows of one section, each a list of its tab-separated fields, in order."""
    return [line.split("\t") for line in _section(section).splitlines()[1:]]


@cache
def regions() -> dict[str, tuple[str, str]]:
    """State and province codes -> (name, country): `CA` -> (`California`, `US`)."""
    return {code: (name, country) for code, name, country in rows("region")}


@cache
def _region_keys() -> dict[str, str]:
    """A region as written (its code or name, as a name key) -> its code."""
    keys = {name_key(code): code for code in regions()}
    keys |= {name_key(name): code for code, (name, _) in regions().items()}
    return keys


def _postal(section: str, code: str) -> list[str] | None:
    """The row of `code` in the `zip` or `fsa` section (code, latitude, longitude, region,
    locality), found without reading the others."""
    text = _section(section)
    start = text.find(f"\n{code}\t")
    if start < 0:
        return None
    end = text.find("\n", start + 1)
    return text[start + 1 : end if end >= 0 else None].split("\t")


@cache
def _towns() -> dict[str, list[list[str]]]:
    """Name key -> the rows of the towns of that name, most populous first."""
    found: dict[str, list[list[str]]] = {}
    for row in rows("place"):
        found.setdefault(name_key(row[0]), []).append(row)
    return found


def towns(name: str) -> list[Town]:
    """The towns called `name` (as a name key compares), one per state or province, the
    most populous first."""
    return [Town(n, r, lat, lon, int(people)) for n, r, lat, lon, people in _towns().get(name, [])]


# -- finding a place -------------------------------------------------------------------------


def find(text: str) -> Place:
    """The place `text` names: a US ZIP code (`94612`, `94612-1234`), a Canadian postal
    district (`M5V`, or a whole postal code, `M5V 3L9`), or a city or town with its
    state or province (`Oakland, CA`, `Oakland CA`, `Toronto, Ontario`); a name without
    one when no other state or province has a place of that name of even a twentieth of
    its size (DOMINANT). InvalidInput otherwise."""
    written = " ".join(text.split())
    if not written:
        raise InvalidInput("--near needs a place: a city and state, a US ZIP or a postal district")
    if len(written) > MAX_LENGTH:
        raise InvalidInput(f"--near takes a place name of at most {MAX_LENGTH} characters")
    if zip_code := _ZIP.fullmatch(written):
        return _postal_place("zip", zip_code.group(1), "US ZIP code")
    if fsa := _FSA.fullmatch(written):
        return _postal_place("fsa", fsa.group(1).upper(), "Canadian postal district")
    name, region = _split_region(written)
    return _town(written, name, region)


def _postal_place(section: str, code: str, what: str) -> Place:
    row = _postal(section, code)
    if row is None:
        near = _neighbours(code, (row[0] for row in rows(section)))
        raise InvalidInput(f"--near {code}: not a {what} numsearch knows (near it: {near})")
    _, latitude, longitude, region, locality = row
    shown = f"ZIP {code}" if section == "zip" else code
    return Place(f"{shown} ({locality}, {region})", latitude, longitude)


def _neighbours(code: str, known: Iterable[str]) -> str:
    """The known codes on either side of `code`, in order."""
    ordered = sorted(known)
    below = [c for c in ordered if c < code][-2:]
    above = [c for c in ordered if c > code][:2]
    return ", ".join(below + above)


def _split_region(written: str) -> tuple[str, str | None]:
    """`Oakland, CA` -> (`Oakland`, `CA`); a name with no comma is taken whole (the
    caller tries its last words as a region when the whole is no place)."""
    if "," not in written:
        return written, None
    name, _, region = written.rpartition(",")
    code = _region_keys().get(name_key(region))
    if code is None:
        raise InvalidInput(
            f"--near {quoted(written)}: {quoted(region.strip())} is not a US state or Canadian"
            " province (write its code or name: CA, California, ON, Ontario)"
        )
    return name.strip(), code


def _trailing_region(written: str) -> tuple[str, str] | None:
    """`Oakland CA` -> (`Oakland`, `CA`); `Halifax Nova Scotia` -> (`Halifax`, `NS`)."""
    words = written.split()
    for count in (1, 2, 3):
        if len(words) > count:
            code = _region_keys().get(name_key(" ".join(words[-count:])))
            if code is not None:
                return " ".join(words[:-count]), code
    return None


def _town(written: str, name: str, region: str | None) -> Place:
    found = towns(name_key(name))
    if region is None and not found and (split := _trailing_region(written)):
        name, region = split
        found = towns(name_key(name))
    if region is not None:
        found = [town for town in found if town.region == region]
    if not found:
        closest = closest_names(name, region)
        hint = f"closest: {'; '.join(closest)}" if closest else "try a ZIP or postal code"
        raise InvalidInput(f"--near {quoted(written)}: no such place in the US or Canada ({hint})")
    if len(found) > 1 and found[0].population < DOMINANT * max(found[1].population, 1):
        states = ", ".join(town.region for town in found[:SHOWN])
        more = f" and {len(found) - SHOWN} more" if len(found) > SHOWN else ""
        raise InvalidInput(
            f"--near {quoted(written)}: there is a {found[0].name} in {states}{more};"
            f" add the state or province, e.g. '{found[0].name}, {found[0].region}'"
        )
    return found[0].place()


def closest_names(name: str, region: str | None = None) -> list[str]:
    """The known places whose names are closest to `name` (in `region` when given),
    written with their region, the most populous first among equals."""
    by_key = _towns()
    keys = [
        key
        for key, found in by_key.items()
        if region is None or any(row[1] == region for row in found)
    ]
    shown = []
    for key in difflib.get_close_matches(name_key(name), keys, n=SHOWN, cutoff=0.75):
        town = next(t for t in towns(key) if region is None or t.region == region)
        shown.append(f"{town.name}, {town.region}")
    return shown
