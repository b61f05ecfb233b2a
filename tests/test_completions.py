"""Shell completions: the committed scripts match the generator, and dynamic completion
offers commands, countries, number types and option values."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import REPO, CliRun

sys.path.insert(0, str(REPO / "scripts"))
import make_completions


@pytest.mark.parametrize(("shell", "name"), sorted(make_completions.SHELLS.items()))
def test_committed_scripts_match_the_generator(shell: str, name: str) -> None:
    committed = (REPO / "completions" / name).read_text()
    assert committed == make_completions.script(shell), (
        f"completions/{name} is stale: run python scripts/make_completions.py"
    )
    assert "_NUMSEARCH_COMPLETE" in committed


def complete_bash(cli: CliRun, line: str) -> list[str]:
    words = line.split(" ")
    env = {"_NUMSEARCH_COMPLETE": "complete_bash", "COMP_WORDS": line,
           "COMP_CWORD": str(len(words) - 1)}  # fmt: skip
    result = cli(env=env)
    assert result.exit_code == 0, result.output
    return result.stdout.split()


@pytest.mark.parametrize(
    ("line", "expected", "absent"),
    [
        ("numsearch lo", ["local"], ["tollfree"]),
        ("numsearch to", ["tollfree"], ["local"]),
        ("numsearch ", ["local", "tollfree", "mobile", "vanity", "sandbox"], []),
        ("numsearch local G", ["GB", "GR"], ["US"]),
        ("numsearch local ", ["US", "GB", "CA", "ZA"], []),
        ("numsearch local US --exclude-address-required ", ["all", "local", "foreign"], []),
        ("numsearch local US -o ", ["table", "json", "jsonl", "csv"], []),
        ("numsearch local US --conta", ["--contains"], []),
        ("numsearch vanity --spell x --country C", ["CA", "CH", "CY", "CZ"], []),
        ("numsearch sandbox ", ["serve", "reset"], []),
    ],
)
def test_bash_completion(cli: CliRun, line: str, expected: list[str], absent: list[str]) -> None:
    offered = complete_bash(cli, line)
    for word in expected:
        assert word in offered, (line, offered)
    for word in absent:
        assert word not in offered


def test_zsh_and_fish_completion_offer_countries_with_beta_marks(cli: CliRun) -> None:
    zsh = cli(
        env={"_NUMSEARCH_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "numsearch local B"}
    )
    assert '"BE"' in zsh.stdout and '"BH":"beta"' in zsh.stdout
    fish = cli(
        env={"_NUMSEARCH_COMPLETE": "complete_fish", "_TYPER_COMPLETE_ARGS": "numsearch local B",
             "_TYPER_COMPLETE_FISH_ACTION": "get-args"}
    )  # fmt: skip
    assert "BR\tbeta" in fish.stdout and "BG" in fish.stdout


def no_shell_environment(home: Path, shell: str = "") -> dict[str, str]:
    """As under a job runner or a provisioning script: no terminal, no shell to detect."""
    return {**os.environ, "HOME": str(home), "SHELL": shell,
            "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}  # fmt: skip


def test_install_completion_writes_the_script(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "numsearch", "--install-completion", "bash"],
        capture_output=True, text=True, env=no_shell_environment(tmp_path), check=False,
        stdin=subprocess.DEVNULL, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    installed = list(tmp_path.rglob("numsearch*"))
    assert installed, list(tmp_path.rglob("*"))
    assert any("_NUMSEARCH_COMPLETE" in p.read_text() for p in installed if p.is_file())
    assert "numsearch" in (tmp_path / ".bashrc").read_text()


def test_install_completion_falls_back_to_shell_then_says_what_to_pass(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "numsearch", "--install-completion"]
    zsh = subprocess.run(command, capture_output=True, text=True, check=False, timeout=60,
                         env=no_shell_environment(tmp_path, "/usr/bin/zsh"))  # fmt: skip
    assert zsh.returncode == 0, zsh.stderr
    assert "zsh completion installed" in zsh.stderr
    assert "_NUMSEARCH_COMPLETE" in (tmp_path / ".zfunc" / "_numsearch").read_text()
    neither = subprocess.run(command, capture_output=True, text=True, check=False, timeout=60,
                             env=no_shell_environment(tmp_path / "other"))  # fmt: skip
    assert neither.returncode == 2
    assert neither.stderr.strip().splitlines() == [
        "error: --install-completion: no shell found; name one: numsearch --install-completion"
        " bash (or zsh, fish, powershell, pwsh)"
    ]


def test_show_completion_for_a_named_shell(tmp_path: Path) -> None:
    shown = subprocess.run(
        [sys.executable, "-m", "numsearch", "--show-completion", "fish"],
        capture_output=True, text=True, check=False, timeout=60,
        env=no_shell_environment(tmp_path),
    )  # fmt: skip
    assert shown.returncode == 0, shown.stderr
    assert "complete --command numsearch" in shown.stdout and "_NUMSEARCH_COMPLETE" in shown.stdout
