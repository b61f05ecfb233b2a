"""Bulk buys: `buy N N...`, `buy -` (lines, or a search's JSON / JSONL), `--max-count`,
`buy --area-code NPA --count N`: one question with every price and the total, each
number through the same safe path, every outcome reported, and the exit rules."""

from __future__ import annotations

import json
import os
import pty
from pathlib import Path
from typing import Any

import pytest

from numsearch.errors import InvalidInput
from numsearch.purchase import Wanted, checked_numbers, numbers_in
from tests.support import CliRun, oracle
from tests.support.fake_twilio import (
    BOUGHT_INSTEAD,
    BuysAnother,
    FakeTwilio,
    Paperwork,
    Recorded,
    Reply,
    address,
    available,
    incoming,
    json_reply,
    twilio_error,
)

A, B, C = "+15105550100", "+15105550101", "+15105550102"
THREE = [available(A), available(B), available(C)]


def outcomes(result: Any) -> dict[str, tuple[str, str | None]]:
    return {r["phone_number"]: (r["outcome"], r["reason"]) for r in json.loads(result.stdout)}


def refuse(number: str, reply: Reply) -> Any:
    """A purchase answer: `reply` for `number`, a sale for the others."""

    def post(request: Recorded) -> Reply:
        sold = request.form["PhoneNumber"]
        return reply if sold == number else json_reply(incoming(sold, sold[-1]), status=201)

    return post


# -- reading the numbers (pure) -------------------------------------------------------------


def test_lines_with_comments_and_blanks() -> None:
    text = "# wanted\n+15105550100\n\n  (510) 555-0101  \n"
    assert [w.text for w in numbers_in(text)] == ["+15105550100", "(510) 555-0101"]


def test_a_searchs_json_keeps_country_and_address_needs() -> None:
    records = [available(A, address_requirements="any"), available(B, iso_country="CA")]
    wanted = numbers_in(json.dumps(records))
    assert [(w.text, w.country, w.address_need) for w in wanted] == [
        (A, "US", "any"),
        (B, "CA", "none"),
    ]


def test_a_searchs_json_lines() -> None:
    text = "\n".join(json.dumps(r) for r in THREE)
    assert [w.text for w in numbers_in(text)] == [A, B, C]


def test_a_json_array_of_strings() -> None:
    assert [w.text for w in numbers_in('["+15105550100", "+15105550101"]')] == [A, B]


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("[1, 2", "not a JSON array"),
        ('[{"number": "+15105550100"}]', "item 1 has no phone_number"),
        ('+15105550100\n{"phone_number": 5}', "line 2 has no phone_number"),
        ("{oops", "line 1 starts like JSON"),
    ],
)
def test_bad_input_names_where(text: str, says: str) -> None:
    with pytest.raises(InvalidInput, match=says):
        numbers_in(text)


def test_numbers_are_checked_and_given_once() -> None:
    wanted = [Wanted(A, "line 1"), Wanted("(510) 555-0100", "line 2"), Wanted(B, "line 3")]
    checked, duplicates = checked_numbers(wanted, "US")
    assert [w.text for w in checked] == [A, B] and duplicates == 1
    with pytest.raises(InvalidInput, match="line 2: 'call me'"):
        checked_numbers([Wanted(A, "line 1"), Wanted("call me", "line 2")], "US")


# -- against a fake Twilio ------------------------------------------------------------------


def test_three_numbers_one_failing_is_two_bought_one_failed(
    cli: CliRun, fake_twilio: FakeTwilio
) -> None:
    gone = twilio_error(400, 21422, f"PhoneNumber {B} is not available")
    account = Paperwork(fake_twilio, THREE, post_reply=refuse(B, gone))
    result = cli("buy", A, B, C, "--yes", "-o", "json")
    assert result.exit_code == 4, result.stderr
    found = outcomes(result)
    assert found[A][0] == found[C][0] == "bought"
    assert found[B][0] == "failed" and "21422" in str(found[B][1])
    assert [p.form["PhoneNumber"] for p in account.posts] == [A, B, C]  # 3 POSTs, no more
    assert "2 bought, 1 failed" in result.stderr


def test_every_record_has_its_price_and_sid(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    Paperwork(fake_twilio, THREE)
    result = cli("buy", A, B, "--yes", "-o", "json")
    assert result.exit_code == 0
    first = json.loads(result.stdout)[0]
    assert first == {
        "phone_number": A, "outcome": "bought", "bought": A, "reason": None,
        "sid": "PN" + "1" * 32, "monthly_price": 1.15, "price_unit": "USD",
    }  # fmt: skip


@pytest.mark.parametrize(
    "since", [None, "Mon, 01 Jan 2018 00:00:00 +0000"], ids=["new", "long-owned"]
)
def test_another_number_bought_is_bought_other_and_stops_the_rest(
    cli: CliRun, fake_twilio: FakeTwilio, since: str | None
) -> None:
    # An old in-use record of another number is not "already yours": it is not the number.
    seller = BuysAnother(fake_twilio, since=since)
    result = cli("buy", A, B, C, "--yes", "-o", "json")
    assert result.exit_code == 5, result.stderr
    first, *rest = json.loads(result.stdout)
    assert first["phone_number"] == A and first["outcome"] == "bought-other"
    assert first["bought"] == BOUGHT_INSTEAD and first["sid"] == "PN" + "1" * 32
    assert "the server is not doing what was asked" in first["reason"]
    assert [(r["phone_number"], r["outcome"], r["bought"]) for r in rest] == [
        (B, "skipped", None), (C, "skipped", None),
    ]  # fmt: skip
    assert all(BOUGHT_INSTEAD in r["reason"] for r in rest)
    assert len(seller.posts) == 1 and "1 bought-other, 2 skipped" in result.stderr


def test_a_failed_or_owned_number_has_no_bought_number(
    cli: CliRun, fake_twilio: FakeTwilio
) -> None:
    gone = twilio_error(400, 21422, f"PhoneNumber {B} is not available")
    account = Paperwork(fake_twilio, THREE, post_reply=refuse(B, gone))
    account.owned.append(incoming(C, "c"))
    result = cli("buy", A, B, C, "--yes", "-o", "json")
    assert {r["phone_number"]: r["bought"] for r in json.loads(result.stdout)} == {
        A: A, B: None, C: None,
    }  # fmt: skip


def test_rejected_credentials_stop_the_rest(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    account = Paperwork(
        fake_twilio, THREE, post_reply=refuse(A, twilio_error(401, 20003, "Authenticate"))
    )
    result = cli("buy", A, B, C, "--yes", "-o", "json")
    assert result.exit_code == 3
    assert len(account.posts) == 1
    assert {outcome for outcome, _ in outcomes(result).values()} == {"failed"}
    assert all("nothing more was tried" in str(reason) for _, reason in outcomes(result).values())


def test_a_lost_answer_is_unknown_and_exit_5(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    late = json_reply(incoming(B), status=201)
    late.delay = 2.0
    account = Paperwork(fake_twilio, THREE, post_reply=refuse(B, late))
    result = cli("buy", A, B, C, "--yes", "-o", "json", "--timeout", "0.5")
    assert result.exit_code == 5, result.stderr
    found = outcomes(result)
    assert found[B][0] == "unknown" and "numsearch owned +15105550101" in str(found[B][1])
    assert found[A][0] == found[C][0] == "bought"
    assert len(account.posts) == 3


def test_a_number_already_owned_is_not_bought_again(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    account = Paperwork(fake_twilio, THREE)
    account.owned.append(incoming(A, "9"))
    result = cli("buy", A, B, "--yes", "-o", "json")
    assert result.exit_code == 0
    assert outcomes(result)[A][0] == "already-owned"
    assert [p.form["PhoneNumber"] for p in account.posts] == [B]


def test_a_number_without_its_paperwork_fails_before_any_post(
    cli: CliRun, fake_twilio: FakeTwilio
) -> None:
    de = available("+4930123456", iso_country="DE", address_requirements="local", _type="local")
    account = Paperwork(fake_twilio, [*THREE, de], addresses=[address("1", "US")])
    result = cli("buy", A, "+4930123456", "--yes", "-o", "json")
    assert result.exit_code == 4
    reason = outcomes(result)["+4930123456"]
    assert reason[0] == "failed" and "nothing was sent" in str(reason[1])
    assert [p.form["PhoneNumber"] for p in account.posts] == [A]


def test_max_price_applies_to_each_number(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    toll_free = available("+18005550100")
    account = Paperwork(fake_twilio, [available(A), toll_free])
    result = cli("buy", A, "+18005550100", "--yes", "--max-price", "2", "-o", "json")
    assert result.exit_code == 4
    assert "above --max-price 2" in str(outcomes(result)["+18005550100"][1])
    assert [p.form["PhoneNumber"] for p in account.posts] == [A]


def test_a_searchs_json_on_stdin_with_max_count(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    account = Paperwork(fake_twilio, THREE)
    result = cli("buy", "-", "--max-count", "2", "--yes", "-o", "json", input=json.dumps(THREE))
    assert result.exit_code == 0, result.stderr
    assert [p.form["PhoneNumber"] for p in account.posts] == [A, B]
    assert "buying the first 2; 1 left" in result.stderr
    # the records said what address each needs: no number was looked up again
    assert not any("Contains" in r.query for r in fake_twilio.requests)


def test_stdin_numbers_without_a_terminal_need_yes(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    Paperwork(fake_twilio, THREE)
    result = cli("buy", "-", input=f"{A}\n{B}\n")
    assert result.exit_code == 2 and "--yes" in result.stderr
    assert fake_twilio.requests == []


def test_arguments_without_a_terminal_need_yes(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    Paperwork(fake_twilio, THREE)
    result = cli("buy", A, B)
    assert result.exit_code == 2 and "stdin is not a terminal" in result.stderr
    assert fake_twilio.requests == []


@pytest.fixture
def tty(monkeypatch: pytest.MonkeyPatch) -> Any:
    """A pseudo-terminal standing in for /dev/tty: write the answer to `master`, read
    what numsearch asked from it."""
    from numsearch.cli import buying

    master, slave = pty.openpty()
    monkeypatch.setattr(buying, "TTY_PATH", os.ttyname(slave))
    yield master
    os.close(master)
    os.close(slave)


def asked(master: int) -> str:
    os.set_blocking(master, False)
    chunks = []
    try:
        while chunk := os.read(master, 65536):
            chunks.append(chunk)
    except (BlockingIOError, OSError):
        pass
    return b"".join(chunks).decode(errors="replace")


@pytest.mark.parametrize(("answer", "code", "posts"), [(b"y\n", 0, 2), (b"n\n", 1, 0)])
def test_with_numbers_on_stdin_the_question_is_asked_on_the_terminal(
    cli: CliRun, fake_twilio: FakeTwilio, tty: int, answer: bytes, code: int, posts: int
) -> None:
    account = Paperwork(fake_twilio, THREE)
    os.write(tty, answer)
    result = cli("buy", "-", "-o", "json", input=f"{A}\n{B}\n")
    assert result.exit_code == code, result.stderr
    assert len(account.posts) == posts
    question = asked(tty)
    assert f"{A}  1.15 USD a month" in question and f"{B}  1.15 USD a month" in question
    assert "Buy these 2 numbers for 2.30 USD a month on account ACaaaa…aaaa?" in question


def test_one_question_on_a_terminal_lists_prices_and_total(
    cli: CliRun, fake_twilio: FakeTwilio
) -> None:
    account = Paperwork(fake_twilio, THREE)
    result = cli("--no-color", "buy", A, B, C, terminal=True, input="y\n")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.count("[y/N]") == 1
    assert "Buy these 3 numbers for 3.45 USD a month" in result.stderr
    assert len(account.posts) == 3


def test_area_code_with_count_searches_then_buys_numbers(
    cli: CliRun, fake_twilio: FakeTwilio
) -> None:
    account = Paperwork(fake_twilio, THREE)
    result = cli("buy", "--area-code", "510", "--count", "2", "--yes", "-o", "json")
    assert result.exit_code == 0, result.stderr
    search = next(r for r in fake_twilio.requests if r.path.endswith("/US/Local.json"))
    assert search.query["AreaCode"] == "510"
    assert [p.form for p in account.posts] == [{"PhoneNumber": A}, {"PhoneNumber": B}]


def test_area_code_with_count_and_nothing_found_is_exit_1(
    cli: CliRun, fake_twilio: FakeTwilio
) -> None:
    account = Paperwork(fake_twilio, [])
    result = cli("buy", "--area-code", "510", "--count", "2", "--yes")
    assert result.exit_code == 1 and account.posts == []


def test_bulk_dry_run_posts_nothing(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    account = Paperwork(fake_twilio, THREE)
    result = cli("buy", A, B, "--dry-run", "-o", "json")
    assert result.exit_code == 0
    assert [r["form"]["PhoneNumber"] for r in json.loads(result.stdout)] == [A, B]
    assert account.posts == [] and {r.method for r in fake_twilio.requests} == {"GET"}


def test_bulk_dry_run_shows_no_post_for_a_number_already_held(
    cli: CliRun, fake_twilio: FakeTwilio
) -> None:
    account = Paperwork(fake_twilio, THREE)
    account.owned.append(incoming(A, "c"))
    result = cli("buy", A, B, "--dry-run", "-o", "json")
    assert result.exit_code == 0, result.stderr
    held, wanted = json.loads(result.stdout)
    assert (held["method"], held["url"], held["already_owned"]) == (None, None, "PN" + "c" * 32)
    assert (wanted["method"], wanted["already_owned"]) == ("POST", None)
    assert f"{A} is already yours" in result.stderr
    assert account.posts == []


def test_bulk_dry_run_exits_as_the_real_run_would(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    """A dry run where a number would be refused (above --max-price) exits 4, as buying
    them would: a script checking the dry run's status is not told all is well."""
    account = Paperwork(fake_twilio, [available(A), available("+18005550100")])
    result = cli("buy", A, "+18005550100", "--dry-run", "--max-price", "2", "-o", "json")
    assert result.exit_code == 4, result.stderr
    refused = {r["form"]["PhoneNumber"]: r["refused"] for r in json.loads(result.stdout)}
    assert refused[A] is None and "above --max-price 2" in refused["+18005550100"]
    assert account.posts == []


def test_more_than_a_hundred_numbers_need_max_count(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    many = "".join(f"+1510555{n:04d}\n" for n in range(101))
    result = cli("buy", "-", "--yes", input=many)
    assert result.exit_code == 2
    assert "101 numbers to buy, more than 100 in one run: add --max-count" in result.stderr
    assert fake_twilio.requests == []


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("-", A), "give no NUMBER with it"),
        (("--count", "2"), "--count goes with --area-code"),
        (("--area-code", "510", "--count", "0"), "--count must be 1 to 100"),
        ((A, "not-a-number"), "argument 2"),
        ((A, B, "--max-count", "0"), "--max-count must be 1 to 100"),
        # The outcomes' fields, checked before anything is bought (not after).
        ((A, B, "--fields", "locality"), "unknown field 'locality'"),
        ((A, B, "--dry-run", "--fields", "outcome"), "unknown field 'outcome'"),
    ],
)
def test_bad_bulk_input_sends_nothing(
    cli: CliRun, fake_twilio: FakeTwilio, args: tuple[str, ...], says: str
) -> None:
    result = cli("buy", *args, "--yes")
    assert result.exit_code == 2 and says in result.stderr
    assert fake_twilio.requests == []


def test_bad_stdin_sends_nothing(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    result = cli("buy", "-", "--yes", input=f"{A}\nfive-five-five\n")
    assert result.exit_code == 2 and "line 2" in result.stderr
    assert fake_twilio.requests == []


# -- the sandbox: a search piped into a bulk buy --------------------------------------------


def test_sandbox_search_piped_into_buy(cli: CliRun, tmp_path: Path) -> None:
    found = cli("--sandbox", "local", "--area-code", "510", "-o", "json")
    bought = cli("--sandbox", "buy", "-", "--max-count", "3", "--yes", "-o", "json",
                 input=found.stdout)  # fmt: skip
    assert bought.exit_code == 0, bought.stderr
    records = json.loads(bought.stdout)
    assert [r["outcome"] for r in records] == ["bought"] * 3
    wanted = [r["phone_number"] for r in json.loads(found.stdout)[:3]]
    assert [r["phone_number"] for r in records] == wanted
    owned = json.loads(cli("--sandbox", "owned", "-o", "json").stdout)
    assert sorted(n["phone_number"] for n in owned) == sorted(wanted)


def test_area_code_count_past_the_cap_sweeps(cli: CliRun) -> None:
    """--count above what one answer holds (30) sweeps the area code: the 40 lowest
    numbers the inventory has there, none bought in a dry run."""
    result = cli("--sandbox", "buy", "--area-code", "510", "--count", "40", "--dry-run",
                 "-o", "json")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    forms = [r["form"]["PhoneNumber"] for r in json.loads(result.stdout)]
    assert forms == sorted(oracle.answer("US", "local", area_code="510"))[:40]
    assert "(40 kept), complete" in result.stderr
    assert json.loads(cli("--sandbox", "owned", "-o", "json").stdout) == []


def test_numbers_alike_have_their_paperwork_looked_up_once(
    cli: CliRun, fake_twilio: FakeTwilio
) -> None:
    from tests.support.fake_twilio import ADDRESSES_PATH, BUNDLES_PATH, REGULATIONS_PATH, bundle

    mobiles = [
        available(f"+4474001234{i}", iso_country="GB", address_requirements="local", _type="mobile")
        for i in (50, 51, 52)
    ]
    gb = address("2", "GB")
    account = Paperwork(
        fake_twilio, mobiles, addresses=[gb], bundles={("GB", "mobile"): [bundle("3")]},
        regulated={("GB", "mobile")},
    )  # fmt: skip
    numbers = [m["phone_number"] for m in mobiles]
    result = cli("buy", *numbers, "--yes", "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert {p.form["BundleSid"] for p in account.posts} == {"BU" + "3" * 32}
    paths = [r.path for r in fake_twilio.requests]
    assert paths.count(REGULATIONS_PATH) == 2  # individual and business, once
    assert paths.count(BUNDLES_PATH) == 1 and paths.count(ADDRESSES_PATH) == 1


def test_stdin_is_read_to_a_bound(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    result = cli("buy", "-", "--yes", input="+15105550100\n" * 90_000)
    assert result.exit_code == 2 and "more than 1048576 bytes" in result.stderr
    assert fake_twilio.requests == []


def test_sandbox_bulk_of_three_with_one_not_ready(cli: CliRun) -> None:
    """Two US numbers and a French one the sandbox account has no bundle for: two bought,
    one failed before its POST."""
    us = json.loads(
        cli("--sandbox", "local", "US", "--area-code", "415", "-n", "2", "-o", "json").stdout
    )
    fr = json.loads(cli("--sandbox", "local", "FR", "-n", "1", "-o", "json").stdout)
    result = cli("--sandbox", "buy", "-", "--yes", "-o", "json", input=json.dumps(us + fr))
    assert result.exit_code == 4, result.stderr
    records = json.loads(result.stdout)
    assert [r["outcome"] for r in records] == ["bought", "bought", "failed"]
    assert "nothing was sent" in records[2]["reason"]
    owned = json.loads(cli("--sandbox", "owned", "-o", "json").stdout)
    assert sorted(n["phone_number"] for n in owned) == sorted(r["phone_number"] for r in us)
