"""Seen numbers and --exec hooks. The default state name is stable, long searches are
checked whole, stamps are UTC, a second run waits for the first; a hook's failure names
the number, a hook is done when it exits whatever its children hold, and it gets no
password."""

from __future__ import annotations

import io
import json
import os
import signal
import sqlite3
import sys
import time
from collections.abc import Iterator
from contextlib import suppress
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from pathlib import Path

import pytest

from numsearch import state as state_module
from numsearch import tracking
from numsearch.models import AvailableNumber
from numsearch.tracking import (
    HookFailure,
    SeenNumbers,
    default_state_name,
    hook_environment,
    run_hook,
)
from tests.support import CliRun
from tests.support.fake_twilio import FakeTwilio, available, numbers_page

NUMBER = "+15105550100"


def numbers(*phones: str) -> list[AvailableNumber]:
    return [AvailableNumber(phone_number=p) for p in phones]


class FrozenClock:
    """numsearch's clock at 2026-01-02 03:04:05 UTC, on a machine set to UTC+05:30."""

    instant = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)

    @classmethod
    def now(cls, tz: tzinfo | None = None) -> datetime:
        if tz is None:  # local wall-clock time, as datetime.now() gives it
            return cls.instant.astimezone(timezone(timedelta(hours=5, minutes=30))).replace(
                tzinfo=None
            )
        return cls.instant.astimezone(tz)


# -- state names and the database -------------------------------------------------------------


def test_the_default_state_name_never_changes_for_the_same_search() -> None:
    # Cron jobs rely on it between runs and between releases; key order is not meaning.
    unsorted = [{"Contains": "78676", "AreaCode": "510"}]
    assert default_state_name("local", "US", unsorted) == "local-US-a6faf1f1"
    assert default_state_name("local", "US", [dict(sorted(unsorted[0].items()))]) == (
        "local-US-a6faf1f1"
    )


def test_a_search_of_more_than_500_numbers_is_checked_whole(isolated: Path) -> None:
    phones = [f"+1510555{n:04d}" for n in range(1200)]
    known = {phones[0], phones[499], phones[500], phones[1000], phones[1199]}
    state = SeenNumbers.open("big")
    state.remember(numbers(*sorted(known)))
    fresh = [n.phone_number for n in state.new(numbers(*phones))]
    assert fresh == [p for p in phones if p not in known]


def test_numbers_are_stamped_in_utc(isolated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tracking, "datetime", FrozenClock)
    state = SeenNumbers.open("storm")
    state.remember(numbers(NUMBER))
    with sqlite3.connect(state.path) as db:
        rows = db.execute("SELECT number, first_seen FROM seen").fetchall()
    assert rows == [(NUMBER, "2026-01-02T03:04:05Z")]


def test_a_corrupt_database_is_kept_under_a_utc_stamp(
    isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(state_module, "datetime", FrozenClock)  # the one mechanism's clock
    path = isolated / "state" / "numsearch" / "seen.sqlite3"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not a database" * 100)
    SeenNumbers.open("storm", warn=lambda _: None)
    assert (path.parent / "seen.sqlite3.corrupt-20260102T030405Z").is_file()


def test_a_second_run_waits_for_the_first_rather_than_failing(isolated: Path) -> None:
    # Overlapping cron runs: the later one waits (up to LOCK_WAIT) for the earlier's
    # transaction instead of failing with "database is locked" after SQLite's 5 s.
    state = SeenNumbers.open("storm")
    waits_ms = state._db.execute("PRAGMA busy_timeout").fetchone()[0]
    assert waits_ms == tracking.LOCK_WAIT * 1000 > 5000


def test_imported_numbers_keep_their_age_so_the_oldest_go_first(
    isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tracking, "SEEN_LIMIT", 2)
    legacy = isolated / "state" / "numsearch" / "seen" / "storm.json"
    legacy.parent.mkdir(parents=True)
    old = {"+15105550001": "2020-01-01T00:00:00Z", "+15105550002": "2020-01-02T00:00:00Z"}
    legacy.write_text(json.dumps({"version": 1, "numbers": old}))
    state = SeenNumbers.open("storm")
    state.remember(numbers("+15105550003", "+15105550004"))
    assert state.count() == 2
    assert [n.phone_number for n in state.new(numbers(*old))] == list(old)


def test_an_old_state_whose_numbers_are_not_an_object_says_so(isolated: Path) -> None:
    legacy = isolated / "state" / "numsearch" / "seen" / "storm.json"
    legacy.parent.mkdir(parents=True)
    legacy.write_text('{"numbers": ["+15105550100"]}')
    warnings: list[str] = []
    SeenNumbers.open("storm", warn=warnings.append)
    assert warnings == [
        f"{legacy} was not a state file (numbers is not an object); kept it as storm.json.corrupt"
    ]


def test_an_old_state_nested_too_deeply_is_kept_aside_not_a_crash(isolated: Path) -> None:
    legacy = isolated / "state" / "numsearch" / "seen" / "storm.json"
    legacy.parent.mkdir(parents=True)
    legacy.write_text('{"numbers": ' + "[" * 100_000 + "]" * 100_000 + "}")
    warnings: list[str] = []
    SeenNumbers.open("storm", warn=warnings.append)
    assert len(warnings) == 1 and warnings[0].endswith("kept it as storm.json.corrupt")
    assert (legacy.parent / "storm.json.corrupt").is_file()


# -- hooks ------------------------------------------------------------------------------------


def test_a_missing_field_is_an_empty_variable_not_none() -> None:
    env = hook_environment({"phone_number": NUMBER})
    assert (env["NUMSEARCH_PHONE_NUMBER"], env["NUMSEARCH_FRIENDLY_NAME"]) == (NUMBER, "")
    assert env["NUMSEARCH_COUNTRY"] == ""


def test_a_hooks_output_and_errors_go_to_our_stderr_one_line_each() -> None:
    stderr = io.StringIO()
    assert (
        run_hook("printf 'no newline'; echo 'to stderr' >&2", {"phone_number": NUMBER}, stderr)
        is None
    )
    assert stderr.getvalue() == "no newline\nto stderr\n"


def test_a_hook_exiting_1_is_a_failure_naming_the_number() -> None:
    failure = run_hook("exit 1", {"phone_number": NUMBER}, io.StringIO())
    assert failure == HookFailure(NUMBER, f"--exec exited 1 for {NUMBER}")


def test_a_hook_still_running_is_stopped_and_names_the_number() -> None:
    failure = run_hook("sleep 30", {"phone_number": NUMBER}, io.StringIO(), timeout=0.2)
    assert failure == HookFailure(NUMBER, f"--exec still running after 0.2 s for {NUMBER}: stopped")


def test_a_hook_that_cannot_start_is_a_failure_naming_the_number() -> None:
    # An environment value past the kernel's limit (128 KiB): exec fails with E2BIG.
    record = {"phone_number": NUMBER, "friendly_name": "x" * 200_000}
    failure = run_hook("true", record, io.StringIO())
    assert failure == HookFailure(NUMBER, "--exec could not run: Argument list too long")


# -- hooks that leave children behind ----------------------------------------------------------

# A background child the hook leaves running, in a session of its own (out of the hook's
# process group, as `setsid` or a daemon puts it), holding the hook's stdout and stderr.
LINGER = 30  # seconds it would run: a run that waited for it would take that long


@pytest.fixture
def lingering(tmp_path: Path) -> Iterator[str]:
    """A shell command that starts such a child (its pid written down), stopped after the
    test whatever happened."""
    pids = tmp_path / "children"
    child = f"import os, time; os.setsid(); time.sleep({LINGER})"
    yield f'"{sys.executable}" -c "{child}" & echo $! >> "{pids}"'
    for pid in pids.read_text().split() if pids.exists() else []:
        with suppress(ProcessLookupError):
            os.kill(int(pid), signal.SIGKILL)


def test_a_hook_that_leaves_a_child_running_is_done_when_it_exits(lingering: str) -> None:
    stderr = io.StringIO()
    started = time.monotonic()
    failure = run_hook(f"{lingering}; echo done", {"phone_number": NUMBER}, stderr, timeout=5)
    assert failure is None  # it exited 0: neither "still running" nor "stopped"
    assert time.monotonic() - started < LINGER / 3  # not held until its child ends
    assert stderr.getvalue() == "done\n"


def test_a_hook_still_running_is_stopped_in_time_whatever_its_children_hold(
    lingering: str,
) -> None:
    started = time.monotonic()
    failure = run_hook(f"{lingering}; sleep {LINGER}", {"phone_number": NUMBER}, io.StringIO(),
                       timeout=0.5)  # fmt: skip
    assert failure == HookFailure(NUMBER, f"--exec still running after 0.5 s for {NUMBER}: stopped")
    assert time.monotonic() - started < LINGER / 3


def test_a_hook_in_the_same_group_left_running_is_not_a_failure() -> None:
    # `sleep &` stays in the hook's process group, holding its pipes: the hook is done
    # when it exits, and its background job is its own business.
    started = time.monotonic()
    failure = run_hook(f"sleep {LINGER} & exit 0", {"phone_number": NUMBER}, io.StringIO(),
                       timeout=5)  # fmt: skip
    assert failure is None
    assert time.monotonic() - started < LINGER / 3


def test_a_hook_that_does_not_read_its_stdin_is_not_stuck() -> None:
    # The match is more than a pipe holds; the hook never reads it and exits at once.
    record = {"phone_number": NUMBER, "locality": "x" * 1_000_000}
    assert run_hook("exit 0", record, io.StringIO(), timeout=5) is None


def test_search_exec_with_a_lingering_child_reports_nothing_wrong(
    cli: CliRun, fake_twilio: FakeTwilio, lingering: str
) -> None:
    fake_twilio.default = numbers_page([available(NUMBER)])
    started = time.monotonic()
    result = cli("local", "--new-only", "--exec", lingering, "--exec-timeout", "3")
    assert result.exit_code == 0, result.stderr
    assert time.monotonic() - started < LINGER / 3
    assert "--exec" not in result.stderr and "stopped" not in result.stderr
    assert json.loads(result.stdout)[0]["phone_number"] == NUMBER


def test_a_hooks_output_is_shown_up_to_its_limit() -> None:
    stderr = io.StringIO()
    hook = f'"{sys.executable}" -c "print(\'x\' * 1_000_000)"'
    assert run_hook(hook, {"phone_number": NUMBER}, stderr, timeout=10) is None
    shown, note = stderr.getvalue().splitlines()
    assert shown == "x" * tracking.HOOK_OUTPUT_LIMIT
    assert note == f"[--exec wrote {1_000_001 - tracking.HOOK_OUTPUT_LIMIT} more bytes, not shown]"


# -- what a hook's environment holds --------------------------------------------------------------


def test_a_password_in_the_api_url_is_not_handed_to_a_hook(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("NUMSEARCH_API_URL", "http://admin:hunter2pw@127.0.0.1:4010/base")
    env = hook_environment({"phone_number": NUMBER})
    assert env["NUMSEARCH_API_URL"] == "http://127.0.0.1:4010/base"


def test_a_hook_run_by_a_search_gets_the_api_url_without_its_password(
    cli: CliRun, fake_twilio: FakeTwilio, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("NUMSEARCH_API_URL", fake_twilio.url.replace("//", "//admin:hunter2pw@"))
    fake_twilio.default = numbers_page([available(NUMBER)])
    out = tmp_path / "env.txt"
    result = cli("local", "--exec", f'env > "{out}"')
    assert result.exit_code == 0, result.stderr
    environment = out.read_text()
    assert "hunter2pw" not in environment and "admin" not in environment
    assert f"NUMSEARCH_API_URL={fake_twilio.url}\n" in environment
