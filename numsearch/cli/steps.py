"""The steps commands share: the run's account with its events on the terminal (a
spinner for the step under way, warnings and notes), a search checked before anything is
sent, and reporting its matches once each (with their hooks)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from numsearch.account import Account
from numsearch.cli.app import AppState
from numsearch.cli.options import Output, Tracking
from numsearch.cli.printing import all_number_fields, check_output, print_numbers
from numsearch.cli.search_options import Search
from numsearch.errors import InvalidInput
from numsearch.events import Event, EventKind
from numsearch.output import select_fields
from numsearch.query import build_query
from numsearch.settings import ClientSettings

if TYPE_CHECKING:
    from numsearch.models import AvailableNumber
    from numsearch.query import SearchQuery
    from numsearch.terminal import Terminal
    from numsearch.tracking import SeenNumbers

# -- the client of a run -----------------------------------------------------------------


class TerminalEvents:
    """The account's events on the terminal: warnings and notes as lines on stderr; the
    step under way as a spinner (with a sweep's progress on it) when stderr is a
    terminal and not `quiet` (a watch has a status line of its own). The spinner makes
    way for every line and question, then spins again."""

    def __init__(self, terminal: Terminal, *, quiet: bool = False) -> None:
        self.terminal = terminal
        self.quiet = quiet
        self.steps: list[str] = []  # the steps under way, the innermost last
        self._status: Any = None  # a Rich status, while one is on screen

    def __call__(self, event: Event) -> None:
        if event.kind is EventKind.warning:
            with self.paused():
                self.terminal.warn(event.message)
        elif event.kind is EventKind.note:
            with self.paused():
                self.terminal.info(event.message)
        elif event.kind is EventKind.step:
            self.steps.append(event.message)
            self._show(f"{event.message}…")
        elif event.kind is EventKind.step_done:
            if event.message in self.steps:  # with what was doing meanwhile (`doing`)
                del self.steps[self.steps.index(event.message) :]
            self._hide()
            if self.steps:
                self._show(f"{self.steps[-1]}…")
        elif self.steps:  # a sweep's progress
            self._show(f"{self.steps[-1]}: {event.message}")

    def _show(self, text: str) -> None:
        if self.quiet or not self.terminal.stderr_isatty:
            return
        if self._status is None:
            self._status = self.terminal.console(stderr=True).status(text, spinner="dots")
            self._status.start()
        else:
            self._status.update(text)

    def _hide(self) -> None:
        if self._status is not None:
            self._status.stop()
            self._status = None

    @contextmanager
    def paused(self) -> Iterator[None]:
        """No spinner while a line is written or a question asked."""
        spinning = self._status is not None
        self._hide()
        try:
            yield
        finally:
            if spinning and self.steps:
                self._show(f"{self.steps[-1]}…")


def open_account(
    state: AppState,
    connection: ClientSettings,
    *,
    concurrency: int | None = None,
    quiet: bool = False,
    check: bool = True,
) -> Account:
    """The run's account (or the sandbox), from the connection options and the global
    ones, its events on the terminal (`quiet`: no spinner). With `check`, its client is
    opened now (credentials checked, nothing sent); else at its first call, after that
    call has checked its arguments."""
    if state.sandbox:  # its purchases live in the state directory: check it before anything
        from numsearch.state import usable_state_dir

        usable_state_dir()
    settings = connection._replace(
        sandbox=state.sandbox,
        debug=state.debug,
        concurrency=concurrency or connection.concurrency,
    )
    events = TerminalEvents(state.terminal, quiet=quiet)
    account = Account.from_settings(settings, events, log_stream=state.terminal.stderr)
    if check:
        account.client()
    return account


def events_of(account: Account) -> TerminalEvents:
    """The terminal events of an account open_account made."""
    events = account.tell.on_event
    assert isinstance(events, TerminalEvents)
    return events


# -- searching -------------------------------------------------------------------------

TWILIO_DISTANCE = 25  # miles around a Near- centre when Distance is not sent


def prepare_search(
    state: AppState,
    command: str,
    country: str,
    search: Search,
    out: Output,
    *,
    fields: Sequence[str] | None = None,
) -> SearchQuery:
    """Check everything about a search before anything is sent; `fields`: what --fields
    may name (default: a number's fields)."""
    if search.country_code is not None:
        if country not in ("US", search.country_code):  # US: the argument's default
            raise InvalidInput(f"COUNTRY {country} and --country-code disagree: use one")
        country = search.country_code
    query = build_query(command, country, search.filters)
    select_fields(out.fields, fields or all_number_fields())  # an unknown name fails now
    check_output(out, state.terminal)
    if search.sweep_all:
        from numsearch.sweep import check_pattern

        check_pattern(query)
    if query.word:
        state.terminal.info(f"searching for {query.word} as the digits {query.contains}")
    if query.near:
        miles = query.distance or TWILIO_DISTANCE
        state.terminal.info(
            f"searching within {miles} miles of {query.near}: {query.near_lat_long}"
        )
    return query


def search_numbers(account: Account, query: SearchQuery, search: Search) -> list[AvailableNumber]:
    """One search (with --all, a sweep), priced when asked."""
    return account.find(
        query, all=search.sweep_all, max_requests=search.max_requests,
        concurrency=search.concurrency, rank=search.rank, pricing=search.pricing,
    )  # fmt: skip


class Reporter:
    """Prints a search's matches once each (only the new ones with --new-only, and a
    watch's own memory), then runs the --exec hooks, then remembers them: printed
    first, so nothing is lost."""

    def __init__(
        self,
        query: SearchQuery,
        search: Search,
        tracking: Tracking,
        out: Output,
        state: AppState,
        *,
        quiet: bool = False,
    ) -> None:
        """`quiet`: print nothing (watch --buy prints the purchase instead)."""
        self.quiet = quiet
        self.query = query
        self.search = search
        self.tracking = tracking
        self.out = out
        self.state = state
        self.printed: set[str] = set()
        self.batches = 0
        self.seen: SeenNumbers | None = None
        self.seen_name: str | None = None
        if tracking.new_only:  # opened now: a state problem stops the run before any request
            from numsearch.tracking import SeenNumbers, default_state_name

            name = tracking.state or default_state_name(
                query.number_type.command, query.country, query.request_params()
            )
            self.seen = SeenNumbers.open(name, warn=state.terminal.warn)
            self.seen_name = name

    def report(
        self, numbers: Sequence[AvailableNumber], *, print_empty: bool
    ) -> list[AvailableNumber]:
        """Print what is new, run the hooks for it, remember it; all under one hold on the
        state, so that overlapping runs report each number once. With nothing to print,
        `print_empty` prints the empty result (`[]`, a CSV header), except with
        --new-only, where nothing new prints nothing (exit 1 says it)."""
        if self.seen is None:
            return self._report(numbers, numbers, print_empty=print_empty)
        with self.seen.transaction() as seen:
            new = self._report(numbers, seen.new(numbers), print_empty=False)
            seen.remember(new)
        return new

    def _report(
        self,
        numbers: Sequence[AvailableNumber],
        fresh: Sequence[AvailableNumber],
        *,
        print_empty: bool,
    ) -> list[AvailableNumber]:
        new = [n for n in fresh if n.phone_number not in self.printed]
        if not self.quiet and (new or print_empty):
            print_numbers(
                new, self.query, self.out, self.state, ranked=self.search.rank,
                header=self.batches == 0, priced=self.search.pricing is not None,
            )  # fmt: skip
            self.batches += 1
        if self.tracking.exec:
            self._run_hooks(self.tracking.exec, new)
        self.printed.update(n.phone_number for n in new if n.phone_number)
        return new

    def _run_hooks(self, command: str, numbers: Sequence[AvailableNumber]) -> None:
        from numsearch.tracking import run_hook

        terminal = self.state.terminal
        for number in numbers:
            record = number.to_json(vanity=True, score=True, price=True)
            failure = run_hook(command, record, terminal.stderr, timeout=self.tracking.exec_timeout)
            if failure is not None:
                terminal.warn(failure.message)
