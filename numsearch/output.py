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
from collections.abc import Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from enum import StrEnum
from typing import IO, TYPE_CHECKING, Any

from numsearch.errors import InvalidInput

if TYPE_CHECKING:
    from rich.console import Console

    from numsearch.tables import TableSpec


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


class Environment:
    """Decided once per run: are stdout/stderr/stdin terminals, may we use colour, how wide.

    Everything that cares asks this object; tests build one to play a terminal or a pipe.
    (A plain class, not a dataclass: it is on every command's start-up path.)
    """

    def __init__(
        self,
        *,
        stdout_isatty: bool = False,
        stderr_isatty: bool = False,
        stdin_isatty: bool = False,
        color: bool = False,
        width: int = 100,
        stdout: IO[str] | None = None,
        stderr: IO[str] | None = None,
        stdin: IO[str] | None = None,
    ) -> None:
        self.stdout_isatty = stdout_isatty
        self.stderr_isatty = stderr_isatty
        self.stdin_isatty = stdin_isatty
        self.color = color
        self.width = width
        self.stdout = stdout or sys.stdout
        self.stderr = stderr or sys.stderr
        self.stdin = stdin or sys.stdin
        self._status_shown = False

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
        from numsearch.tables import write_table

        write_table(records, fields, env, table, explicit_fields=explicit_fields)
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
