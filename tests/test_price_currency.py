"""`--max-price AMOUNT[CURRENCY]` compares like with like: USD unless written; prices in
another currency are exit 2 before anything is bought, saying what to write; a price
with no currency (or one that is not a currency) is unknown: left out of searches, exit
5 for `buy --max-price`."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest

from numsearch.errors import InvalidInput, TwilioUnavailable
from numsearch.pricing import Cost, PriceLimit, check_max_price, parse_limit, read_prices
from tests.support import CliRun
from tests.support.fake_twilio import (
    FakeTwilio,
    PricedSale,
    PricedSearch,
    available,
    country_prices,
    prices_in,
)

A, B = "+15105550100", "+15105550101"
SEARCH = ("local", "US", "--area-code", "510", "-o", "json")
WRITE_XBT = "prices on this account are in XBT: write --max-price 1.50XBT"


@pytest.mark.parametrize(
    ("text", "limit"),
    [
        ("1.50", (Decimal("1.50"), "USD")),
        ("150JPY", (Decimal("150"), "JPY")),
        ("150jpy", (Decimal("150"), "JPY")),
        (" 2 eur ", (Decimal("2"), "EUR")),
    ],
)
def test_a_limit_is_an_amount_and_a_currency(text: str, limit: tuple[Decimal, str]) -> None:
    assert parse_limit(text)[:2] == limit


@pytest.mark.parametrize("text", ["JPY", "1.5.0", "1.50 US", "150JPYX", "-1USD", "", "nan"])
def test_anything_else_is_not_a_limit(text: str) -> None:
    with pytest.raises(InvalidInput, match=r"give one like 1\.50 or 150JPY"):
        parse_limit(text)


def test_a_price_in_another_currency_is_exit_2() -> None:
    with pytest.raises(InvalidInput, match=WRITE_XBT):
        check_max_price(Cost(Decimal("1.00"), "XBT"), parse_limit("1.50"), A)
    check_max_price(Cost(Decimal("100"), "JPY"), parse_limit("150jpy"), A)  # like with like


def test_a_price_without_a_currency_cannot_be_checked() -> None:
    with pytest.raises(TwilioUnavailable, match=r"cannot be checked against --max-price 1\.50"):
        check_max_price(Cost(Decimal("1.00"), None), PriceLimit(Decimal("1.50"), text="1.50"), A)


@pytest.mark.parametrize("unit", ["U$D", 12, None, "\x1b[2J"])
def test_a_unit_that_is_not_a_currency_is_unknown(unit: Any) -> None:
    assert read_prices(country_prices(unit=unit), "US").price_unit is None


# -- buy ---------------------------------------------------------------------------------


def test_buy_of_a_price_in_another_currency_is_exit_2_and_buys_nothing(
    cli: CliRun, fake_twilio: FakeTwilio
) -> None:
    sale = PricedSale(fake_twilio, prices_in("XBT"))
    result = cli("buy", A, "--yes", "--max-price", "1.50")
    assert result.exit_code == 2, result.stderr
    assert WRITE_XBT in result.stderr and sale.posts == []


def test_buy_with_the_accounts_currency_buys(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    sale = PricedSale(fake_twilio, prices_in("JPY", "140"))
    result = cli("buy", A, "--yes", "--max-price", "150jpy")
    assert result.exit_code == 0, result.stderr
    assert len(sale.posts) == 1 and "140 JPY a month" in result.stderr


@pytest.mark.parametrize("unit", [None, "U$D"], ids=["no unit", "not a currency"])
def test_buy_of_a_price_without_a_currency_is_exit_5(
    cli: CliRun, fake_twilio: FakeTwilio, unit: str | None
) -> None:
    sale = PricedSale(fake_twilio, prices_in(unit))
    result = cli("buy", A, "--yes", "--max-price", "1.50")
    assert result.exit_code == 5, result.stderr
    assert "cannot be checked against --max-price 1.50" in result.stderr and sale.posts == []


def test_a_bulk_buy_in_another_currency_is_exit_2_before_any_post(
    cli: CliRun, fake_twilio: FakeTwilio
) -> None:
    sale = PricedSale(fake_twilio, prices_in("XBT"))
    result = cli("buy", A, B, "--yes", "--max-price", "1.50", "-o", "json")
    assert result.exit_code == 2, result.stderr
    assert WRITE_XBT in result.stderr and sale.posts == [] and result.stdout == ""


# -- searches ------------------------------------------------------------------------------


def test_a_search_in_another_currency_is_exit_2(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    PricedSearch(fake_twilio, [available(A)], prices_in("XBT"))
    result = cli(*SEARCH, "--max-price", "1.50")
    assert result.exit_code == 2, result.stderr
    assert WRITE_XBT in result.stderr and result.stdout == ""


@pytest.mark.parametrize("unit", [None, "U$D"], ids=["no unit", "not a currency"])
def test_a_search_leaves_out_numbers_of_a_price_without_a_currency(
    cli: CliRun, fake_twilio: FakeTwilio, unit: str | None
) -> None:
    PricedSearch(fake_twilio, [available(A)], prices_in(unit))
    result = cli(*SEARCH, "--max-price", "1.50")
    assert result.exit_code == 1, result.stderr
    assert json.loads(result.stdout) == [] and "have no currency" in result.stderr
    priced = cli(*SEARCH, "--price")
    assert priced.exit_code == 0 and json.loads(priced.stdout)[0]["monthly_price"] is None


def test_a_search_in_the_limits_currency_keeps_its_numbers(
    cli: CliRun, fake_twilio: FakeTwilio
) -> None:
    PricedSearch(fake_twilio, [available(A)], prices_in("JPY", "140"))
    result = cli(*SEARCH, "--max-price", "150JPY")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)[0]["price_unit"] == "JPY"
