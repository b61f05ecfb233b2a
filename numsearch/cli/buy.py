"""`numsearch buy`: buy a number, or several, safely, once each, after asking."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from numsearch.bulk import MAX_BULK
from numsearch.cli.app import state_of
from numsearch.cli.buying import Order, buy_several, print_outcomes, terminal_fd
from numsearch.cli.help_text import examples
from numsearch.cli.options import (
    PRICES_PANEL,
    NationalCountry,
    Output,
    connection_options,
    output_options,
    purchase_options,
)
from numsearch.cli.printing import print_dry_run, print_purchase
from numsearch.cli.prompts import confirm_or_stop, paperwork_chooser, refuse_unattended
from numsearch.cli.startup import command_app
from numsearch.cli.steps import events_of, open_account
from numsearch.countries import normalize_country
from numsearch.errors import InvalidInput
from numsearch.pricing import parse_limit
from numsearch.purchase import MAX_INPUT, Wanted, build_purchase, checked_numbers, numbers_in
from numsearch.purchase_fields import Setup
from numsearch.settings import ClientSettings

if TYPE_CHECKING:
    from numsearch.account import Account
    from numsearch.cli.app import AppState
    from numsearch.purchase_plan import Plan

app = command_app()
COMMANDS = {"buy": app}

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
    order = Order(Setup(**setup), code, max_price, yes, dry_run)
    if len(given) <= 1 and given != ["-"] and count is None:
        _buy_one(state, given[0] if given else None, area_code, order, out, connection)
    else:
        _buy_many(state, given, area_code, count, max_count, order, out, connection)


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
    order: Order,
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
    print_outcomes(state, [plan.outcome()], out, title=f"Dry run: {number} is already yours")
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
    order: Order,
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
    buy_several(state, account, wanted, order, out, area_code=area_code, count=count or 1,
                max_count=max_count, on_tty=from_stdin)  # fmt: skip


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
    if terminal_fd() is None:
        raise InvalidInput(
            "refusing to buy without asking: the numbers come on stdin and there is no"
            " terminal to ask on (add --yes to buy unattended, or --dry-run)"
        )
