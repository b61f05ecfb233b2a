"""`numsearch watch TYPE [COUNTRY] [filters] --every 10m`: poll until a wanted number shows."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Annotated

import typer

from numsearch.cli.app import AppState, state_of
from numsearch.cli.help_text import examples
from numsearch.cli.options import (
    CountryArgument,
    Output,
    Tracking,
    connection_options,
    output_options,
    purchase_options,
    tracking_options,
)
from numsearch.cli.picking import check_can_pick, pick_and_buy
from numsearch.cli.printing import print_purchase
from numsearch.cli.prompts import paperwork_chooser
from numsearch.cli.search_options import PICK_HELP, Search, search_filters, search_to_pick
from numsearch.cli.startup import command_app, resume_gc
from numsearch.cli.steps import Reporter, events_of, open_account, prepare_search, search_numbers
from numsearch.errors import ExitCode, InvalidInput, TwilioUnavailable
from numsearch.number_types import NUMBER_TYPES
from numsearch.purchase_fields import Setup
from numsearch.settings import ClientSettings
from numsearch.untrusted import quoted
from numsearch.watch import Schedule, Watcher, format_duration

if TYPE_CHECKING:
    from numsearch.account import Account
    from numsearch.models import AvailableNumber
    from numsearch.watch import Poll

WATCH_PANEL = "Watching"


def complete_type(incomplete: str) -> list[str]:
    """Shell completion for TYPE."""
    return [name for name in NUMBER_TYPES if name.startswith(incomplete)]


app = command_app()
COMMANDS = {"watch": app}


@app.command(
    epilog=examples(
        "numsearch watch local US --contains STORM --every 10m --max-wait 2h",
        "numsearch watch tollfree --contains FLOWERS --every 30s -o jsonl",
        "numsearch watch local --area-code 510 --contains STORM --buy --yes",
    )
)
@connection_options
@output_options
@purchase_options
@tracking_options
@search_filters
def watch(
    ctx: typer.Context,
    number_type: Annotated[str, typer.Argument(
        help="A search command, e.g. local, tollfree.", metavar="TYPE",
        autocompletion=complete_type)],
    country: CountryArgument = "US",
    every: Annotated[str, typer.Option(
        "--every", help="Time between polls: 30s, 2h.", metavar="DURATION",
        rich_help_panel=WATCH_PANEL)] = "10m",
    max_wait: Annotated[str | None, typer.Option(
        "--max-wait", help="Give up after this long (exit 1).", metavar="DURATION",
        rich_help_panel=WATCH_PANEL)] = None,
    forever: Annotated[bool, typer.Option(
        "--forever", help="Keep polling after a find (until Ctrl-C).",
        rich_help_panel=WATCH_PANEL)] = False,
    buy: Annotated[bool, typer.Option(
        "--buy", help="Buy the first match, then stop (needs --yes).",
        rich_help_panel=WATCH_PANEL)] = False,
    yes: Annotated[bool, typer.Option(
        "--yes", "-y", help="Agree in advance to what --buy buys.",
        rich_help_panel=WATCH_PANEL)] = False,
    pick: Annotated[bool, typer.Option(
        "--pick", help=PICK_HELP, rich_help_panel=WATCH_PANEL)] = False,
    *,
    search: Search,
    tracking: Tracking,
    setup: dict[str, str | None],
    out: Output,
    connection: ClientSettings,
) -> None:  # fmt: skip
    """Run a search until a wanted number appears.

    Prints each new match; exit 0 at the first find, 1 when --max-wait passes.
    """
    state = state_of(ctx)
    if number_type not in NUMBER_TYPES:
        raise InvalidInput(f"TYPE {quoted(number_type)}: use one of {', '.join(NUMBER_TYPES)}")
    schedule = Schedule.build(every, max_wait, forever)
    given = Setup(**setup)
    if pick:  # its flags and a terminal to draw the list on, before the first poll
        search = _check_pick(search, buy, yes, forever)
        check_can_pick(state, out)
    _check_buy(buy, yes, forever, bool(given.form()))
    query = prepare_search(state, number_type, country, search,
                           out._replace(fields=None) if pick else out)  # fmt: skip
    reporter = Reporter(query, search, tracking, out, state, quiet=buy or pick)
    account = open_account(state, connection, concurrency=search.concurrency, quiet=True)
    resume_gc()  # a watch may run for days
    watcher = Watcher(lambda: search_numbers(account, query, search), schedule)
    found = _poll(state, watcher, reporter)
    if buy and found:
        _buy_first(state, account, found, given, out)
    elif pick and found:
        events_of(account).quiet = False  # the purchase's steps on the terminal
        pick_and_buy(state, account, found, query, search, out)
    elif not found:
        _nothing_found(state, watcher, reporter)


def _nothing_found(state: AppState, watcher: Watcher, reporter: Reporter) -> None:
    """The deadline passed: exit 5 if no poll got an answer, else 1 (nothing found)."""
    if watcher.answered == 0 and watcher.last_error is not None:
        raise TwilioUnavailable(
            f"no poll got an answer ({watcher.polls_made} tried): {watcher.last_error.message}"
        )
    if reporter.batches == 0:
        reporter.report([], print_empty=True)  # `[]` in JSON, the header in CSV
        state.terminal.info(f"nothing found after {watcher.polls_made} poll(s)")
    raise typer.Exit(int(ExitCode.NOTHING_FOUND))


def _check_buy(buy: bool, yes: bool, forever: bool, setup_given: bool) -> None:
    if buy and forever:
        raise InvalidInput("--buy stops at the first purchase: it cannot go with --forever")
    if buy and not yes:
        raise InvalidInput("--buy spends money unattended: add --yes to agree in advance")
    if setup_given and not buy:
        raise InvalidInput("the setup options (--friendly-name, --voice-url, ...) go with --buy")


def _check_pick(search: Search, buy: bool, yes: bool, forever: bool) -> Search:
    """The search a watch --pick runs (priced); exit 2 for what it cannot go with."""
    if buy:
        raise InvalidInput("--pick asks which numbers to buy: it cannot go with --buy")
    if forever:
        raise InvalidInput("--pick stops at the first find to ask: it cannot go with --forever")
    return search_to_pick(search, yes=yes)


def _poll(state: AppState, watcher: Watcher, reporter: Reporter) -> list[AvailableNumber]:
    """Poll until a find (or forever); return the first poll's new matches. Ctrl-C ends
    the watch with exit 130."""
    terminal = state.terminal
    first: list[AvailableNumber] = []
    try:
        for poll in watcher.polls():
            new = []
            if poll.error is not None:
                terminal.warn(
                    f"poll {poll.number} failed ({poll.error.message}); trying again in"
                    f" {_until(watcher)}"
                )
            else:
                new = reporter.report(poll.found, print_empty=False)
            terminal.status(_status_text(poll, new, watcher))
            if new and not first:
                first = new
                if not watcher.schedule.forever:
                    break
    except KeyboardInterrupt:
        terminal.clear_status()
        terminal.info(f"stopped after {watcher.polls_made} poll(s)")
        raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
    finally:
        terminal.clear_status()
    return first


def _until(watcher: Watcher) -> str:
    wait = (watcher.next_poll_at or watcher.clock()) - watcher.clock()
    return format_duration(wait)


def _status_text(poll: Poll, new: list[AvailableNumber], watcher: Watcher) -> str:
    wait = max(0.0, (watcher.next_poll_at or 0) - watcher.clock())
    at = datetime.now() + timedelta(seconds=wait)
    found = "failed" if poll.error else f"{len(poll.found)} found, {len(new)} new"
    return (
        f"poll {poll.number}: {found} · next poll at {at:%H:%M:%S} (in {_until(watcher)})"
        " · Ctrl-C stops"
    )


def _buy_first(
    state: AppState, account: Account, found: list[AvailableNumber], setup: Setup, out: Output
) -> None:
    """Buy the first new match (agreed in advance with --yes), as `buy` does."""
    target = found[0]
    others = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
    state.terminal.info(f"found {target.phone_number}{others}: buying it")
    events_of(account).quiet = False  # the purchase's steps on the terminal
    plan = account.plan_purchase(target, setup=setup, choose=paperwork_chooser(state, True))
    print_purchase(account.make_purchase(plan), out, state)
