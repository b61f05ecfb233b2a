"""What has been reported, and what to run for it: the seen-numbers state behind
`--new-only`, and the `--exec` hooks run for each new match.

Seen numbers live in one SQLite database in the platform's state directory
(`seen.sqlite3`), shared by every state name. A report holds one write transaction
from reading what was seen to saving what is new, so overlapping cron runs report
each number once overall; a run killed before it commits leaves the database as it
was (the numbers are reported again next time: nothing is lost).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import selectors
import signal
import sqlite3
import subprocess
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from numsearch.errors import InvalidInput
from numsearch.state import checked_name, open_database, usable_state_dir

if TYPE_CHECKING:
    from numsearch.models import AvailableNumber

SEEN_LIMIT = 20_000  # numbers remembered per state; the oldest go first
DATABASE = "seen.sqlite3"
LOCK_WAIT = 120.0  # seconds another run may hold the state before this one gives up
HOOK_TIMEOUT = 60.0  # seconds a --exec command may run before it is stopped
HOOK_POLL = 0.05  # seconds between looks for a hook's exit while a child holds its pipes
HOOK_STOP_WAIT = 5.0  # seconds to reap a hook once killed
HOOK_OUTPUT_LIMIT = 64 * 1024  # bytes of each of a hook's streams shown; the rest is dropped
HOOK_DRAIN = 1024 * 1024  # bytes read at most, once the hook has exited, from what is left
PIPE_CHUNK = 64 * 1024
# Never handed to a hook: it needs the match, not the account's keys.
SECRET_VARIABLES = ("TWILIO_AUTH_TOKEN", "TWILIO_API_SECRET", "TWILIO_API_KEY")

Warn = Callable[[str], None]


def default_state_name(command: str, country: str, params: Sequence[dict[str, str]]) -> str:
    """A stable name for a search's state when --state is not given: `local-US-1a2b3c4d`."""
    key = json.dumps([command, country, params], sort_keys=True)
    return f"{command}-{country}-{hashlib.sha256(key.encode()).hexdigest()[:8]}"


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class SeenNumbers:
    """Numbers already reported under one state name."""

    def __init__(self, name: str, path: Path, connection: sqlite3.Connection) -> None:
        self.name = name
        self.path = path
        self._db = connection

    @classmethod
    def open(cls, name: str, *, warn: Warn | None = None) -> SeenNumbers:
        """Open the state `name` (empty when new). A database that is not one is moved
        aside with a warning and started afresh, never crashed on."""
        checked_name(name)
        directory = usable_state_dir()
        path = directory / DATABASE
        if path.is_symlink():  # planted: numsearch writes only files it made
            raise InvalidInput(f"{path} is a symbolic link: numsearch will not write through it")
        seen = cls(name, path, open_database(path, _connect, warn))
        seen._import_legacy(directory / "seen" / f"{name}.json", warn)
        return seen

    @contextmanager
    def transaction(self) -> Iterator[SeenNumbers]:
        """Hold the state from the first read to the save: other runs wait their turn."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self
        except BaseException:
            self._db.rollback()
            raise
        self._db.commit()

    def new(self, numbers: Sequence[AvailableNumber]) -> list[AvailableNumber]:
        """The numbers not reported before, in their order."""
        wanted = [n.phone_number for n in numbers if n.phone_number]
        known: set[str] = set()
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                f"SELECT number FROM seen WHERE state = ? AND number IN ({marks})",  # noqa: S608
                [self.name, *chunk],
            )
            known.update(row[0] for row in rows)
        return [n for n in numbers if n.phone_number and n.phone_number not in known]

    def remember(self, numbers: Sequence[AvailableNumber]) -> None:
        """Add `numbers` (inside a transaction, or in one of their own)."""
        stamp = _stamp()
        rows = [(self.name, n.phone_number, stamp) for n in numbers if n.phone_number]
        own = not self._db.in_transaction
        if own:
            self._db.execute("BEGIN IMMEDIATE")
        self._db.executemany("INSERT OR IGNORE INTO seen VALUES (?, ?, ?)", rows)
        self._db.execute(
            "DELETE FROM seen WHERE state = ? AND number NOT IN (SELECT number FROM seen"
            " WHERE state = ? ORDER BY first_seen DESC, number LIMIT ?)",
            (self.name, self.name, SEEN_LIMIT),
        )
        if own:
            self._db.commit()

    def count(self) -> int:
        """How many numbers this state remembers."""
        row = self._db.execute("SELECT count(*) FROM seen WHERE state = ?", (self.name,))
        return int(row.fetchone()[0])

    def close(self) -> None:
        """Close the database."""
        self._db.close()

    def _import_legacy(self, path: Path, warn: Warn | None) -> None:
        """A state kept by numsearch 0.x as `seen/NAME.json`: taken in once, then set aside."""
        if not path.is_file():
            return
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            numbers = data["numbers"]
            if not isinstance(numbers, dict):
                raise TypeError("numbers is not an object")
            rows = [(self.name, str(k), str(v)) for k, v in numbers.items() if isinstance(k, str)]
        except (OSError, ValueError, KeyError, TypeError, RecursionError) as exc:
            aside = path.with_name(path.name + ".corrupt")
            path.replace(aside)
            if warn:
                warn(f"{path} was not a state file ({exc}); kept it as {aside.name}")
            return
        with self._db:
            self._db.executemany("INSERT OR IGNORE INTO seen VALUES (?, ?, ?)", rows)
        path.replace(path.with_name(path.name + ".imported"))


def _connect(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path, timeout=LOCK_WAIT, isolation_level=None)
    try:
        connection.execute(
            "CREATE TABLE IF NOT EXISTS seen (state TEXT NOT NULL, number TEXT NOT NULL,"
            " first_seen TEXT NOT NULL, PRIMARY KEY (state, number))"
        )
    except sqlite3.DatabaseError:
        connection.close()
        raise
    return connection


# -- hooks -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class HookFailure:
    """A --exec command that failed for one number (reported, never fatal)."""

    number: str
    message: str


def _env_value(value: Any) -> str:
    """An API field as an environment value: no NUL (which no environment can hold) and no
    other control characters."""
    text = "" if value is None else str(value)
    return "".join(ch if ch.isprintable() else " " for ch in text).strip()


def hook_environment(record: dict[str, Any]) -> dict[str, str]:
    """The hook's environment: ours without the account's secrets (and NUMSEARCH_API_URL
    without any user:password written into it), plus the match."""
    env = {k: v for k, v in os.environ.items() if k not in SECRET_VARIABLES}
    if "NUMSEARCH_API_URL" in env:
        env["NUMSEARCH_API_URL"] = re.sub(r"//[^/?#]*@", "//", env["NUMSEARCH_API_URL"], count=1)
    env["NUMSEARCH_PHONE_NUMBER"] = _env_value(record.get("phone_number"))
    env["NUMSEARCH_FRIENDLY_NAME"] = _env_value(record.get("friendly_name"))
    env["NUMSEARCH_COUNTRY"] = _env_value(record.get("iso_country"))
    return env


def run_hook(
    command: str, record: dict[str, Any], output: Any, *, timeout: float = HOOK_TIMEOUT
) -> HookFailure | None:
    """Run `command` through the shell for one match: its details in the environment,
    the match as JSON on stdin, its output on our stderr (`output`), never on stdout.

    The hook is done when its process exits, whatever its children do: one it leaves
    running in the background keeps its pipes open, and is neither waited for nor
    stopped (what it writes after the hook exits is not shown). A hook still running
    after `timeout` seconds is stopped with its process group. No wait is unbounded."""
    env = hook_environment(record)
    number = env["NUMSEARCH_PHONE_NUMBER"]
    try:
        process = subprocess.Popen(  # noqa: S602  (the user's own command line, by design)
            command,
            shell=True,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            start_new_session=True,  # its own process group, to stop it whole
        )
    except OSError as exc:
        return HookFailure(number, f"--exec could not run: {exc.strerror}")
    pipes = _HookPipes(process, json.dumps(record).encode())
    finished = False
    try:
        finished = pipes.serve(until=time.monotonic() + timeout)
    finally:
        if not finished:  # the time is up, or numsearch itself is stopping (Ctrl-C)
            _stop(process)
        pipes.close()
    for text in pipes.said():
        if text:  # the hook's words go to stderr: stdout carries numsearch's data only
            output.write(text if text.endswith("\n") else text + "\n")
    output.flush()
    if not finished:
        return HookFailure(
            number, f"--exec still running after {timeout:g} s for {number}: stopped"
        )
    if process.returncode != 0:
        return HookFailure(number, f"--exec exited {process.returncode} for {number}")
    return None


class _HookPipes:
    """A hook's stdin (the match, written as the hook reads it), stdout and stderr (each
    kept up to HOOK_OUTPUT_LIMIT bytes), served without ever blocking on them."""

    def __init__(self, process: subprocess.Popen[bytes], data: bytes) -> None:
        assert process.stdin and process.stdout and process.stderr  # all three are pipes
        self.process = process
        self.pending = memoryview(data)
        self.kept = {process.stdout.fileno(): bytearray(), process.stderr.fileno(): bytearray()}
        self.dropped = dict.fromkeys(self.kept, 0)
        self.selector = selectors.DefaultSelector()
        for pipe in (process.stdin, process.stdout, process.stderr):
            os.set_blocking(pipe.fileno(), False)
        self.selector.register(process.stdin.fileno(), selectors.EVENT_WRITE)
        for fd in self.kept:
            self.selector.register(fd, selectors.EVENT_READ)

    def serve(self, until: float) -> bool:
        """Feed and read the pipes until the hook exits (True) or `until` passes (False).
        Pipes its children hold open do not keep it waiting: its exit is looked for
        every HOOK_POLL seconds while any is open."""
        while self.process.poll() is None:
            left = until - time.monotonic()
            if left <= 0:
                return False
            if not self.selector.get_map():  # every pipe closed: only the exit is left
                try:
                    self.process.wait(left)
                except subprocess.TimeoutExpired:
                    return False
                break
            for key, _ in self.selector.select(min(left, HOOK_POLL)):
                self._serve(int(key.fd))
        self.drain()
        return True

    def drain(self) -> None:
        """Read what the output pipes hold now, without waiting for more (a child may go
        on writing: at most HOOK_DRAIN bytes are read)."""
        budget = HOOK_DRAIN
        for fd in self.kept:
            while budget > 0 and fd in self.selector.get_map():
                read = self._read(fd)
                if not read:  # nothing more for now, or the end
                    break
                budget -= read

    def _serve(self, fd: int) -> None:
        if fd in self.kept:
            self._read(fd)
            return
        try:
            written = os.write(fd, self.pending[:PIPE_CHUNK])
        except BlockingIOError:
            return
        except OSError:  # the hook closed its stdin (or exited) without reading it all
            written = len(self.pending)
        self.pending = self.pending[written:]
        if not self.pending:  # all written: the hook sees the end of its input
            self._forget(fd)

    def _read(self, fd: int) -> int:
        """Read once from an output pipe: the bytes read, 0 when there is nothing now (or
        the pipe is closed, which forgets it)."""
        try:
            chunk = os.read(fd, PIPE_CHUNK)
        except BlockingIOError:
            return 0
        except OSError:
            chunk = b""
        if not chunk:
            self._forget(fd)
            return 0
        room = max(HOOK_OUTPUT_LIMIT - len(self.kept[fd]), 0)
        self.kept[fd] += chunk[:room]
        self.dropped[fd] += len(chunk) - min(room, len(chunk))
        return len(chunk)

    def _forget(self, fd: int) -> None:
        self.selector.unregister(fd)
        if fd not in self.kept:
            assert self.process.stdin is not None
            self.process.stdin.close()

    def said(self) -> list[str]:
        """What the hook wrote on stdout, then on stderr, as text."""
        texts = []
        for fd, kept in self.kept.items():
            text = kept.decode(errors="replace")
            if self.dropped[fd]:
                cut = f"[--exec wrote {self.dropped[fd]} more bytes, not shown]"
                text = text + ("" if text.endswith("\n") else "\n") + cut
            texts.append(text)
        return texts

    def close(self) -> None:
        """Close every pipe: whatever a child of the hook writes later goes nowhere."""
        self.selector.close()
        for pipe in (self.process.stdin, self.process.stdout, self.process.stderr):
            if pipe is not None:
                with suppress(OSError):  # stdin's last bytes not flushed: the hook is gone
                    pipe.close()


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Kill the hook and its process group, and reap it (waiting a bounded time)."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        process.kill()
    with suppress(subprocess.TimeoutExpired):  # not dead after SIGKILL: the kernel's business
        process.wait(HOOK_STOP_WAIT)
