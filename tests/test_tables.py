"""Tables on a terminal: which columns a narrow terminal leaves out (in a fixed order,
pairs together, never one that changes a purchase), and that --fields is obeyed."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence

import pytest

from numsearch.output import Record
from numsearch.tables import TABLES, TableSpec, write_table
from numsearch.terminal import Terminal
from tests.support import CliRun
from tests.support.fake_twilio import FakeTwilio, available, numbers_page

# Fields whose value changes what a purchase does or costs: no table may leave them out.
PURCHASE_FIELDS = ("address_requirements", "beta", "monthly_price", "current_price")
# Fields that mean something only together.
PAIRS = (("latitude", "longitude"), ("lata", "rate_center"))

# A value for every column of every table, so that no column is empty.
FULL: Record = {
    "phone_number": "+15105550101", "vanity": "+1 510-STORM-01", "friendly_name": "(510) 555-0101",
    "locality": "San Francisco", "region": "CA", "postal_code": "94612", "iso_country": "US",
    "lata": "722", "rate_center": "OKLD", "latitude": 37.8044, "longitude": -122.2708,
    "capabilities": {"voice": True, "sms": True, "mms": True},
    "address_requirements": "local", "beta": True, "score": 0.5, "memorability": 0.67,
    "monthly_price": "1.15", "base_price": "1.15", "current_price": "1.00", "price_unit": "USD",
    "sid": "PN" + "a" * 32, "status": "in-use", "country_code": "US", "country": "United States",
    "number_types": ["local", "tollfree"], "number": "+15105550101", "rank": 1,
    "text": "510-STORM-01", "words": ["STORM"], "cut": True, "method": "POST",
    "url": "https://api.twilio.com/2010-04-01/Accounts/AC/IncomingPhoneNumbers.json",
    "form": "PhoneNumber=%2B15105550101", "outcome": "bought", "bought": "+15105550101",
    "reason": "Twilio refused it", "number_type": "local", "need": "address-local",
    "required": True, "seen": "some numbers need one", "has": [], "fix": "create an address",
}  # fmt: skip


def headers(text: str) -> list[str]:
    """The column names of a table drawn without colour: the line above its rule."""
    lines = text.splitlines()
    rule = next(i for i, line in enumerate(lines) if line.strip().startswith("─"))
    return re.split(r"\s{2,}", lines[rule - 1].strip())


def drawn(kind: str, width: int, fields: Sequence[str] | None = None) -> str:
    columns, default = TABLES[kind]
    chosen = list(fields or default or [c.field for c in columns])
    out = io.StringIO()
    terminal = Terminal(stdout_isatty=True, stdout=out, width=width)
    write_table([FULL], chosen, terminal, TableSpec(columns), explicit_fields=fields is not None)
    return out.getvalue()


def header_of(kind: str, field: str) -> str:
    return next(c.header for c in TABLES[kind][0] if c.field == field)


@pytest.mark.parametrize("kind", list(TABLES))
@pytest.mark.parametrize("width", [60, 80, 100, 120])
def test_no_table_leaves_out_what_changes_a_purchase(kind: str, width: int) -> None:
    shown = headers(drawn(kind, width))
    fields = [f for f in PURCHASE_FIELDS if f in (TABLES[kind][1] or [])]
    assert [header_of(kind, f) for f in fields if header_of(kind, f) not in shown] == []


@pytest.mark.parametrize("width", range(60, 201, 4))
def test_pairs_are_shown_or_left_out_together(width: int) -> None:
    shown = headers(drawn("number", width))
    for pair in PAIRS:
        assert len({header_of("number", f) in shown for f in pair}) == 1, (width, shown)


def test_columns_go_in_a_fixed_order_as_the_terminal_narrows() -> None:
    """Each narrower terminal shows a subset of what a wider one shows."""
    previous: set[str] = set(headers(drawn("number", 300)))
    for width in range(300, 59, -5):
        shown = set(headers(drawn("number", width)))
        assert shown <= previous, width
        previous = shown


@pytest.mark.parametrize("width", [80, 90])
def test_fields_asked_for_by_name_are_all_shown_folded_if_need_be(width: int) -> None:
    fields = ["phone_number", "latitude", "longitude", "lata", "rate_center", "postal_code",
              "region", "capabilities"]  # fmt: skip
    table = drawn("number", width, fields)
    assert [v for v in ("(510) 555-0101", "-122.27", "722", "OKLD", "94612", "CA", "voice")
            if v not in table] == []  # fmt: skip
    assert max(len(line) for line in table.splitlines()) <= width


# -- search results on a terminal ------------------------------------------------------------


def search_table(
    cli: CliRun, fake_twilio: FakeTwilio, monkeypatch: pytest.MonkeyPatch, width: int, *args: str
) -> tuple[str, list[str]]:
    monkeypatch.setenv("COLUMNS", str(width))
    fake_twilio.replies.append(numbers_page([
        available("+15105550100", locality="San Francisco"),
        available("+15105550101", address_requirements="local", beta=True),
    ]))  # fmt: skip
    result = cli("--no-color", "local", "--area-code", "510", *args, terminal=True)
    assert result.exit_code == 0, result.stderr
    return result.stdout, headers(result.stdout)


@pytest.mark.parametrize("width", [80, 100, 120])
@pytest.mark.parametrize("args", [(), ("--rank", "--price")], ids=["plain", "ranked-priced"])
def test_search_results_keep_address_beta_price_and_pairs(
    cli: CliRun,
    fake_twilio: FakeTwilio,
    monkeypatch: pytest.MonkeyPatch,
    width: int,
    args: tuple[str, ...],
) -> None:
    table, shown = search_table(cli, fake_twilio, monkeypatch, width, *args)
    assert {"Number", "Address", "Beta"} <= set(shown)
    assert ("Price" in shown) is bool(args)
    assert ("Lat" in shown) is ("Long" in shown)
    assert ("LATA" in shown) is ("Rate center" in shown)
    assert max(len(line) for line in table.splitlines()) <= width


def test_a_wide_terminal_shows_every_column(
    cli: CliRun, fake_twilio: FakeTwilio, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, shown = search_table(cli, fake_twilio, monkeypatch, 250)
    assert {"Lat", "Long", "LATA", "Rate center", "Postal code"} <= set(shown)


def test_a_country_table_names_number_types_by_their_commands() -> None:
    shown = drawn("country", 100)
    assert "local, tollfree" in shown
