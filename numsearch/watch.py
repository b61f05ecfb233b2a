"""Watching for numbers: durations, the schedule, and the polling loop (clock and sleep
injected, so tests need no long sleeps)."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from numsearch.errors import InvalidInput, NumsearchError, TwilioUnavailable

if TYPE_CHECKING:
    from numsearch.models import AvailableNumber

MAX_BACKOFF = 30 * 60.0  # seconds between polls when Twilio keeps failing
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


# -- the loop ------------------------------------------------------------------------------------


MIN_EVERY = 1.0  # seconds


@dataclass
class Schedule:
    """How often to poll and for how long."""

    every: float
    max_wait: float | None = None  # None with forever=False: until the first find
    forever: bool = False

    @classmethod
    def build(cls, every: str, max_wait: str | None, forever: bool) -> Schedule:
        """The schedule of `--every`, `--max-wait` and `--forever`, checked (InvalidInput)."""
        interval = parse_duration(every, "--every")
        if interval < MIN_EVERY:
            raise InvalidInput(f"--every {every!r} is shorter than 1s")
        if forever and max_wait:
            raise InvalidInput("--forever and --max-wait disagree: use one")
        deadline = parse_duration(max_wait, "--max-wait") if max_wait else None
        return cls(every=interval, max_wait=deadline, forever=forever)


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
