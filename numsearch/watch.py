"""Watching for numbers: durations, the schedule, and the polling loop (clock and sleep
injected, so tests need no long sleeps)."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from numsearch.errors import InvalidInput, NumsearchError, TwilioUnavailable
from numsearch.untrusted import quoted

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
        raise InvalidInput(f"{flag} {quoted(text)} is not a duration like 30s, 10m, 2h or 1h30m")
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
MAX_EVERY = 7 * 86400.0  # a week between polls is the longest that makes sense
MAX_WAIT = 366 * 86400.0  # and a year the longest watch with a deadline


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
            raise InvalidInput(f"--every {quoted(every)} is shorter than 1s")
        if interval > MAX_EVERY:
            raise InvalidInput(f"--every {quoted(every)} is longer than 7d")
        if forever and max_wait is not None:
            raise InvalidInput("--forever and --max-wait disagree: use one")
        deadline = None
        if max_wait is not None:
            deadline = parse_duration(max_wait, "--max-wait")
            if not 0 < deadline <= MAX_WAIT:
                raise InvalidInput(f"--max-wait {quoted(max_wait)}: use more than 0s, up to 366d")
        return cls(every=interval, max_wait=deadline, forever=forever)


@dataclass
class Poll:
    """What one poll saw."""

    number: int
    found: list[AvailableNumber] = field(default_factory=list)
    error: NumsearchError | None = None


class Watcher:
    """Polls `search` on a schedule; yields each poll. Polls keep to a grid of `every`
    from the start, and the last one is made at the deadline itself; transient faults
    are survived with backoff; credentials and refusals end the watch by raising."""

    def __init__(
        self,
        search: Callable[[], list[AvailableNumber]],
        schedule: Schedule,
        *,
        clock: Callable[[], float] | None = None,
        sleep: Callable[[float], None] | None = None,
    ) -> None:
        """`clock` and `sleep` default to the monotonic clock and time.sleep."""
        self.search = search
        self.schedule = schedule
        self.clock = clock or time.monotonic
        self.sleep = sleep or time.sleep
        self.failures = 0
        self.polls_made = 0
        self.answered = 0  # polls that got an answer from Twilio
        self.last_error: NumsearchError | None = None
        self.next_poll_at: float | None = None

    def polls(self) -> Iterator[Poll]:
        """Poll until the caller stops iterating or the deadline passes."""
        started = self.clock()
        deadline = started + self.schedule.max_wait if self.schedule.max_wait else None
        while True:
            poll_at = self.clock()
            self.polls_made += 1
            poll = Poll(self.polls_made)
            try:
                poll.found = self.search()
                self.failures = 0
                self.answered += 1
            except TwilioUnavailable as exc:  # network, timeouts, 429, 5xx: wait and retry
                self.failures += 1
                poll.error = self.last_error = exc
            self.next_poll_at = self._next(started, poll_at, deadline)
            yield poll
            if self.next_poll_at is None:
                return
            self.sleep(max(0.0, self.next_poll_at - self.clock()))

    def _next(self, started: float, poll_at: float, deadline: float | None) -> float | None:
        """When to poll next: the next point of the grid after now (later after failures),
        the deadline if that comes first, and None once the deadline's poll is made."""
        every = self.schedule.every
        wanted: float
        if self.failures:
            backoff: float = every * 2.0 ** (self.failures - 1)
            wanted = poll_at + min(backoff, max(every, MAX_BACKOFF))
        else:
            wanted = started + every * (int((self.clock() - started) // every) + 1)
        if deadline is None:
            return wanted
        if poll_at >= deadline:
            return None
        return min(wanted, deadline)
