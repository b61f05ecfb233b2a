"""The data formats every listing command prints (json, jsonl, csv; tables are drawn by
numsearch.tables), field selection, and values as plain text.

stdout carries data only: these write to the terminal's stdout and nothing else.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import IO, Any

from numsearch.errors import InvalidInput
from numsearch.terminal import Terminal


class OutputFormat(StrEnum):
    """The formats every listing command can print."""

    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


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
            f"--fields: unknown field {unknown[0]!r}; valid fields: {', '.join(available)}"
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
    """Write `records` to stdout as json, jsonl or csv, keeping only `fields`, in order.

    JSON is indented for a person and one line in a pipe (so each run appends one line
    to a log); `header=False` leaves out the CSV header (later batches of a watch).
    """
    rows = [{name: record.get(name) for name in fields} for record in records]
    out = terminal.stdout
    if fmt is OutputFormat.json:
        indent = 2 if terminal.stdout_isatty else None
        out.write(json.dumps(rows, indent=indent, ensure_ascii=False) + "\n")
    elif fmt is OutputFormat.jsonl:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    elif fmt is OutputFormat.csv:
        _write_csv(rows, fields, out, header=header)
    else:
        raise ValueError(f"{fmt} is drawn by numsearch.tables")
    out.flush()


def _write_csv(
    rows: Sequence[Record], fields: Sequence[str], out: IO[str], *, header: bool = True
) -> None:
    writer = csv.writer(out, lineterminator="\n")
    if header:
        writer.writerow(fields)
    for row in rows:
        writer.writerow([plain_value(row.get(name)) or "" for name in fields])
