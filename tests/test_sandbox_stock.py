"""The sandbox's shipped stock (numsearch/sandbox/stock.bin) is exactly what
scripts/build_stock.py makes from its rules, places.tsv and phonenumbers: run it again
after changing any of them."""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from numsearch.countries import SUPPORTED, US_CA
from numsearch.sandbox import inventory, stock_file
from tests.support import REPO

sys.path.insert(0, str(REPO / "scripts"))
import build_stock

STALE = "numsearch/sandbox/stock.bin is stale: run python scripts/build_stock.py"


@pytest.mark.parametrize("country", sorted(US_CA))
@pytest.mark.parametrize("type_key", ["local", "toll_free"])
def test_the_north_american_stock_is_what_the_script_makes(country: str, type_key: str) -> None:
    numbers, national_from = build_stock.stock_numbers(country, type_key)
    shipped = inventory.stock(country, type_key)
    assert (shipped.numbers, shipped.national_from) == (tuple(numbers), national_from), STALE


# Every country and type takes the script about 8 s: a sample of plans of all kinds.
@pytest.mark.parametrize(
    ("country", "type_key"),
    [("GB", "mobile"), ("MX", "mobile"), ("JP", "toll_free"), ("AU", "local"), ("EE", "local")],
)
def test_the_stock_elsewhere_is_what_the_script_makes(country: str, type_key: str) -> None:
    numbers, national_from = build_stock.stock_numbers(country, type_key)
    shipped = inventory.stock(country, type_key)
    assert (shipped.numbers, shipped.national_from) == (tuple(numbers), national_from), STALE
    assert len(numbers) > 100


def test_the_places_of_exchanges_are_what_the_script_makes() -> None:
    assert stock_file.content(stock_file.EXCHANGES) == build_stock.exchange_records(), STALE


def test_each_country_sells_the_types_the_script_made_stock_of() -> None:
    for country in sorted(SUPPORTED):
        assert inventory.number_types(country) == build_stock.sold_types(country), country
    assert set(stock_file.parts()) == {stock_file.EXCHANGES} | {
        f"{country} {type_key}"
        for country in SUPPORTED
        for type_key in build_stock.sold_types(country)
    }


def test_every_exchange_of_every_place_finds_its_place() -> None:
    places = inventory.places()
    for place in places.places:
        for npa, nxx in place.exchanges:
            found = inventory.place_of_exchange(npa, nxx)
            assert found is not None and found[:3] == place[:3], (npa, nxx)
    assert inventory.place_of_exchange("999", "999") is None
    assert inventory.place_of_exchange("510", "555") == places.by_exchange[("510", "555")]


@settings(max_examples=300, deadline=None)
@given(
    where=st.sampled_from([("US", "local"), ("US", "toll_free"), ("GB", "mobile")]),
    prefix=st.from_regex(r"[0-9]{0,11}", fullmatch=True),
    pick=st.integers(0, 10**6),
)
def test_a_prefix_finds_exactly_the_numbers_that_start_with_it(
    where: tuple[str, str], prefix: str, pick: int
) -> None:
    held = inventory.stock(*where)
    # Half the prefixes are the start of a number held, so that most find some.
    number = held.numbers[pick % len(held.numbers)]
    for start in (prefix, number[: len(prefix)]):
        assert held.starting(start) == [n for n in held.numbers if n.startswith(start)]
        assert held.holds(start) == (start in held.numbers)
    assert held.holds(number)


@settings(max_examples=50, deadline=None)
@given(
    where=st.sampled_from([("US", "local"), ("US", "toll_free"), ("GB", "mobile")]),
    pattern=st.from_regex(r"[0-9*%]{1,6}\$?", fullmatch=True) | st.sampled_from(["78676", "2253$"]),
)
def test_a_pattern_finds_exactly_the_numbers_it_is_in(where: tuple[str, str], pattern: str) -> None:
    """Whether few numbers hold the pattern (a word: found by searching for it) or many
    (tried number by number), the numbers found are those where it is found at or after
    the start of the national number, to their end with `$`."""
    from numsearch.keypad import pattern_regex

    held = inventory.stock(*where)
    body = re.compile(
        pattern_regex(pattern).pattern.removesuffix("$") + ("$" if "$" in pattern else "")
    )
    expected = [
        n
        for n in held.numbers
        if any(body.match(n, i) for i in range(held.national_from, len(n) + 1))
    ]
    assert held.matching(pattern) == expected
