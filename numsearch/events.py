"""What numsearch tells while it works, as one typed event: a sweep's progress, a
warning, a note. The command line shows them on stderr; a script gets them through
`Account(on_event=...)`, or as log records of the `numsearch` logger when it gives none."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from numsearch.sweep import Progress

log = logging.getLogger("numsearch")


class EventKind(StrEnum):
    """What an event is: progress of long work, a warning, or a note."""

    progress = "progress"
    warning = "warning"
    note = "note"
    step = "step"  # work begins that may take a while (the command line shows a spinner)
    step_done = "step_done"  # that work is over


class Event(NamedTuple):
    """One thing numsearch tells: its kind, the line the command line prints, and for a
    sweep's progress the figures."""

    kind: EventKind
    message: str
    progress: Progress | None = None


OnEvent = Callable[[Event], None]


def to_log(event: Event) -> None:
    """The default listener: warnings and notes as log records of `numsearch` (progress
    and steps at debug level)."""
    level = {EventKind.warning: logging.WARNING, EventKind.note: logging.INFO}
    log.log(level.get(event.kind, logging.DEBUG), "%s", event.message)


class Teller(NamedTuple):
    """The callbacks the domain takes (`warn`, `tell`, a sweep's `progress`), all feeding
    one listener."""

    on_event: OnEvent

    def warn(self, message: str) -> None:
        """A warning."""
        self.on_event(Event(EventKind.warning, message))

    def note(self, message: str) -> None:
        """A note: what is going on."""
        self.on_event(Event(EventKind.note, message))

    @contextmanager
    def step(self, message: str) -> Iterator[None]:
        """Work that may take a while (`Buying +15105550100`): a `step` event as it
        begins, and `step_done` as it ends, however it ends."""
        self.on_event(Event(EventKind.step, message))
        try:
            yield
        finally:
            self.on_event(Event(EventKind.step_done, message))

    def doing(self, message: str) -> None:
        """The step under way goes on as `message` (after a lost answer: `Looking for
        +15105550100 on the account`); its end is still the step's."""
        self.on_event(Event(EventKind.step, message))

    def progress(self, now: Progress) -> None:
        """A sweep's progress."""
        message = (
            f"{now.done} requests done, {now.queued} queued, {now.found} numbers found,"
            f" {now.elapsed:.0f} s"
        )
        self.on_event(Event(EventKind.progress, message, now))
