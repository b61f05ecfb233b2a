"""From results to stdout: pick the format and fields, title the table, render."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from numsearch.cli.options import Output
from numsearch.output import Environment, OutputFormat, render, select_fields

if TYPE_CHECKING:
    from numsearch.models import AvailableNumber
    from numsearch.query import SearchQuery


def all_number_fields() -> tuple[str, ...]:
    """Every field a search result has: Twilio's, then numsearch's own."""
    from numsearch.models import AVAILABLE_NUMBER_FIELDS, AVAILABLE_NUMBER_OWN_FIELDS

    return AVAILABLE_NUMBER_FIELDS + AVAILABLE_NUMBER_OWN_FIELDS


def output_format(out: Output, env: Environment) -> OutputFormat:
    """`-o` when given, else a table on a terminal and JSON in a pipe."""
    return out.format or env.default_format()


def print_records(
    records: Sequence[Mapping[str, Any]],
    out: Output,
    env: Environment,
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
    under `title`; the table module is loaded only to draw one.
    """
    fmt = output_format(out, env)
    spec, default = None, fields
    if fmt is OutputFormat.table and table is not None:
        from numsearch.tables import TABLES, TableSpec

        columns, table_fields = TABLES[table]
        spec = TableSpec(columns, title=title)
        if table_fields is not None:
            default = [f for f in table_fields if f in fields]
    chosen = select_fields(out.fields, selectable or fields, default)
    render(records, fmt, chosen, env, spec, explicit_fields=bool(out.fields), header=header)


def check_number_fields(out: Output) -> None:
    """Fail on an unknown --fields name before any request is made."""
    select_fields(out.fields, all_number_fields())


def number_fields(query: SearchQuery, *, ranked: bool = False) -> list[str]:
    """The default fields of a search's results: Twilio's, plus vanity/score where they apply."""
    wanted = {"vanity": bool(query.word or ranked), "score": ranked, "memorability": ranked}
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
    if sandbox:
        title += " [sandbox: not real numbers]"
    return title


def print_numbers(
    numbers: Sequence[AvailableNumber],
    query: SearchQuery,
    out: Output,
    env: Environment,
    *,
    ranked: bool = False,
    sandbox: bool = False,
    header: bool = True,
) -> None:
    """Print search results in the run's format (`header`: the CSV header line)."""
    records = [n.to_json(vanity=True, score=True) | {"_match": n.match_span} for n in numbers]
    if output_format(out, env) not in (OutputFormat.json, OutputFormat.jsonl):
        for record in records:  # CSV and TSV show memorability's score; JSON the whole object
            if isinstance(record.get("memorability"), dict):
                record["memorability"] = record["memorability"]["score"]
    print_records(
        # `_match` is for the table only (where the pattern sits): no format prints it.
        records,
        out,
        env,
        fields=number_fields(query, ranked=ranked),
        selectable=all_number_fields(),
        table="number",
        title=search_title(query, len(numbers), ranked=ranked, sandbox=sandbox),
        header=header,
    )
