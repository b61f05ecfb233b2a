"""Where output goes and what it looks like: the terminal check, messages, and the
table / json / jsonl / csv renderers shared by every listing command.

stdout carries data only; messages, warnings and spinners go to stderr.
Rich is imported only to draw a table or a spinner.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field
from enum import StrEnum
from typing import IO, TYPE_CHECKING, Any

from numsearch.errors import InvalidInput

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text


class OutputFormat(StrEnum):
    """The formats every listing command can print."""

    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


def _isatty(stream: IO[Any]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


@dataclass
class Environment:
    """Decided once per run: are stdout/stderr/stdin terminals, may we use colour, how wide.

    Everything that cares asks this object; tests build one to play a terminal or a pipe.
    """

    stdout_isatty: bool = False
    stderr_isatty: bool = False
    stdin_isatty: bool = False
    color: bool = False
    width: int = 100
    stdout: IO[str] = field(default_factory=lambda: sys.stdout)
    stderr: IO[str] = field(default_factory=lambda: sys.stderr)
    stdin: IO[str] = field(default_factory=lambda: sys.stdin)
    _status_shown: bool = field(default=False, repr=False)

    @classmethod
    def detect(cls, *, no_color: bool = False) -> Environment:
        """Look at the real streams and the environment (NO_COLOR, TERM, COLUMNS)."""
        stdout_tty, stderr_tty = _isatty(sys.stdout), _isatty(sys.stderr)
        color_off = no_color or bool(os.environ.get("NO_COLOR")) or os.environ.get("TERM") == "dumb"
        return cls(
            stdout_isatty=stdout_tty,
            stderr_isatty=stderr_tty,
            stdin_isatty=_isatty(sys.stdin),
            color=not color_off,
            width=shutil.get_terminal_size((100, 24)).columns,
            stdout=sys.stdout,
            stderr=sys.stderr,
            stdin=sys.stdin,
        )

    def default_format(self) -> OutputFormat:
        """A table for people, JSON for pipes: `numsearch local | jq` just works."""
        return OutputFormat.table if self.stdout_isatty else OutputFormat.json

    # -- messages on stderr ---------------------------------------------------------

    def _paint(self, text: str, code: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.color and self.stderr_isatty else text

    def status(self, text: str) -> None:
        """A status line on stderr that the next one replaces (terminals only)."""
        if self.stderr_isatty:
            self.stderr.write(f"\r\x1b[2K{self._paint(text, '2')}")
            self.stderr.flush()
            self._status_shown = True

    def clear_status(self) -> None:
        """Remove the status line, so that what follows starts on a clean line."""
        if self._status_shown:
            self.stderr.write("\r\x1b[2K")
            self.stderr.flush()
            self._status_shown = False

    def error(self, message: str) -> None:
        """`error: ...` on stderr, one line."""
        self.clear_status()
        self.stderr.write(f"{self._paint('error:', '1;31')} {message}\n")
        self.stderr.flush()

    def warn(self, message: str) -> None:
        """`warning: ...` on stderr."""
        self.clear_status()
        self.stderr.write(f"{self._paint('warning:', '1;33')} {message}\n")
        self.stderr.flush()

    def info(self, message: str) -> None:
        """A plain note on stderr (never on stdout, which is for data)."""
        self.clear_status()
        self.stderr.write(f"{self._paint(message, '2')}\n")
        self.stderr.flush()

    def spinner(self, message: str) -> AbstractContextManager[Any]:
        """A spinner on stderr while work is in flight, only when stderr is a terminal."""
        if not self.stderr_isatty:
            return nullcontext()
        return _spinner(self, message)

    def console(self, *, stderr: bool = False) -> Console:
        """A Rich console on stdout (or stderr) that follows this environment."""
        from rich.console import Console

        tty = self.stderr_isatty if stderr else self.stdout_isatty
        return Console(
            file=self.stderr if stderr else self.stdout,
            force_terminal=tty,
            no_color=not self.color,
            color_system="auto" if self.color and tty else None,
            highlight=False,
            soft_wrap=False,
            # Piped tables are not cut to a terminal's width (gh's rule).
            width=self.width if tty else 10_000,
        )


@contextmanager
def _spinner(env: Environment, message: str) -> Iterator[None]:
    console = env.console(stderr=True)
    with console.status(message, spinner="dots"):
        yield


# -- records, fields and formats -----------------------------------------------------


Record = Mapping[str, Any]


@dataclass(frozen=True)
class Column:
    """A table column: which field, its heading, and how a cell reads."""

    field: str
    header: str
    cell: Callable[[Record], str | Text | None] | None = None
    justify: str = "left"
    no_wrap: bool = False
    priority: int = 5  # on a narrow terminal the highest numbers go first; 0 never goes

    def render(self, record: Record) -> str | Text | None:
        """The cell for `record`; None when the record has nothing there."""
        if self.cell is not None:
            return self.cell(record)
        return plain_value(record.get(self.field))


@dataclass(frozen=True)
class TableSpec:
    """How one kind of record is drawn as a table."""

    columns: Sequence[Column]
    title: str | None = None
    caption: str | None = None


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


def render(
    records: Sequence[Record],
    fmt: OutputFormat,
    fields: Sequence[str],
    env: Environment,
    table: TableSpec | None = None,
    *,
    explicit_fields: bool = False,
    header: bool = True,
) -> None:
    """Write `records` to stdout in `fmt`, keeping only `fields`, in that order.

    JSON is indented for a person and one line in a pipe (so each run appends one line
    to a log); `header=False` leaves out the CSV header (later batches of a watch).
    """
    rows = [{name: record.get(name) for name in fields} for record in records]
    out = env.stdout
    if fmt is OutputFormat.json:
        indent = 2 if env.stdout_isatty else None
        out.write(json.dumps(rows, indent=indent, ensure_ascii=False) + "\n")
    elif fmt is OutputFormat.jsonl:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    elif fmt is OutputFormat.csv:
        _write_csv(rows, fields, out, header=header)
    else:
        _write_table(records, fields, env, table, explicit_fields=explicit_fields)
    out.flush()


def _write_csv(
    rows: Sequence[Record], fields: Sequence[str], out: IO[str], *, header: bool = True
) -> None:
    import csv

    writer = csv.writer(out, lineterminator="\n")
    if header:
        writer.writerow(fields)
    for row in rows:
        writer.writerow([plain_value(row.get(name)) or "" for name in fields])


def _write_table(
    records: Sequence[Record],
    fields: Sequence[str],
    env: Environment,
    spec: TableSpec | None,
    *,
    explicit_fields: bool,
) -> None:
    if not records:
        # Nothing to draw: say so where people look, and leave stdout empty.
        env.info(spec.title if spec and spec.title else "nothing found")
        return
    from rich import box
    from rich.cells import cell_len
    from rich.table import Table

    known = {column.field: column for column in (spec.columns if spec else ())}
    columns = [known.get(name) or Column(name, name.replace("_", " ").title()) for name in fields]
    cells = [[column.render(record) for column in columns] for record in records]
    # Drop columns empty in every row (no LATA column for GB), unless asked for by name.
    keep = [
        i
        for i, column in enumerate(columns)
        if explicit_fields or any(row[i] not in (None, "") for row in cells)
    ]
    console = env.console()

    def build(shown: list[int]) -> Table:
        table = Table(box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False)
        for i in shown:
            column = columns[i]
            table.add_column(
                column.header,
                justify=column.justify,  # type: ignore[arg-type]
                no_wrap=column.no_wrap,
                overflow="fold",
            )
        for row in cells:
            table.add_row(*[row[i] if row[i] is not None else "" for i in shown])
        return table

    def width(i: int) -> int:
        """Column i's width with nothing wrapped: its widest cell or header."""
        texts = [columns[i].header] + [
            cell.plain if hasattr(cell, "plain") else str(cell)
            for cell in (r[i] for r in cells)
            if cell
        ]
        return max(cell_len(text) for text in texts)

    # Too narrow for everything unwrapped: leave out the least important columns (never
    # the number) rather than fold every cell. Each column costs 3 more: padding and rule.
    while sum(width(i) + 3 for i in keep) - 3 > console.width:
        droppable = [i for i in keep if columns[i].priority > 0]
        if not droppable:
            break
        keep.remove(max(reversed(droppable), key=lambda i: columns[i].priority))
    table = build(keep)
    if spec and spec.title:
        # Above the table, not in it: Rich would wrap a title to the table's width.
        console.print(spec.title, style="bold", soft_wrap=True, markup=False)
    console.print(table)
    if spec and spec.caption:
        console.print(spec.caption, style="dim", soft_wrap=True, markup=False)


# -- how numsearch's records look in a table -------------------------------------------


def _national_number(record: Record) -> str | Text | None:
    """The number in its country's national format, with the searched digits picked out."""
    number = record.get("phone_number")
    if not number:
        return None
    from numsearch.numbering import format_national, national_digits

    written = format_national(str(number), record.get("iso_country"))
    span = record.get("_match")
    if not span:
        return written
    from rich.text import Text

    # The national form may start with a trunk prefix (0 in GB) before the national digits.
    digit_count = sum(ch.isdigit() for ch in written)
    position = len(national_digits(str(number))) - digit_count
    marked = []
    for i, ch in enumerate(written):
        if ch.isdigit():
            if span[0] <= position < span[1]:
                marked.append(i)
            position += 1
    text = Text(written)
    if marked:
        text.stylize("bold underline", marked[0], marked[-1] + 1)
    return text


def _spelled(record: Record) -> Text | None:
    """The vanity form with its letters picked out: +1 510-[STORM]-00."""
    spelled = record.get("vanity")
    if not spelled:
        return None
    return highlight_letters(str(spelled))


def highlight_letters(spelled: str) -> Text:
    """Each run of letters (the words) in bold magenta: 1-800-[FLOWERS]."""
    import re

    from rich.text import Text

    text = Text(spelled)
    for run in re.finditer(r"[A-Za-z]+", spelled):
        text.stylize("bold magenta", run.start(), run.end())
    return text


def _capabilities(record: Record) -> str | None:
    caps = record.get("capabilities")
    if not isinstance(caps, Mapping):
        return None
    return " ".join(name for name, on in caps.items() if on) or "-"


def _address(record: Record) -> str | None:
    # Only worth a column when some number needs an address; "none" reads as blank.
    need = record.get("address_requirements")
    return None if need in (None, "none") else str(need)


def _beta(record: Record) -> str | None:
    return "beta" if record.get("beta") else None


def _score(record: Record) -> str | None:
    score = record.get("score")
    return f"{score:.2f}" if isinstance(score, int | float) else None


AVAILABLE_NUMBER_COLUMNS = (
    Column("phone_number", "Number", _national_number, no_wrap=True, priority=0),
    Column("vanity", "Vanity", _spelled, no_wrap=True, priority=1),
    Column("friendly_name", "Friendly name", priority=6),
    Column("locality", "Locality", priority=2),
    Column("region", "Region", priority=3),
    Column("postal_code", "Postal code", priority=5),
    Column("iso_country", "Country", priority=4),
    Column("lata", "LATA", justify="right", priority=6),
    Column("rate_center", "Rate center", priority=6),
    Column("latitude", "Lat", justify="right", no_wrap=True, priority=7),
    Column("longitude", "Long", justify="right", no_wrap=True, priority=7),
    Column("capabilities", "Capabilities", _capabilities, no_wrap=True, priority=3),
    Column("address_requirements", "Address", _address, priority=4),
    Column("beta", "Beta", _beta, priority=4),
    Column("score", "Score", _score, justify="right", priority=1),
)
# What a table shows unless --fields says otherwise: the title names the country, and
# friendly_name repeats the number.
AVAILABLE_NUMBER_TABLE_FIELDS = tuple(
    c.field for c in AVAILABLE_NUMBER_COLUMNS if c.field not in ("friendly_name", "iso_country")
)
