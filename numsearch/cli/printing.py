"""Printing what a command found or did, in the chosen format: records, a search's
numbers with their title and fields, the account's numbers, a purchase, a dry run."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

import typer

from numsearch.cli.app import AppState
from numsearch.cli.options import Output
from numsearch.errors import ExitCode, InvalidInput
from numsearch.models import (
    AVAILABLE_NUMBER_FIELDS,
    AVAILABLE_NUMBER_OWN_FIELDS,
    INCOMING_NUMBER_FIELDS,
)
from numsearch.output import OutputFormat, choose_format, select_fields, write_data
from numsearch.terminal import Terminal

if TYPE_CHECKING:
    from numsearch.grouping import Counts
    from numsearch.models import AvailableNumber, IncomingNumber
    from numsearch.purchase_outcome import PurchaseOutcome
    from numsearch.query import SearchQuery

# -- printing records ----------------------------------------------------------------------


def output_format(out: Output, terminal: Terminal) -> OutputFormat:
    """`-o` when given, else a table on a terminal and JSON in a pipe."""
    return choose_format(out.format, terminal)


def check_output(out: Output, terminal: Terminal) -> OutputFormat:
    """The run's format, once it is known to go with the other output options."""
    fmt = output_format(out, terminal)
    if out.no_header and fmt in (OutputFormat.json, OutputFormat.jsonl):
        raise InvalidInput("--no-header goes with -o table, csv or tsv (JSON has no header)")
    return fmt


def print_records(
    records: Sequence[Mapping[str, Any]],
    out: Output,
    terminal: Terminal,
    *,
    fields: Sequence[str],
    selectable: Sequence[str] | None = None,
    table: str | None = None,
    title: str | None = None,
    header: bool = True,
) -> None:
    """Render `records` with the run's -o and --fields.

    `fields` are printed by default; `--fields` may pick any of `selectable` (default:
    `fields`). `table` names how the records look in a table (numsearch.tables.TABLES),
    under `title`; the table module (and Rich) is loaded only to draw one.
    """
    fmt = check_output(out, terminal)
    if fmt is not OutputFormat.table:
        chosen = select_fields(out.fields, selectable or fields, fields)
        write_data(records, fmt, chosen, terminal, header=header and not out.no_header)
        return
    from numsearch.tables import TABLES, TableSpec, write_table

    columns, table_fields = TABLES[table] if table else ((), None)
    default = [f for f in table_fields if f in fields] if table_fields is not None else fields
    chosen = select_fields(out.fields, selectable or fields, default)
    spec = TableSpec(columns, title=None if out.no_header else title, header=not out.no_header)
    write_table(records, chosen, terminal, spec, explicit_fields=bool(out.fields))


def all_number_fields() -> tuple[str, ...]:
    """Every field a search result has: Twilio's, then numsearch's own."""
    return AVAILABLE_NUMBER_FIELDS + AVAILABLE_NUMBER_OWN_FIELDS


def number_fields(query: SearchQuery, *, ranked: bool = False, priced: bool = False) -> list[str]:
    """The default fields of a search's results: Twilio's, plus vanity/score and prices
    where they apply."""
    wanted = {"vanity": bool(query.word or ranked), "score": ranked, "memorability": ranked}
    wanted |= {"monthly_price": priced, "price_unit": priced}
    return [f for f in all_number_fields() if wanted.get(f, True)]


def search_title(
    query: SearchQuery, count: int, *, ranked: bool = False, sandbox: bool = False
) -> str:
    """`3 local numbers in US spelling STORM (78676), area code 510`."""
    noun = "number" if count == 1 else "numbers"
    title = f"{count} {query.number_type.label} {noun} in {query.country}"
    if query.word:
        title += f" spelling {query.word} ({query.contains})"
    elif query.contains:
        title += f" matching {query.contains}"
    if ranked:
        title += ", best vanity first"
    if query.area_codes:
        title += f", area code {', '.join(query.area_codes)}"
    if query.near:
        title += f", near {query.near}"
    if sandbox:
        title += " [sandbox: not real numbers]"
    return title


def print_numbers(
    numbers: Sequence[AvailableNumber],
    query: SearchQuery,
    out: Output,
    state: AppState,
    *,
    ranked: bool = False,
    header: bool = True,
    priced: bool = False,
) -> None:
    """Print search results in the run's format (`header`: the CSV header line)."""
    # `_match` is for the table only (where the pattern sits): no format prints it.
    records = [
        n.to_json(vanity=True, score=True, price=True) | {"_match": n.match_span} for n in numbers
    ]
    if output_format(out, state.terminal) not in (OutputFormat.json, OutputFormat.jsonl):
        for record in records:  # CSV and tables show memorability's score; JSON the object
            if isinstance(record.get("memorability"), dict):
                record["memorability"] = record["memorability"]["score"]
    print_records(
        records,
        out,
        state.terminal,
        fields=number_fields(query, ranked=ranked, priced=priced),
        selectable=all_number_fields(),
        table="number",
        title=search_title(query, len(numbers), ranked=ranked, sandbox=state.sandbox),
        header=header,
    )


def print_counts(counts: Counts, query: SearchQuery, out: Output, state: AppState) -> None:
    """A search's numbers counted by a field (--by): a bar chart on a terminal (or with
    -o table), else one row per value with its count; says what the counts cover."""
    terminal = state.terminal
    fmt = check_output(out, terminal)
    fields = select_fields(out.fields, counts.fields)
    title = count_title(counts, query, sandbox=state.sandbox)
    if fmt is not OutputFormat.table:
        write_data(counts.records(), fmt, fields, terminal, header=not out.no_header)
        if counts.total and not (counts.swept and counts.complete):
            terminal.info(f"counted {counts.coverage()}")
        return
    from numsearch.charts import write_bar_chart

    bars = [(group.name, group.size) for group in counts.groups]
    write_bar_chart(bars, terminal, title=None if out.no_header else title)


def count_title(counts: Counts, query: SearchQuery, *, sandbox: bool = False) -> str:
    """`412 local numbers in US matching 7777$, by region: every number (--all)`."""
    title = f"{search_title(query, counts.total)}, by {counts.by.label}: {counts.coverage()}"
    return title + (" [sandbox: not real numbers]" if sandbox else "")


def print_incoming(numbers: list[IncomingNumber], title: str, out: Output, state: AppState) -> None:
    """Numbers on the account, in the run's format."""
    print_records(
        [n.to_json() for n in numbers],
        out,
        state.terminal,
        fields=INCOMING_NUMBER_FIELDS,
        table="incoming",
        title=title,
    )


def print_purchase(outcome: PurchaseOutcome, out: Output, state: AppState) -> None:
    """The number a purchase came to (bought, or already the account's), in the run's
    format; exit 5 when Twilio bought another number than asked (it is printed first)."""
    if outcome.record is not None:
        print_incoming([outcome.record], outcome.title, out, state)
    if outcome.outcome == "bought-other":
        raise typer.Exit(int(ExitCode.UNAVAILABLE))


def print_dry_run(
    state: AppState,
    out: Output,
    method: str,
    url: str,
    form: Mapping[str, str],
    *,
    extra: Mapping[str, Any] | None = None,
) -> None:
    """The request a command would send, in the run's format, with `extra` fields (a
    purchase's monthly price); says nothing was sent."""
    structured = output_format(out, state.terminal) in (OutputFormat.json, OutputFormat.jsonl)
    record = {"method": method, "url": url, "form": dict(form) if structured else urlencode(form)}
    record |= dict(extra or {})
    print_records(
        [record], out, state.terminal, fields=tuple(record), table="request",
        title="Dry run: this request would be sent (nothing was)",
    )  # fmt: skip
    state.terminal.info("dry run: nothing was sent, nothing was changed")
