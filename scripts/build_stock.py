"""Build numsearch/sandbox/stock.bin: every number the sandbox has, made once here rather
than on every run (about 0.4 s and 30 MiB of each sandbox search otherwise).

    python scripts/build_stock.py          # after changing places.tsv or the rules below

The stock is made deterministically from hashes (inventory.stable_hash):

- US and Canadian local numbers: in each exchange of places.tsv (and the inventory's
  EXTRA_EXCHANGES) none to three numbers by the hash, and in about one exchange in three
  a vanity number ending in a word of VANITY_WORDS where the word fits its digits.
- Toll-free numbers: in the US each 8XX has 1-800-FLOWERS-like numbers spelling the
  seven-letter words; in both countries a quarter of the exchanges have a number or two.
- Elsewhere: up to 1,500 variations of phonenumbers' example number of each type, kept
  when phonenumbers calls them valid numbers of that type in that country.

The file (numsearch/sandbox/stock_file.py reads it): a header of text lines, a blank
line, then the parts: the numbers of each country and type (E.164 digits without `+`,
sorted, one a line, compressed with zlib), and `exchanges`, the place of each North
American exchange (fixed-width records `NPANXX` + the byte offset of its place's line
in places.tsv, sorted, as they are, for a binary search in place).
"""

from __future__ import annotations

import sys
import zlib
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from numsearch.countries import SUPPORTED, US_CA  # noqa: E402
from numsearch.number_types import NANP_TOLL_FREE, by_key, plan_types_of  # noqa: E402
from numsearch.sandbox import inventory, stock_file  # noqa: E402
from numsearch.sandbox import places as placedata  # noqa: E402

OUT = ROOT / "numsearch" / "sandbox" / "stock.bin"
# Words the sandbox's vanity numbers end in (the docs' and common ones): a number in
# about one exchange in three spells one, where the word fits the exchange's digits.
VANITY_WORDS = (
    "STORM", "FLOWERS", "EPIC", "JENNY", "CAKE", "PIZZA", "TAXI", "HELP", "CALL", "FOOD",
    "CARS", "HOME", "SHOP", "BOOK", "CASH", "LAWYER", "DENTIST", "PLUMBER", "MOVING",
    "HOTEL", "TOWING", "GOTJUNK", "CLEAN", "LOANS", "TACO", "GOLF", "PETS", "WINE",
)  # fmt: skip
# Numbers the README, docs/ and tests name, always in stock (unless bought).
ALWAYS_IN_STOCK = ("+15105550100",)
ELSEWHERE_STOCK = 1500  # numbers of a type in a country outside North America
ELSEWHERE_TRIES = 8000


def _digit_stream(*parts: object) -> str:
    """Thirty-eight pseudo-random digits determined by `parts` (least significant first:
    a 128-bit hash has 38 or 39 digits, and only its leading ones are lopsided)."""
    return str(inventory.stable_hash(*parts))[::-1][:38]


@cache
def _vanity_digits() -> tuple[str, ...]:
    from numsearch.keypad import keypad_digits

    return tuple(keypad_digits(word) for word in VANITY_WORDS)


def _pick_vanity(h: int, fixed: str, free: int) -> str | None:
    """A vanity ending for a number whose last `free` digits are open after `fixed`: a word
    that fits there, or whose first digits are the last ones of `fixed`; None for most."""
    if (h >> 60) % 3:
        return None
    fitting = []
    for digits in _vanity_digits():
        if len(digits) <= free:
            fitting.append(digits.rjust(free, str((h >> 70) % 10)))
        elif len(digits) <= len(fixed) + free and fixed.endswith(digits[: len(digits) - free]):
            fitting.append(digits[len(digits) - free :])
    return fitting[(h >> 64) % len(fitting)] if fitting else None


def _exchange_stock(prefix: str, seed: object, most: int) -> Iterator[str]:
    """The numbers of one exchange (`prefix`: 1 + NPA + NXX): 0 to `most` plain ones by
    the hash, and sometimes a vanity one."""
    h = inventory.stable_hash("stock", seed, prefix)
    for i in range(h % (most + 1)):
        yield f"{prefix}{(h >> (8 + 14 * i)) % 10000:04d}"
    vanity = _pick_vanity(h, prefix[4:], 4)
    if vanity is not None:
        yield prefix + vanity


def nanp_local_numbers(country: str) -> list[str]:
    """US or Canadian local numbers: in each exchange of places.tsv."""
    exchanges = [e for place in inventory.places().in_country(country) for e in place.exchanges]
    numbers = [n for npa, nxx in exchanges for n in _exchange_stock(f"1{npa}{nxx}", "local", 3)]
    for number in ALWAYS_IN_STOCK:
        place = inventory.places().by_exchange.get((number[2:5], number[5:8]))
        if place is not None and place.country == country:
            numbers.append(number[1:])
    return numbers


def nanp_toll_free_numbers(country: str) -> list[str]:
    """Toll-free numbers: in the US each 8XX has 1-800-FLOWERS-like numbers spelling the
    seven-letter words; in both countries, a number or two in a quarter of the exchanges."""
    numbers = [
        f"1{npa}{digits}"
        for npa in NANP_TOLL_FREE
        for digits in _vanity_digits()
        if country == "US" and len(digits) == 7 and digits[0] not in "01"
    ]
    for npa in NANP_TOLL_FREE:
        for nxx in range(200, 1000):
            if inventory.stable_hash("in service", country, npa, nxx) % 4 == 0:
                numbers += _exchange_stock(f"1{npa}{nxx}", f"toll_free {country}", 1)
    return numbers


def elsewhere_numbers(country: str, type_key: str) -> tuple[list[str], int]:
    """Numbers outside North America: phonenumbers' example, varied, kept when valid; and
    the length of the calling code."""
    from numsearch.numbering import example_number

    example = example_number(country, type_key)
    if example is None:
        return [], 0
    import phonenumbers

    parsed = phonenumbers.parse(example, country)
    cc = str(parsed.country_code)
    national = str(phonenumbers.national_significant_number(parsed))
    number_type = by_key(type_key)
    expected = plan_types_of(number_type) if number_type else frozenset()
    found: set[str] = set()
    for attempt in range(ELSEWHERE_TRIES):
        # Keep the example's first digit or two (its area or range) and vary the rest;
        # later tries keep more of it, for ranges where few variations are valid.
        keep = min(len(national) - 1, 1 + attempt % 2 + attempt // 2000)
        fill = _digit_stream("elsewhere", country, type_key, attempt)
        digits = national[:keep] + fill[: len(national) - keep]
        number = phonenumbers.PhoneNumber(country_code=int(cc), national_number=int(digits))
        if (
            str(phonenumbers.national_significant_number(number)) == digits
            and phonenumbers.is_valid_number_for_region(number, country)
            and phonenumbers.number_type(number) in expected
        ):
            found.add(cc + digits)
            if len(found) >= ELSEWHERE_STOCK:
                break
    return sorted(found), len(cc)


def stock_numbers(country: str, type_key: str) -> tuple[list[str], int]:
    """Every number of `type_key` in `country`, sorted, and where its national part starts."""
    if country in US_CA and type_key == "local":
        return sorted(set(nanp_local_numbers(country))), 1
    if country in US_CA and type_key == "toll_free":
        return sorted(set(nanp_toll_free_numbers(country))), 1
    return elsewhere_numbers(country, type_key)


def sold_types(country: str) -> list[str]:
    """The number types the sandbox sells in `country` (those phonenumbers has an example
    of; US and Canada: local and toll-free)."""
    from numsearch.number_types import NUMBER_TYPES
    from numsearch.numbering import example_number

    if country in US_CA:
        return [t.key for t in NUMBER_TYPES.values() if t.in_nanp]
    return [key for key in inventory.TYPE_DESCS if example_number(country, key)]


@cache
def exchange_records() -> bytes:
    """Every North American exchange with the byte offset of its place's line in
    places.tsv (EXTRA_EXCHANGES at their place's line), as stock.bin's records."""
    extra: dict[tuple[str, str, str], list[tuple[str, str]]] = {}
    for exchange, where in inventory.EXTRA_EXCHANGES.items():
        extra.setdefault(where, []).append(exchange)
    records = {}
    for offset, line in placedata.lines():
        place = placedata.parse_line(line)
        key = (place.country, place.region, place.locality)
        for npa, nxx in (*place.exchanges, *extra.get(key, ())):
            records[npa + nxx] = stock_file.exchange_record(npa + nxx, offset)
    return b"".join(records[k] for k in sorted(records))


def parts() -> Iterable[tuple[str, bytes, int, int]]:
    """stock.bin's parts: name, content, count, national start."""
    exchanges = exchange_records()
    yield stock_file.EXCHANGES, exchanges, len(exchanges) // stock_file.RECORD, 0
    for country in sorted(SUPPORTED):
        for type_key in sold_types(country):
            numbers, national_from = stock_numbers(country, type_key)
            text = "\n".join(numbers).encode("ascii")
            yield f"{country} {type_key}", text, len(numbers), national_from


def build() -> bytes:
    """The whole file, as written."""
    header = [stock_file.MAGIC, "# built by scripts/build_stock.py: see its docstring"]
    blobs = []
    offset = 0
    for name, content, count, national_from in parts():
        blob = content if name == stock_file.EXCHANGES else zlib.compress(content, 9)
        header.append(f"{name}\t{offset}\t{len(blob)}\t{count}\t{national_from}")
        blobs.append(blob)
        offset += len(blob)
    return ("\n".join(header) + "\n\n").encode("ascii") + b"".join(blobs)


def main() -> None:
    data = build()
    OUT.write_bytes(data)
    print(f"wrote {OUT.relative_to(ROOT)} ({len(data):,} bytes)")


if __name__ == "__main__":
    main()
