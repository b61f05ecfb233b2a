"""An answer as long as Twilio makes one (30 numbers) may leave numbers out: a search
says so on stderr and names `--all`, so a cron job does not read "none new" as "none"."""

from __future__ import annotations

import json

import pytest

import numsearch
from numsearch.events import Event, EventKind
from tests.support import CliRun
from tests.support.fake_twilio import FakeTwilio, Recorded, Reply, available, numbers_page

CUT = "30 found; Twilio returns at most 30 per search: --all finds every one"


def test_an_answer_at_the_cap_says_more_may_match(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    fake_twilio.default = numbers_page([available(f"+1510555{i:04d}") for i in range(30)])
    result = cli("local", "US", "--area-code", "510")
    assert result.exit_code == 0
    assert len(json.loads(result.stdout)) == 30
    assert result.stderr.splitlines() == [CUT]


@pytest.mark.parametrize(
    ("count", "args"),
    [
        (29, ()),  # fewer than the cap: the answer is whole
        (10, ("--limit", "10")),  # as many as asked for
        (30, ("--limit", "30")),
    ],
)
def test_an_answer_under_the_cap_or_at_the_limit_asked_is_quiet(
    cli: CliRun, fake_twilio: FakeTwilio, count: int, args: tuple[str, ...]
) -> None:
    fake_twilio.default = numbers_page([available(f"+1510555{i:04d}") for i in range(count)])
    result = cli("local", "US", *args)
    assert result.exit_code == 0 and result.stderr == ""


def test_a_limit_past_the_cap_still_gets_the_cap(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    fake_twilio.default = numbers_page([available(f"+1510555{i:04d}") for i in range(30)])
    result = cli("local", "US", "--limit", "100")
    assert result.stderr.splitlines() == [CUT]


def test_of_several_area_codes_the_one_cut_is_named(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    def answer(request: Recorded) -> Reply:
        code = request.query["AreaCode"]
        count = 30 if code == "415" else 3
        return numbers_page([available(f"+1{code}555{i:04d}") for i in range(count)])

    fake_twilio.responder = answer
    result = cli("local", "US", "--area-code", "510,415")
    assert len(json.loads(result.stdout)) == 33
    assert result.stderr.splitlines() == [
        "30 found in area code 415; Twilio returns at most 30 per search: --all finds every one"
    ]


def test_new_only_at_the_cap_says_none_new_may_not_be_none(
    cli: CliRun, fake_twilio: FakeTwilio
) -> None:
    """The cron line without --all: "none new" while more numbers match than one answer
    holds. The run says so, each time."""
    fake_twilio.default = numbers_page([available(f"+1510555{i:04d}") for i in range(30)])
    args = ("local", "US", "--new-only", "--state", "cron", "-o", "json")
    assert cli(*args).stderr.splitlines() == [CUT]
    again = cli(*args)
    assert again.exit_code == 1 and again.stdout == ""
    assert again.stderr.splitlines() == [CUT, "30 found, none new (state cron)"]


def test_all_sweeps_past_the_cap_without_the_note(cli: CliRun) -> None:
    result = cli("--sandbox", "local", "US", "--contains", "STORM", "--all", "-o", "json")
    assert result.exit_code == 0
    assert len(json.loads(result.stdout)) > 30
    assert "--all finds every one" not in result.stderr


def test_the_python_api_hears_it_as_an_event_naming_its_parameter() -> None:
    heard: list[Event] = []
    account = numsearch.Account(sandbox=True, on_event=heard.append)
    found = account.search("local", "US", contains="STORM")
    assert len(found) == 30
    notes = [e.message for e in heard if e.kind is EventKind.note and "per search" in e.message]
    assert notes == ["30 found; Twilio returns at most 30 per search: all=True finds every one"]
