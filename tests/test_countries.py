"""`numsearch countries`: live from cassettes of the spec's examples, and offline."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest

from numsearch.countries import SUPPORTED, normalize_country
from numsearch.errors import InvalidInput
from tests.support import CliRun

BETA = {"BH", "BR", "CY", "DO", "SV", "EE", "LV", "LT", "LU", "MT", "PE", "ZA"}


@pytest.fixture(scope="module")
def vcr_cassette_dir() -> str:
    return str(Path(__file__).parent / "cassettes" / "countries")


def test_the_published_table_has_40_countries_and_its_beta_flags() -> None:
    assert len(SUPPORTED) == 40
    assert {code for code, beta in SUPPORTED.items() if beta} == BETA


def test_offline_needs_no_account_and_no_network(
    cli: CliRun, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(socket.socket, "connect", lambda *a: pytest.fail("network used"))
    result = cli("countries", "--offline")
    assert result.exit_code == 0
    records = json.loads(result.stdout)
    assert len(records) == 40
    by_code = {r["country_code"]: r for r in records}
    assert by_code["GB"]["country"] == "United Kingdom"  # names from phonenumbers
    assert by_code["US"]["country"] == "United States"
    assert {c for c, r in by_code.items() if r["beta"]} == BETA
    assert all(r["number_types"] is None for r in records)  # only an account knows


def test_offline_table_csv_fields_and_one_country(cli: CliRun) -> None:
    table = cli("--no-color", "countries", "--offline", terminal=True).stdout
    assert "40 countries from Twilio's published list" in table
    assert "South Africa" in table and "beta" in table
    assert "Number types" not in table  # empty in every row: dropped
    csv_out = cli("countries", "--offline", "-o", "csv", "--fields", "country_code,beta").stdout
    assert csv_out.splitlines()[0] == "country_code,beta"
    assert "ZA,true" in csv_out.splitlines()
    one = json.loads(cli("countries", "za", "--offline").stdout)
    assert one == [
        {"country_code": "ZA", "country": "South Africa", "beta": True, "number_types": None}
    ]


@pytest.mark.vcr("list.yaml")
def test_live_list_from_subresource_uris(cli: CliRun, credentials: object) -> None:
    result = cli("countries")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == [
        {"country_code": "AU", "country": "Australia", "beta": False,
         "number_types": ["local", "mobile", "tollfree"]},
        {"country_code": "DK", "country": "Denmark", "beta": False,
         "number_types": ["local", "tollfree"]},
    ]  # fmt: skip
    table = cli("--no-color", "countries", terminal=True).stdout
    assert "local, mobile, tollfree" in table


@pytest.mark.vcr("one.yaml")
def test_live_one_country(cli: CliRun, credentials: object) -> None:
    records = json.loads(cli("countries", "us").stdout)
    assert records == [
        {"country_code": "US", "country": "United States", "beta": False,
         "number_types": ["local", "tollfree"]}
    ]  # fmt: skip


@pytest.mark.vcr("empty.yaml")
def test_live_empty_list_is_exit_1(cli: CliRun, credentials: object) -> None:
    result = cli("countries")
    assert result.exit_code == 1 and json.loads(result.stdout) == []


@pytest.mark.vcr("missing.yaml")
def test_live_unknown_country_is_exit_4(cli: CliRun, credentials: object) -> None:
    result = cli("countries", "XK")
    assert result.exit_code == 4
    assert "XK has no numbers for this account" in result.stderr and "20404" in result.stderr


def test_without_credentials_countries_points_to_offline(cli: CliRun) -> None:
    result = cli("countries")
    assert result.exit_code == 3
    assert (
        "TWILIO_ACCOUNT_SID" in result.stderr and "numsearch countries --offline" in result.stderr
    )


def test_sandbox_countries_know_their_number_types(cli: CliRun) -> None:
    records = json.loads(cli("--sandbox", "countries").stdout)
    by_code = {r["country_code"]: r for r in records}
    assert len(records) == 40
    assert by_code["US"]["number_types"] == ["local", "tollfree"]
    assert "mobile" in by_code["GB"]["number_types"]


def test_each_number_type_a_country_lists_is_a_command_that_searches_it(cli: CliRun) -> None:
    """`countries -o json` names types as the commands do (`tollfree`, `shared-cost`, not
    the subresource keys `toll_free`, `shared_cost`): each value can be run as a command."""
    records = json.loads(cli("--sandbox", "countries").stdout)
    named = {(r["country_code"], t) for r in records for t in r["number_types"]}
    assert {t for _, t in named} >= {"tollfree", "shared-cost"}
    country, number_type = next((c, t) for c, t in sorted(named) if t == "shared-cost")
    result = cli("--sandbox", number_type, country, "--limit", "1")
    assert result.exit_code == 0, result.stderr


@pytest.mark.parametrize(
    ("text", "code"), [("us", "US"), (" gb ", "GB"), ("DE", "DE"), ("xk", "XK")]
)
def test_country_codes(text: str, code: str) -> None:
    assert normalize_country(text) == code


def test_offline_refuses_a_country_outside_the_table(cli: CliRun) -> None:
    result = cli("countries", "DE", "--offline")
    assert result.exit_code == 2 and "not in Twilio's published list" in result.stderr
    with pytest.raises(InvalidInput, match="use GB"):
        normalize_country("UK")
