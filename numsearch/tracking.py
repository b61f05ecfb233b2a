"""What has been reported, and what to run for it: the seen-numbers state behind
`--new-only`, and the `--exec` hooks run for each new match."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from numsearch.state import checked_name, read_json, state_dir, write_json

if TYPE_CHECKING:
    from numsearch.models import AvailableNumber

SEEN_LIMIT = 20_000  # numbers remembered per state; the oldest go first


def default_state_name(command: str, country: str, params: Sequence[dict[str, str]]) -> str:
    """A stable name for a search's state when --state is not given: `local-US-1a2b3c4d`."""
    import hashlib

    key = json.dumps([command, country, params], sort_keys=True)
    return f"{command}-{country}-{hashlib.sha256(key.encode()).hexdigest()[:8]}"


@dataclass
class SeenNumbers:
    """Numbers already reported under one state name, kept in the platform state dir."""

    name: str
    path: Path
    seen: dict[str, str] = field(default_factory=dict)  # number -> first reported (UTC)

    @classmethod
    def open(cls, name: str) -> SeenNumbers:
        """Load the state `name` (empty when it does not exist yet)."""
        checked_name(name)
        path = state_dir() / "seen" / f"{name}.json"
        data = read_json(path, {})
        seen = data.get("numbers", {}) if isinstance(data, dict) else {}
        return cls(name, path, {str(k): str(v) for k, v in seen.items()})

    def new(self, numbers: Iterable[AvailableNumber]) -> list[AvailableNumber]:
        """The numbers not reported before, in their order."""
        return [n for n in numbers if n.phone_number and n.phone_number not in self.seen]

    def remember(self, numbers: Iterable[AvailableNumber]) -> None:
        """Add `numbers` and save, atomically, under a lock against a concurrent run."""
        stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        fresh = {n.phone_number: stamp for n in numbers if n.phone_number}
        with _locked(self.path):
            current = SeenNumbers.open(self.name).seen  # another run may have added some
            current.update({k: v for k, v in fresh.items() if k not in current})
            if len(current) > SEEN_LIMIT:
                current = dict(sorted(current.items(), key=lambda kv: kv[1])[-SEEN_LIMIT:])
            write_json(self.path, {"version": 1, "numbers": current})
            self.seen = current


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        import fcntl
    except ImportError:  # Windows: the atomic rename alone
        yield
        return
    with path.with_name(f".{path.name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


# -- hooks -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class HookFailure:
    """A --exec command that failed for one number (reported, never fatal)."""

    number: str
    message: str


def run_hook(command: str, record: dict[str, Any], stdout: Any) -> HookFailure | None:
    """Run `command` through the shell for one match: its details in the environment,
    the match as JSON on stdin, and its output on our stderr (`stdout`), never on ours."""
    number = str(record.get("phone_number") or "")
    env = {
        **os.environ,
        "NUMSEARCH_PHONE_NUMBER": number,
        "NUMSEARCH_FRIENDLY_NAME": str(record.get("friendly_name") or ""),
        "NUMSEARCH_COUNTRY": str(record.get("iso_country") or ""),
    }
    try:
        done = subprocess.run(  # noqa: S602  (the user's own command line, by design)
            command,
            shell=True,
            input=json.dumps(record),
            text=True,
            env=env,
            capture_output=True,
            check=False,
        )
    except OSError as exc:
        return HookFailure(number, f"--exec could not run: {exc.strerror}")
    for output in (done.stdout, done.stderr):
        if output:  # the hook's words go to stderr: stdout carries numsearch's data only
            stdout.write(output if output.endswith("\n") else output + "\n")
    stdout.flush()
    if done.returncode != 0:
        return HookFailure(number, f"--exec exited {done.returncode} for {number}")
    return None
