"""Buying several numbers, as `numsearch buy A B C` does and `--pick` after the list: each
priced and its paperwork checked first, one question with the total a month (on the
terminal itself when stdin or stderr is not one), each bought once, and every outcome
printed per -o with the bulk exit rules. Also the terminal itself (TTY_PATH), where a
question is asked, and a list drawn, when the standard streams are taken."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple, NoReturn

import typer

from numsearch.cli.app import AppState
from numsearch.cli.options import Output
from numsearch.cli.printing import check_output, print_records
from numsearch.cli.prompts import paperwork_chooser
from numsearch.errors import ExitCode
from numsearch.output import select_fields
from numsearch.purchase_fields import Setup
from numsearch.purchase_outcome import OUTCOME_FIELDS
from numsearch.terminal import question_text

if TYPE_CHECKING:
    from numsearch.account import Account
    from numsearch.purchase import Wanted
    from numsearch.purchase_outcome import PurchaseOutcome
    from numsearch.purchase_plan import Plan

TTY_PATH = "/dev/tty"  # the terminal itself, when stdin carries numbers or stdout is a pipe

# What a dry run of several numbers prints: the POST each would get.
DRY_RUN_FIELDS = (
    "method", "url", "form", "monthly_price", "price_unit", "refused", "already_owned",
)  # fmt: skip


class Order(NamedTuple):
    """What every purchase of the run shares: its setup, country, price limit and flags."""

    setup: Setup
    country: str
    max_price: str | None
    yes: bool
    dry_run: bool


def check_bulk_output(state: AppState, out: Output, dry_run: bool) -> None:
    """-o and --fields checked against what a bulk run prints (the outcomes, or a dry
    run's requests) before anything is looked up or bought: a wrong field is exit 2 then,
    never after a purchase."""
    select_fields(out.fields, DRY_RUN_FIELDS if dry_run else OUTCOME_FIELDS)
    check_output(out, state.terminal)


def buy_several(
    state: AppState,
    account: Account,
    wanted: Sequence[Wanted],
    order: Order,
    out: Output,
    *,
    area_code: str | None = None,
    count: int = 1,
    max_count: int | None = None,
    on_tty: bool = False,
) -> NoReturn:
    """Several numbers (or `count` found in `area_code`): each looked at first, one
    question for them all with the total a month (asked on the terminal itself with
    `on_tty`), then each bought once; the outcomes printed, exit by the bulk rules. A
    dry run prints the requests instead (exit 4 when one would be refused)."""
    check_bulk_output(state, out, order.dry_run)
    plans = account.plan_purchases(
        wanted, area_code=area_code, count=count, max_count=max_count,
        country=order.country, max_price=order.max_price, setup=order.setup,
        dry_run=order.dry_run, choose=paperwork_chooser(state, True),
    )  # fmt: skip
    if not plans:  # nothing found in the area code (said)
        raise typer.Exit(int(ExitCode.NOTHING_FOUND))
    if order.dry_run:
        _print_bulk_dry_run(state, account, plans, out)
        # The exit the real run would have.
        refused = any(plan.refused for plan in plans)
        raise typer.Exit(int(ExitCode.REFUSED if refused else ExitCode.FOUND))
    if any(plan.refused is None for plan in plans):
        _confirm_many(state, account, plans, order.yes, on_tty)
    _finish(state, account.make_purchases(plans), out)


def terminal_fd() -> int | None:
    """The terminal itself (TTY_PATH), opened for reading and writing; None when there is
    none (cron, CI) or it is not a terminal."""
    try:
        fd = os.open(TTY_PATH, os.O_RDWR | os.O_NOCTTY)
    except OSError:
        return None
    if not os.isatty(fd):
        os.close(fd)
        return None
    return fd


def _print_bulk_dry_run(state: AppState, account: Account, plans: list[Plan], out: Output) -> None:
    """The POST each number would get; none for a number the account already holds (a
    real run buys nothing there): its row names the SID it is held under."""
    records = []
    for plan in plans:
        request = account.purchase_request(plan)
        records.append(
            {"method": None if plan.held else request.method,
             "url": None if plan.held else request.url, "form": request.form,
             **plan.cost.to_json(), "refused": plan.refused, "already_owned": plan.held}
        )  # fmt: skip
        if plan.held:
            number = plan.purchase.phone_number
            state.terminal.info(f"dry run: {number} is already yours ({plan.held}): no POST for it")
    print_records(records, out, state.terminal, fields=DRY_RUN_FIELDS, table="request",
                  title="Dry run: these requests would be sent (none was)")  # fmt: skip
    state.terminal.info("dry run: only read-only lookups were made; nothing was bought")


def _confirm_many(
    state: AppState, account: Account, plans: list[Plan], yes: bool, on_tty: bool
) -> None:
    """List every number with its price and the total a month, and ask once (on the
    terminal itself with `on_tty`); declined is exit 1, nothing bought."""
    from numsearch.bulk import line, total

    lines = [line(plan.item, plan.cost) for plan in plans]
    if yes:
        for text in lines:
            state.terminal.info(text)
        ready = [plan.cost for plan in plans if plan.refused is None]
        noun = "number" if len(ready) == 1 else "numbers"
        state.terminal.info(f"buying {len(ready)} {noun} for {total(ready)}")
        return
    asked = account.purchase_question(plans)
    if on_tty:
        agreed = _ask_on_tty(lines, asked)
    else:
        for text in lines:
            state.terminal.info(text)
        agreed = state.terminal.confirm(asked)
    if not agreed:
        state.terminal.info("not bought")
        raise typer.Exit(int(ExitCode.NOTHING_FOUND))


def _ask_on_tty(lines: list[str], question: str) -> bool:
    """The question on the terminal itself: the standard streams are taken."""
    fd = terminal_fd()
    if fd is None:
        return False
    with os.fdopen(fd, "r+b", buffering=0) as tty:
        tty.write(question_text(question, lines).encode())
        answer = tty.readline().decode(errors="replace")
    return answer.strip().lower() in ("y", "yes")


def print_outcomes(
    state: AppState, outcomes: list[PurchaseOutcome], out: Output, *, title: str
) -> None:
    """Purchase outcomes, a row each, in the run's format."""
    rows = [outcome.to_json() for outcome in outcomes]
    print_records(rows, out, state.terminal, fields=OUTCOME_FIELDS, table="bulk", title=title)


def _finish(state: AppState, outcomes: list[PurchaseOutcome], out: Output) -> NoReturn:
    """Print every outcome, exit by the rules (0, 5 if any unknown, else 4; 3 when the
    credentials were rejected)."""
    from numsearch.purchase import CREDENTIALS_STOP, bulk_exit_code

    tally: dict[str, int] = {}
    for outcome in outcomes:
        tally[outcome.outcome] = tally.get(outcome.outcome, 0) + 1
    title = ", ".join(f"{n} {outcome}" for outcome, n in tally.items())
    print_outcomes(state, outcomes, out, title=title)
    state.terminal.info(title)
    if any((o.reason or "").startswith(CREDENTIALS_STOP) for o in outcomes):
        raise typer.Exit(int(ExitCode.CREDENTIALS))
    raise typer.Exit(int(bulk_exit_code([o.to_json() for o in outcomes])))
