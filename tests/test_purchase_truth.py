"""A purchase reports only what it has checked: an answer without the number, a purchase
whose answer is lost and that shows on the account late (or never), checks that fail, and
a number that is already on the account. Never two POSTs, never a suggestion to buy again.

The pauses between checks are recorded instead of slept (`slept`), so nothing here waits
on the clock; a stalled POST is bounded by `--timeout 0.5`."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from numsearch import purchase as purchase_module
from numsearch.errors import TwilioUnavailable
from numsearch.models import IncomingNumber
from numsearch.purchase import Purchase, buy_safely
from tests.support import CliRun
from tests.support.account import StandInClient
from tests.support.fake_twilio import (
    BOUGHT_INSTEAD,
    BuysAnother,
    FakeTwilio,
    LatePurchase,
    Recorded,
    Reply,
    incoming,
    incoming_page,
    json_reply,
)

NUMBER = "+15105550100"
OLD = "Mon, 01 Apr 2019 10:00:00 +0000"  # long before any run of these tests
RETRY_WORDS = ("try again", "retry", "try a longer", "buy it again", "run it again")


@pytest.fixture(autouse=True)
def slept(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The pauses between checks, recorded instead of slept."""
    pauses: list[float] = []
    patience = replace(purchase_module.PATIENCE, sleep=pauses.append)
    monkeypatch.setattr(purchase_module, "PATIENCE", patience)
    return pauses


def posts(server: FakeTwilio) -> list[Recorded]:
    return [r for r in server.requests if r.method == "POST"]


def no_retry_advice(stderr: str) -> bool:
    return not any(words in stderr.lower() for words in RETRY_WORDS)


class Sells:
    """An account that records each sale, then answers the POST with `reply(sold)`."""

    def __init__(
        self, server: FakeTwilio, reply: Callable[[dict[str, Any]], Reply], *, record: bool = True
    ) -> None:
        self.owned: list[dict[str, Any]] = []
        self.reply = reply
        self.record = record
        server.responder = self.answer

    def answer(self, request: Recorded) -> Reply:
        if request.method == "POST":
            form = request.form
            number = form.get("PhoneNumber") or f"+1{form['AreaCode']}5550199"
            sold = incoming(number, "d", friendly_name=form.get("FriendlyName", number))
            if self.record:
                self.owned.append(sold)
            return self.reply(sold)
        wanted = request.query.get("PhoneNumber", "")
        return incoming_page([n for n in self.owned if n["phone_number"].startswith(wanted)])


# -- 5: an answer is checked before it is believed ----------------------------------------


def test_an_answer_without_the_number_is_checked_on_the_account(
    cli: CliRun, fake_twilio: FakeTwilio
) -> None:
    Sells(fake_twilio, lambda sold: json_reply({}, status=201))
    result = cli("buy", NUMBER, "--yes")
    assert result.exit_code == 0, result.stderr
    assert "None" not in result.stderr
    assert "not understood" in result.stderr  # an answer without the number: checked
    assert "the purchase went through" in result.stderr
    [bought] = json.loads(result.stdout)
    assert bought["phone_number"] == NUMBER and bought["sid"] == "PN" + "d" * 32
    assert len(posts(fake_twilio)) == 1


def test_an_answer_without_the_number_and_no_sale_is_not_bought(
    cli: CliRun, fake_twilio: FakeTwilio, slept: list[float]
) -> None:
    Sells(fake_twilio, lambda sold: json_reply({"status": "queued"}, status=201), record=False)
    result = cli("buy", NUMBER, "--yes")
    assert result.exit_code == 5
    assert "not bought" in result.stderr and f"numsearch owned {NUMBER}" in result.stderr
    assert "None" not in result.stderr and result.stdout == ""
    assert no_retry_advice(result.stderr), result.stderr
    assert len(posts(fake_twilio)) == 1 and slept


def test_a_different_number_is_said_plainly_and_shown(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    other = "+15105550111"
    Sells(fake_twilio, lambda sold: json_reply({**sold, "phone_number": other}, status=201))
    result = cli("buy", NUMBER, "--yes")
    assert result.exit_code == 5, result.stderr
    assert f"Twilio bought {other}, not {NUMBER}" in result.stderr
    assert f"bought {NUMBER}" not in result.stderr
    assert json.loads(result.stdout)[0]["phone_number"] == other


def test_a_number_outside_the_area_code_is_said_plainly(
    cli: CliRun, fake_twilio: FakeTwilio
) -> None:
    other = "+14155550123"
    Sells(fake_twilio, lambda sold: json_reply({**sold, "phone_number": other}, status=201))
    result = cli("buy", "--area-code", "510", "--yes")
    assert result.exit_code == 5, result.stderr
    assert f"Twilio bought {other}, which is not in area code 510" in result.stderr
    assert json.loads(result.stdout)[0]["phone_number"] == other


def test_another_number_is_printed_as_what_was_bought_and_exit_5(
    cli: CliRun, fake_twilio: FakeTwilio
) -> None:
    seller = BuysAnother(fake_twilio)
    result = cli("buy", NUMBER, "--yes", "-o", "json")
    assert result.exit_code == 5, result.stderr
    [record] = json.loads(result.stdout)
    assert record["phone_number"] == BOUGHT_INSTEAD and record["sid"] == "PN" + "1" * 32
    assert f"Twilio bought {BOUGHT_INSTEAD}" in result.stderr and f"not {NUMBER}" in result.stderr
    assert f"bought {NUMBER}" not in result.stderr and len(seller.posts) == 1


def test_watch_buy_never_reports_the_number_asked_when_another_was_bought(
    cli: CliRun, fake_twilio: FakeTwilio
) -> None:
    from tests.support.fake_twilio import available

    seller = BuysAnother(fake_twilio, search=[available(NUMBER)])
    result = cli("watch", "local", "--every", "1s", "--buy", "--yes", "-o", "json")
    assert result.exit_code == 5, result.stderr
    assert json.loads(result.stdout)[0]["phone_number"] == BOUGHT_INSTEAD
    assert f"not {NUMBER} as asked" in result.stderr
    assert f"bought {NUMBER}" not in result.stderr and len(seller.posts) == 1


# -- 7: a lost answer is looked for over a window, never bought twice ------------------------


def test_a_purchase_that_shows_late_is_reported_bought_after_one_post(
    cli: CliRun, fake_twilio: FakeTwilio, slept: list[float]
) -> None:
    late = LatePurchase(fake_twilio, shows_after=3)
    result = cli("buy", NUMBER, "--yes", "--timeout", "0.5", "--friendly-name", "Desk")
    assert result.exit_code == 0, result.stderr
    assert len(posts(fake_twilio)) == 1 and late.checks == 3
    assert "the purchase's answer was lost" in result.stderr
    assert "checking the account for 30 s" in result.stderr
    assert "the purchase went through" in result.stderr
    [bought] = json.loads(result.stdout)
    assert bought["phone_number"] == NUMBER and bought["friendly_name"] == "Desk"
    assert slept == list(purchase_module.PATIENCE.pauses[:2])


def test_a_purchase_that_never_shows_is_not_bought_and_may_still_appear(
    cli: CliRun, fake_twilio: FakeTwilio, slept: list[float]
) -> None:
    late = LatePurchase(fake_twilio, shows_after=None)
    result = cli("buy", NUMBER, "--yes", "--timeout", "0.5")
    assert result.exit_code == 5
    assert len(posts(fake_twilio)) == 1
    assert "not bought" in result.stderr and "may still appear" in result.stderr
    assert f"numsearch owned {NUMBER}" in result.stderr
    assert no_retry_advice(result.stderr), result.stderr
    assert result.stdout == ""
    # Every check was made, with growing pauses, over the whole window.
    assert late.checks == len(slept) + 1
    assert slept == sorted(slept) and len(set(slept)) == len(slept)
    assert sum(slept) == pytest.approx(30)


def test_on_a_terminal_the_spinner_makes_way_for_the_checking_message(
    cli: CliRun, fake_twilio: FakeTwilio
) -> None:
    LatePurchase(fake_twilio, shows_after=2)
    result = cli("--no-color", "buy", NUMBER, "--yes", "--timeout", "0.5", terminal=True)
    assert result.exit_code == 0, result.stderr
    assert "checking the account for 30 s" in result.stderr
    assert "the purchase went through" in result.stderr and "Bought: +15105550100" in result.stdout


def test_a_failed_look_before_buying_sends_nothing(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    fake_twilio.default = Reply(200, b"<html>busy</html>", {"Content-Type": "text/html"})
    result = cli("buy", NUMBER, "--yes")
    assert result.exit_code == 5
    assert "not bought (nothing was sent)" in result.stderr and posts(fake_twilio) == []


def test_checks_that_fail_cannot_tell(
    cli: CliRun, fake_twilio: FakeTwilio, slept: list[float]
) -> None:
    LatePurchase(fake_twilio, checks_fail=True)
    result = cli("buy", NUMBER, "--yes", "--timeout", "0.5")
    assert result.exit_code == 5
    assert len(posts(fake_twilio)) == 1
    assert f"cannot tell whether {NUMBER} was bought" in result.stderr
    assert f"numsearch owned {NUMBER}" in result.stderr
    assert no_retry_advice(result.stderr), result.stderr


def test_a_late_area_code_purchase_is_found_by_its_area_code(
    cli: CliRun, fake_twilio: FakeTwilio
) -> None:
    LatePurchase(fake_twilio, shows_after=2, owned=[incoming("+15105550042", "e")])
    result = cli("buy", "--area-code", "510", "--yes", "--timeout", "0.5")
    assert result.exit_code == 0, result.stderr
    assert len(posts(fake_twilio)) == 1
    assert json.loads(result.stdout)[0]["phone_number"] == "+15105550199"


def test_a_lost_area_code_purchase_names_the_check(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    LatePurchase(fake_twilio, shows_after=None)
    result = cli("buy", "--area-code", "510", "--yes", "--timeout", "0.5")
    assert result.exit_code == 5
    assert "numsearch owned +1510" in result.stderr and no_retry_advice(result.stderr)


def test_watch_buy_goes_the_same_way(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    from tests.support.fake_twilio import available, numbers_page

    late = LatePurchase(fake_twilio, shows_after=2)
    answer = late.answer

    def search_or_buy(request: Recorded) -> Reply:
        if "AvailablePhoneNumbers" in request.path:
            return numbers_page([available(NUMBER)])
        return answer(request)

    fake_twilio.responder = search_or_buy
    result = cli("watch", "local", "--every", "1s", "--buy", "--yes", "--timeout", "0.5")
    assert result.exit_code == 0, result.stderr
    assert len(late.posts) == 1 and "the purchase went through" in result.stderr
    assert json.loads(result.stdout)[0]["phone_number"] == NUMBER


# -- 8: a number already on the account -----------------------------------------------------


def test_an_owned_number_is_already_yours_and_its_setup_not_applied(
    cli: CliRun, fake_twilio: FakeTwilio
) -> None:
    late = LatePurchase(fake_twilio, owned=[incoming(NUMBER, date_created=OLD)])
    result = cli("buy", NUMBER, "--yes", "--friendly-name", "Desk", "--voice-url",
                 "https://example.com/v")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert late.posts == []
    assert f"{NUMBER} is already yours" in result.stderr
    assert "--friendly-name, --voice-url" in result.stderr and "NOT applied" in result.stderr
    assert (
        f"apply them with `numsearch update {NUMBER} --friendly-name Desk"
        " --voice-url https://example.com/v`"
    ) in result.stderr
    assert f"bought {NUMBER}" not in result.stderr
    assert json.loads(result.stdout)[0]["phone_number"] == NUMBER


def test_an_owned_number_without_setup_says_only_that_it_is_yours(
    cli: CliRun, fake_twilio: FakeTwilio
) -> None:
    late = LatePurchase(fake_twilio, owned=[incoming(NUMBER)])
    result = cli("buy", NUMBER, "--yes")
    assert result.exit_code == 0 and late.posts == []
    assert "already yours" in result.stderr and "applied" not in result.stderr


def test_a_201_in_use_for_an_owned_number_is_already_yours(
    cli: CliRun, fake_twilio: FakeTwilio
) -> None:
    """The look before the POST missed it (another run bought it meanwhile); Twilio answers
    201 with the old resource, status in-use."""
    Sells(
        fake_twilio,
        lambda sold: json_reply({**sold, "date_created": OLD}, status=201),
        record=False,
    )
    result = cli("buy", NUMBER, "--yes", "--sms-url", "https://example.com/s")
    assert result.exit_code == 0, result.stderr
    assert len(posts(fake_twilio)) == 1
    assert "already yours" in result.stderr and "--sms-url" in result.stderr
    assert f"bought {NUMBER}" not in result.stderr


# -- the domain, without the command line ------------------------------------------------------


NOW = datetime(2030, 6, 1, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("created", "status", "already"),
    [
        (NOW - timedelta(days=3), "in-use", True),
        (NOW - timedelta(minutes=2), "in-use", False),  # a fresh number: clocks differ a little
        (NOW + timedelta(minutes=2), "in-use", False),
        (NOW - timedelta(days=3), None, False),
        (None, "in-use", False),
    ],
)
def test_in_use_means_already_owned_only_for_an_older_number(
    created: datetime | None, status: str | None, already: bool
) -> None:
    from email.utils import format_datetime

    stamp = format_datetime(created) if created else None
    answer = IncomingNumber("PN" + "f" * 32, NUMBER, status=status, date_created=stamp)
    client = StandInClient(answer)
    patience = replace(purchase_module.PATIENCE, now=lambda: NOW)
    outcome = buy_safely(client, Purchase(NUMBER), patience=patience)  # type: ignore[arg-type]
    assert outcome.already_owned is already and len(client.forms) == 1


def test_a_failure_before_sending_is_not_bought_without_checks(slept: list[float]) -> None:
    client = StandInClient(TwilioUnavailable("cannot reach api.twilio.com", sent=False))
    told: list[str] = []
    with pytest.raises(TwilioUnavailable, match="not bought"):
        buy_safely(client, Purchase(NUMBER), tell=told.append)  # type: ignore[arg-type]
    assert told == [] and slept == []


def test_the_default_window_is_about_30_seconds_of_growing_pauses() -> None:
    pauses = purchase_module.Patience().pauses
    assert sum(pauses) == pytest.approx(30) and list(pauses) == sorted(pauses)


def test_an_answer_with_another_number_is_bought_other() -> None:
    other = IncomingNumber("PN" + "f" * 32, "+19005550123", status="in-use")
    outcome = buy_safely(StandInClient(other), Purchase(NUMBER))  # type: ignore[arg-type]
    assert outcome.bought_other and outcome.asked == NUMBER and not outcome.already_owned
    assert outcome.summary == f"Twilio bought +19005550123 (PN{'f' * 32}), not {NUMBER} as asked"
    assert NUMBER not in outcome.title


def test_an_area_code_answer_outside_it_is_bought_other() -> None:
    other = IncomingNumber("PN" + "f" * 32, "+14155550123")
    outcome = buy_safely(StandInClient(other), Purchase(area_code="510"))  # type: ignore[arg-type]
    assert outcome.asked == "a number in area code 510"
    assert outcome.notes == ("Twilio bought +14155550123, which is not in area code 510",)


def test_another_number_that_looks_long_owned_is_bought_other_not_already_yours() -> None:
    other = IncomingNumber(
        "PN" + "f" * 32, "+19005550123", status="in-use",
        date_created="Mon, 01 Jan 2018 00:00:00 +0000",
    )  # fmt: skip
    outcome = buy_safely(StandInClient(other), Purchase(NUMBER))  # type: ignore[arg-type]
    assert outcome.bought_other and not outcome.already_owned
    area = IncomingNumber("PN" + "e" * 32, "+14155550100", status="in-use",
                          date_created="Mon, 01 Jan 2018 00:00:00 +0000")  # fmt: skip
    outcome = buy_safely(StandInClient(area), Purchase(area_code="510"))  # type: ignore[arg-type]
    assert outcome.bought_other and not outcome.already_owned
