"""The sandbox's purchases database: a file in its place that is not a database is kept
aside with one warning and the sandbox starts afresh, whatever the command (as the
seen-numbers database does), never an exit 70 with a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from numsearch.sandbox.api import PurchaseStore

GUARD = 60  # seconds: only against a hang
GARBAGE = b"this is not a SQLite database\x00\xff" * 64


def sandbox_database() -> Path:
    """Where the sandbox keeps its purchases (the state dir is the test's own)."""
    from numsearch.state import state_dir

    return state_dir() / "sandbox.sqlite3"


def numsearch(*args: str) -> subprocess.CompletedProcess[str]:
    """numsearch as a user runs it: its own process, its stderr as the terminal shows it."""
    return subprocess.run(
        [sys.executable, "-m", "numsearch", *args],
        capture_output=True,
        text=True,
        timeout=GUARD,
        check=False,
    )


def kept_aside(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f"{path.name}.corrupt-*"))


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(
            ("--sandbox", "local", "US", "--area-code", "510", "-o", "json", "--limit", "2"),
            id="search",
        ),
        pytest.param(("sandbox", "reset"), id="reset"),
    ],
)
def test_a_corrupt_sandbox_database_is_kept_aside_with_one_warning(args: tuple[str, ...]) -> None:
    path = sandbox_database()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(GARBAGE)

    done = numsearch(*args)

    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and "error:" not in done.stderr, done.stderr
    warnings = [line for line in done.stderr.splitlines() if "kept it as" in line]
    assert len(warnings) == 1, done.stderr
    [aside] = kept_aside(path)
    assert aside.name in warnings[0] and str(path) in warnings[0]
    assert aside.read_bytes() == GARBAGE  # kept as it was, for whoever wants to look
    if args[0] == "sandbox":
        assert "0 purchase(s) forgotten" in done.stderr
    else:
        assert [r["phone_number"][:5] for r in json.loads(done.stdout)] == ["+1510"] * 2


def test_the_fresh_database_keeps_purchases_and_warns_no_more() -> None:
    path = sandbox_database()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(GARBAGE)
    warnings: list[str] = []
    store = PurchaseStore(warn=warnings.append)

    assert store.numbers() == frozenset()
    assert store.add({"phone_number": "+15105550100", "sid": "PN" + "0" * 32})
    assert PurchaseStore(warn=warnings.append).numbers() == {"+15105550100"}
    assert len(warnings) == 1 and "kept it as sandbox.sqlite3.corrupt-" in warnings[0]
    assert len(kept_aside(path)) == 1


def test_each_corrupt_file_is_kept_even_two_in_one_second() -> None:
    path = sandbox_database()
    path.parent.mkdir(parents=True, exist_ok=True)
    for garbage in (GARBAGE, GARBAGE[::-1]):
        path.write_bytes(garbage)
        assert PurchaseStore(warn=lambda _: None).numbers() == frozenset()
    assert {p.read_bytes() for p in kept_aside(path)} == {GARBAGE, GARBAGE[::-1]}
