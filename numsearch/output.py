"""The data formats every listing command prints (json, jsonl, csv; tables are drawn by
numsearch.tables), field selection, and values as plain text.

stdout carries data only: these write to the terminal's stdout and nothing else.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import IO, Any

from numsearch.errors import InvalidInput
from numsearch.terminal import Terminal
from numsearch.untrusted import quoted, safe_json, safe_text

# A spreadsheet reads a cell starting with one of these as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# ...but a phone number or a vanity spelling starts with + and is data: +4759440374,
# +1 510-STORM-00.
_NUMBER_LIKE = re.compile(r"\+[0-9][0-9A-Z .-]*")


class OutputFormat(StrEnum):
    """The formats every listing command can print."""

    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    tsv = "tsv"


def choose_format(requested: OutputFormat | None, terminal: Terminal) -> OutputFormat:
    """`-o` when given, else a table for people and JSON for pipes (`numsearch local | jq`)."""
    if requested is not None:
        return requested
    return OutputFormat.table if terminal.stdout_isatty else OutputFormat.json


# -- records, fields and formats -----------------------------------------------------


Record = Mapping[str, Any]


def select_fields(
    requested: str | None, available: Sequence[str], default: Sequence[str] | None = None
) -> list[str]:
    """The fields to print: `--fields a,b,c` checked against `available`, else `default`."""
    if not requested:
        return list(default if default is not None else available)
    wanted = [name.strip() for name in requested.split(",") if name.strip()]
    unknown = [name for name in wanted if name not in available]
    if unknown:
        raise InvalidInput(
            f"--fields: unknown field {quoted(unknown[0])}; valid fields: {', '.join(available)}"
        )
    if not wanted:
        raise InvalidInput(f"--fields needs at least one of: {', '.join(available)}")
    return list(dict.fromkeys(wanted))


def plain_value(value: Any) -> str | None:
    """A value as table or CSV text: lists and capability maps compact, None as None."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:.6f}".rstrip("0").rstrip(".")
    if isinstance(value, Mapping):
        on = [str(k) for k, v in value.items() if v]
        return ";".join(on)
    if isinstance(value, list | tuple):
        return ";".join(str(v) for v in value)
    return str(value)


def write_data(
    records: Sequence[Record],
    fmt: OutputFormat,
    fields: Sequence[str],
    terminal: Terminal,
    *,
    header: bool = True,
) -> None:
    """Write `records` to stdout as json, jsonl, csv or tsv, keeping only `fields`, in order.

    JSON is indented for a person and one line in a pipe (so each run appends one line
    to a log); `header=False` leaves out the CSV header (later batches of a watch).
    """
    rows = [{name: record.get(name) for name in fields} for record in records]
    out = terminal.stdout
    if fmt is OutputFormat.json:
        indent = 2 if terminal.stdout_isatty else None
        out.write(json_text(rows, indent=indent) + "\n")
    elif fmt is OutputFormat.jsonl:
        for row in rows:
            out.write(json_text(row) + "\n")
    elif fmt is OutputFormat.csv:
        _write_csv(rows, fields, out, header=header, terminal=terminal.stdout_isatty)
    elif fmt is OutputFormat.tsv:
        _write_tsv(rows, fields, out, header=header, terminal=terminal.stdout_isatty)
    else:
        raise ValueError(f"{fmt} is drawn by numsearch.tables")
    out.flush()


_TSV_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def tsv_cell(value: Any) -> str:
    """A value as a TSV cell: as in CSV (formulas neutralised), with backslashes, tabs and
    line breaks inside it written as \\\\, \\t, \\n and \\r, so that every row is one
    line and every cell one column for `cut` and `awk`."""
    return spreadsheet_cell(value).translate(_TSV_ESCAPES)


def _write_tsv(
    rows: Sequence[Record],
    fields: Sequence[str],
    out: IO[str],
    *,
    header: bool = True,
    terminal: bool = False,
) -> None:
    if header:
        out.write("\t".join(fields) + "\n")
    for row in rows:
        cells = [tsv_cell(row.get(name)) for name in fields]
        out.write("\t".join(safe_text(c) for c in cells) if terminal else "\t".join(cells))
        out.write("\n")


def json_text(value: Any, *, indent: int | None = None) -> str:
    """`value` as JSON (UTF-8 as is), with what a terminal could obey or hide (C1
    controls such as the one-byte CSI 0x9b, DEL, bidi and other format characters)
    written as \\u escapes: the JSON means exactly the same value."""
    return safe_json(json.dumps(value, indent=indent, ensure_ascii=False))


def spreadsheet_cell(value: Any) -> str:
    """A value as a CSV/TSV cell: text that a spreadsheet would run as a formula (it
    starts with = + - @, a tab or a CR) gets a leading `'`, except a phone number or a
    vanity spelling; numbers and booleans are never text, so never touched."""
    text = plain_value(value) or ""
    is_text = not isinstance(value, bool | int | float) and value is not None
    if is_text and text.startswith(FORMULA_START) and not _NUMBER_LIKE.fullmatch(text):
        return "'" + text
    return text


def _write_csv(
    rows: Sequence[Record],
    fields: Sequence[str],
    out: IO[str],
    *,
    header: bool = True,
    terminal: bool = False,
) -> None:
    """CSV through the csv module (quotes, commas, newlines); on a terminal the control
    characters of outside text are shown as escapes, not obeyed."""
    writer = csv.writer(out, lineterminator="\n")
    # The csv module quotes a field holding the line terminator ("\n") but not a lone
    # "\r", which readers take for a line break: such a row is written all quoted.
    quoted = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL)
    if header:
        writer.writerow(fields)
    for row in rows:
        cells = [spreadsheet_cell(row.get(name)) for name in fields]
        if terminal:
            cells = [safe_text(c) for c in cells]
        (quoted if any("\r" in c for c in cells) else writer).writerow(cells)
