"""Prices: `numsearch prices [COUNTRY]`, `--price` / `--max-price` on searches and watch,
the day-long cache, Twilio's decimal strings kept exact, and a price lookup that fails
never failing a search (but never letting --max-price pass a number blind)."""

from __future__ import annotations

import json
import os
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from numsearch.errors import InvalidInput, TwilioUnavailable
from numsearch.pricing import money, parse_amount, read_prices
from tests.support import CliRun
from tests.support.fake_twilio import (
    FakeTwilio,
    PricedSearch,
    Reply,
    available,
    country_prices,
    huge_body,
    json_reply,
    nested_json,
    twilio_error,
)
from tests.support.hostile import ESCAPES, raw_controls
from tests.support.spec import example, response_errors

PRICES_US = "/v1/PhoneNumbers/Countries/US"


@pytest.fixture(autouse=True)
def _answers_come_from_each_test(request: pytest.FixtureRequest) -> None:
    """Prices and paperwork are what these tests are about: the fake server's
    background answers are off."""
    if "fake_twilio" in request.fixturenames:
        request.getfixturevalue("fake_twilio").background = None


def data(result: Any) -> Any:
    return json.loads(result.stdout)


# -- reading Twilio's prices (pure) --------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "exact"),
    [("1.15", "1.15"), ("0.50", "0.5"), ("2", "2"), ("15.000000", "15"), (1.15, "1.15"), (3, "3")],
)
def test_a_price_is_read_exactly(raw: Any, exact: str) -> None:
    assert money(raw) == Decimal(exact)


@pytest.mark.parametrize(
    "raw",
    ["-1.00", "1e3", "1.1234567", "NaN", "", "1,15", "12345678901", True, None, [], "1.15 USD"],
)
def test_anything_else_is_not_a_price(raw: Any) -> None:
    with pytest.raises(ValueError):
        money(raw)


@pytest.mark.parametrize("text", ["abc", "-1", "nan", "inf", "1e99", ""])
def test_a_bad_max_price_is_refused(text: str) -> None:
    with pytest.raises(InvalidInput, match="--max-price"):
        parse_amount(text)


def test_the_spec_example_reads_with_numsearch_names() -> None:
    from tests.support import PRICING_SPEC

    raw = example("/v1/PhoneNumbers/Countries/{IsoCountry}", "fetch", document=PRICING_SPEC)
    prices = read_prices(raw, "US")
    assert prices.records() == [
        {"iso_country": "US", "country": "United States", "number_type": "local",
         "base_price": 1.0, "current_price": 1.0, "price_unit": "USD"},
        {"iso_country": "US", "country": "United States", "number_type": "tollfree",
         "base_price": 2.0, "current_price": 2.0, "price_unit": "USD"},
    ]  # fmt: skip


def test_every_pricing_name_maps_to_a_search_command() -> None:
    raw = country_prices(
        "GB",
        {"local": "1", "toll free": "2", "mobile": "3", "national": "4", "voip": "5",
         "shared cost": "6", "machine to machine": "7", "short code": "8"},
    )  # fmt: skip
    names = [r["number_type"] for r in read_prices(raw, "GB").records()]
    assert names == [
        "local", "tollfree", "mobile", "national", "voip", "shared-cost", "machine-to-machine",
        "short-code",
    ]  # fmt: skip


@pytest.mark.parametrize(
    "raw",
    [
        {"iso_country": "US"},
        {"iso_country": "US", "phone_number_prices": "1.15"},
        {"iso_country": "FR", "phone_number_prices": []},
        country_prices(prices={"local": "free"}),
        country_prices(prices={"local": "1.15\x1b[2J"}),
        {"iso_country": "US", "phone_number_prices": [None]},
        {
            "iso_country": "US",
            "phone_number_prices": [{"number_type": "\x1b[2J", "current_price": "1"}],
        },
        {"iso_country": "US", "phone_number_prices": [{"number_type": "local"}]},
    ],
)
def test_a_wrong_shaped_price_list_is_not_understood(raw: dict[str, Any]) -> None:
    with pytest.raises(TwilioUnavailable, match="not understood"):
        read_prices(raw, "US")


# -- numsearch prices ---------------------------------------------------------------------


def test_prices_of_a_country(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    fake_twilio.queue(json_reply(country_prices(prices={"local": "1.15", "toll free": "2.15"})))
    result = cli("prices", "us", "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert '"current_price": 1.15' in result.stdout  # the digits Twilio sent, as a number
    assert data(result) == [
        {"iso_country": "US", "country": "United States", "number_type": "local",
         "base_price": 1.15, "current_price": 1.15, "price_unit": "USD"},
        {"iso_country": "US", "country": "United States", "number_type": "tollfree",
         "base_price": 2.15, "current_price": 2.15, "price_unit": "USD"},
    ]  # fmt: skip
    [request] = fake_twilio.requests
    assert (request.method, request.path) == ("GET", PRICES_US)


def test_prices_are_cached_for_a_day_and_refresh_asks_again(
    cli: CliRun, fake_twilio: FakeTwilio, isolated: Path
) -> None:
    fake_twilio.default = json_reply(country_prices())
    assert cli("prices", "US", "-o", "json").exit_code == 0
    assert cli("prices", "US", "-o", "json").exit_code == 0
    assert len(fake_twilio.requests) == 1  # the second came from the cache
    assert cli("prices", "US", "-o", "json", "--refresh").exit_code == 0
    assert len(fake_twilio.requests) == 2
    [cached] = (isolated / "cache" / "numsearch").rglob("US.json")
    entry = json.loads(cached.read_text())
    entry["fetched_at"] = time.time() - 25 * 3600
    cached.write_text(json.dumps(entry))
    assert cli("prices", "US", "-o", "json").exit_code == 0
    assert len(fake_twilio.requests) == 3  # older than a day: asked again


def test_a_corrupt_cache_file_is_asked_again(
    cli: CliRun, fake_twilio: FakeTwilio, isolated: Path
) -> None:
    fake_twilio.default = json_reply(country_prices())
    assert cli("prices", "US", "-o", "json").exit_code == 0
    [cached] = (isolated / "cache" / "numsearch").rglob("US.json")
    cached.write_text("{not json")
    result = cli("prices", "US", "-o", "json")
    assert result.exit_code == 0 and data(result)[0]["current_price"] == 1.15
    assert len(fake_twilio.requests) == 2


def test_a_failed_lookup_is_not_cached(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    fake_twilio.queue(Reply(200, b"<html>proxy</html>", {"Content-Type": "text/html"}))
    fake_twilio.default = json_reply(country_prices())
    assert cli("prices", "US", "-o", "json").exit_code == 5
    assert cli("prices", "US", "-o", "json").exit_code == 0
    assert len(fake_twilio.requests) == 2


def test_prices_without_a_country_follow_the_pages_on_the_same_host(
    cli: CliRun, fake_twilio: FakeTwilio
) -> None:
    first = {
        "countries": [{"country": "Austria", "iso_country": "AT"}],
        "meta": {"next_page_url": "https://pricing.twilio.com/v1/PhoneNumbers/Countries"
                 "?PageSize=1000&Page=1&PageToken=PAx"},
    }  # fmt: skip
    second = {"countries": [{"country": "Albania", "iso_country": "AL"}], "meta": {}}
    fake_twilio.queue(json_reply(first), json_reply(second))
    result = cli("prices", "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert data(result) == [
        {"iso_country": "AL", "country": "Albania"},
        {"iso_country": "AT", "country": "Austria"},
    ]
    assert [r.path for r in fake_twilio.requests] == ["/v1/PhoneNumbers/Countries"] * 2
    assert fake_twilio.requests[1].query == {"PageSize": "1000", "Page": "1", "PageToken": "PAx"}


@pytest.mark.parametrize(
    "url",
    ["https://pricing.twilio.com/v1/Voice/Countries?Page=1", "//evil.example/steal", 42],
)
def test_a_next_page_elsewhere_is_not_followed(
    cli: CliRun, fake_twilio: FakeTwilio, url: Any
) -> None:
    fake_twilio.queue(json_reply({"countries": [], "meta": {"next_page_url": url}}))
    result = cli("prices", "-o", "json")
    assert result.exit_code == 5
    assert "not understood" in result.stderr
    assert len(fake_twilio.requests) == 1


@pytest.mark.parametrize(
    ("reply", "code", "says"),
    [
        (
            twilio_error(404, 20404, "The requested resource was not found"),
            4,
            "no phone number prices for US",
        ),
        (twilio_error(401, 20003, "Authenticate"), 3, "rejected the credentials"),
        (Reply(200, b"<html>captive portal</html>", {"Content-Type": "text/html"}), 5, "HTML"),
        (json_reply([1, 2]), 5, "not understood"),
        (json_reply(country_prices(prices={"local": "1.15\x1b[2J"})), 5, "not understood"),
        (nested_json(), 5, "nested too deeply"),
        (huge_body(5 * 1024 * 1024), 5, "larger than 4 MiB"),
    ],
    ids=["404", "401", "html", "list", "escape in a price", "nested", "huge"],
)
def test_a_hostile_pricing_answer_is_one_line_and_its_exit_code(
    cli: CliRun, fake_twilio: FakeTwilio, reply: Reply, code: int, says: str
) -> None:
    fake_twilio.queue(reply)
    result = cli("prices", "US", "-o", "json", "--timeout", "5")
    assert result.exit_code == code, result.stderr
    assert says in result.stderr
    assert result.stdout == ""
    assert len([line for line in result.stderr.splitlines() if line.strip()]) == 1
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("escape", list(ESCAPES.values()), ids=list(ESCAPES))
def test_a_country_name_with_escapes_reaches_the_terminal_harmless(
    cli: CliRun, fake_twilio: FakeTwilio, escape: str
) -> None:
    fake_twilio.queue(json_reply(country_prices(country=f"Land{escape}")))
    result = cli(
        "--no-color", "prices", "US", "--fields", "country,current_price", terminal=True,
        stderr_terminal=False,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert raw_controls(result.stdout + result.stderr) == []
    assert "\\u" in result.stdout  # shown as an escape, not obeyed


def test_the_price_table(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    fake_twilio.queue(json_reply(country_prices(prices={"local": "1.15", "toll free": "2.00"})))
    result = cli("prices", "US", terminal=True)
    assert result.exit_code == 0
    assert "Monthly prices of numbers in US (United States)" in result.stdout
    rows = [line.split() for line in result.stdout.splitlines()]
    assert ["local", "1.15", "USD", "1.15", "USD"] in rows
    assert ["tollfree", "2", "USD", "2", "USD"] in rows


def test_a_bad_country_is_refused_before_sending(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    result = cli("prices", "UK")
    assert result.exit_code == 2 and "use GB" in result.stderr
    assert fake_twilio.requests == []


def test_the_pricing_host_follows_region_and_edge() -> None:
    from numsearch.api import TwilioClient
    from numsearch.config import Credentials
    from numsearch.settings import ClientSettings

    credentials = Credentials("AC" + "1" * 32, "AC" + "1" * 32, "x", "test")
    client = TwilioClient(
        credentials,
        "https://api.dublin.ie1.twilio.com",
        ClientSettings(region="ie1", edge="dublin"),
    )
    assert client.on_host("pricing").base_url == "https://pricing.dublin.ie1.twilio.com"
    assert client.on_host("numbers").host == "numbers.dublin.ie1.twilio.com"
    plain = TwilioClient(credentials, "https://api.twilio.com", ClientSettings())
    assert plain.on_host("pricing").base_url == "https://pricing.twilio.com"
    assert plain.on_host("pricing").session is plain.session  # one session per run
    mock = TwilioClient(
        credentials, "http://127.0.0.1:9", ClientSettings(api_url="http://127.0.0.1:9")
    )
    assert mock.on_host("pricing").base_url == "http://127.0.0.1:9"


# -- --price and --max-price on searches ---------------------------------------------------

SEARCH = ("local", "US", "--area-code", "510", "-o", "json")
TWO = [available("+15105550100"), available("+15105550101")]


def test_price_adds_the_monthly_price_to_each_result(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    priced = PricedSearch(fake_twilio, TWO)
    result = cli(*SEARCH, "--price")
    assert result.exit_code == 0, result.stderr
    assert [(n["monthly_price"], n["price_unit"]) for n in data(result)] == [(1.15, "USD")] * 2
    assert [r.path for r in priced.price_requests] == [PRICES_US]


def test_without_price_no_price_is_asked_or_shown(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    priced = PricedSearch(fake_twilio, TWO)
    result = cli(*SEARCH)
    assert "monthly_price" not in data(result)[0]
    assert priced.price_requests == []


def test_a_failed_price_lookup_never_fails_the_search(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    PricedSearch(fake_twilio, TWO, twilio_error(503, 20500, "down"))
    result = cli(*SEARCH, "--price", "--timeout", "2")
    assert result.exit_code == 0
    assert [n["monthly_price"] for n in data(result)] == [None, None]
    assert "could not be looked up" in result.stderr and "monthly_price is null" in result.stderr


@pytest.mark.parametrize(("limit", "kept"), [("1.15", 2), ("2", 2), ("1.14", 0), ("0", 0)])
def test_max_price_keeps_numbers_at_or_below_it(
    cli: CliRun, fake_twilio: FakeTwilio, limit: str, kept: int
) -> None:
    PricedSearch(fake_twilio, TWO)
    result = cli(*SEARCH, "--max-price", limit)
    assert len(data(result)) == kept
    assert result.exit_code == (0 if kept else 1)
    if not kept:
        assert f"cost 1.15 USD a month, above --max-price {limit}" in result.stderr


@pytest.mark.parametrize(
    "prices",
    [twilio_error(500, 20500, "down"), Reply(200, b"<html></html>", {"Content-Type": "text/html"})],
    ids=["5xx", "html"],
)
def test_max_price_cannot_be_checked_when_prices_are_down(
    cli: CliRun, fake_twilio: FakeTwilio, prices: Reply
) -> None:
    """An outage of the price lookup is exit 5 under --max-price, never an empty result
    read as "nothing cheap enough" (exit 1)."""
    PricedSearch(fake_twilio, TWO, prices)
    result = cli(*SEARCH, "--max-price", "100", "--timeout", "2")
    assert result.exit_code == 5, result.stderr
    assert result.stdout == ""
    assert "--max-price cannot be checked" in result.stderr


def test_max_price_leaves_out_numbers_twilio_lists_no_price_for(
    cli: CliRun, fake_twilio: FakeTwilio
) -> None:
    PricedSearch(fake_twilio, TWO, json_reply(country_prices(prices={"toll free": "2.15"})))
    result = cli(*SEARCH, "--max-price", "100")
    assert result.exit_code == 1
    assert data(result) == []
    assert "left out, as --max-price cannot be checked" in result.stderr


def test_prices_the_spec_allows_to_be_missing_are_null() -> None:
    none_listed = read_prices({"iso_country": "US", "phone_number_prices": None}, "US")
    assert none_listed.prices == ()
    no_list_price = read_prices(
        {
            "iso_country": "US",
            "phone_number_prices": [{"number_type": "local", "current_price": "1.15"}],
        },
        "US",
    )
    assert no_list_price.records()[0]["base_price"] is None
    assert no_list_price.records()[0]["current_price"] == 1.15


def test_price_flags_are_checked_before_anything_is_sent(
    cli: CliRun, fake_twilio: FakeTwilio
) -> None:
    for args, says in [
        (("--max-price", "cheap"), "--max-price 'cheap' is not an amount"),
        (("--refresh",), "--refresh goes with --price or --max-price"),
    ]:
        result = cli(*SEARCH, *args)
        assert result.exit_code == 2 and says in result.stderr
    assert fake_twilio.requests == []


def test_the_table_has_a_price_column(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    PricedSearch(fake_twilio, TWO)
    result = cli("--no-color", "local", "US", "--area-code", "510", "--price", terminal=True)
    header = next(line for line in result.stdout.splitlines() if "Number" in line)
    assert header.split()[-1] == "Price"
    assert result.stdout.count("1.15 USD") == 2


def test_csv_carries_price_and_unit(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    PricedSearch(fake_twilio, TWO)
    result = cli(
        "local", "US", "--price", "-o", "csv", "--fields", "phone_number,monthly_price,price_unit"
    )
    assert result.stdout.splitlines() == [
        "phone_number,monthly_price,price_unit", "+15105550100,1.15,USD", "+15105550101,1.15,USD",
    ]  # fmt: skip


def test_sandbox_prices_are_shaped_as_the_spec_says(cli: CliRun) -> None:
    from numsearch.sandbox.pricing import countries_answer, country_answer
    from tests.support import PRICING_SPEC

    path = "/v1/PhoneNumbers/Countries/{IsoCountry}"
    assert response_errors(path, country_answer("GB"), document=PRICING_SPEC) == []
    assert (
        response_errors("/v1/PhoneNumbers/Countries", countries_answer({}), document=PRICING_SPEC)
        == []
    )


def test_sandbox_search_with_price_and_watch_with_max_price(cli: CliRun) -> None:
    result = cli("--sandbox", "tollfree", "US", "--limit", "3", "--price", "-o", "json")
    assert result.exit_code == 0
    assert {(n["monthly_price"], n["price_unit"]) for n in data(result)} == {(2.15, "USD")}
    watched = cli(
        "--sandbox", "watch", "local", "US", "--area-code", "510", "--limit", "2",
        "--max-price", "1.15", "--every", "1s", "-o", "json",
    )  # fmt: skip
    assert watched.exit_code == 0, watched.stderr
    assert {n["monthly_price"] for n in json.loads(watched.stdout.splitlines()[0])} == {1.15}
    too_dear = cli(
        "--sandbox", "watch", "local", "US", "--area-code", "510", "--max-price", "1",
        "--every", "1s", "--max-wait", "1s", "-o", "json",
    )  # fmt: skip
    assert too_dear.exit_code == 1
    assert "above --max-price 1" in too_dear.stderr


def test_the_cache_lives_in_the_platform_cache_dir(cli: CliRun, isolated: Path) -> None:
    assert cli("--sandbox", "prices", "GB", "-o", "json").exit_code == 0
    cached = list((isolated / "cache").rglob("GB.json"))
    assert len(cached) == 1
    assert cached[0].is_relative_to(Path(os.environ["XDG_CACHE_HOME"]) / "numsearch" / "prices")


# -- buy: the price in the question and the dry run, and --max-price -----------------------

NUMBER = "+15105550100"


class PricedAccount:
    """An empty account that sells any number, with prices (or a fault for them)."""

    def __init__(self, server: FakeTwilio, prices: Reply | None = None) -> None:
        self.prices = prices or json_reply(country_prices())
        self.posts: list[Any] = []
        server.responder = self.answer

    def answer(self, request: Any) -> Reply:
        from tests.support.fake_twilio import incoming, incoming_page, quiet_paperwork

        if request.path.startswith("/v1/"):
            return self.prices
        if request.method == "POST":
            self.posts.append(request)
            return json_reply(incoming(request.form["PhoneNumber"]), status=201)
        return quiet_paperwork(request) or incoming_page([])  # no address or bundle needed


def test_buy_says_the_price_and_buys(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    account = PricedAccount(fake_twilio)
    result = cli("buy", NUMBER, "--yes", "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert f"buying {NUMBER} for 1.15 USD a month" in result.stderr
    assert len(account.posts) == 1


@pytest.mark.parametrize("limit", ["1.15", "2"])
def test_buy_at_or_under_max_price_buys(cli: CliRun, fake_twilio: FakeTwilio, limit: str) -> None:
    account = PricedAccount(fake_twilio)
    assert cli("buy", NUMBER, "--yes", "--max-price", limit).exit_code == 0
    assert len(account.posts) == 1


@pytest.mark.parametrize("dry", [(), ("--dry-run",)], ids=["buy", "dry run"])
def test_buy_above_max_price_is_declined_and_sends_nothing(
    cli: CliRun, fake_twilio: FakeTwilio, dry: tuple[str, ...]
) -> None:
    account = PricedAccount(fake_twilio)
    result = cli("buy", NUMBER, "--yes", "--max-price", "1.14", *dry)
    assert result.exit_code == 1
    assert "costs 1.15 USD a month, above --max-price 1.14" in result.stderr
    assert account.posts == [] and result.stdout == ""


@pytest.mark.parametrize(
    "prices",
    [twilio_error(503, 20503, "down"), json_reply(country_prices(prices={"toll free": "2"}))],
    ids=["lookup fails", "type not priced"],
)
def test_buy_max_price_that_cannot_be_checked_is_exit_5(
    cli: CliRun, fake_twilio: FakeTwilio, prices: Reply
) -> None:
    account = PricedAccount(fake_twilio, prices)
    result = cli("buy", NUMBER, "--yes", "--max-price", "100", "--timeout", "2")
    assert result.exit_code == 5
    assert "cannot be checked against --max-price 100" in result.stderr
    assert account.posts == []


def test_buy_of_unknown_price_without_max_price_still_buys(
    cli: CliRun, fake_twilio: FakeTwilio
) -> None:
    account = PricedAccount(fake_twilio, twilio_error(503, 20503, "down"))
    result = cli("buy", NUMBER, "--yes", "--timeout", "2")
    assert result.exit_code == 0
    assert "monthly price of +15105550100 is unknown" in result.stderr
    assert len(account.posts) == 1


def test_buy_dry_run_shows_the_price_and_never_posts(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    account = PricedAccount(fake_twilio)
    result = cli("buy", "--area-code", "800", "--dry-run", "-o", "json")
    assert result.exit_code == 0
    [record] = data(result)
    assert (record["monthly_price"], record["price_unit"]) == (2.15, "USD")  # toll-free
    assert account.posts == []
    assert {r.method for r in fake_twilio.requests} == {"GET"}
    assert "read-only" in result.stderr


def test_sandbox_buy_dry_run_of_a_gb_number_prices_it(cli: CliRun) -> None:
    result = cli("--sandbox", "buy", "+442079460000", "--dry-run", "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert data(result)[0]["monthly_price"] == 1.15


@pytest.mark.parametrize(
    ("number", "country", "kind"),
    [
        ("+15105550100", "US", "local"),
        ("+18003569377", "US", "tollfree"),
        ("+16135550100", "CA", "local"),
        ("+442079460000", "GB", "local"),
        ("+447400123456", "GB", "mobile"),
        ("+447911123456", "GG", "mobile"),  # Guernsey: its own region
        ("+4915123456789", "DE", "mobile"),
        ("+61412345678", "AU", "mobile"),
        ("+999", None, None),
    ],
)
def test_a_numbers_country_and_type_come_from_its_plan(
    number: str, country: str | None, kind: str | None
) -> None:
    from numsearch.number_types import type_of_number

    found_country, found_type = type_of_number(number)
    assert (found_country, found_type.command if found_type else None) == (country, kind)


@pytest.mark.parametrize(
    ("npa", "country", "kind"),
    [("510", "US", "local"), ("416", "CA", "local"), ("800", "US", "tollfree")],
)
def test_an_area_codes_country_and_type(npa: str, country: str, kind: str) -> None:
    from numsearch.number_types import type_of_area_code

    found_country, found_type = type_of_area_code(npa)
    assert (found_country, found_type.command) == (country, kind)


@pytest.mark.parametrize(
    "body",
    [
        {"countries": "AT"},
        {"countries": [{"country": "Austria"}]},
        {"countries": [{"iso_country": "\x1b[2J"}]},
        {"countries": [None]},
    ],
)
def test_a_wrong_shaped_country_list_is_exit_5(
    cli: CliRun, fake_twilio: FakeTwilio, body: dict[str, Any]
) -> None:
    fake_twilio.queue(json_reply(body))
    result = cli("prices", "-o", "json")
    assert result.exit_code == 5 and "not understood" in result.stderr
    assert result.stdout == ""


def test_the_sandbox_answers_on_the_pricing_host_as_twilio_would(cli: CliRun) -> None:
    """The sandbox exercises the same host routing as a real run: prices from
    pricing.twilio.com, searches from api.twilio.com."""
    result = cli("--sandbox", "--debug", "local", "--area-code", "510", "--price", "-n", "1")
    assert result.exit_code == 0, result.stderr
    assert "GET https://pricing.twilio.com/v1/PhoneNumbers/Countries/US -> 200" in result.stderr
    assert "GET https://api.twilio.com/2010-04-01/Accounts/" in result.stderr
