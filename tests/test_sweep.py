"""`--all`: a sweep past the cap finds every number the inventory has for the query.

The sandbox runs in strict mode (Contains shapes the spec forbids are refused), so a sweep
never leans on the lenient reading; what it must find comes from tests/support/oracle.py,
a brute-force matcher over the sandbox's whole stock, not the sandbox's own filter code.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from numsearch.spec_limits import DEFAULT_ANSWER_CAP
from tests.support import CliRun, oracle
from tests.support.fake_twilio import (
    FakeTwilio,
    Recorded,
    Reply,
    available,
    numbers_page,
    twilio_error,
)


@pytest.fixture(autouse=True)
def strict_sandbox(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NUMSEARCH_SANDBOX_STRICT", "1")


def sweep(cli: CliRun, *args: str, code: int = 0) -> tuple[list[dict[str, Any]], str]:
    result = cli("--sandbox", *args, "--all", "-o", "json")
    assert result.exit_code == code, result.stderr
    return json.loads(result.stdout), result.stderr


def numbers(records: list[dict[str, Any]]) -> list[str]:
    return [r["phone_number"] for r in records]


def test_a_whole_area_code(cli: CliRun) -> None:
    found, stderr = sweep(cli, "local", "--area-code", "510")
    expected = oracle.answer("US", "local", area_code="510")
    assert len(expected) > 5 * DEFAULT_ANSWER_CAP  # far past what one answer shows
    assert set(numbers(found)) == expected
    assert numbers(found) == sorted(expected)  # ordered by number, no duplicates
    assert "complete" in stderr and f"{len(expected)} numbers" in stderr


def test_a_word_across_the_us(cli: CliRun) -> None:
    found, stderr = sweep(cli, "local", "US", "--contains", "STORM")
    expected = oracle.answer("US", "local", contains_pattern="STORM")
    assert len(expected) > DEFAULT_ANSWER_CAP
    assert set(numbers(found)) == expected
    assert all("STORM" in r["vanity"] for r in found)
    assert "searching for STORM as the digits 78676" in stderr


def test_all_of_toll_free(cli: CliRun) -> None:
    found, _ = sweep(cli, "tollfree")
    assert set(numbers(found)) == oracle.answer("US", "toll_free")


@pytest.mark.parametrize(
    ("args", "country", "type_key", "filters"),
    [
        (["tollfree", "--contains", "EPIC"], "US", "toll_free", {"contains_pattern": "EPIC"}),
        (["tollfree", "--ends-with", "CAKE"], "US", "toll_free",
         {"contains_pattern": "2253$"}),
        (["local", "US", "--starts-with", "415"], "US", "local", {"contains_pattern": "+1415"}),
        (["local", "US", "--contains", "+1212%"], "US", "local", {"contains_pattern": "+1212"}),
        (["local", "US", "--area-code", "510", "--contains", "55"], "US", "local",
         {"area_code": "510", "contains_pattern": "55"}),
        (["local", "CA", "--contains", "777"], "CA", "local", {"contains_pattern": "777"}),
        (["mobile", "GB", "--starts-with", "77"], "GB", "mobile", {"contains_pattern": "+4477"}),
        (["local", "US", "--in-region", "AR"], "US", "local", {"region": "AR"}),
    ],
)  # fmt: skip
def test_patterns_and_places(
    cli: CliRun, args: list[str], country: str, type_key: str, filters: dict[str, Any]
) -> None:
    found, _ = sweep(cli, *args)
    assert set(numbers(found)) == oracle.answer(country, type_key, **filters)


def test_a_small_cap_splits_deeper_and_keeps_the_other_filters(
    cli: CliRun, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NUMSEARCH_SANDBOX_CAP", "4")
    found, stderr = sweep(cli, "local", "--area-code", "510", "--sms", "--max-requests", "5000")
    assert set(numbers(found)) == oracle.answer("US", "local", area_code="510", sms=True)
    requests = int(stderr.split("sweep: ")[1].split(" requests")[0])
    assert requests > 50


def test_rank_and_limit_cut_the_whole_ordered_result(cli: CliRun) -> None:
    everything, _ = sweep(cli, "local", "--area-code", "510", "--rank")
    best, stderr = sweep(cli, "local", "--area-code", "510", "--rank", "--limit", "10")
    assert len(everything) == len(oracle.answer("US", "local", area_code="510"))
    assert len(best) == 10 and best == everything[:10]
    total = len(everything)
    assert f"{total} numbers (10 kept), complete" in stderr
    scores = [max(r["score"], r["memorability"]["score"]) for r in everything]
    assert scores == sorted(scores, reverse=True)
    assert "complete" in stderr


def test_limit_without_rank_keeps_the_lowest_numbers(cli: CliRun) -> None:
    first, _ = sweep(cli, "local", "--area-code", "510", "--limit", "5")
    assert numbers(first) == sorted(oracle.answer("US", "local", area_code="510"))[:5]


def test_max_requests_bounds_it_and_says_what_is_left(cli: CliRun) -> None:
    found, stderr = sweep(cli, "local", "--area-code", "510", "--max-requests", "3")
    assert 0 < len(found) < len(oracle.answer("US", "local", area_code="510"))
    assert set(numbers(found)) <= oracle.answer("US", "local", area_code="510")
    (line,) = [line for line in stderr.splitlines() if "sweep:" in line]
    assert line.startswith("warning: sweep: 3 requests") and "incomplete" in line
    assert "left unasked" in line and "of the space unexplored" in line


def test_a_bounded_sweep_with_nothing_new_is_exit_1_with_the_warning(cli: CliRun) -> None:
    args = ("local", "--area-code", "510", "--max-requests", "2", "--new-only", "--state", "s")
    first = cli("--sandbox", *args, "--all", "-o", "json")
    assert first.exit_code == 0, first.stderr
    again = cli("--sandbox", *args, "--all", "-o", "json")
    assert again.exit_code == 1
    assert again.stdout == "" and "incomplete" in again.stderr


@pytest.mark.parametrize(
    ("args", "hint"),
    [
        (["tollfree", "--contains", "866***EPIC"], "--area-code 866 --ends-with EPIC"),
        (["local", "--starts-with", "510", "--ends-with", "8676"],
         "--area-code 510 --ends-with 8676"),
        (["local", "--contains", "5105%8676"],
         "no shape it allows asks exactly that: sweep one block (--contains 5105 --all)"),
        (["local", "--contains", "510*86"], "sweep one block (--contains 510 --all)"),
        (["local", "--contains", "5*5"], "search it without --all"),
        (["local", "--contains", "5%"], "anchor it instead: +15, 5$"),
    ],
)  # fmt: skip
def test_wildcards_inside_a_pattern_are_refused_with_the_way_to_ask(
    cli: CliRun, fake_twilio: FakeTwilio, credentials: dict[str, str], args: list[str], hint: str
) -> None:
    result = cli(*args, "--all")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and hint in result.stderr
    assert fake_twilio.requests == []  # nothing sent


def test_the_hint_works(cli: CliRun) -> None:
    found, _ = sweep(cli, "tollfree", "--area-code", "866", "--ends-with", "EPIC")
    assert set(numbers(found)) == oracle.answer(
        "US", "toll_free", area_code="866", contains_pattern="3742$"
    )
    assert found  # the sandbox has 1-866-XXX-EPIC numbers


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--max-requests", "10"], "--max-requests bounds a sweep: it goes with --all"),
        (["--all", "--max-requests", "0"], "--max-requests must be 1 to"),
    ],
)
def test_max_requests_checks(cli: CliRun, args: list[str], says: str) -> None:
    result = cli("--sandbox", "local", "--area-code", "510", *args)
    assert result.exit_code == 2 and says in result.stderr


def test_watch_all_sweeps_each_poll(cli: CliRun) -> None:
    result = cli(
        "--sandbox", "watch", "local", "--area-code", "510", "--all", "--every", "1s",
        "-o", "jsonl",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    found = {json.loads(line)["phone_number"] for line in result.stdout.splitlines()}
    assert found == oracle.answer("US", "local", area_code="510")
    assert "complete" in result.stderr


def test_progress_on_a_terminal_and_splits_with_debug(cli: CliRun) -> None:
    shown = cli("--sandbox", "local", "--area-code", "510", "--all", "-o", "json", terminal=True)
    assert shown.exit_code == 0 and "Sweeping US local numbers" in shown.stderr
    assert json.loads(shown.stdout)  # stdout: data only
    piped = cli("--sandbox", "local", "--area-code", "510", "--all", "-o", "json")
    assert "Sweeping" not in piped.stderr
    debug = cli("--sandbox", "--debug", "local", "--area-code", "510", "--all", "-o", "json")
    splits = [line for line in debug.stderr.splitlines() if "split into" in line]
    assert splits and "AreaCode=510 holds 30 or more: split into 8" in splits[0]
    assert "Contains=+15102" in splits[0]


def test_rejected_credentials_stop_the_sweep_at_once(
    cli: CliRun, fake_twilio: FakeTwilio, credentials: dict[str, str]
) -> None:
    full = [available(f"+1510555{n:04d}") for n in range(DEFAULT_ANSWER_CAP)]
    fake_twilio.queue(numbers_page(full))
    fake_twilio.default = twilio_error(401, 20003, "Authenticate")
    result = cli("local", "--area-code", "510", "--all", "--concurrency", "1")
    assert result.exit_code == 3
    assert len(fake_twilio.requests) == 2  # the first part, then one refused: no more
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("failure", "code"),
    [(twilio_error(503, 20503, "down"), 5), (twilio_error(400, 21452, "No numbers"), 4)],
    ids=["5xx", "refused"],
)
def test_a_sweep_stopped_by_an_error_prints_what_it_found(
    cli: CliRun,
    fake_twilio: FakeTwilio,
    credentials: dict[str, str],
    failure: Any,
    code: int,
) -> None:
    """The numbers found before the error are printed (nothing is lost), a warning says
    so, and the run ends with the error's own exit code, never 0."""
    full = [available(f"+1510555{n:04d}") for n in range(DEFAULT_ANSWER_CAP)]
    fake_twilio.queue(numbers_page(full))
    fake_twilio.default = failure
    result = cli("local", "--area-code", "510", "--all", "--concurrency", "1", "-o", "json")
    assert result.exit_code == code, result.stderr
    assert numbers(json.loads(result.stdout)) == sorted(n["phone_number"] for n in full)
    assert "sweep stopped by an error: the 30 numbers found before it" in result.stderr


def test_every_request_of_a_sweep_asks_for_the_largest_page(
    cli: CliRun, fake_twilio: FakeTwilio, credentials: dict[str, str]
) -> None:
    fake_twilio.default = numbers_page([available("+15105550100")])
    result = cli("local", "--area-code", "510", "--all", "--limit", "3", "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert [r.query["PageSize"] for r in fake_twilio.requests] == ["1000"]
    assert "sweep: 1 request, 1 number, complete in" in result.stderr


def test_a_part_that_holds_a_whole_cut_answer_is_split_unasked(
    cli: CliRun, fake_twilio: FakeTwilio, credentials: dict[str, str]
) -> None:
    full = [available(f"+1510555{n:04d}") for n in range(DEFAULT_ANSWER_CAP)]
    fake_twilio.queue(numbers_page(full))
    fake_twilio.default = numbers_page([])
    result = cli("local", "--area-code", "510", "--all", "-o", "json", "--debug")
    assert result.exit_code == 0, result.stderr
    sent = {r.query.get("Contains", "") for r in fake_twilio.requests}
    assert "+15102" in sent and "+15109" in sent
    assert "+15105" not in sent  # it holds all 30 of the first answer: it would be cut
    assert "Contains=+15105 holds 30 of that answer: split unasked" in result.stderr
    assert {"+151055", "+1510555"}.isdisjoint(sent)


def test_a_full_answer_from_a_live_like_server_is_split(
    cli: CliRun, fake_twilio: FakeTwilio, credentials: dict[str, str]
) -> None:
    full = [available(f"+1510{200 + 25 * n}0100") for n in range(DEFAULT_ANSWER_CAP)]
    fake_twilio.queue(numbers_page(full))
    fake_twilio.default = numbers_page([])
    result = cli("local", "--area-code", "510", "--all", "-o", "json")
    assert result.exit_code == 0, result.stderr
    sent = [r.query.get("Contains", "") for r in fake_twilio.requests]
    assert sent[0] == "" and sorted(sent[1:]) == [f"+1510{d}" for d in "23456789"]
    assert all(r.query["AreaCode"] == "510" for r in fake_twilio.requests)
    assert len(json.loads(result.stdout)) == DEFAULT_ANSWER_CAP


def test_a_cut_answer_that_cannot_be_narrowed_is_said_incomplete(
    cli: CliRun, fake_twilio: FakeTwilio, credentials: dict[str, str]
) -> None:
    # 30 US numbers for "starts with +44": no US number can, so nothing narrower exists.
    # None of them matches either: they are left out, but the answer was cut all the same.
    full = [available(f"+1510555{n:04d}") for n in range(DEFAULT_ANSWER_CAP)]
    fake_twilio.default = numbers_page(full)
    result = cli("local", "US", "--contains", "+4420", "--all", "-o", "json")
    assert result.exit_code == 1, result.stderr
    assert json.loads(result.stdout) == []
    assert len(fake_twilio.requests) == 1
    assert "incomplete: 1 answer held the cap or more and no narrower search was left" in (
        result.stderr
    )
    assert "held 30 numbers that the search did not ask for" in result.stderr


@pytest.mark.parametrize(
    ("args", "sent"),
    [
        (["--starts-with", "510786"], "+1510786"),
        (["--ends-with", "1234"], "1234$"),
        (["--ends-with", "CAKE"], "2253$"),
        (["--contains", "+1510%"], "+1510"),
        (["--area-code", "510", "--ends-with", "EPIC"], "3742$"),
        (["--contains", "STORM"], "78676"),
    ],
)
def test_starts_and_ends_are_sent_without_wildcards(
    cli: CliRun, fake_twilio: FakeTwilio, credentials: dict[str, str], args: list[str], sent: str
) -> None:
    result = cli("local", *args, "--all", "-o", "json")
    assert result.exit_code == 1, result.stderr  # the fake server has no numbers
    assert [r.query["Contains"] for r in fake_twilio.requests] == [sent]


def test_a_rate_limit_in_a_sweep_pauses_and_is_retried(
    cli: CliRun,
    fake_twilio: FakeTwilio,
    credentials: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    slept: list[float] = []
    monkeypatch.setattr("numsearch.retries.Backoff.pause", staticmethod(slept.append))
    full = [available(f"+1510{200 + 25 * n}0100") for n in range(DEFAULT_ANSWER_CAP)]
    limited = twilio_error(429, 20429, "Too Many Requests")
    limited.headers["Retry-After"] = "3"
    fake_twilio.queue(numbers_page(full), limited)  # the first part, then a 429 for one more
    fake_twilio.default = numbers_page([])
    result = cli("local", "--area-code", "510", "--all", "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert len(fake_twilio.requests) == 1 + 8 + 1  # the first, its 8 parts, one retried
    assert slept and max(slept) == pytest.approx(3.0, abs=0.5)  # Retry-After, shared
    assert "complete" in result.stderr


def test_several_area_codes_are_swept_each_and_merged(cli: CliRun) -> None:
    found, _ = sweep(cli, "local", "--area-code", "510,415")
    expected = oracle.answer("US", "local", area_code="510") | oracle.answer(
        "US", "local", area_code="415"
    )
    assert numbers(found) == sorted(expected)


def test_answers_larger_than_the_page_are_cut_and_still_split(
    cli: CliRun, fake_twilio: FakeTwilio, credentials: dict[str, str]
) -> None:
    # Every answer 2,500 numbers never seen before, far more than the 1000 asked: each is
    # cut to 1000 (said once), and still counts as full, so the sweep goes on splitting.
    served = iter(range(10**6))

    def answer(request: Recorded) -> Reply:
        return numbers_page(
            [available(f"+1510{2_000_000 + next(served):07d}") for _ in range(2500)]
        )

    fake_twilio.responder = answer
    fake_twilio.background = None  # every request is a part of the sweep's, answered so
    result = cli("local", "--area-code", "510", "--all", "--max-requests", "3",
                 "--concurrency", "1", "-o", "json")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert len(json.loads(result.stdout)) == 3 * 1000
    assert result.stderr.count("more than the 1000 asked (PageSize)") == 1
    assert "stopped at --max-requests" in result.stderr


# -- --max-requests counts HTTP requests, retries included ---------------------------------

FULL = [available(f"+1510{200 + 25 * n}0100") for n in range(DEFAULT_ANSWER_CAP)]
LIMITED = twilio_error(429, 20429, "Too Many Requests")


@pytest.fixture
def no_pauses(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("numsearch.retries.Backoff.pause", staticmethod(lambda _: None))


def test_max_requests_counts_retries_too(
    cli: CliRun, fake_twilio: FakeTwilio, credentials: dict[str, str], no_pauses: None
) -> None:
    # A 429 on every third request: 20 searches would take 30 requests.
    fake_twilio.responder = lambda _: (
        LIMITED if len(fake_twilio.requests) % 3 == 0 else (numbers_page(FULL))
    )
    fake_twilio.background = None
    result = cli("local", "--area-code", "510", "--all", "--max-requests", "20",
                 "--concurrency", "1", "-o", "json")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert len(fake_twilio.requests) == 20
    (line,) = [line for line in result.stderr.splitlines() if "sweep:" in line]
    assert line.startswith("warning: sweep: 20 requests, 30 numbers") and "incomplete" in line
    assert "stopped at --max-requests" in line and "left unasked" in line


@pytest.mark.parametrize("failure", [LIMITED, Reply(reset=True)], ids=["429", "reset"])
def test_a_retry_the_budget_cannot_pay_leaves_its_search_unasked(
    cli: CliRun,
    fake_twilio: FakeTwilio,
    credentials: dict[str, str],
    no_pauses: None,
    failure: Reply,
) -> None:
    # The first answer is full; the second request fails in a way that is retried, with
    # the budget spent: not retried, not an error, one more search left unasked.
    fake_twilio.queue(numbers_page(FULL), failure)
    fake_twilio.default = numbers_page([])
    fake_twilio.background = None
    result = cli("local", "--area-code", "510", "--all", "--max-requests", "2",
                 "--concurrency", "1", "-o", "json")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert len(fake_twilio.requests) == 2
    assert numbers(json.loads(result.stdout)) == sorted(n["phone_number"] for n in FULL)
    (line,) = [line for line in result.stderr.splitlines() if "sweep:" in line]
    assert line.startswith("warning: sweep: 2 requests") and "with 8 searches left unasked" in line
    assert "error" not in result.stderr
