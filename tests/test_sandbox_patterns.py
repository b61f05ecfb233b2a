"""The sandbox reads Contains as Twilio does: a pattern is found within the national number,
never across the country code, so the patterns `--starts-with` and `--ends-with` build
(padded with `*` to the national length) pin digits to the start or the end of it.

The expectations are written by hand and checked on the E.164 strings with plain string
operations, not with the sandbox's (or numsearch's) own pattern code.
"""

from __future__ import annotations

import json

import pytest

from numsearch.sandbox import inventory
from tests.support import CliRun


def numbers(country: str, type_key: str, **params: str) -> list[str]:
    return [
        offer.phone_number for offer in inventory.search(country, type_key, params, frozenset())
    ]


@pytest.mark.parametrize(
    ("args", "prefix", "suffix"),
    [
        (["local", "US", "--ends-with", "1234"], "+1", "1234"),
        (["local", "US", "--ends-with", "CAKE"], "+1", "2253"),
        (["local", "US", "--ends-with", "0000"], "+1", "0000"),
        (["local", "US", "--starts-with", "415"], "+1415", ""),
        (["local", "US", "--starts-with", "510555"], "+1510555", ""),
        (["local", "US", "--starts-with", "212", "--ends-with", "99"], "+1212", "99"),
        (["local", "CA", "--ends-with", "7777"], "+1", "7777"),
        (["tollfree", "US", "--ends-with", "FLOWERS"], "+1", "3569377"),
        (["tollfree", "US", "--starts-with", "888"], "+1888", ""),
        (["mobile", "GB", "--starts-with", "77"], "+4477", ""),
        (["mobile", "GB", "--ends-with", "34"], "+447", "34"),
        (["local", "AU", "--ends-with", "12"], "+61", "12"),
    ],
)
def test_starts_with_and_ends_with_pin_the_national_number(
    cli: CliRun, args: list[str], prefix: str, suffix: str
) -> None:
    result = cli("--sandbox", *args, "-n", "50", "-o", "json", "--fields", "phone_number")
    assert result.exit_code == 0, result.stderr
    found = [record["phone_number"] for record in json.loads(result.stdout)]
    assert found
    wrong = [n for n in found if not (n.startswith(prefix) and n.endswith(suffix))]
    assert wrong == [], f"{args}: {wrong[:5]}"


@pytest.mark.parametrize(
    ("country", "type_key", "contains", "prefix", "suffix"),
    [
        ("US", "local", "******1234", "+1", "1234"),  # a pattern of the national length
        ("US", "local", "510555****", "+1510555", ""),  # Twilio's own example 2
        ("US", "local", "1234$", "+1", "1234"),
        ("US", "local", "+1510%", "+1510", ""),  # `+`: from the start, country code included
        ("US", "toll_free", "866***3742", "+1866", "3742"),  # 866***EPIC
        ("GB", "mobile", "*********0", "+447", "0"),
    ],
)
def test_anchored_patterns_in_position(
    country: str, type_key: str, contains: str, prefix: str, suffix: str
) -> None:
    found = numbers(country, type_key, Contains=contains, PageSize="50")
    assert found, contains
    wrong = [n for n in found if not (n.startswith(prefix) and n.endswith(suffix))]
    assert wrong == [], f"{contains}: {wrong[:5]}"


@pytest.mark.parametrize(
    ("country", "type_key", "contains", "code"),
    [
        ("US", "local", "1510", "+1"),
        ("US", "local", "15", "+1"),
        ("US", "toll_free", "18", "+1"),
        ("GB", "mobile", "447", "+44"),
        ("AU", "local", "61", "+61"),
    ],
)
def test_a_plain_pattern_never_straddles_the_country_code(
    country: str, type_key: str, contains: str, code: str
) -> None:
    found = numbers(country, type_key, Contains=contains, PageSize="50")
    assert found, contains
    outside = [n for n in found if contains not in n.removeprefix(code)]
    assert outside == [], f"{contains}: {outside[:5]}"
