"""Files in the platform's state directory: small JSON files written atomically, and
SQLite databases that a corrupt file cannot stop.

A run killed mid-write leaves the old JSON file whole: the new content goes to a
temporary file in the same directory, is flushed to disk, then renamed over the old one.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from numsearch.errors import InvalidInput
from numsearch.untrusted import quoted

STATE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")


def state_dir() -> Path:
    """The platform's state directory for numsearch (XDG_STATE_HOME on Linux)."""
    from platformdirs import user_state_path

    return user_state_path("numsearch", appauthor=False)


def usable_state_dir() -> Path:
    """The state directory, made if need be and checked to be a writable directory;
    InvalidInput (exit 2, before anything is sent) naming the path and the fix."""
    import tempfile

    path = state_dir()
    try:
        path.mkdir(parents=True, exist_ok=True)
        if not path.is_dir():
            raise NotADirectoryError(f"{path} is not a directory")
        probe = tempfile.TemporaryFile(dir=path)  # noqa: SIM115  (closed just below)
        probe.close()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise InvalidInput(
            f"cannot keep numsearch's state in {path} ({reason}): set XDG_STATE_HOME to a"
            " writable directory"
        ) from None
    return path


def checked_name(name: str, flag: str = "--state") -> str:
    """A state name safe to use as a file name, or InvalidInput naming the flag."""
    if not STATE_NAME.fullmatch(name) or name.endswith(".json"):
        raise InvalidInput(
            f"{flag} {quoted(name)}: use letters, digits, '-', '_' and '.' (up to 64)"
        )
    return name


def read_json(path: Path, default: Any) -> Any:
    """The JSON in `path`, or `default` when there is no file; a corrupt file is an error."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return default
    try:
        return json.loads(text)
    except ValueError:
        raise InvalidInput(f"{path} is not valid JSON: remove it to start afresh") from None


def write_json(path: Path, data: Any) -> None:
    """Replace `path` with `data` as JSON, atomically (write, fsync, rename)."""
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(data, out, indent=1, sort_keys=True)
            out.write("\n")
            out.flush()
            os.fsync(out.fileno())
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def open_database(
    path: Path,
    connect: Callable[[Path], sqlite3.Connection],
    warn: Callable[[str], None] | None = None,
) -> sqlite3.Connection:
    """`connect(path)`, which opens the database and readies its tables. A file there that
    is not a database (sqlite3.DatabaseError) is kept aside as `NAME.corrupt-STAMP`, with a
    warning, and a fresh database is made in its place: never a crash."""
    try:
        return connect(path)
    except sqlite3.DatabaseError as exc:
        stamp = f"{path.name}.corrupt-{datetime.now(UTC):%Y%m%dT%H%M%SZ}"
        aside, count = path.with_name(stamp), 1
        while aside.exists():  # one kept already this second: keep both
            count += 1
            aside = path.with_name(f"{stamp}-{count}")
        try:
            path.replace(aside)
        except FileNotFoundError:
            pass  # another run kept it aside first, and warned
        else:
            if warn:
                warn(f"{path} was not readable ({exc}); kept it as {aside.name}, starting afresh")
    return connect(path)
