"""Docs that cannot drift: every command has help text and an example in the reference
(docs/), the reference names every exit code and purchase field, and the links between
the pages lead somewhere."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from numsearch.cli.app import app
from tests.support import REPO, CliRun

DOCS = REPO / "docs"
# The reference: every page of docs/ (the README is the front door).
REFERENCE = "\n".join(page.read_text() for page in sorted(DOCS.glob("*.md")))
EXIT_CODES_PAGE = (DOCS / "exit-codes.md").read_text()
COMMANDS_PAGE = (DOCS / "commands.md").read_text()
# Every Markdown page of the repository a reader follows links between.
PAGES = [
    REPO / "README.md",
    REPO / "CONTRIBUTING.md",
    REPO / "benchmarks" / "README.md",
    *sorted(DOCS.glob("*.md")),
]


def leaf_commands(
    command: Any, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], Any]]:
    """Every runnable command, loading the lazy ones."""
    if not hasattr(command, "list_commands"):
        yield path, command
        return
    ctx = typer.Context(command)
    for name in command.list_commands(ctx):
        yield from leaf_commands(command.get_command(ctx, name), (*path, name))


COMMANDS = list(leaf_commands(typer.main.get_command(app)))


def test_the_tree_is_walked() -> None:
    names = {" ".join(path) for path, _ in COMMANDS}
    assert {"local", "tollfree", "profile add"} <= names


@pytest.mark.parametrize(
    ("path", "command"), COMMANDS, ids=lambda v: " ".join(v) if isinstance(v, tuple) else ""
)
def test_every_command_has_help_and_a_documented_example(
    path: tuple[str, ...], command: Any
) -> None:
    assert (command.help or "").strip(), f"numsearch {' '.join(path)} has no help"
    assert f"numsearch {' '.join(path)}" in REFERENCE, f"docs/ has no example of {' '.join(path)}"


@pytest.mark.parametrize(
    ("path", "command"), COMMANDS, ids=lambda v: " ".join(v) if isinstance(v, tuple) else ""
)
def test_every_option_has_help(path: tuple[str, ...], command: Any) -> None:
    for param in command.params:
        if getattr(param, "param_type_name", "") == "option" and not param.hidden:
            assert (param.help or "").strip(), f"{' '.join(path)} {param.opts[0]} has no help"


def test_the_help_listing_matches_each_commands_own_help() -> None:
    from numsearch.cli.startup import COMMANDS as TABLE
    from numsearch.cli.startup import load_command

    for name, entry in TABLE.items():
        command = load_command(name)
        assert (command.help or "").strip().splitlines()[0] == entry.summary, name


def test_root_help_loads_no_command(cli: CliRun, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    # Put back afterwards: a command module loaded again would be another module than the
    # one the fixtures patch (conftest points the terminal itself, /dev/tty, nowhere).
    for module in [
        m
        for m in sys.modules
        if m.startswith("numsearch.cli.")
        and m not in ("numsearch.cli.app", "numsearch.cli.startup")
    ]:
        monkeypatch.delitem(sys.modules, module)
    assert cli("--help").exit_code == 0
    assert not [m for m in sys.modules if m in ("numsearch.cli.search", "numsearch.cli.buy")]


def test_root_help_lists_the_exit_codes(cli: CliRun) -> None:
    result = cli("--help")
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())
    for code in (
        "0 found",
        "1 nothing matched",
        "2 bad usage",
        "3 credentials",
        "4 Twilio refused",
        "5 network",
    ):
        assert code in text


def test_the_docs_document_every_exit_code() -> None:
    from numsearch.errors import ExitCode

    for code in ExitCode:
        assert f"| {int(code)} |" in EXIT_CODES_PAGE


def test_the_command_reference_lists_every_purchase_field_of_the_one_table() -> None:
    from numsearch.purchase_fields import PURCHASE_FIELDS

    for field in PURCHASE_FIELDS:
        assert f"`{field.flag}" in COMMANDS_PAGE, field.flag


def test_the_exit_codes_table_and_the_root_help_come_from_exit_code() -> None:
    from numsearch.errors import ExitCode, exit_codes_table

    assert exit_codes_table() in EXIT_CODES_PAGE
    result = CliRunner().invoke(app, ["--help"], terminal_width=200)
    shown = " ".join(result.stdout.split())
    for code in ExitCode:
        assert f"{code.value} {code.summary}" in shown


def github_anchor(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation but `-` and `_`
    dropped, spaces made `-`."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def anchors(page: Path) -> set[str]:
    text = re.sub(r"^```.*?^```", "", page.read_text(), flags=re.M | re.S)
    return {github_anchor(m) for m in re.findall(r"^#+ (.*)$", text, flags=re.M)}


def test_the_anchor_of_a_heading_is_githubs() -> None:
    assert github_anchor("Prices: `prices [COUNTRY]`, `--price`, `--max-price`") == (
        "prices-prices-country---price---max-price"
    )


@pytest.mark.parametrize("page", PAGES, ids=lambda page: str(page.relative_to(REPO)))
def test_the_links_between_pages_lead_somewhere(page: Path) -> None:
    text = re.sub(r"^```.*?^```", "", page.read_text(), flags=re.M | re.S)
    broken = []
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if re.match(r"[a-z]+:", target):
            continue  # another site
        path, _, anchor = target.partition("#")
        linked = (page.parent / path).resolve() if path else page
        if not linked.exists() or (anchor and anchor not in anchors(linked)):
            broken.append(target)
    assert broken == []
