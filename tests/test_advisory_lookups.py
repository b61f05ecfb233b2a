"""Advisory lookups never block the core job: when the price or the paperwork (the
number's listing, regulations, bundles, addresses) cannot be looked up, `buy`, bulk buys
and `watch --buy` say what could not be checked and why, and go on with the POST (Twilio
refuses a purchase that lacks its paperwork); only `--max-price` needs the price."""

from __future__ import annotations

import json
from typing import Any

import pytest

from numsearch.errors import NumsearchError, TwilioRefused, TwilioUnavailable
from numsearch.purchase import Purchase, ready_purchase
from tests.support import CliRun
from tests.support.account import StandInClient
from tests.support.fake_twilio import (
    FORBIDDEN,
    FakeTwilio,
    Paperwork,
    Reply,
    address,
    advisory_down,
    available,
    only_2010_api,
    twilio_error,
)

A, B = "+15105550100", "+15105550101"
HTML = Reply(200, b"<html>busy</html>", {"Content-Type": "text/html"})
FAULTS = {
    "404": twilio_error(404, 20404, "not found"),
    "403-20003": FORBIDDEN,
    "500": twilio_error(500, 20500, "oops"),
    "html": HTML,
}


@pytest.mark.parametrize("fault", list(FAULTS.values()), ids=list(FAULTS))
def test_a_failed_lookup_is_said_and_the_purchase_goes_on(
    cli: CliRun, fake_twilio: FakeTwilio, fault: Reply
) -> None:
    account = Paperwork(fake_twilio, [available(A)], replies=advisory_down(fault))
    result = cli("buy", A, "--yes", "-o", "json", "--timeout", "2")
    assert result.exit_code == 0, result.stderr
    assert [p.form for p in account.posts] == [{"PhoneNumber": A}]
    assert "its paperwork is not checked" in result.stderr
    assert "the monthly price of +15105550100 is unknown" in result.stderr
    assert json.loads(result.stdout)[0]["phone_number"] == A
    assert "Traceback" not in result.stderr


def test_a_server_with_only_the_2010_api_sells(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    account = Paperwork(fake_twilio, [available(A)], replies=only_2010_api())
    result = cli("buy", A, "--yes")
    assert result.exit_code == 0, result.stderr
    assert len(account.posts) == 1 and "its paperwork is not checked" in result.stderr


def test_twilios_refusal_after_an_unchecked_purchase_is_explained(
    cli: CliRun, fake_twilio: FakeTwilio
) -> None:
    """The check could not be made; Twilio refuses for the missing address: its fix said."""
    need = available(A, address_requirements="any")
    account = Paperwork(fake_twilio, [need], replies=advisory_down(FORBIDDEN))
    result = cli("buy", A, "--yes")
    assert result.exit_code == 4, result.stderr
    assert len(account.posts) == 1 and "error 21631" in result.stderr
    assert "--address-sid" in result.stderr


def test_a_lookup_that_shows_nothing_fits_still_refuses_before_the_post(
    cli: CliRun, fake_twilio: FakeTwilio
) -> None:
    account = Paperwork(fake_twilio, [available(A, address_requirements="foreign")],
                        addresses=[address("1", "US")])  # fmt: skip
    result = cli("buy", A, "--yes")
    assert result.exit_code == 4 and account.posts == []
    assert "not bought (nothing was sent)" in result.stderr


def test_max_price_needs_the_price(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    account = Paperwork(fake_twilio, [available(A)], replies=advisory_down(FORBIDDEN))
    result = cli("buy", A, "--yes", "--max-price", "2")
    assert result.exit_code == 5 and account.posts == []
    assert "cannot be checked against --max-price" in result.stderr


def test_a_bulk_buy_with_max_price_and_no_price_buys_nothing_exit_5(
    cli: CliRun, fake_twilio: FakeTwilio
) -> None:
    """As a single purchase: --max-price needs the price; without it nothing is bought."""
    fault = twilio_error(500, 20500, "down")
    account = Paperwork(fake_twilio, [available(A), available(B)], replies=advisory_down(fault))
    result = cli("buy", A, B, "--yes", "--max-price", "5", "-o", "json", "--timeout", "2")
    assert result.exit_code == 5, result.stderr
    assert account.posts == []
    assert "cannot be checked against --max-price" in result.stderr


def test_a_bulk_buy_goes_on_and_its_total_says_what_price_is_unknown(
    cli: CliRun, fake_twilio: FakeTwilio
) -> None:
    fault = twilio_error(503, 20503, "down")
    account = Paperwork(fake_twilio, [available(A), available(B)], replies=advisory_down(fault))
    result = cli("buy", A, B, "--yes", "-o", "json", "--timeout", "2")
    assert result.exit_code == 0, result.stderr
    assert {r["outcome"] for r in json.loads(result.stdout)} == {"bought"}
    assert len(account.posts) == 2
    assert "buying 2 numbers for an unknown price" in result.stderr
    assert "the monthly price of" in result.stderr and "is unknown" in result.stderr


def test_watch_buy_goes_on_too(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    account = Paperwork(fake_twilio, [available(A)], replies=only_2010_api())
    result = cli("watch", "local", "--every", "1s", "--buy", "--yes", "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert len(account.posts) == 1 and "its paperwork is not checked" in result.stderr


@pytest.mark.parametrize(
    "failure", [TwilioRefused("no", status=404), TwilioUnavailable("not understood")]
)
def test_the_domain_leaves_the_purchase_as_given_and_warns(failure: NumsearchError) -> None:
    warned: list[str] = []
    client = StandInClient(lookup_failure=failure)
    purchase = Purchase(A, options={"FriendlyName": "Desk"})
    ready = ready_purchase(client, purchase, lambda *_: "", warn=warned.append)  # type: ignore[arg-type]
    assert ready == purchase and client.lookups == 1
    assert warned == [
        f"{A}: its paperwork is not checked: its listing (the address it needs) could not be"
        f" looked up ({failure.message}); buying without choosing an address or bundle:"
        " Twilio checks them, and refuses a purchase that lacks them"
    ]


def test_a_failed_paperwork_lookup_is_asked_once_for_numbers_alike() -> None:
    client = StandInClient(lookup_failure=TwilioUnavailable("down"))
    looked_up: dict[tuple[str, str], Any] = {}
    for number in (A, B):
        ready_purchase(client, Purchase(number), lambda *_: "", address_need="none",  # type: ignore[arg-type]
                       looked_up=looked_up)  # fmt: skip
    assert client.lookups == 1
