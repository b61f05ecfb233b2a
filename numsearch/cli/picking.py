"""`--pick` (every search command, and watch when it finds): the results become a list
on the terminal itself (numsearch.picker), and what is taken goes the way `numsearch buy
A B C` goes (cli/buying.py): priced and checked, one question with the total a month,
each bought once, the outcomes per -o."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, NoReturn

import typer

from numsearch import picker
from numsearch.cli import buying
from numsearch.cli.app import AppState
from numsearch.cli.buying import Order, buy_several, check_bulk_output
from numsearch.cli.options import Output
from numsearch.cli.printing import search_title
from numsearch.cli.search_options import Search
from numsearch.cli.steps import events_of
from numsearch.errors import ExitCode, InvalidInput
from numsearch.purchase_fields import Setup

if TYPE_CHECKING:
    from numsearch.account import Account
    from numsearch.models import AvailableNumber
    from numsearch.query import SearchQuery

NO_TERMINAL = (
    "--pick draws its list on a terminal, and there is none here (cron, CI, a service):"
    " leave --pick out, or run it in a terminal"
)


def check_can_pick(state: AppState, out: Output, dry_run: bool = False) -> None:
    """Before anything is sent: a terminal to draw the list on (exit 2 without one), and
    -o/--fields that go with what a purchase prints."""
    check_bulk_output(state, out, dry_run)
    with picker.on_terminal(buying.TTY_PATH) as terminal:
        if terminal is None:
            raise InvalidInput(NO_TERMINAL)


def pick_and_buy(
    state: AppState,
    account: Account,
    numbers: Sequence[AvailableNumber],
    query: SearchQuery,
    search: Search,
    out: Output,
    *,
    dry_run: bool = False,
) -> NoReturn:
    """The list of the `numbers` a search found; what is taken is bought as `buy A B C`
    buys (a dry run shows the requests). Esc or q: nothing bought, exit 1; Ctrl-C: 130."""
    from numsearch.bulk import MAX_BULK
    from numsearch.purchase import Wanted

    title = search_title(query, len(numbers), ranked=search.rank, sandbox=state.sandbox)
    taken = _choose(state, account, numbers, title)
    if len(taken) > MAX_BULK:
        raise InvalidInput(f"{len(taken)} numbers taken, more than {MAX_BULK} in one run")
    wanted = [
        Wanted(n.phone_number, f"choice {i}", n.iso_country, n.address_requirements)
        for i, n in enumerate((numbers[index] for index in taken), 1)
    ]
    limit = search.pricing.max_price if search.pricing else None
    order = Order(Setup(), query.country, str(limit) if limit else None, yes=False, dry_run=dry_run)
    terminal = state.terminal  # the question goes where the list was when these are not it
    on_tty = not (terminal.stdin_isatty and terminal.stderr_isatty)
    buy_several(state, account, wanted, order, out, on_tty=on_tty)


def _choose(
    state: AppState, account: Account, numbers: Sequence[AvailableNumber], title: str
) -> list[int]:
    """The indices taken from the list (no spinner meanwhile); exits when cancelled."""
    rows = picker.number_rows(numbers)
    with events_of(account).paused(), picker.on_terminal(buying.TTY_PATH) as terminal:
        if terminal is None:  # gone since the check (a closed window)
            raise InvalidInput(NO_TERMINAL)
        state.terminal.clear_status()
        try:
            taken = picker.choose(rows, title=title, input=terminal[0], output=terminal[1])
        except KeyboardInterrupt:
            state.terminal.info("interrupted: nothing was bought")
            raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
    if taken is None:
        state.terminal.info("cancelled: nothing was bought")
        raise typer.Exit(int(ExitCode.NOTHING_FOUND))
    return taken
