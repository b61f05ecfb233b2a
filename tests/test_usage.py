"""Usage errors are one line (and where to find help), and a reader that stops early is
not a failure."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.support import CliRun

BOX = ("╭", "│", "╰", "─")


@pytest.mark.parametrize(
    ("args", "message", "hint"),
    [
        (("local", "--bogus-flag"), "error: No such option: --bogus-flag\n", "numsearch local"),
        (
            ("local", "--contain", "5"),
            "error: No such option: --contain (did you mean --contains?)\n",
            "numsearch local",
        ),
        (("lokal",), "error: No such command 'lokal'. Did you mean 'local'?\n", "numsearch"),
        (("local", "--limit", "many"), "error: Invalid value for '--limit", "numsearch local"),
        (("buy", "--yes", "--dry-run", "--voice-method", "PUT"), "--voice-method", "numsearch buy"),
    ],
)
def test_a_usage_error_is_one_line_and_where_to_find_help(
    cli: CliRun, args: tuple[str, ...], message: str, hint: str
) -> None:
    result = cli(*args, terminal=True)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 2, result.stderr
    assert result.stderr.startswith(message) or message in lines[0]
    assert lines[1] == f"Try '{hint} --help' for help."
    assert not any(mark in result.stderr for mark in BOX)
    assert result.stdout == ""


def test_a_far_fetched_option_gets_no_suggestion(cli: CliRun) -> None:
    result = cli("local", "--bogus-flag")
    assert "did you mean" not in result.stderr.lower() and "--no-fax" not in result.stderr


def test_a_reader_that_stops_early_is_not_a_failure(tmp_path: os.PathLike[str]) -> None:
    """`numsearch local ... | head -1`: exit 0, quietly, when numbers were printed."""
    env = dict(os.environ, NUMSEARCH_SANDBOX="1")
    process = subprocess.Popen(
        [sys.executable, "-m", "numsearch", "local", "US", "-o", "jsonl", "--limit", "1000"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert process.stdout is not None and process.stderr is not None
    first = process.stdout.readline()
    process.stdout.close()  # as `head -1` does once it has its line
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=60) == 0, stderr
    assert first.startswith(b'{"phone_number": "+1')
    assert "Traceback" not in stderr and "Broken pipe" not in stderr


@pytest.mark.parametrize(
    ("args", "missing"),
    [
        ((), "error: missing a command: numsearch COMMAND (those listed above)"),
        (("sandbox",), "error: missing a command: numsearch sandbox serve or reset"),
        (("profile",), "error: missing a command: numsearch profile add, list, remove or path"),
    ],
)
def test_a_command_missing_is_the_help_and_one_line_saying_so(
    cli: CliRun, args: tuple[str, ...], missing: str
) -> None:
    """Bare `numsearch` (or a bare group) prints its help, then says what is missing."""
    result = cli(*args)
    assert result.exit_code == 2
    assert "Usage: numsearch" in result.stdout
    assert result.stderr.splitlines() == [missing]
