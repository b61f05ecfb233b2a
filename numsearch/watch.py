"""Watching for numbers: durations, the seen-numbers state file, --exec hooks, and the
polling loop (clock and sleep injected, so tests need no long sleeps)."""

from __future__ import annotations

import contextlib
import json
import os
import re
import subprocess
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from numsearch.errors import InvalidInput, NumsearchError, TwilioUnavailable
from numsearch.state import checked_name, read_json, state_dir, write_json

if TYPE_CHECKING:
    from numsearch.models import AvailableNumber

MIN_INTERVAL = 1.0
MAX_BACKOFF = 30 * 60.0  # seconds between polls when Twilio keeps failing
SEEN_LIMIT = 20_000  # numbers remembered per state; the oldest go first
_DURATION = re.compile(r"(?:(\d+(?:\.\d+)?)([smhd]))")
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_duration(text: str, flag: str) -> float:
    """`30s`, `10m`, `2h`, `1h30m`, `1d` or plain seconds -> seconds."""
    value = text.strip().lower()
    if re.fullmatch(r"\d+(\.\d+)?", value):
        return float(value)
    parts = _DURATION.findall(value)
    if not parts or "".join(n + u for n, u in parts) != value:
        raise InvalidInput(f"{flag} {text!r} is not a duration like 30s, 10m, 2h or 1h30m")
    return sum(float(n) * _UNITS[u] for n, u in parts)


def format_duration(seconds: float) -> str:
    """90 -> `1m30s`."""
    seconds = max(0, round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    text = (f"{hours}h" if hours else "") + (f"{minutes}m" if minutes else "")
    return text + (f"{secs}s" if secs or not text else "")


# -- what has been reported ------------------------------------------------------------------


def default_state_name(command: str, country: str, params: Sequence[dict[str, str]]) -> str:
    """A stable name for a search's state when --state is not given: `local-US-1a2b3c4d`."""
    import hashlib

    key = json.dumps([command, country, params], sort_keys=True)
    return f"{command}-{country}-{hashlib.sha256(key.encode()).hexdigest()[:8]}"


@dataclass
class SeenNumbers:
    """Numbers already reported under one state name, kept in the platform state dir."""

    name: str
    path: Path
    seen: dict[str, str] = field(default_factory=dict)  # number -> first reported (UTC)

    @classmethod
    def open(cls, name: str) -> SeenNumbers:
        """Load the state `name` (empty when it does not exist yet)."""
        checked_name(name)
        path = state_dir() / "seen" / f"{name}.json"
        data = read_json(path, {})
        seen = data.get("numbers", {}) if isinstance(data, dict) else {}
        return cls(name, path, {str(k): str(v) for k, v in seen.items()})

    def new(self, numbers: Iterable[AvailableNumber]) -> list[AvailableNumber]:
        """The numbers not reported before, in their order."""
        return [n for n in numbers if n.phone_number and n.phone_number not in self.seen]

    def remember(self, numbers: Iterable[AvailableNumber]) -> None:
        """Add `numbers` and save, atomically, under a lock against a concurrent run."""
        stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        fresh = {n.phone_number: stamp for n in numbers if n.phone_number}
        with _locked(self.path):
            current = SeenNumbers.open(self.name).seen  # another run may have added some
            current.update({k: v for k, v in fresh.items() if k not in current})
            if len(current) > SEEN_LIMIT:
                current = dict(sorted(current.items(), key=lambda kv: kv[1])[-SEEN_LIMIT:])
            write_json(self.path, {"version": 1, "numbers": current})
            self.seen = current


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        import fcntl
    except ImportError:  # Windows: the atomic rename alone
        yield
        return
    with path.with_name(f".{path.name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


# -- hooks -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class HookFailure:
    """A --exec command that failed for one number (reported, never fatal)."""

    number: str
    message: str


def run_hook(command: str, record: dict[str, Any], stdout: Any) -> HookFailure | None:
    """Run `command` through the shell for one match: its details in the environment,
    the match as JSON on stdin, and its output on our stderr (`stdout`), never on ours."""
    number = str(record.get("phone_number") or "")
    env = {
        **os.environ,
        "NUMSEARCH_PHONE_NUMBER": number,
        "NUMSEARCH_FRIENDLY_NAME": str(record.get("friendly_name") or ""),
        "NUMSEARCH_COUNTRY": str(record.get("iso_country") or ""),
    }
    try:
        done = subprocess.run(  # noqa: S602  (the user's own command line, by design)
            command,
            shell=True,
            input=json.dumps(record),
            text=True,
            env=env,
            capture_output=True,
            check=False,
        )
    except OSError as exc:
        return HookFailure(number, f"--exec could not run: {exc.strerror}")
    for output in (done.stdout, done.stderr):
        if output:  # the hook's words go to stderr: stdout carries numsearch's data only
            stdout.write(output if output.endswith("\n") else output + "\n")
    stdout.flush()
    if done.returncode != 0:
        return HookFailure(number, f"--exec exited {done.returncode} for {number}")
    return None


# -- the loop ------------------------------------------------------------------------------------


@dataclass
class Schedule:
    """How often to poll and for how long."""

    every: float
    max_wait: float | None = None  # None with forever=False: until the first find
    forever: bool = False


@dataclass
class Poll:
    """What one poll saw."""

    number: int
    found: list[AvailableNumber] = field(default_factory=list)
    error: NumsearchError | None = None


class Watcher:
    """Polls `search` on a schedule; yields each poll. Transient faults are survived
    with backoff; credentials and refusals end the watch by raising."""

    def __init__(
        self,
        search: Callable[[], list[AvailableNumber]],
        schedule: Schedule,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.search = search
        self.schedule = schedule
        self.clock = clock
        self.sleep = sleep
        self.failures = 0
        self.polls_made = 0
        self.next_poll_at: float | None = None

    def polls(self) -> Iterator[Poll]:
        """Poll until the caller stops iterating or the deadline passes."""
        started = self.clock()
        deadline = started + self.schedule.max_wait if self.schedule.max_wait else None
        count = 0
        while True:
            count += 1
            self.polls_made = count
            poll = Poll(count)
            try:
                poll.found = self.search()
                self.failures = 0
            except TwilioUnavailable as exc:  # network, timeouts, 429, 5xx: wait and retry
                self.failures += 1
                poll.error = exc
            wait = self._wait()
            self.next_poll_at = self.clock() + wait
            yield poll
            if deadline is not None and self.next_poll_at > deadline:
                return
            self.sleep(max(0.0, self.next_poll_at - self.clock()))

    def _wait(self) -> float:
        every = self.schedule.every
        if not self.failures:
            return every
        backoff: float = every * 2 ** (self.failures - 1)
        return min(backoff, max(every, MAX_BACKOFF))
