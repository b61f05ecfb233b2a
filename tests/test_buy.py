"""`numsearch buy`: never by accident, never twice, and the truth after a failure.

Against a local server that plays Twilio's IncomingPhoneNumbers: it records every
POST and answers lookups from what it has "sold"."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.support import CliRun
from tests.support.fake_twilio import (
    FAKE_SID,
    FakeTwilio,
    Recorded,
    Reply,
    incoming,
    incoming_page,
    json_reply,
    twilio_error,
)

NUMBER = "+15105550100"
INCOMING = f"/2010-04-01/Accounts/{FAKE_SID}/IncomingPhoneNumbers.json"


def resource(number: str, sid_digit: str = "a", **fields: Any) -> dict[str, Any]:
    """The IncomingPhoneNumber a sale creates (created now: an old one reads as owned)."""
    return incoming(number, sid_digit, **fields)


def page(numbers: list[dict[str, Any]]) -> Reply:
    return incoming_page(numbers)


@pytest.fixture(autouse=True)
def slept(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The pauses between checks after a lost answer, recorded instead of slept."""
    from dataclasses import replace

    from numsearch import purchase

    pauses: list[float] = []
    monkeypatch.setattr(purchase, "PATIENCE", replace(purchase.PATIENCE, sleep=pauses.append))
    return pauses


class Account:
    """The fake server's account: what it has sold, and how its POST misbehaves."""

    def __init__(self, server: FakeTwilio) -> None:
        self.owned: list[dict[str, Any]] = []
        self.post_reply: Reply | None = None  # None: a normal 201
        self.record_then: Reply | None = None  # record the sale, then answer this way
        self.lookups_fail = False
        server.responder = self.answer

    def answer(self, request: Recorded) -> Reply:
        if request.method == "POST":
            if self.post_reply is not None:
                return self.post_reply
            number = request.form.get("PhoneNumber") or f"+1{request.form['AreaCode']}5550199"
            sold = resource(number, "b" if "AreaCode" in request.form else "a",
                            friendly_name=request.form.get("FriendlyName", number))  # fmt: skip
            self.owned.append(sold)
            if self.record_then is not None:
                return self.record_then
            reply = json_reply(sold, status=201)
            return reply
        if self.lookups_fail:
            return twilio_error(503, 20503, "Service Unavailable")
        wanted = request.query.get("PhoneNumber", "")
        return page([n for n in self.owned if n["phone_number"].startswith(wanted)])


@pytest.fixture
def account(fake_twilio: FakeTwilio) -> Account:
    return Account(fake_twilio)


def posts(server: FakeTwilio) -> list[Recorded]:
    return [r for r in server.requests if r.method == "POST"]


def test_refuses_without_a_terminal_and_sends_nothing(
    cli: CliRun, fake_twilio: FakeTwilio, account: Account
) -> None:
    result = cli("buy", NUMBER)
    assert result.exit_code == 2
    assert "stdin is not a terminal" in result.stderr and "--yes" in result.stderr
    assert fake_twilio.requests == []


def test_dry_run_prints_the_request_and_sends_nothing(
    cli: CliRun, fake_twilio: FakeTwilio, account: Account
) -> None:
    result = cli("buy", NUMBER, "--friendly-name", "Front desk", "--dry-run")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == [
        {
            "method": "POST",
            "url": f"{fake_twilio.url}{INCOMING}",
            "form": {"PhoneNumber": NUMBER, "FriendlyName": "Front desk"},
            "monthly_price": 1.15,
            "price_unit": "USD",
        }
    ]
    assert "nothing was sent" in result.stderr
    assert "read-only lookups" in result.stderr
    table = cli("--no-color", "buy", NUMBER, "--dry-run", terminal=True).stdout
    assert "POST" in table and "PhoneNumber=%2B15105550100" in table
    assert {(r.method, r.path) for r in fake_twilio.requests} == {("GET", INCOMING)}  # the account
    assert {r.method for r in fake_twilio.background_requests} == {"GET"}  # looks only


def test_dry_run_of_a_number_already_owned_shows_no_post(
    cli: CliRun, fake_twilio: FakeTwilio, account: Account
) -> None:
    account.owned.append(resource(NUMBER, "e"))
    result = cli("buy", NUMBER, "--dry-run", "--friendly-name", "Desk", "-o", "json")
    assert result.exit_code == 0, result.stderr
    [row] = json.loads(result.stdout)
    assert row["phone_number"] == NUMBER and row["outcome"] == "already-owned"
    assert row["sid"] == "PN" + "e" * 32 and row["bought"] is None
    assert "method" not in row and "nothing would be bought" in result.stderr
    assert f"numsearch update {NUMBER} --friendly-name Desk" in result.stderr
    assert "not among the available numbers" not in result.stderr
    assert {r.method for r in fake_twilio.requests} == {"GET"}


def test_dry_run_of_a_number_not_on_sale_says_twilio_checks_its_paperwork(
    cli: CliRun, fake_twilio: FakeTwilio, account: Account
) -> None:
    from tests.support.fake_twilio import numbers_page, quiet_paperwork

    def not_on_sale(request: Recorded) -> Reply | None:
        listing = "/AvailablePhoneNumbers/" in request.path
        return numbers_page([]) if listing else quiet_paperwork(request)

    fake_twilio.background = not_on_sale
    result = cli("buy", NUMBER, "--dry-run", "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert f"{NUMBER} is not on sale (a search for it finds nothing)" in result.stderr
    assert "Twilio checks them" in result.stderr
    assert json.loads(result.stdout)[0]["method"] == "POST"


def test_yes_sends_exactly_one_post_with_the_form(
    cli: CliRun, fake_twilio: FakeTwilio, account: Account
) -> None:
    result = cli("buy", NUMBER, "--yes", "--friendly-name", "Front desk")
    assert result.exit_code == 0, result.stderr
    [post] = posts(fake_twilio)
    assert post.path == INCOMING
    assert post.form == {"PhoneNumber": NUMBER, "FriendlyName": "Front desk"}
    assert post.headers["Content-Type"] == "application/x-www-form-urlencoded"
    bought = json.loads(result.stdout)
    assert bought[0]["sid"] == "PN" + "a" * 32 and bought[0]["friendly_name"] == "Front desk"
    assert "bought +15105550100" in result.stderr


def test_every_form_option(cli: CliRun, fake_twilio: FakeTwilio, account: Account) -> None:
    options = {
        "--friendly-name": ("FriendlyName", "Main line"),
        "--voice-url": ("VoiceUrl", "https://example.com/voice"),
        "--voice-method": ("VoiceMethod", "GET"),
        "--voice-fallback-url": ("VoiceFallbackUrl", "https://example.com/fallback"),
        "--voice-fallback-method": ("VoiceFallbackMethod", "POST"),
        "--voice-application-sid": ("VoiceApplicationSid", "AP" + "1" * 32),
        "--voice-receive-mode": ("VoiceReceiveMode", "fax"),
        "--sms-url": ("SmsUrl", "http://example.com/sms"),
        "--sms-method": ("SmsMethod", "POST"),
        "--sms-fallback-url": ("SmsFallbackUrl", "https://example.com/sms-fallback"),
        "--sms-fallback-method": ("SmsFallbackMethod", "GET"),
        "--sms-application-sid": ("SmsApplicationSid", "AP" + "2" * 32),
        "--status-callback": ("StatusCallback", "https://example.com/status"),
        "--status-callback-method": ("StatusCallbackMethod", "POST"),
        "--address-sid": ("AddressSid", "AD" + "3" * 32),
        "--bundle-sid": ("BundleSid", "BU" + "4" * 32),
        "--emergency-address-sid": ("EmergencyAddressSid", "AD" + "5" * 32),
        "--trunk-sid": ("TrunkSid", "TK" + "6" * 32),
        "--identity-sid": ("IdentitySid", "RI" + "7" * 32),
    }
    args = [item for flag, (_, value) in options.items() for item in (flag, value)]
    result = cli("buy", NUMBER, "--yes", *args)
    assert result.exit_code == 0, result.stderr
    [post] = posts(fake_twilio)
    assert post.form == {"PhoneNumber": NUMBER, **dict(options.values())}


def test_area_code_purchase(cli: CliRun, fake_twilio: FakeTwilio, account: Account) -> None:
    result = cli("buy", "--area-code", "510", "--yes")
    assert result.exit_code == 0, result.stderr
    [post] = posts(fake_twilio)
    assert post.form == {"AreaCode": "510"}
    assert json.loads(result.stdout)[0]["phone_number"] == "+15105550199"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "give a NUMBER to buy or --area-code"),
        ((NUMBER, "--area-code", "510"), "one of the two"),
        (("12",), "cannot be a real number in E.164"),
        (("+1555",), "cannot be a real number"),
        (("!!!",), "is not a phone number"),
        (("call me maybe",), "cannot be a real number"),
        (("--area-code", "51"), "--area-code '51' is not a 3-digit area code"),
        ((NUMBER, "--voice-url", "ftp://example.com"), "--voice-url 'ftp://example.com' is not"),
        ((NUMBER, "--status-callback", "example.com"), "--status-callback 'example.com' is not"),
        ((NUMBER, "--address-sid", "BU" + "1" * 32), "--address-sid must be AD followed by 32"),
        ((NUMBER, "--trunk-sid", "TK123"), "--trunk-sid must be TK followed by 32 hex"),
        ((NUMBER, "--friendly-name", "x" * 65), "at most 64"),
        ((NUMBER, "--friendly-name", ""), "--friendly-name needs a value"),
        ((NUMBER, "--voice-url", "https://exa mple.com/ x"), "is not an http(s) URL"),
        ((NUMBER, "--sms-url", "https://"), "--sms-url 'https://' is not an http(s) URL"),
        ((NUMBER, "--voice-url", "https://bad_host/x"), "is not an http(s) URL"),
        ((NUMBER, "--country", "UK"), "use GB"),
    ],
)
def test_bad_input_is_exit_2_and_sends_nothing(
    args: tuple[str, ...], message: str, cli: CliRun, fake_twilio: FakeTwilio, account: Account
) -> None:
    result = cli("buy", *args, "--yes")
    assert result.exit_code == 2
    assert message in result.stderr and "Traceback" not in result.stderr
    assert fake_twilio.requests == []


def test_usage_errors_for_enums(cli: CliRun, fake_twilio: FakeTwilio, account: Account) -> None:
    assert cli("buy", NUMBER, "--yes", "--voice-method", "PUT").exit_code == 2
    assert fake_twilio.requests == []


def test_letters_and_national_numbers(
    cli: CliRun, fake_twilio: FakeTwilio, account: Account
) -> None:
    assert cli("buy", "1-800-FLOWERS", "--yes").exit_code == 0
    assert cli("buy", "020 7946 0018", "--country", "GB", "--yes").exit_code == 0
    assert [p.form["PhoneNumber"] for p in posts(fake_twilio)] == ["+18003569377", "+442079460018"]


def test_twilio_refusal_is_exit_4_with_its_code(
    cli: CliRun, fake_twilio: FakeTwilio, account: Account
) -> None:
    account.post_reply = twilio_error(400, 21422, "PhoneNumber requested is not available")
    result = cli("buy", NUMBER, "--yes")
    assert result.exit_code == 4
    assert "21422" in result.stderr and "not available" in result.stderr
    assert len(posts(fake_twilio)) == 1


def test_timeout_after_the_sale_reports_bought_and_never_posts_twice(
    cli: CliRun, fake_twilio: FakeTwilio, account: Account
) -> None:
    stalled = json_reply({})
    stalled.delay = 2.0  # Twilio recorded the sale, then the answer never came in time
    account.record_then = stalled
    result = cli("buy", NUMBER, "--yes", "--timeout", "0.5")
    assert result.exit_code == 0, result.stderr
    assert len(posts(fake_twilio)) == 1
    assert (
        "the purchase's answer was lost" in result.stderr
        and "the purchase went through" in result.stderr
    )
    assert json.loads(result.stdout)[0]["phone_number"] == NUMBER


def test_reset_after_sending_is_checked_too(
    cli: CliRun, fake_twilio: FakeTwilio, account: Account
) -> None:
    account.record_then = Reply(reset=True)
    result = cli("buy", "--area-code", "510", "--yes")
    assert result.exit_code == 0, result.stderr
    assert len(posts(fake_twilio)) == 1
    assert json.loads(result.stdout)[0]["phone_number"] == "+15105550199"


def test_5xx_without_a_sale_reports_not_bought(
    cli: CliRun, fake_twilio: FakeTwilio, account: Account
) -> None:
    account.post_reply = twilio_error(503, 20503, "Service Unavailable")
    result = cli("buy", NUMBER, "--yes")
    assert result.exit_code == 5
    assert "not bought" in result.stderr and "did not show on the account" in result.stderr
    assert len(posts(fake_twilio)) == 1
    assert result.stdout == ""


def test_when_the_check_fails_too_it_says_how_to_look(
    cli: CliRun, fake_twilio: FakeTwilio, account: Account
) -> None:
    stalled = json_reply({})
    stalled.delay = 2.0
    account.post_reply = stalled

    def after_post(request: Recorded) -> Reply:
        if posts(fake_twilio):
            account.lookups_fail = True
        return Account.answer(account, request)

    fake_twilio.responder = after_post
    result = cli("buy", NUMBER, "--yes", "--timeout", "0.5")
    assert result.exit_code == 5
    assert "cannot tell whether +15105550100 was bought" in result.stderr
    assert "numsearch owned +15105550100" in result.stderr
    assert len(posts(fake_twilio)) == 1


def test_nothing_listening_means_not_bought_without_a_check(
    cli: CliRun, credentials: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    with FakeTwilio() as server:
        url = server.url
    monkeypatch.setenv("NUMSEARCH_API_URL", url)
    result = cli("buy", NUMBER, "--yes")
    assert result.exit_code == 5
    assert "connection refused" in result.stderr


def test_a_number_already_owned_is_not_bought_again(
    cli: CliRun, fake_twilio: FakeTwilio, account: Account
) -> None:
    account.owned.append(resource(NUMBER))
    result = cli("buy", NUMBER, "--yes")
    assert result.exit_code == 0
    assert posts(fake_twilio) == []
    assert "already yours" in result.stderr


def test_terminal_confirmation(cli: CliRun, fake_twilio: FakeTwilio, account: Account) -> None:
    declined = cli("buy", NUMBER, terminal=True, input="n\n")
    assert declined.exit_code == 1 and "not bought" in declined.stderr
    question = "Buy +15105550100 ((510) 555-0100) for 1.15 USD a month on account ACaaaa…aaaa?"
    assert question in declined.stderr
    assert posts(fake_twilio) == []
    accepted = cli("buy", NUMBER, terminal=True, input="y\n", catch_exceptions=False)
    assert accepted.exit_code == 0, accepted.stderr
    assert len(posts(fake_twilio)) == 1


def test_owned_lists_the_account(cli: CliRun, fake_twilio: FakeTwilio, account: Account) -> None:
    assert cli("owned").exit_code == 1
    account.owned.append(resource(NUMBER))
    result = cli("owned", "+1510")
    assert result.exit_code == 0
    assert [n["phone_number"] for n in json.loads(result.stdout)] == [NUMBER]
    assert fake_twilio.requests[-1].query == {"PageSize": "1000", "PhoneNumber": "+1510"}


# -- the sandbox: the whole flow with no account ----------------------------------------


def test_sandbox_buy_persists_and_leaves_the_inventory(cli: CliRun) -> None:
    first = json.loads(cli("--sandbox", "local", "--area-code", "510", "-n", "3").stdout)
    number = first[0]["phone_number"]
    bought = cli("--sandbox", "buy", number, "--yes")
    assert bought.exit_code == 0, bought.stderr
    again = json.loads(cli("--sandbox", "local", "--area-code", "510", "-n", "3").stdout)
    assert number not in [r["phone_number"] for r in again]
    owned = json.loads(cli("--sandbox", "owned").stdout)
    assert [n["phone_number"] for n in owned] == [number]
    twice = cli("--sandbox", "buy", number, "--yes")
    assert twice.exit_code == 0 and "already yours" in twice.stderr
    assert cli("sandbox", "reset").exit_code == 0
    assert cli("--sandbox", "owned").exit_code == 1
