"""A search's answer is checked against the search before anything acts on it: numbers
that match nothing asked are left out with one warning, and never printed, passed to a
hook, remembered or bought. One matcher decides for numsearch and for the sandbox."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from numsearch import matching
from numsearch.models import AvailableNumber
from numsearch.number_types import NUMBER_TYPES
from numsearch.query import SearchFilters, SearchQuery, build_query
from numsearch.search import check_answer, mismatch
from tests.support import CliRun
from tests.support.fake_twilio import (
    STRAYS,
    FakeTwilio,
    Paperwork,
    Recorded,
    Reply,
    available,
    incoming_page,
    json_reply,
    numbers_page,
    with_strays,
)

MINE = "+15105550100"
ALSO = "+15105550101"


def _query(command: str = "local", country: str = "US", **filters: Any) -> SearchQuery:
    return build_query(command, country, SearchFilters(**filters))


# -- the rules, through the domain ------------------------------------------------------


@pytest.mark.parametrize(
    ("filters", "record", "why"),
    [
        ({"area_code": ["510"]}, available("+19005550100"), "not in area code 510"),
        ({}, available("+447911123456", iso_country=None), "not a US number (+1)"),
        ({}, available("+15105550100", iso_country="CA"), "iso_country is CA"),
        ({}, available("15105550100"), "not written as + and digits"),
        ({"contains": "STORM"}, available("+15105550100"), "does not match 78676"),
        ({"starts_with": "510786"}, available("+14157865100"), "does not match 510786****"),
        ({"ends_with": "1234"}, available("+15101234999"), "does not match ******1234"),
        # A padded pattern holds in position only, not slid across the country code.
        ({"ends_with": "0100"}, available("+15105501009"), "does not match ******0100"),
        ({}, available("+18005550100"), "a toll-free number"),
        ({}, available("+19005550100"), "a premium-rate number"),
        ({"sms": True}, available(MINE, capabilities={"voice": True, "SMS": False}), "sms"),
        ({"voice": False}, available(MINE, capabilities={"voice": True}), "voice is true"),
        (
            {"exclude_address_required": ["local"]},
            available(MINE, address_requirements="local"),
            "address requirement is local",
        ),
        (
            {"exclude_address_required": ["all"]},
            available(MINE, address_requirements="any"),
            "address requirement is any",
        ),
    ],
)
def test_a_record_that_matches_nothing_asked_is_refused_with_its_reason(
    filters: dict[str, Any], record: dict[str, object], why: str
) -> None:
    query = _query(**filters)
    found = mismatch(query, AvailableNumber.from_twilio(record))
    assert found is not None and why in found


@pytest.mark.parametrize(
    ("command", "filters", "record"),
    [
        ("local", {"area_code": ["510", "415"]}, available("+14155550100")),
        ("local", {"contains": "STORM"}, available("+15107867600")),
        ("local", {"contains": "+1510786"}, available("+15107867600")),
        # The whole E.164 digits count too: Twilio's reading across the country code.
        ("local", {"contains": "15107"}, available("+15107867600")),
        ("local", {"starts_with": "510786"}, available("+15107867600")),
        ("local", {"ends_with": "7600"}, available("+15107867600")),
        ("tollfree", {"contains": "FLOWERS"}, available("+18003569377")),
        # The spec's own example names no fax: what a record leaves out is not held against it.
        ("local", {"fax": True}, available(MINE, capabilities={"voice": True, "SMS": True})),
        ("local", {"sms": True}, available(MINE, capabilities=None)),
        ("local", {"exclude_address_required": ["local"]},
         available(MINE, address_requirements="any")),
        ("local", {"exclude_address_required": ["all"]},
         available(MINE, address_requirements=None)),
        ("local", {}, available(MINE, iso_country=None)),
        ("mobile", {}, available("+447911123456", iso_country=None)),
    ],
)  # fmt: skip
def test_a_record_that_holds_what_was_asked_is_kept(
    command: str, filters: dict[str, Any], record: dict[str, object]
) -> None:
    country = "GB" if record["phone_number"] == "+447911123456" else "US"
    assert (
        mismatch(_query(command, country, **filters), AvailableNumber.from_twilio(record)) is None
    )


def test_a_padded_pattern_is_not_slid_across_the_country_code() -> None:
    # GB --starts-with 4420 sends 4420******: +44 20 1234 5678 holds 4420 only across +44.
    query = _query("local", "GB", starts_with="4420")
    found = mismatch(
        query, AvailableNumber.from_twilio(available("+442012345678", iso_country="GB"))
    )
    assert found == "does not match 4420******"


def test_one_number_written_twice_is_one_record() -> None:
    query = _query()
    records = (available(MINE), available(MINE[1:]), available(MINE))
    checked = check_answer(query, [AvailableNumber.from_twilio(r) for r in records])
    assert [n.phone_number for n in checked.kept] == [MINE]
    assert checked.dropped == 1 and checked.received == 3
    assert checked.example == "15105550100: not written as + and digits"


@given(
    pattern=st.from_regex(r"\+?[0-9*%]{1,10}\$?", fullmatch=True),
    national=st.from_regex(r"[2-9][0-9]{9}", fullmatch=True),
)
def test_whatever_twilios_contains_admits_the_check_admits(pattern: str, national: str) -> None:
    digits = "1" + national
    if matching.contains(pattern, digits, 1):
        assert matching.contains_loosely(pattern, digits, 1)


@given(
    pattern=st.from_regex(r"[0-9*]{10}\$?", fullmatch=True),
    national=st.from_regex(r"[2-9][0-9]{9}", fullmatch=True),
)
def test_a_pattern_as_long_as_the_national_number_is_read_as_twilio_reads_it(
    pattern: str, national: str
) -> None:
    digits = "1" + national
    assert matching.contains_loosely(pattern, digits, 1) == matching.contains(pattern, digits, 1)


@pytest.mark.parametrize(
    "command", ["local", "tollfree", "mobile", "national", "voip", "shared-cost"]
)
def test_every_number_the_sandbox_offers_passes_the_check(command: str) -> None:
    """One matcher: nothing the sandbox answers is left out by numsearch's check."""
    from numsearch.countries import SUPPORTED
    from numsearch.sandbox import inventory

    key = NUMBER_TYPES[command].key
    for country in SUPPORTED:
        if not inventory.sells(country, key):
            continue
        offers = inventory.enumerate_stock(country, key)[::97]
        query = _query(command, country)
        for offer in offers:
            record = AvailableNumber.from_twilio(offer.to_wire())
            assert mismatch(query, record) is None, (country, record.phone_number)


# -- through the commands -----------------------------------------------------------------


def test_strays_are_left_out_of_the_output_with_one_warning(
    cli: CliRun, fake_twilio: FakeTwilio
) -> None:
    fake_twilio.default = numbers_page(with_strays([available(MINE), available(ALSO)]))
    result = cli("local", "US", "--area-code", "510", "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert [r["phone_number"] for r in json.loads(result.stdout)] == [MINE, ALSO]
    warnings = [line for line in result.stderr.splitlines() if "did not ask for" in line]
    assert len(warnings) == 1
    assert "held 3 numbers" in warnings[0] and STRAYS["premium"] in warnings[0]


def test_an_answer_of_strays_alone_is_nothing_found(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    fake_twilio.default = numbers_page(with_strays([]))
    result = cli("local", "US", "--area-code", "510", "-o", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == []


def test_strays_never_reach_a_hook_or_the_seen_numbers(
    cli: CliRun, fake_twilio: FakeTwilio, tmp_path: Path
) -> None:
    log = tmp_path / "hook.log"
    fake_twilio.default = numbers_page(with_strays([available(MINE)]))
    hook = f'echo "$NUMSEARCH_PHONE_NUMBER" >> {log}'
    args = ("local", "--area-code", "510", "--new-only", "--state", "s", "--exec", hook)
    assert cli(*args, "-o", "json").exit_code == 0
    assert log.read_text().split() == [MINE]
    # The strays were not remembered: offered again as real 510 numbers, they would be new;
    # MINE was, so nothing is new now.
    fake_twilio.default = numbers_page([available(MINE)])
    assert cli(*args, "-o", "json").exit_code == 1


def test_buy_by_area_code_buys_only_numbers_of_that_area_code(
    cli: CliRun, fake_twilio: FakeTwilio
) -> None:
    account = Paperwork(fake_twilio, with_strays([available(MINE), available(ALSO)]))
    result = cli("buy", "--area-code", "510", "--count", "2", "--yes", "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert [p.form["PhoneNumber"] for p in account.posts] == [MINE, ALSO]
    assert "did not ask for" in result.stderr


def test_watch_buy_never_buys_a_stray(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    sold: list[str] = []

    def answer(request: Recorded) -> Reply:
        if request.method == "POST":
            sold.append(request.form["PhoneNumber"])
            return json_reply({"sid": "PN" + "a" * 32, "phone_number": request.form["PhoneNumber"],
                               "status": "in-use"}, status=201)  # fmt: skip
        if "IncomingPhoneNumbers" in request.path:
            return incoming_page([])
        return numbers_page(with_strays([available(MINE)]))

    fake_twilio.responder = answer
    result = cli("watch", "local", "--area-code", "510", "--every", "1s", "--buy", "--yes")
    assert result.exit_code == 0, result.stderr
    assert sold == [MINE]


def test_a_sweep_leaves_strays_out_and_warns_once(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    fake_twilio.default = numbers_page(with_strays([available(MINE)]))
    result = cli("local", "--area-code", "510", "--all", "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert [r["phone_number"] for r in json.loads(result.stdout)] == [MINE]
    assert result.stderr.count("did not ask for") == 1


def test_a_sweep_counts_each_stray_once(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    full = [available(f"+1510555{n:04d}") for n in range(30)]
    fake_twilio.default = numbers_page(with_strays(full))
    args = ("local", "--area-code", "510", "--all", "--max-requests", "5", "-o", "json")
    result = cli(*args)
    assert len(fake_twilio.requests) == 5
    assert "held 3 numbers that the search did not ask for" in result.stderr


def test_the_sandbox_never_trips_the_check(cli: CliRun) -> None:
    for args in (
        ("local", "--area-code", "510", "--sms"),
        ("tollfree", "--contains", "FLOWERS"),
        ("local", "--ends-with", "00", "--all", "--max-requests", "20"),
        ("mobile", "GB", "--exclude-address-required", "all"),
    ):
        result = cli("--sandbox", *args, "-o", "json")
        assert result.exit_code == 0, (args, result.stderr)
        assert "did not ask for" not in result.stderr


def test_a_number_phonenumbers_cannot_format_is_shown_as_it_came(
    cli: CliRun, fake_twilio: FakeTwilio
) -> None:
    from numsearch.numbering import format_national

    assert format_national("+1000") == "+1000"
    assert format_national(MINE) == "(510) 555-0100"
    fake_twilio.default = numbers_page([available("+1000", friendly_name="x")])
    result = cli("--no-color", "local", "-o", "table", terminal=True)
    assert result.exit_code == 0, result.stderr
    assert "+1000" in result.stdout
