"""Buying safely (the domain, and the command line where the words are the behaviour). The
answer that names no number, the count of checks, which failures of a check end the
looking, which numbers an account listing is taken to hold, the notes for a number that
was already the account's, and dates with an offset or none. Bulk buys: a refusal or
rejected credentials and what each number came to, the checks of a lost answer; what
`buy -` reads from a search's records; the paperwork left to Twilio, a listing silent
about addresses, the bundle given.

Nothing here sleeps: the pauses between checks are recorded, and the clock is fixed."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from typing import Any

import pytest

from numsearch import purchase as purchase_module
from numsearch.errors import (
    CredentialsError,
    InvalidInput,
    NumsearchError,
    TwilioRefused,
    TwilioUnavailable,
)
from numsearch.models import IncomingNumber
from numsearch.purchase import (
    BulkItem,
    Outcome,
    Patience,
    Purchase,
    Wanted,
    build_purchase,
    buy_each,
    buy_safely,
    numbers_in,
    ready_purchase,
)
from tests.support import CliRun
from tests.support.account import StandInClient
from tests.support.fake_twilio import FakeTwilio, Paperwork, address, available, bundle

NUMBER = "+15105550100"
OTHER = "+15105550111"
SID = "PN" + "a" * 32
NEW_SID = "PN" + "b" * 32
NOW = datetime(2030, 6, 1, 12, 0, tzinfo=UTC)
OLD = "Mon, 01 Apr 2019 10:00:00 +0000"
LOST = TwilioUnavailable(
    "api.twilio.com did not answer within 10 s (4 attempts); try a longer --timeout", sent=True
)


def number(phone: str, sid: str | None = SID, **fields: str | None) -> IncomingNumber:
    return IncomingNumber(sid, phone, **fields)  # type: ignore[arg-type]


def buy(
    account: StandInClient, purchase: Purchase, *, told: list[str] | None = None
) -> tuple[Outcome, list[float]]:
    slept: list[float] = []
    patience = Patience(sleep=slept.append, now=lambda: NOW)
    tell: Callable[[str], None] = (told if told is not None else []).append
    outcome = buy_safely(account, purchase, tell=tell, patience=patience)  # type: ignore[arg-type]
    return outcome, slept


# -- an answer that does not name the number ---------------------------------------------


@pytest.mark.parametrize(
    "answer",
    [
        number(NUMBER, sid=None),  # no SID
        number(NUMBER[1:]),  # not E.164: no +
    ],
    ids=["no-sid", "no-plus"],
)
def test_an_answer_that_does_not_name_the_number_is_checked_on_the_account(
    answer: IncomingNumber,
) -> None:
    bought = number(NUMBER, NEW_SID)
    account = StandInClient(answer, [(), (), (bought,)])
    told: list[str] = []
    outcome, slept = buy(account, Purchase(NUMBER), told=told)
    assert told == [
        "Twilio's answer to the purchase did not say which number it was:"
        " checking the account for 30 s…"
    ]
    assert outcome == Outcome(
        bought, notes=(f"the purchase went through: {NUMBER} is on the account (check 2 of 6)",)
    )
    assert slept == [1.0] and len(account.forms) == 1


def test_an_answer_that_does_not_name_the_number_and_no_sale_is_not_bought() -> None:
    account = StandInClient(number(NUMBER, sid=None))
    with pytest.raises(TwilioUnavailable) as caught:
        buy(account, Purchase(NUMBER))
    assert caught.value.message == (
        "not bought: Twilio's answer to the purchase did not say which number it was, and"
        f" {NUMBER} did not show on the account in 30 s of checking; the purchase may still"
        f" appear: check with `numsearch owned {NUMBER}`"
    )
    assert len(account.asked) == 7  # the look before, and six checks


# -- a lost answer: the checks -------------------------------------------------------------


@pytest.mark.parametrize("shows_at", [1, 3, 6])
def test_the_note_counts_the_checks(shows_at: int) -> None:
    bought = number(NUMBER, NEW_SID)
    account = StandInClient(LOST, [()] * shows_at + [(bought,)])
    told: list[str] = []
    outcome, slept = buy(account, Purchase(NUMBER), told=told)
    assert told == [
        "the purchase's answer was lost (api.twilio.com did not answer within 10 s"
        " (4 attempts)): checking the account for 30 s…"
    ]
    assert outcome.notes == (
        f"the purchase went through: {NUMBER} is on the account (check {shows_at} of 6)",
    )
    assert slept == [1.0, 2.0, 4.0, 8.0, 15.0][: shows_at - 1]


@pytest.mark.parametrize(
    "refusal",
    [CredentialsError("Twilio rejected the credentials"), TwilioRefused("no", status=404)],
)
def test_a_check_refused_ends_the_checks_and_cannot_tell(refusal: NumsearchError) -> None:
    account = StandInClient(LOST, [(), refusal, (number(NUMBER, NEW_SID),)])
    with pytest.raises(TwilioUnavailable) as caught:
        buy(account, Purchase(NUMBER))
    assert caught.value.message == (
        f"cannot tell whether {NUMBER} was bought: the purchase's answer was lost"
        " (api.twilio.com did not answer within 10 s (4 attempts)), and checking the account"
        f" failed ({refusal.message}); check with `numsearch owned {NUMBER}`"
    )
    assert len(account.asked) == 2  # asking again would get the same answer


def test_a_check_that_fails_for_a_while_is_asked_again() -> None:
    bought = number(NUMBER, NEW_SID)
    busy = TwilioUnavailable("Twilio is unavailable: HTTP 503")
    account = StandInClient(LOST, [(), busy, busy, (bought,)])
    outcome, slept = buy(account, Purchase(NUMBER))
    assert outcome.number == bought and not outcome.already_owned
    assert outcome.notes == (
        f"the purchase went through: {NUMBER} is on the account (check 3 of 6)",
    )
    assert slept == [1.0, 2.0]


def test_an_area_code_purchase_looks_only_in_its_area_code() -> None:
    """Another number bought meanwhile elsewhere on the account is not this purchase."""
    elsewhere = number("+14155550123", "PN" + "c" * 32)
    bought = number(OTHER, NEW_SID)
    account = StandInClient(LOST, [(), (elsewhere,), (elsewhere, bought)])
    outcome, _ = buy(account, Purchase(area_code="510"))
    assert outcome.number == bought
    assert set(account.asked) == {"+1510"}


def test_numbers_listed_without_a_sid_are_told_apart_by_their_number() -> None:
    held = number(NUMBER, sid=None)
    bought = number(OTHER, sid=None)
    account = StandInClient(LOST, [(held,), (held,), (held, bought)])
    outcome, _ = buy(account, Purchase(area_code="510"))
    assert outcome.number == bought
    assert outcome.notes == (
        f"the purchase went through: {OTHER} is on the account (check 2 of 6)",
    )


def test_a_listing_that_ignores_the_filter_does_not_make_another_number_yours() -> None:
    bought = number(NUMBER, NEW_SID)
    account = StandInClient(bought, [(number(OTHER),)], ignores_filter=True)
    outcome, _ = buy(account, Purchase(NUMBER))
    assert outcome == Outcome(bought) and len(account.forms) == 1


# -- a number that already was the account's -------------------------------------------------


@pytest.mark.parametrize(
    ("created", "since"),
    [(OLD, f", on the account since {OLD}"), (None, "")],
)
def test_a_number_seen_before_buying_is_already_yours(created: str | None, since: str) -> None:
    held = number(NUMBER, date_created=created)
    account = StandInClient(number(NUMBER, NEW_SID), [(held,)])
    outcome, _ = buy(account, Purchase(NUMBER))
    assert outcome == Outcome(
        held,
        already_owned=True,
        notes=(f"{NUMBER} is already yours{since}: it was not bought again",),
    )
    assert account.forms == []


def test_an_in_use_answer_for_an_old_number_says_the_setup_may_not_be_applied() -> None:
    answer = number(NUMBER, status="in-use", date_created=OLD)
    account = StandInClient(answer)
    outcome, _ = buy(account, Purchase(NUMBER, options={"SmsUrl": "https://example.com/s"}))
    assert outcome == Outcome(
        answer,
        already_owned=True,
        notes=(
            f"Twilio answered as for a number already yours ({NUMBER}, status in-use, on the"
            f" account since {OLD}): nothing new was bought",
            "the setup options (--sms-url) may not have been applied: check with"
            f" `numsearch owned {NUMBER}`, and apply them with"
            f" `numsearch update {NUMBER} --sms-url https://example.com/s`",
        ),
    )


def test_an_area_code_answer_with_a_number_held_before_is_already_yours() -> None:
    """Its status or date need not say so: its SID was on the account before the POST."""
    held = number(NUMBER, status="active", date_created=format_datetime(NOW))
    account = StandInClient(held, [(held,)])
    outcome, _ = buy(account, Purchase(area_code="510"))
    assert outcome.already_owned and outcome.number == held
    assert len(account.forms) == 1


@pytest.mark.parametrize(
    ("created", "already"),
    [
        (NOW - purchase_module.CLOCK_SKEW - timedelta(seconds=1), True),
        (NOW - purchase_module.CLOCK_SKEW, False),  # not *before* the margin
    ],
)
def test_in_use_counts_as_already_yours_only_past_the_clock_margin(
    created: datetime, already: bool
) -> None:
    answer = number(NUMBER, status="in-use", date_created=format_datetime(created))
    outcome, _ = buy(StandInClient(answer), Purchase(NUMBER))
    assert outcome.already_owned is already


@pytest.mark.parametrize(
    ("created", "already"),
    [
        ("Sat, 01 Jun 2030 13:40:00 +0200", True),  # 11:40 UTC: 20 minutes before
        ("Sat, 01 Jun 2030 11:50:00 -0000", False),  # no zone: read as UTC, 10 minutes
        ("Sat, 01 Jun 2030 11:40:00 -0000", True),
    ],
)
def test_the_date_of_an_in_use_answer_is_read_with_its_offset(created: str, already: bool) -> None:
    answer = number(NUMBER, status="in-use", date_created=created)
    outcome, _ = buy(StandInClient(answer), Purchase(NUMBER))
    assert outcome.already_owned is already


# -- the purchase itself ------------------------------------------------------------------------


def test_the_form_of_an_area_code_purchase_names_no_number() -> None:
    assert Purchase(area_code="510").form() == {"AreaCode": "510"}
    assert Purchase(NUMBER, options={"FriendlyName": "Desk"}).form() == {
        "PhoneNumber": NUMBER,
        "FriendlyName": "Desk",
    }


def test_the_update_command_names_an_option_without_a_flag_as_given() -> None:
    purchase = Purchase(NUMBER, options={"SmsUrl": "https://e.com/s?a=1&b", "Other": "x y"})
    assert purchase.update_command(NUMBER) == (
        f"numsearch update {NUMBER} --sms-url 'https://e.com/s?a=1&b' Other 'x y'"
    )


@pytest.mark.parametrize("text", ["+11115550100", "+15555550100"])
def test_a_number_that_cannot_exist_is_refused_before_anything_is_sent(text: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        build_purchase(text, None, {}, "US")
    assert str(caught.value) == (
        f"{text!r} cannot be a real number in E.164 (+ country code and number, e.g. +15105550100)"
    )


def test_buy_with_neither_a_number_nor_an_area_code_says_what_to_give(cli: CliRun) -> None:
    result = cli("buy", "--yes")
    assert result.exit_code == 2
    assert result.stderr.strip().endswith("give a NUMBER to buy or --area-code, one of the two")


# -- several numbers: each through the same safe path ------------------------------------------

PRICE = {"monthly_price": 1.15, "price_unit": "USD"}


def buy_all(
    shop: StandInClient, *items: BulkItem, told: list[str] | None = None
) -> list[dict[str, Any]]:
    patience = Patience(sleep=shop.slept.append, now=lambda: NOW)
    tell: Callable[[str], None] = (told if told is not None else []).append
    return buy_each(shop, items, tell=tell, patience=patience)  # type: ignore[arg-type]


def result(
    phone: str, outcome: str, reason: str | None = None, sid: str | None = None
) -> dict[str, Any]:
    bought = phone if outcome == "bought" else None
    return {"phone_number": phone, "outcome": outcome, "bought": bought, "reason": reason,
            "sid": sid, **PRICE}  # fmt: skip


def test_a_number_refused_before_its_post_does_not_stop_the_next() -> None:
    shop = StandInClient(LOST, [()], answers={OTHER: number(OTHER, NEW_SID)})
    results = buy_all(
        shop,
        BulkItem(Purchase(NUMBER), PRICE, refused="above --max-price 1"),
        BulkItem(Purchase(OTHER), PRICE),
    )
    assert results == [
        result(NUMBER, "failed", reason="above --max-price 1"),
        result(OTHER, "bought", sid=NEW_SID),
    ]
    assert shop.forms == [{"PhoneNumber": OTHER}]


def test_rejected_credentials_fail_each_number_by_its_number() -> None:
    shop = StandInClient(
        LOST, [()], answers={NUMBER: CredentialsError("Twilio rejected the credentials")}
    )
    results = buy_all(shop, BulkItem(Purchase(NUMBER), PRICE), BulkItem(Purchase(OTHER), PRICE))
    stop = "the credentials were rejected: nothing more was tried (Twilio rejected the credentials)"
    assert results == [result(NUMBER, "failed", stop), result(OTHER, "failed", stop)]
    assert shop.forms == [{"PhoneNumber": NUMBER}]


def test_a_lost_answer_in_a_bulk_buy_is_checked_with_its_patience_and_told() -> None:
    bought = number(NUMBER, NEW_SID)
    shop = StandInClient(LOST, [(), (), (bought,)], answers={NUMBER: LOST})
    told: list[str] = []
    results = buy_all(shop, BulkItem(Purchase(NUMBER), PRICE), told=told)
    assert results == [result(NUMBER, "bought", sid=NEW_SID)]
    assert told == [
        "the purchase's answer was lost (api.twilio.com did not answer within 10 s"
        " (4 attempts)): checking the account for 30 s…",
        f"the purchase went through: {NUMBER} is on the account (check 2 of 6)",
    ]
    assert shop.slept == [1.0]


def test_a_number_bought_in_place_of_another_skips_the_rest_but_not_their_refusals() -> None:
    other = number("+19005550123", NEW_SID)
    shop = StandInClient(LOST, [()], answers={NUMBER: other})
    results = buy_all(
        shop,
        BulkItem(Purchase(NUMBER), PRICE),
        BulkItem(Purchase(OTHER), PRICE, refused="above --max-price 1"),
        BulkItem(Purchase("+15105550102"), PRICE),
    )
    summary = f"Twilio bought +19005550123 ({NEW_SID}), not {NUMBER} as asked"
    assert results[0] == {
        **result(NUMBER, "bought-other", f"{summary}: the server is not doing what was asked",
                 NEW_SID), "bought": "+19005550123",
    }  # fmt: skip
    assert results[1:] == [
        result(OTHER, "failed", "above --max-price 1"),
        result("+15105550102", "skipped",
               f"not tried: Twilio bought another number than asked ({summary})"),
    ]  # fmt: skip
    assert shop.forms == [{"PhoneNumber": NUMBER}]


@pytest.mark.parametrize(
    ("outcomes", "code"),
    [
        ({"bought", "already-owned"}, 0),
        ({"bought", "bought-other", "skipped"}, 5),
        ({"bought", "unknown", "failed"}, 5),
        ({"bought", "failed"}, 4),
    ],
)
def test_the_bulk_exit_code(outcomes: set[str], code: int) -> None:
    from numsearch.purchase import bulk_exit_code

    assert bulk_exit_code([{"outcome": o} for o in sorted(outcomes)]) == code


# -- which numbers: stdin ------------------------------------------------------------------------


def test_a_json_array_after_blank_lines_is_read_as_json() -> None:
    assert numbers_in(f"\n\n  {json.dumps([NUMBER])}") == [Wanted(NUMBER, "item 1")]


def test_stdin_that_is_not_quite_a_json_array_says_so() -> None:
    with pytest.raises(InvalidInput) as caught:
        numbers_in(f'["{NUMBER}",')
    assert str(caught.value) == "stdin starts like JSON but is not a JSON array"


@pytest.mark.parametrize(
    ("record", "wanted"),
    [
        ({"iso_country": "ca", "address_requirements": "local"}, ("CA", "local")),
        ({"iso_country": "usa", "address_requirements": "foreign"}, (None, "foreign")),
        ({"iso_country": 44, "address_requirements": "weird"}, (None, None)),
        ({"address_requirements": "any"}, (None, "any")),
        ({"iso_country": "GB", "address_requirements": "none"}, ("GB", "none")),
    ],
)
def test_what_a_searchs_record_says_is_kept_only_when_it_makes_sense(
    record: dict[str, Any], wanted: tuple[str | None, str | None]
) -> None:
    text = json.dumps([{"phone_number": NUMBER, **record}])
    assert numbers_in(text) == [Wanted(NUMBER, "item 1", *wanted)]


@pytest.mark.parametrize("item", ["5", "null", f'["{NUMBER}"]'])
def test_an_item_that_is_neither_a_number_nor_a_record_is_named(item: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        numbers_in(f'["{NUMBER}", {item}]')
    assert str(caught.value) == "stdin item 2 has no phone_number"


# -- the paperwork -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "purchase",
    [Purchase("+19005550100"), Purchase(area_code="999")],  # no type (premium rate); no country
    ids=["premium-rate", "unassigned-area-code"],
)
def test_paperwork_is_left_to_twilio_when_the_country_or_the_type_cannot_be_told(
    purchase: Purchase,
) -> None:
    told: list[str] = []
    never_asked = object()  # any lookup would fail: nothing may be asked
    ready = ready_purchase(never_asked, purchase, choose=lambda *_: "", tell=told.append)  # type: ignore[arg-type]
    assert ready == purchase
    assert told == [
        f"cannot tell the country and type of {purchase.what}: its paperwork is not checked"
    ]


def test_a_number_listed_without_address_requirements_is_bought_without_an_address(
    cli: CliRun, fake_twilio: FakeTwilio
) -> None:
    """A listing that does not say what address the number needs is read as needing none
    (Twilio checks the purchase): not as an unknown need with no address to offer."""
    offered = available(NUMBER)
    del offered["address_requirements"]
    account = Paperwork(fake_twilio, [offered], addresses=[address("1", "US")])
    result = cli("buy", NUMBER, "--yes", "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert [post.form for post in account.posts] == [{"PhoneNumber": NUMBER}]


def test_the_bundle_given_is_the_one_sent(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    """Of two approved bundles that fit, --bundle-sid's is sent (no question, no flag needed)."""
    gb_mobile = "+447400123456"
    offered = available(gb_mobile, iso_country="GB", address_requirements="none", _type="mobile")
    first, second = bundle("3", "UK mobile"), bundle("5", "UK mobile 2")
    account = Paperwork(
        fake_twilio,
        [offered],
        bundles={("GB", "mobile"): [first, second]},
        regulated={("GB", "mobile")},
    )
    result = cli("buy", gb_mobile, "--yes", "--bundle-sid", second["sid"], "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert [post.form for post in account.posts] == [
        {"PhoneNumber": gb_mobile, "BundleSid": second["sid"]}
    ]
