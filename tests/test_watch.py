"""Watching: a server whose answers change over time, faults between polls, state across
runs, --exec hooks, and watch --buy buying exactly once. 1-second intervals only."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import types
from pathlib import Path
from typing import Any

import pytest

from numsearch.errors import InvalidInput, TwilioUnavailable
from numsearch.models import AvailableNumber
from numsearch.state import write_json
from numsearch.tracking import SeenNumbers
from numsearch.watch import Schedule, Watcher, format_duration, parse_duration
from tests.support import FAKE_TOKEN, REPO, CliRun, sigint_ignored, start_interruptible
from tests.support.fake_twilio import (
    FAKE_SID,
    FakeTwilio,
    Recorded,
    Reply,
    available,
    json_reply,
    numbers_page,
    twilio_error,
)

STORM = "+15107867600"
THIRD = "+15109786761"  # 510-9-STORM-1
OTHER = "+15102478676"


def searches(server: FakeTwilio) -> list[Recorded]:
    return [r for r in server.requests if "AvailablePhoneNumbers" in r.path]


def appearing_at(server: FakeTwilio, poll: int, *numbers: str) -> Any:
    """A responder: nothing for the first polls, then `numbers` from poll `poll` on."""

    def answer(request: Recorded) -> Reply:
        found = len(searches(server)) >= poll  # the server has recorded this request already
        return numbers_page([available(n) for n in numbers] if found else [])

    return answer


# -- durations and the loop (pure) ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("1s", 1), ("30s", 30), ("10m", 600), ("2h", 7200), ("1h30m", 5400), ("1d", 86400),
     ("45", 45), ("0.5s", 0.5), (" 10M ", 600)],
)  # fmt: skip
def test_durations(text: str, seconds: float) -> None:
    assert parse_duration(text, "--every") == seconds


@pytest.mark.parametrize("text", ["", "ten minutes", "10x", "m10", "1h30", "-5s"])
def test_bad_durations(text: str) -> None:
    with pytest.raises(InvalidInput, match=r"--every .* is not a duration like 30s, 10m, 2h"):
        parse_duration(text, "--every")


def test_format_duration() -> None:
    assert [format_duration(s) for s in (0, 5, 90, 3600, 3725)] == [
        "0s",
        "5s",
        "1m30s",
        "1h",
        "1h2m5s",
    ]


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def test_the_loop_backs_off_on_faults_and_stops_at_the_deadline() -> None:
    clock = FakeClock()
    outcomes: list[Any] = [TwilioUnavailable("down"), TwilioUnavailable("down"), [], []]

    def search() -> list[AvailableNumber]:
        outcome = outcomes.pop(0) if outcomes else []
        if isinstance(outcome, Exception):
            raise outcome
        return list(outcome)

    watcher = Watcher(search, Schedule(every=60, max_wait=600), clock=clock, sleep=clock.sleep)
    polls = list(watcher.polls())
    assert [p.error is not None for p in polls[:3]] == [True, True, False]
    assert clock.sleeps[:3] == [60, 120, 60]  # doubled after the second failure, then back
    assert clock.now <= 600 and len(polls) == 1 + len(clock.sleeps)


class SlowSearchClock(FakeClock):
    """Each search takes `cost` seconds of the clock, as a real request does."""

    def __init__(self, cost: float) -> None:
        super().__init__()
        self.cost = cost
        self.polled_at: list[float] = []

    def search(self) -> list[AvailableNumber]:
        self.polled_at.append(self.now)
        self.now += self.cost
        return []


def test_polls_keep_to_the_grid_and_the_last_one_is_at_the_deadline() -> None:
    clock = SlowSearchClock(cost=7)
    schedule = Schedule.build("10m", "2h", forever=False)
    watcher = Watcher(clock.search, schedule, clock=clock, sleep=clock.sleep)
    polls = list(watcher.polls())
    assert clock.polled_at == [600.0 * i for i in range(13)]  # 0, 10m, ... 1h50m, 2h
    assert len(polls) == 13 and watcher.answered == 13


def test_a_deadline_off_the_grid_gets_its_own_last_poll() -> None:
    clock = SlowSearchClock(cost=1)
    watcher = Watcher(clock.search, Schedule.build("1h", "90m", False), clock=clock,
                      sleep=clock.sleep)  # fmt: skip
    list(watcher.polls())
    assert clock.polled_at == [0.0, 3600.0, 5400.0]


def test_the_loop_surfaces_refusals() -> None:
    from numsearch.errors import CredentialsError

    def search() -> list[AvailableNumber]:
        raise CredentialsError("rejected")

    with pytest.raises(CredentialsError):
        next(Watcher(search, Schedule(every=1)).polls())


# -- the state file --------------------------------------------------------------------------


def numbers(*phones: str) -> list[AvailableNumber]:
    return [AvailableNumber(phone_number=p) for p in phones]


def test_seen_numbers_persist_across_runs(isolated: Path) -> None:
    first = SeenNumbers.open("storm")
    assert first.new(numbers(STORM, OTHER)) == numbers(STORM, OTHER)
    first.remember(numbers(STORM))
    again = SeenNumbers.open("storm")
    assert [n.phone_number for n in again.new(numbers(STORM, OTHER))] == [OTHER]
    assert again.path == isolated / "state" / "numsearch" / "seen.sqlite3"
    assert SeenNumbers.open("other-state").new(numbers(STORM)) == numbers(STORM)


def test_a_run_killed_before_saving_leaves_the_old_state_whole(isolated: Path) -> None:
    state = SeenNumbers.open("storm")
    state.remember(numbers(STORM))
    with pytest.raises(KeyboardInterrupt), state.transaction() as held:
        held.remember(numbers(OTHER))
        raise KeyboardInterrupt  # killed after printing, before the save committed
    assert SeenNumbers.open("storm").count() == 1
    assert [n.phone_number for n in SeenNumbers.open("storm").new(numbers(OTHER))] == [OTHER]


def test_a_corrupt_state_database_is_kept_aside_with_a_warning(isolated: Path) -> None:
    path = isolated / "state" / "numsearch" / "seen.sqlite3"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"this is not a database" * 100)
    warnings: list[str] = []
    state = SeenNumbers.open("broken", warn=warnings.append)
    assert state.new(numbers(STORM)) == numbers(STORM)
    assert len(warnings) == 1 and "kept it as seen.sqlite3.corrupt-" in warnings[0]
    kept = [p for p in path.parent.iterdir() if p.name.startswith("seen.sqlite3.corrupt-")]
    assert len(kept) == 1 and kept[0].read_bytes().startswith(b"this is not")


def test_an_old_json_state_is_taken_in_once(isolated: Path) -> None:
    legacy = isolated / "state" / "numsearch" / "seen" / "storm.json"
    legacy.parent.mkdir(parents=True)
    legacy.write_text(json.dumps({"version": 1, "numbers": {STORM: "2026-01-01T00:00:00Z"}}))
    state = SeenNumbers.open("storm")
    assert [n.phone_number for n in state.new(numbers(STORM, OTHER))] == [OTHER]
    assert not legacy.exists() and legacy.with_name("storm.json.imported").exists()


@pytest.mark.parametrize("body", ['{"numbers":[1,2]}', "{not json", '{"numbers": {}'])
def test_a_corrupt_old_state_is_kept_aside_not_crashed_on(
    isolated: Path, cli: CliRun, fake_twilio: FakeTwilio, body: str
) -> None:
    legacy = isolated / "state" / "numsearch" / "seen" / "storm.json"
    legacy.parent.mkdir(parents=True)
    legacy.write_text(body)
    fake_twilio.default = numbers_page([available(STORM)])
    result = cli("local", "--new-only", "--state", "storm")
    assert result.exit_code == 0, result.stderr
    assert "storm.json.corrupt" in result.stderr
    assert legacy.with_name("storm.json.corrupt").read_text() == body
    assert cli("local", "--new-only", "--state", "storm").exit_code == 1  # remembered now


@pytest.mark.parametrize("setting", ["/proc/nope", "file"], ids=["unmakeable", "a-file"])
def test_an_unusable_state_directory_is_exit_2_before_anything_is_sent(
    cli: CliRun,
    fake_twilio: FakeTwilio,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    setting: str,
) -> None:
    if setting == "file":
        target = tmp_path / "a-file"
        target.write_text("")
    else:
        target = Path(setting)
    monkeypatch.setenv("XDG_STATE_HOME", str(target))
    result = cli("local", "--new-only")
    assert result.exit_code == 2, result.stderr
    assert "XDG_STATE_HOME" in result.stderr and str(target) in result.stderr
    assert result.stdout == ""
    assert fake_twilio.requests == []
    sandbox = cli("--sandbox", "local", "US")
    assert sandbox.exit_code == 2 and "XDG_STATE_HOME" in sandbox.stderr


def test_state_names_are_checked(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    result = cli("local", "--new-only", "--state", "../etc/passwd")
    assert result.exit_code == 2 and "--state" in result.stderr
    assert cli("local", "--state", "x").exit_code == 2  # --state goes with --new-only
    assert fake_twilio.requests == []


def test_write_json_replaces_atomically(tmp_path: Path) -> None:
    path = tmp_path / "states" / "x.json"
    write_json(path, {"a": 1})
    write_json(path, {"a": 2})
    assert json.loads(path.read_text()) == {"a": 2}
    assert [p.name for p in path.parent.iterdir()] == ["x.json"]


# -- cron: search --new-only ------------------------------------------------------------------


def test_new_only_across_runs_like_cron(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    fake_twilio.default = numbers_page([available(STORM)])
    args = ("local", "US", "--contains", "STORM", "--new-only", "--state", "storm", "-o", "json")
    first = cli(*args)
    assert first.exit_code == 0
    assert [r["phone_number"] for r in json.loads(first.stdout)] == [STORM]
    assert first.stdout.count("\n") == 1  # piped JSON is one line: `>> found.jsonl` appends one
    second = cli(*args)
    assert second.exit_code == 1 and second.stdout == ""  # a cron log gets no `[]` lines
    assert "none new" in second.stderr
    fake_twilio.default = numbers_page([available(STORM), available(OTHER)])
    third = cli(*args)
    assert third.exit_code == 0
    assert [r["phone_number"] for r in json.loads(third.stdout)] == [OTHER]
    fake_twilio.default = numbers_page([available(n) for n in (OTHER, THIRD, STORM)])
    fourth = cli(*args)  # overlapping with, and beyond, what was seen: merged, not replaced
    assert [r["phone_number"] for r in json.loads(fourth.stdout)] == [THIRD]
    fake_twilio.default = numbers_page([available(n) for n in (STORM, OTHER, THIRD)])
    assert cli(*args).exit_code == 1


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv"])
def test_nothing_new_prints_nothing_in_any_format(
    cli: CliRun, fake_twilio: FakeTwilio, fmt: str
) -> None:
    fake_twilio.default = numbers_page([available(STORM)])
    args = ("local", "--new-only", "--state", f"s-{fmt}", "-o", fmt)
    assert cli(*args).exit_code == 0
    again = cli(*args)
    assert again.exit_code == 1 and again.stdout == ""
    fake_twilio.default = numbers_page([])
    empty = cli("local", "-o", fmt)  # without --new-only an empty answer still prints its shape
    shape = {"json": "[]\n", "jsonl": "", "csv": "phone_number,"}[fmt]
    assert empty.exit_code == 1 and empty.stdout.startswith(shape)


def test_overlapping_runs_report_each_number_once(
    cli: CliRun, fake_twilio: FakeTwilio, tmp_path: Path
) -> None:
    """Two cron runs at once on one state: each number is printed (and hooked) once."""
    many = [available(f"+1510555{i:04d}") for i in range(20)]
    fake_twilio.default = numbers_page(many)
    hooks = tmp_path / "hooks.log"
    command = [
        sys.executable, "-m", "numsearch", "local", "--new-only", "--state", "shared",
        "-o", "jsonl", "--exec", f'echo "$NUMSEARCH_PHONE_NUMBER" >> "{hooks}"',
    ]  # fmt: skip
    runs = [
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(3)
    ]
    outputs = [run.communicate(timeout=120)[0] for run in runs]
    printed = [json.loads(line)["phone_number"] for out in outputs for line in out.splitlines()]
    assert sorted(printed) == sorted(n["phone_number"] for n in many)
    assert sorted(hooks.read_text().split()) == sorted(printed)


def test_new_only_without_a_name_uses_one_per_search(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    fake_twilio.default = numbers_page([available(STORM)])
    assert cli("local", "--contains", "STORM", "--new-only").exit_code == 0
    assert cli("local", "--contains", "STORM", "--new-only").exit_code == 1
    assert cli("local", "--contains", "786", "--new-only").exit_code == 0  # another search


# -- watch ---------------------------------------------------------------------------------


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    """The watch's clock and sleep, faked: intervals are checked, not waited for."""
    fake = FakeClock()
    monkeypatch.setattr(
        "numsearch.watch.time", types.SimpleNamespace(monotonic=fake, sleep=fake.sleep)
    )
    return fake


def test_watch_exits_0_at_the_poll_that_finds(
    cli: CliRun, fake_twilio: FakeTwilio, clock: FakeClock
) -> None:
    fake_twilio.responder = appearing_at(fake_twilio, 3, STORM)
    result = cli("watch", "local", "US", "--contains", "STORM", "--every", "1s", "-o", "jsonl")
    assert result.exit_code == 0, result.stderr
    assert [json.loads(line)["phone_number"] for line in result.stdout.splitlines()] == [STORM]
    assert len(searches(fake_twilio)) == 3
    assert clock.sleeps == [1.0, 1.0]  # one interval before each later poll
    assert {r.query["Contains"] for r in searches(fake_twilio)} == {"78676"}


def test_watch_survives_faults_between_polls(
    cli: CliRun, fake_twilio: FakeTwilio, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("numsearch.transport.RETRIES", 0)  # one attempt a poll keeps the test short
    fake_twilio.queue(twilio_error(503, 20503, "Service Unavailable"), Reply(reset=True))
    fake_twilio.default = numbers_page([available(STORM)])
    result = cli("watch", "local", "--every", "1s", "-o", "jsonl")
    assert result.exit_code == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning: poll")]
    assert len(warnings) == 2
    assert "poll 1 failed" in warnings[0] and "20503" in warnings[0]
    assert "poll 2 failed" in warnings[1] and "closed the connection" in warnings[1]
    assert len(searches(fake_twilio)) == 3


def test_watch_gives_up_at_max_wait(cli: CliRun, fake_twilio: FakeTwilio, clock: FakeClock) -> None:
    result = cli("watch", "local", "--every", "1s", "--max-wait", "2s")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == []
    assert "nothing found after 3 poll(s)" in result.stderr
    assert len(searches(fake_twilio)) == 3  # at 0s, 1s and at the deadline, 2s
    assert clock.sleeps == [1.0, 1.0]


def test_watch_with_no_answer_at_all_is_exit_5_not_nothing_found(
    cli: CliRun, credentials: object, monkeypatch: pytest.MonkeyPatch, clock: FakeClock
) -> None:
    monkeypatch.setenv("NUMSEARCH_API_URL", "http://127.0.0.1:1")  # nothing listens there
    monkeypatch.setattr("numsearch.transport.RETRIES", 0)  # one attempt a poll keeps the test short
    result = cli("watch", "local", "US", "--every", "1s", "--max-wait", "2s", "--timeout", "1")
    assert result.exit_code == 5, result.stderr
    assert "no poll got an answer" in result.stderr and "connection refused" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("reply", "code"),
    [(twilio_error(401, 20003, "Authenticate"), 3),
     (twilio_error(400, 21452, "No phone numbers found in area code"), 4)],
)  # fmt: skip
def test_watch_stops_on_refusals(
    reply: Reply, code: int, cli: CliRun, fake_twilio: FakeTwilio
) -> None:
    fake_twilio.default = reply
    result = cli("watch", "local", "--every", "1s", "--max-wait", "5s")
    assert result.exit_code == code
    assert len(searches(fake_twilio)) == 1


def test_watch_forever_prints_each_new_match_once(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    fake_twilio.queue(
        numbers_page([available(STORM)]),
        numbers_page([available(STORM)]),
        numbers_page([available(STORM), available(OTHER)]),
    )
    fake_twilio.default = twilio_error(401, 20003, "Authenticate")  # ends the watch at poll 4
    result = cli("watch", "local", "--every", "1s", "--forever", "-o", "jsonl")
    assert [json.loads(line)["phone_number"] for line in result.stdout.splitlines()] == [
        STORM,
        OTHER,
    ]
    assert result.exit_code == 3
    assert len(searches(fake_twilio)) == 4


def test_watch_says_once_that_its_answers_are_at_the_cap(
    cli: CliRun, fake_twilio: FakeTwilio, clock: FakeClock
) -> None:
    """Each poll's answer holds 30, Twilio's most: more may match than any poll sees. The
    watch says so once, not at every poll."""
    capped = numbers_page([available(f"+1510555{i:04d}") for i in range(30)])
    fake_twilio.queue(capped, capped, capped)
    fake_twilio.default = twilio_error(401, 20003, "Authenticate")  # ends the watch at poll 4
    result = cli("watch", "local", "US", "--every", "1s", "--forever")
    assert result.exit_code == 3 and len(searches(fake_twilio)) == 4
    notes = [line for line in result.stderr.splitlines() if "per search" in line]
    assert notes == ["30 found; Twilio returns at most 30 per search: --all finds every one"]


def test_watch_status_line_on_a_terminal(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    fake_twilio.responder = appearing_at(fake_twilio, 2, STORM)
    result = cli("watch", "local", "--every", "1s", "-o", "json", terminal=True)
    assert result.exit_code == 0
    assert "poll 1: 0 found, 0 new · next poll at" in result.stderr
    assert "(in 1s) · Ctrl-C stops" in result.stderr


def test_watch_bad_input_before_any_poll(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    for args, message in (
        (("local", "--every", "0.5s"), "shorter than 1s"),
        (("local", "--every", "soon"), "is not a duration"),
        (("local", "--every", "99999999999999d"), "is longer than 7d"),
        (("local", "--max-wait", "0s"), "use more than 0s"),
        (("local", "--max-wait", "99999999999999d"), "up to 366d"),
        (("local", "--forever", "--max-wait", "1h"), "--forever and --max-wait"),
        (("lokal",), "TYPE 'lokal': use one of local, tollfree"),
        (("local", "UK"), "use GB"),
        (("local", "--buy"), "add --yes"),
        (("local", "--buy", "--yes", "--forever"), "cannot go with --forever"),
        (("local", "--friendly-name", "x"), "go with --buy"),
        (("local", "--buy", "--yes", "--voice-url", "nope"), "--voice-url 'nope' is not"),
    ):
        result = cli("watch", *args)
        assert result.exit_code == 2, args
        assert message in result.stderr, (args, result.stderr)
    assert fake_twilio.requests == []


# -- --exec ----------------------------------------------------------------------------------


def test_exec_gets_the_environment_and_the_match_on_stdin(
    cli: CliRun, fake_twilio: FakeTwilio, tmp_path: Path
) -> None:
    fake_twilio.default = numbers_page([available(STORM), available(OTHER)])
    out = tmp_path / "hook"
    hook = (
        f'cat > "{out}-$NUMSEARCH_PHONE_NUMBER.json"; '
        'echo "$NUMSEARCH_PHONE_NUMBER|$NUMSEARCH_FRIENDLY_NAME|$NUMSEARCH_COUNTRY"'
        f' >> "{out}.env"; '
        'echo "hook says hi"'
    )
    result = cli(
        "watch", "local", "--contains", "STORM", "--every", "1s", "--exec", hook, "-o", "jsonl"
    )
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "hook.env").read_text().splitlines() == [
        f"{STORM}|(510) 786-7600|US",
        f"{OTHER}|(510) 247-8676|US",
    ]
    record = json.loads((tmp_path / f"hook-{STORM}.json").read_text())
    assert record["phone_number"] == STORM and record["vanity"] == "+1 510-STORM-00"
    assert "hook says hi" in result.stderr and "hook says hi" not in result.stdout
    assert len(result.stdout.splitlines()) == 2


def test_hooks_get_no_secrets_and_survive_hostile_fields(
    cli: CliRun, fake_twilio: FakeTwilio, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TWILIO_API_SECRET", "another-secret")
    fake_twilio.default = numbers_page(
        [available(STORM, friendly_name="Sales\x00line\x1b[2J", locality="Oakland")]
    )
    out = tmp_path / "env.txt"
    hook = f'env > "{out}"; cat > "{out}.json"'
    result = cli("local", "--new-only", "--exec", hook)
    assert result.exit_code == 0, result.stderr
    environment = out.read_text()
    assert FAKE_TOKEN not in environment and "another-secret" not in environment
    assert "NUMSEARCH_FRIENDLY_NAME=Sales line [2J" in environment
    assert json.loads(out.with_suffix(".txt.json").read_text())["friendly_name"] == (
        "Sales\x00line\x1b[2J"  # the JSON on stdin keeps the exact value
    )
    assert cli("local", "--new-only").exit_code == 1  # and the state was saved


def test_a_hook_that_never_ends_is_stopped(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    fake_twilio.default = numbers_page([available(STORM)])
    result = cli("local", "--new-only", "--exec", "sleep 600", "--exec-timeout", "1")
    assert result.exit_code == 0
    assert "still running after 1 s" in result.stderr and "stopped" in result.stderr
    assert json.loads(result.stdout)[0]["phone_number"] == STORM
    assert cli("local", "--new-only").exit_code == 1


def test_a_failing_hook_is_reported_and_does_not_stop(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    fake_twilio.default = numbers_page([available(STORM), available(OTHER)])
    result = cli("local", "--exec", "exit 3", "-o", "jsonl")
    assert result.exit_code == 0
    assert result.stderr.count("--exec exited 3") == 2
    assert len(result.stdout.splitlines()) == 2


# -- watch --buy -----------------------------------------------------------------------------


def test_watch_buy_posts_exactly_once_when_several_match(
    cli: CliRun, fake_twilio: FakeTwilio
) -> None:
    sold: list[str] = []

    def answer(request: Recorded) -> Reply:
        if request.method == "POST":
            sold.append(request.form["PhoneNumber"])
            return json_reply({"sid": "PN" + "a" * 32, "phone_number": request.form["PhoneNumber"],
                               "account_sid": FAKE_SID, "friendly_name": "w", "status": "in-use"},
                              status=201)  # fmt: skip
        if "IncomingPhoneNumbers" in request.path:
            return json_reply({"incoming_phone_numbers": [], "uri": "/x"})
        seen = len(searches(fake_twilio))
        return numbers_page(
            [available(n) for n in (STORM, OTHER, "+15105550100")] if seen >= 2 else []
        )

    fake_twilio.responder = answer
    result = cli("watch", "local", "--every", "1s", "--buy", "--yes", "--friendly-name", "w")
    assert result.exit_code == 0, result.stderr
    assert sold == [STORM]
    posts = [r for r in fake_twilio.requests if r.method == "POST"]
    assert len(posts) == 1 and posts[0].form == {"PhoneNumber": STORM, "FriendlyName": "w"}
    assert json.loads(result.stdout)[0]["phone_number"] == STORM
    assert "and 2 more" in result.stderr and "buying it" in result.stderr


def test_watch_buy_in_the_sandbox(cli: CliRun) -> None:
    result = cli("--sandbox", "watch", "tollfree", "--contains", "FLOWERS", "--every", "1s",
                 "--buy", "--yes")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    bought = json.loads(result.stdout)[0]["phone_number"]
    owned = json.loads(cli("--sandbox", "owned").stdout)
    assert [n["phone_number"] for n in owned] == [bought]


# -- Ctrl-C -----------------------------------------------------------------------------------


def test_ctrl_c_stops_cleanly_with_130(fake_twilio: FakeTwilio) -> None:
    env = {**os.environ, "NUMSEARCH_API_URL": fake_twilio.url, "TWILIO_ACCOUNT_SID": FAKE_SID,
           "TWILIO_AUTH_TOKEN": FAKE_TOKEN, "PYTHONPATH": str(REPO)}  # fmt: skip
    with sigint_ignored():  # as under `(pytest &)`: the child must hear Ctrl-C all the same
        proc = start_interruptible(
            [sys.executable, "-m", "numsearch", "watch", "local", "--every", "1s"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
        )  # fmt: skip
    deadline = time.monotonic() + 20
    while not searches(fake_twilio) and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.2)
    proc.send_signal(signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=20)
    assert proc.returncode == 130, stderr
    assert "Traceback" not in stderr
    assert "stopped after" in stderr
    assert stdout == ""  # interrupted before any find: no result, not an empty one


def test_the_state_database_is_never_written_through_a_planted_link(
    cli: CliRun, fake_twilio: FakeTwilio, isolated: Path, tmp_path: Path
) -> None:
    victim = tmp_path / "victim"
    victim.write_bytes(b"")  # an empty file: SQLite would happily make a database of it
    state = isolated / "state" / "numsearch"
    state.mkdir(parents=True)
    (state / "seen.sqlite3").symlink_to(victim)
    (state / "seen").mkdir()
    (state / "seen" / ".storm.json.lock").symlink_to(victim)  # the lock file of 0.1
    fake_twilio.default = numbers_page([available(STORM)])
    result = cli("local", "--new-only", "--state", "storm")
    assert result.exit_code == 2 and "symbolic link" in result.stderr
    assert victim.read_bytes() == b""
    assert fake_twilio.requests == []
