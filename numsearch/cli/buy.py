"""`numsearch buy`: buy a number, or several, safely, once each, after asking."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from numsearch.bulk import MAX_BULK
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
from numsearch.cli.prompts import confirm_purchase, paperwork_chooser, refuse_unattended
from numsearch.cli.startup import command_app
from numsearch.cli.steps import buy_with_spinner, open_client, ready_for_purchase
from numsearch.errors import CredentialsError, ExitCode, InvalidInput, NumsearchError
from numsearch.settings import ClientSettings

if TYPE_CHECKING:
    from numsearch.api import TwilioClient
    from numsearch.cli.app import AppState
    from numsearch.pricing import Cost, PriceLimit
    from numsearch.purchase import BulkItem, Purchase, Wanted

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
    from numsearch.countries import normalize_country
    from numsearch.pricing import parse_limit

    state = state_of(ctx)
    given = numbers or []
    code = normalize_country(country)
    limit = parse_limit(max_price) if max_price is not None else None
    _check_bulk_flags(given, area_code, count, max_count)
    if len(given) <= 1 and given != ["-"] and count is None:
        _buy_one(state, given[0] if given else None, area_code, code, limit, yes, dry_run,
                 setup, out, connection)  # fmt: skip
        return
    _buy_many(state, given, area_code, count, code, limit, max_count, yes, dry_run,
              setup, out, connection)  # fmt: skip


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
    country: str,
    limit: PriceLimit | None,
    yes: bool,
    dry_run: bool,
    setup: dict[str, str | None],
    out: Output,
    connection: ClientSettings,
) -> None:
    """One number (or any in an area code): price, paperwork, question, one POST."""
    from numsearch.pricing import check_max_price
    from numsearch.purchase import build_purchase

    purchase = build_purchase(number, area_code, setup, country)
    if not dry_run:
        refuse_unattended(state, purchase.what, yes)
    client = open_client(state, connection)
    if dry_run and _dry_run_of_a_held_number(state, client, purchase, out):
        return
    cost = _cost(state, client, purchase)
    check_max_price(cost, limit, purchase.what)
    purchase = ready_for_purchase(state, client, purchase, yes)
    if dry_run:
        url = f"{client.base_url}{client.account_path}/IncomingPhoneNumbers.json"
        print_dry_run(state, out, "POST", url, purchase.form(), extra=cost.to_json())
        state.terminal.info(
            "dry run: only read-only lookups were made (the price, the number's listing,"
            " regulations, bundles, addresses)"
        )
        return
    confirm_purchase(state, purchase, client.short_account, yes, cost=cost)
    outcome = buy_with_spinner(state, client, purchase)
    print_purchase(outcome, out, state)


def _dry_run_of_a_held_number(
    state: AppState, client: TwilioClient, purchase: Purchase, out: Output
) -> bool:
    """`--dry-run` of a number the account already holds: its `already-owned` row (no
    POST: a real run would buy nothing). False when it is not held, or the look failed
    (said: the dry run goes on)."""
    from numsearch.purchase import BULK_FIELDS

    sid = _held_sid(state, client, purchase)
    if sid is None:
        return False
    number = str(purchase.phone_number)
    row = {"phone_number": number, "outcome": "already-owned", "bought": None, "sid": sid,
           "reason": "already on the account: a real run would buy nothing, send no POST",
           "monthly_price": None, "price_unit": None}  # fmt: skip
    print_records([row], out, state.terminal, fields=BULK_FIELDS, table="bulk",
                  title=f"Dry run: {number} is already yours")  # fmt: skip
    if purchase.setup_flags:
        state.terminal.info(
            f"the setup options ({', '.join(purchase.setup_flags)}) would not be applied:"
            f" apply them with `{purchase.update_command(number)}`"
        )
    state.terminal.info(f"dry run: {number} is already yours ({sid}): nothing would be bought")
    return True


def _cost(state: AppState, client: TwilioClient, purchase: Purchase) -> Cost:
    """What the purchase costs a month (a read-only lookup, cached); unknown is a warning."""
    from numsearch.pricing import cost_of

    country, number_type = purchase.kind()
    with state.terminal.spinner(f"Looking up the price of {purchase.what}…"):
        cost = cost_of(client, country, number_type, warn=state.terminal.warn)
    if cost.amount is None:
        state.terminal.warn(f"the monthly price of {purchase.what} is unknown: {cost.problem}")
    return cost


# -- several numbers ------------------------------------------------------------------------


def _buy_many(
    state: AppState,
    given: list[str],
    area_code: str | None,
    count: int | None,
    country: str,
    limit: PriceLimit | None,
    max_count: int | None,
    yes: bool,
    dry_run: bool,
    setup: dict[str, str | None],
    out: Output,
    connection: ClientSettings,
) -> None:
    """Several numbers: each priced and checked first, one question for them all (with
    the total a month), then each bought through the same safe path."""
    from numsearch.purchase_fields import checked_form

    form = checked_form(dict(setup))
    from_stdin = given == ["-"]
    wanted = _wanted_numbers(state, given, country) if not area_code else []
    if max_count is None and len(wanted) > MAX_BULK:
        raise InvalidInput(
            f"{len(wanted)} numbers to buy, more than {MAX_BULK} in one run: add"
            f" --max-count N to buy the first N"
        )
    if not yes and not dry_run:
        _check_can_ask(state, from_stdin)
    client = open_client(state, connection)
    if area_code:
        wanted = _found_in_area(state, client, area_code, int(count or 1))
    if max_count is not None and len(wanted) > max_count:
        state.terminal.info(f"buying the first {max_count}; {len(wanted) - max_count} left")
        wanted = wanted[:max_count]
    looked_up: dict[tuple[str, str], Any] = {}  # paperwork per country and type, asked once
    from numsearch.bulk import prepare

    choose = paperwork_chooser(state, yes=True)
    prepared = [
        prepare(client, item, form, limit, looked_up, choose=choose, tell=state.terminal.info,
                warn=state.terminal.warn)
        for item in wanted
    ]  # fmt: skip
    if dry_run:
        _print_bulk_dry_run(state, client, [item for item, _ in prepared], out)
        if any(item.refused for item, _ in prepared):  # the exit the real run would have
            raise typer.Exit(int(ExitCode.REFUSED))
        return
    if any(item.refused is None for item, _ in prepared):
        _confirm_many(state, prepared, client.short_account, yes, from_stdin)
    _finish(state, client, [item for item, _ in prepared], out)


def _wanted_numbers(state: AppState, given: list[str], country: str) -> list[Wanted]:
    """The numbers to buy, from the arguments or stdin, checked (exit 2 on the first that
    is not a number), duplicates dropped."""
    from numsearch.purchase import MAX_INPUT, Wanted, checked_numbers, numbers_in

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
    import os

    try:
        fd = os.open(TTY_PATH, os.O_RDWR | os.O_NOCTTY)
    except OSError:
        return None
    if not os.isatty(fd):
        os.close(fd)
        return None
    return fd


def _found_in_area(state: AppState, client: TwilioClient, npa: str, count: int) -> list[Wanted]:
    """`buy --area-code NPA --count N`: the first N numbers a search of NPA finds (so their
    prices and paperwork are known before the question)."""
    from numsearch.number_types import type_of_area_code
    from numsearch.purchase import Wanted
    from numsearch.query import SearchFilters, build_query
    from numsearch.search import checked_search
    from numsearch.spec_limits import answer_cap

    country, kind = type_of_area_code(npa)
    query = build_query(kind.command, country or "US", SearchFilters(area_code=[npa]))
    with state.terminal.spinner(f"Searching area code {npa}…"):
        checked = checked_search(client, query, warn=state.terminal.warn)
    answer = checked.kept
    if len(answer) < count and checked.received >= answer_cap():  # Twilio's cap hid the rest
        from numsearch.sweep import find_all

        with state.terminal.spinner(f"Sweeping area code {npa} past Twilio's cap…"):
            swept = find_all(
                client, query._replace(limit=count), rank=False, cap=answer_cap(),
                warn=state.terminal.warn,
            )  # fmt: skip
        state.terminal.info(swept.summary())
        answer = swept.numbers
    found = [n for n in answer if n.phone_number][:count]
    if not found:
        state.terminal.info(f"no numbers found in area code {npa}: nothing bought")
        raise typer.Exit(int(ExitCode.NOTHING_FOUND))
    if len(found) < count:
        state.terminal.info(f"only {len(found)} of {count} found in area code {npa}")
    return [
        Wanted(str(n.phone_number), "search", n.iso_country, n.address_requirements) for n in found
    ]


def _print_bulk_dry_run(
    state: AppState, client: TwilioClient, items: list[BulkItem], out: Output
) -> None:
    """The POST each number would get; none for a number the account already holds (a
    real run buys nothing there): its row names the SID it is held under."""
    url = f"{client.base_url}{client.account_path}/IncomingPhoneNumbers.json"
    records = []
    for item in items:
        held = _held_sid(state, client, item.purchase)
        records.append(
            {"method": None if held else "POST", "url": None if held else url,
             "form": item.purchase.form(), **item.price, "refused": item.refused,
             "already_owned": held}
        )  # fmt: skip
        if held:
            number = item.purchase.phone_number
            state.terminal.info(f"dry run: {number} is already yours ({held}): no POST for it")
    fields = ("method", "url", "form", "monthly_price", "price_unit", "refused", "already_owned")
    print_records(records, out, state.terminal, fields=fields, table="request",
                  title="Dry run: these requests would be sent (none was)")  # fmt: skip
    state.terminal.info("dry run: only read-only lookups were made; nothing was bought")


def _held_sid(state: AppState, client: TwilioClient, purchase: Purchase) -> str | None:
    """The SID under which the account already holds the number, or None (not held, or
    the look failed: said, and the dry run shows the POST)."""
    from numsearch.purchase import held_already

    try:
        held = held_already(client, purchase)
    except NumsearchError as failure:
        if isinstance(failure, CredentialsError):
            raise
        state.terminal.warn(
            f"could not check whether the account holds {purchase.what}: {failure.message}"
        )
        return None
    return held.sid if held else None


def _confirm_many(
    state: AppState,
    prepared: list[tuple[BulkItem, Cost]],
    account: str,
    yes: bool,
    from_stdin: bool,
) -> None:
    """List every number with its price and the total a month, and ask once (on
    /dev/tty when stdin carries the numbers); declined is exit 1, nothing bought."""
    from numsearch.bulk import line, question, total

    lines = [line(item, cost) for item, cost in prepared]
    asked = question(prepared, account, state.sandbox)
    if yes:
        for text in lines:
            state.terminal.info(text)
        ready = [cost for item, cost in prepared if item.refused is None]
        noun = "number" if len(ready) == 1 else "numbers"
        state.terminal.info(f"buying {len(ready)} {noun} for {total(ready)}")
        return
    agreed = _ask_on_tty(lines, asked) if from_stdin else _ask(state, lines, asked)
    if not agreed:
        state.terminal.info("not bought")
        raise typer.Exit(int(ExitCode.NOTHING_FOUND))


def _ask(state: AppState, lines: list[str], question: str) -> bool:
    for line in lines:
        state.terminal.info(line)
    return state.terminal.confirm(question)


def _ask_on_tty(lines: list[str], question: str) -> bool:
    """The question on the terminal itself: stdin carries the numbers."""
    import os

    from numsearch.terminal import question_text

    fd = _terminal_fd()
    if fd is None:
        return False
    with os.fdopen(fd, "r+b", buffering=0) as tty:
        tty.write(question_text(question, lines).encode())
        answer = tty.readline().decode(errors="replace")
    return answer.strip().lower() in ("y", "yes")


def _finish(state: AppState, client: TwilioClient, items: list[BulkItem], out: Output) -> None:
    """Buy each, print every outcome, exit by the rules (0, 5 if any unknown, else 4;
    3 when the credentials were rejected)."""
    from numsearch.purchase import BULK_FIELDS, CREDENTIALS_STOP, bulk_exit_code, buy_each

    with state.terminal.spinner(f"Buying {len(items)} numbers…"):
        results = buy_each(client, items, tell=state.terminal.warn)
    tally: dict[str, int] = {}
    for result in results:
        tally[result["outcome"]] = tally.get(result["outcome"], 0) + 1
    title = ", ".join(f"{n} {outcome}" for outcome, n in tally.items())
    print_records(results, out, state.terminal, fields=BULK_FIELDS, table="bulk", title=title)
    state.terminal.info(title)
    if any((r["reason"] or "").startswith(CREDENTIALS_STOP) for r in results):
        raise typer.Exit(int(ExitCode.CREDENTIALS))
    raise typer.Exit(int(bulk_exit_code(results)))
