"""The steps commands take, with their progress on the terminal: the run's client, a
search (with its spinner, or a sweep's progress line), reporting new matches once each
(and their hooks), readying a purchase and making it."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from typing import TYPE_CHECKING, Any

from numsearch.cli.app import AppState
from numsearch.cli.options import Output, Tracking
from numsearch.cli.printing import all_number_fields, check_output, print_numbers
from numsearch.cli.prompts import paperwork_chooser
from numsearch.cli.search_options import Search
from numsearch.errors import InvalidInput, TwilioRefused
from numsearch.events import Event, EventKind
from numsearch.output import select_fields
from numsearch.settings import ClientSettings

if TYPE_CHECKING:
    from numsearch.account import Account
    from numsearch.api import TwilioClient
    from numsearch.models import AvailableNumber
    from numsearch.purchase import Outcome, Purchase
    from numsearch.query import SearchQuery
    from numsearch.terminal import Terminal
    from numsearch.tracking import SeenNumbers

# -- the client of a run -----------------------------------------------------------------


class TerminalEvents:
    """The account's events on the terminal: warnings and notes as lines on stderr, a
    sweep's progress on the status line when one is shown (`showing`)."""

    def __init__(self, terminal: Terminal) -> None:
        self.terminal = terminal
        self.status: Any = None  # a Rich status, while one is on screen
        self.doing = ""

    def __call__(self, event: Event) -> None:
        if event.kind is EventKind.warning:
            self.terminal.warn(event.message)
        elif event.kind is EventKind.note:
            self.terminal.info(event.message)
        elif self.status is not None:
            self.status.update(f"{self.doing}: {event.message}")

    @contextmanager
    def showing(self, doing: str, *, quiet: bool) -> Iterator[None]:
        """A status line saying `doing` and the progress events, on a terminal unless
        `quiet`."""
        if quiet or not self.terminal.stderr_isatty:
            yield
            return
        self.doing = doing
        with self.terminal.console(stderr=True).status(f"{doing}…", spinner="dots") as status:
            self.status = status
            try:
                yield
            finally:
                self.status = None


def open_account(
    state: AppState, connection: ClientSettings, *, concurrency: int | None = None
) -> Account:
    """The run's account (or the sandbox), from the connection options and the global
    ones, its client opened (credentials checked: nothing sent); the sandbox says on
    stderr that nothing is real."""
    from numsearch.account import Account

    if state.sandbox:  # its purchases live in the state directory: check it before anything
        from numsearch.state import usable_state_dir

        usable_state_dir()
    settings = connection._replace(
        sandbox=state.sandbox,
        debug=state.debug,
        concurrency=concurrency or connection.concurrency,
    )
    events = TerminalEvents(state.terminal)
    account = Account.from_settings(settings, events, log_stream=state.terminal.stderr)
    if account.client().sandbox:
        from numsearch.sandbox import NOTICE

        state.terminal.info(NOTICE)
    return account


def open_client(
    state: AppState, connection: ClientSettings, *, concurrency: int | None = None
) -> TwilioClient:
    """The run's Twilio client (open_account's)."""
    return open_account(state, connection, concurrency=concurrency).client()


# -- searching -------------------------------------------------------------------------


def prepare_search(
    state: AppState, command: str, country: str, search: Search, out: Output
) -> SearchQuery:
    """Check everything about a search before anything is sent."""
    from numsearch.query import build_query

    if search.country_code is not None:
        if country not in ("US", search.country_code):  # US: the argument's default
            raise InvalidInput(f"COUNTRY {country} and --country-code disagree: use one")
        country = search.country_code
    query = build_query(command, country, search.filters)
    select_fields(out.fields, all_number_fields())  # an unknown --fields name fails now
    check_output(out, state.terminal)
    if search.sweep_all:
        from numsearch.sweep import check_pattern

        check_pattern(query)
    if query.word:
        state.terminal.info(f"searching for {query.word} as the digits {query.contains}")
    return query


def search_numbers(
    state: AppState,
    account: Account,
    query: SearchQuery,
    search: Search,
    *,
    quiet: bool = False,
) -> list[AvailableNumber]:
    """One search (with --all, a sweep), with a spinner or a sweep's progress line on a
    terminal unless `quiet` (a watch has a status line of its own)."""
    label = f"{query.country} {query.number_type.label} numbers"
    context: AbstractContextManager[Any]
    if search.sweep_all:
        events = account.tell.on_event
        showing = events.showing if isinstance(events, TerminalEvents) else None
        context = showing(f"Sweeping {label}", quiet=quiet) if showing else nullcontext()
    elif quiet:
        context = nullcontext()
    else:
        context = state.terminal.spinner(f"Searching {label}…")
    with context:
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


def ready_for_purchase(
    state: AppState,
    client: TwilioClient,
    purchase: Purchase,
    yes: bool,
    *,
    address_need: str | None = None,
) -> Purchase:
    """The purchase with the address and bundle it needs (said on stderr), or NotReady
    (exit 4, nothing sent) with the fix."""
    from numsearch.purchase import ready_purchase

    return ready_purchase(
        client, purchase, paperwork_chooser(state, yes), address_need=address_need,
        tell=state.terminal.info, warn=state.terminal.warn,
    )  # fmt: skip


def buy_with_spinner(state: AppState, client: TwilioClient, purchase: Purchase) -> Outcome:
    """Buy (safely, once), say how it went on stderr, and return the outcome.

    While a lost answer is looked for, the spinner stops for the message that says so,
    then spins again: a wait of half a minute is never silent.
    """
    from contextlib import ExitStack

    from numsearch.purchase import buy_safely

    terminal = state.terminal
    with ExitStack() as spinning:

        def tell(message: str) -> None:
            spinning.close()
            terminal.warn(message)
            spinning.enter_context(terminal.spinner(f"Looking for {purchase.what} on the account…"))

        spinning.enter_context(terminal.spinner(f"Buying {purchase.what}…"))
        try:
            outcome = buy_safely(client, purchase, tell=tell)
        except TwilioRefused as refused:  # a missing address or bundle: say the fix
            from numsearch.compliance import explain_refusal

            raise explain_refusal(refused, *purchase.kind()) from None
    for note in outcome.notes:
        terminal.warn(note)
    terminal.info(outcome.summary)
    return outcome
