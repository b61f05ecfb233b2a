"""`numsearch buy`: buy a number, or several, safely, once each, after asking."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Annotated, NamedTuple

import typer

from numsearch.bulk import MAX_BULK, line, total
from numsearch.cli.app import state_of
from numsearch.cli.help_text import examples
from numsearch.cli.options import (
    PRICES_PANEL,
    NationalCountry,
    Output,
    connection_options,
    output_options,
    purchase_options,
)
from numsearch.cli.printing import print_dry_run, print_purchase, print_records
from numsearch.cli.prompts import confirm_or_stop, paperwork_chooser, refuse_unattended
from numsearch.cli.startup import command_app
from numsearch.cli.steps import events_of, open_account
from numsearch.countries import normalize_country
from numsearch.errors import ExitCode, InvalidInput
from numsearch.pricing import parse_limit
from numsearch.purchase import (
    CREDENTIALS_STOP,
    MAX_INPUT,
    Wanted,
    build_purchase,
    bulk_exit_code,
    checked_numbers,
    numbers_in,
)
from numsearch.purchase_fields import Setup
from numsearch.purchase_outcome import OUTCOME_FIELDS
from numsearch.settings import ClientSettings
from numsearch.terminal import question_text

if TYPE_CHECKING:
    from numsearch.account import Account
    from numsearch.cli.app import AppState
    from numsearch.purchase_outcome import PurchaseOutcome
    from numsearch.purchase_plan import Plan

app = command_app()
COMMANDS = {"buy": app}

TTY_PATH = "/dev/tty"  # where a bulk buy asks when stdin carries the numbers


NumbersArgument = Annotated[
    list[str] | None,
    typer.Argument(
        help="Numbers to buy, or - to read them from stdin.",
        metavar="[NUMBER]... | -",
        show_default=False,
    ),
]
AreaCodeOption = Annotated[
    str | None,
    typer.Option(
        "--area-code",
        "-a",
        metavar="NPA",
        help="Buy any number in this area code.",
    ),
]
CountOption = Annotated[
    int | None,
    typer.Option("--count", metavar="N", help="With --area-code: buy N of those found."),
]
MaxCountOption = Annotated[
    int | None,
    typer.Option(
        "--max-count",
        metavar="N",
        help="Buy at most the first N numbers given.",
    ),
]
YesOption = Annotated[
    bool, typer.Option("--yes", "-y", help="Do not ask (needed without a terminal).")
]
DryRunOption = Annotated[bool, typer.Option("--dry-run", help="Print the request; buy nothing.")]
MaxPriceOption = Annotated[
    str | None,
    typer.Option(
        "--max-price",
        metavar="AMOUNT[CURRENCY]",
        help="Monthly limit: 1.50 (USD) or 150JPY.",
        rich_help_panel=PRICES_PANEL,
    ),
]


@app.command(
    epilog=examples(
        "numsearch buy +15105550100 --dry-run",
        "numsearch buy 1-800-FLOWERS --yes",
        "numsearch buy --area-code 510 --count 2 --dry-run",
    )
)
@connection_options
@output_options
@purchase_options
def buy(
    ctx: typer.Context,
    numbers: NumbersArgument = None,
    area_code: AreaCodeOption = None,
    count: CountOption = None,
    max_count: MaxCountOption = None,
    country: NationalCountry = "US",
    yes: YesOption = False,
    dry_run: DryRunOption = False,
    max_price: MaxPriceOption = None,
    *,
    setup: dict[str, str | None],
    out: Output,
    connection: ClientSettings,
) -> None:
    """Buy a number, once, after asking.

    Each number is priced and checked first (the address or bundle it needs),
    then bought with one POST, never retried: after a failure, numsearch looks
    at the account and says whether it was bought (docs/commands.md, Buying).
    """
    state = state_of(ctx)
    given = numbers or []
    code = normalize_country(country)
    if max_price is not None:
        parse_limit(max_price)  # checked before anything else
    _check_bulk_flags(given, area_code, count, max_count)
    order = _Order(Setup(**setup), code, max_price, yes, dry_run)
    if len(given) <= 1 and given != ["-"] and count is None:
        _buy_one(state, given[0] if given else None, area_code, order, out, connection)
    else:
        _buy_many(state, given, area_code, count, max_count, order, out, connection)


class _Order(NamedTuple):
    """What every purchase of the run shares: its setup, country, price limit and flags."""

    setup: Setup
    country: str
    max_price: str | None
    yes: bool
    dry_run: bool


def _check_bulk_flags(
    given: list[str], area_code: str | None, count: int | None, max_count: int | None
) -> None:
    if "-" in given and len(given) > 1:
        raise InvalidInput("- reads the numbers from stdin: give no NUMBER with it")
    if count is not None and area_code is None:
        raise InvalidInput("--count goes with --area-code (search it, then buy N)")
    if area_code is not None and given:
        raise InvalidInput("give NUMBERs to buy or --area-code, one of the two")
    for flag, value in (("--count", count), ("--max-count", max_count)):
        if value is not None and not 1 <= value <= MAX_BULK:
            raise InvalidInput(f"{flag} must be 1 to {MAX_BULK}, not {value}")


def _buy_one(
    state: AppState,
    number: str | None,
    area_code: str | None,
    order: _Order,
    out: Output,
    connection: ClientSettings,
) -> None:
    """One number (or any in an area code): look (price, paperwork), ask, buy."""
    purchase = build_purchase(number, area_code, order.setup._asdict(), order.country)
    if not order.dry_run:
        refuse_unattended(state, purchase.what, order.yes)
    account = open_account(state, connection)
    plan = account.plan_purchase(
        purchase.phone_number, area_code=purchase.area_code, country=order.country,
        max_price=order.max_price, setup=order.setup, dry_run=order.dry_run,
        choose=paperwork_chooser(state, order.yes, pause=events_of(account).paused),
    )  # fmt: skip
    if order.dry_run:
        _print_dry_run(state, account, plan, out)
        return
    if order.yes:
        state.terminal.info(f"buying {purchase.what} for {plan.cost.text}")
    else:
        confirm_or_stop(state, account.purchase_question(plan), declined="not bought")
    print_purchase(account.make_purchase(plan), out, state)


def _print_dry_run(state: AppState, account: Account, plan: Plan, out: Output) -> None:
    """The POST a purchase would send; for a number the account already holds, its
    `already-owned` row (a real run would buy nothing)."""
    purchase = plan.purchase
    if plan.held is None:
        request = account.purchase_request(plan)
        print_dry_run(state, out, request.method, request.url, request.form,
                      extra=plan.cost.to_json())  # fmt: skip
        state.terminal.info(
            "dry run: only read-only lookups were made (the price, the number's listing,"
            " regulations, bundles, addresses)"
        )
        return
    number = str(purchase.phone_number)
    _print_outcomes(state, [plan.outcome()], out, title=f"Dry run: {number} is already yours")
    if purchase.setup_flags:
        state.terminal.info(
            f"the setup options ({', '.join(purchase.setup_flags)}) would not be applied:"
            f" apply them with `{purchase.update_command(number)}`"
        )
    state.terminal.info(
        f"dry run: {number} is already yours ({plan.held}): nothing would be bought"
    )


# -- several numbers ------------------------------------------------------------------------


def _buy_many(
    state: AppState,
    given: list[str],
    area_code: str | None,
    count: int | None,
    max_count: int | None,
    order: _Order,
    out: Output,
    connection: ClientSettings,
) -> None:
    """Several numbers: each looked at first, one question for them all (with the total
    a month), then each bought through the same safe path."""
    order.setup.form()  # the setup is checked before anything else
    from_stdin = given == ["-"]
    wanted = _wanted_numbers(state, given, order.country) if not area_code else []
    if max_count is None and len(wanted) > MAX_BULK:
        raise InvalidInput(
            f"{len(wanted)} numbers to buy, more than {MAX_BULK} in one run: add"
            f" --max-count N to buy the first N"
        )
    if not order.yes and not order.dry_run:
        _check_can_ask(state, from_stdin)
    account = open_account(state, connection)
    plans = account.plan_purchases(
        wanted, area_code=area_code, count=count or 1, max_count=max_count,
        country=order.country, max_price=order.max_price, setup=order.setup,
        dry_run=order.dry_run, choose=paperwork_chooser(state, True),
    )  # fmt: skip
    if not plans:  # nothing found in the area code (said)
        raise typer.Exit(int(ExitCode.NOTHING_FOUND))
    if order.dry_run:
        _print_bulk_dry_run(state, account, plans, out)
        if any(plan.refused for plan in plans):  # the exit the real run would have
            raise typer.Exit(int(ExitCode.REFUSED))
        return
    if any(plan.refused is None for plan in plans):
        _confirm_many(state, account, plans, order.yes, from_stdin)
    _finish(state, account.make_purchases(plans), out)


def _wanted_numbers(state: AppState, given: list[str], country: str) -> list[Wanted]:
    """The numbers to buy, from the arguments or stdin, checked (exit 2 on the first that
    is not a number), duplicates dropped."""
    if given == ["-"]:
        text = state.terminal.stdin.read(MAX_INPUT + 1)
        if len(text) > MAX_INPUT:
            raise InvalidInput(f"stdin holds more than {MAX_INPUT} bytes of numbers")
        wanted = numbers_in(text)
    else:
        wanted = [Wanted(text, f"argument {i}") for i, text in enumerate(given, 1)]
    if not wanted:
        raise InvalidInput("no numbers to buy on stdin")
    checked, duplicates = checked_numbers(wanted, country)
    if duplicates:
        state.terminal.info(f"{duplicates} number(s) given twice: each is bought once")
    return checked


def _check_can_ask(state: AppState, from_stdin: bool) -> None:
    """Without --yes someone must be asked: on the terminal, or on /dev/tty when stdin
    carries the numbers; exit 2 before anything is sent when there is no one."""
    if not from_stdin:
        refuse_unattended(state, "several numbers", False)
        return
    if _terminal_fd() is None:
        raise InvalidInput(
            "refusing to buy without asking: the numbers come on stdin and there is no"
            " terminal to ask on (add --yes to buy unattended, or --dry-run)"
        )


def _terminal_fd() -> int | None:
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
    fields = ("method", "url", "form", "monthly_price", "price_unit", "refused", "already_owned")
    print_records(records, out, state.terminal, fields=fields, table="request",
                  title="Dry run: these requests would be sent (none was)")  # fmt: skip
    state.terminal.info("dry run: only read-only lookups were made; nothing was bought")


def _confirm_many(
    state: AppState, account: Account, plans: list[Plan], yes: bool, from_stdin: bool
) -> None:
    """List every number with its price and the total a month, and ask once (on
    /dev/tty when stdin carries the numbers); declined is exit 1, nothing bought."""
    lines = [line(plan.item, plan.cost) for plan in plans]
    if yes:
        for text in lines:
            state.terminal.info(text)
        ready = [plan.cost for plan in plans if plan.refused is None]
        noun = "number" if len(ready) == 1 else "numbers"
        state.terminal.info(f"buying {len(ready)} {noun} for {total(ready)}")
        return
    asked = account.purchase_question(plans)
    if from_stdin:
        agreed = _ask_on_tty(lines, asked)
    else:
        for text in lines:
            state.terminal.info(text)
        agreed = state.terminal.confirm(asked)
    if not agreed:
        state.terminal.info("not bought")
        raise typer.Exit(int(ExitCode.NOTHING_FOUND))


def _ask_on_tty(lines: list[str], question: str) -> bool:
    """The question on the terminal itself: stdin carries the numbers."""
    fd = _terminal_fd()
    if fd is None:
        return False
    with os.fdopen(fd, "r+b", buffering=0) as tty:
        tty.write(question_text(question, lines).encode())
        answer = tty.readline().decode(errors="replace")
    return answer.strip().lower() in ("y", "yes")


def _print_outcomes(
    state: AppState, outcomes: list[PurchaseOutcome], out: Output, *, title: str
) -> None:
    rows = [outcome.to_json() for outcome in outcomes]
    print_records(rows, out, state.terminal, fields=OUTCOME_FIELDS, table="bulk", title=title)


def _finish(state: AppState, outcomes: list[PurchaseOutcome], out: Output) -> None:
    """Print every outcome, exit by the rules (0, 5 if any unknown, else 4; 3 when the
    credentials were rejected)."""
    tally: dict[str, int] = {}
    for outcome in outcomes:
        tally[outcome.outcome] = tally.get(outcome.outcome, 0) + 1
    title = ", ".join(f"{n} {outcome}" for outcome, n in tally.items())
    _print_outcomes(state, outcomes, out, title=title)
    state.terminal.info(title)
    if any((o.reason or "").startswith(CREDENTIALS_STOP) for o in outcomes):
        raise typer.Exit(int(ExitCode.CREDENTIALS))
    raise typer.Exit(int(bulk_exit_code([o.to_json() for o in outcomes])))
