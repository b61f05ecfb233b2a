"""Help that reads at 80 columns: every command's `--help` keeps within its number of
lines, shows every flag and metavar whole, gives each option one line, reads its
description as written, names the global flags and twilio-cli's spellings in one line
each and ends with two or three examples; and docs/commands.md shows it as printed."""

from __future__ import annotations

import functools
import inspect
import re
import shlex
import sys
from typing import Any

import pytest

from numsearch.cli.help_text import EXAMPLES, GLOBAL_FLAGS_LINE, TWILIO_CLI_LINE
from numsearch.number_types import NUMBER_TYPES
from tests.support import REPO, CliRun

sys.path.insert(0, str(REPO / "scripts"))
import help_docs

COMMANDS = [
    pytest.param(path, command, id=" ".join(path) or "numsearch")
    for path, command in help_docs.command_paths()
]
SEARCH: set[tuple[str, ...]] = {(name,) for name in NUMBER_TYPES}
# Lines at 80 columns. The search commands and watch leave room for the three flags
# the search commands are getting (--pick, --chart, --near), a line each.
LIMITS: dict[tuple[str, ...], int] = {("watch",): 110, **dict.fromkeys(SEARCH, 100)}
OTHERS_LIMIT = 80
# Hidden, and not a twilio-cli spelling: numsearch's way to a proxy or a mock.
DEVELOPER_ONLY = {"--api-url"}
# In the sandbox, an example finds numbers (exit 0) but where docs/sandbox.md says it
# has none ("no machine-to-machine anywhere": exit 4, as Twilio answers).
SANDBOX_EXIT_CODES = {
    "numsearch machine-to-machine NO": 4,
    # --pick draws its list on a terminal: without one, exit 2 (tests/test_pick.py).
    "numsearch tollfree --contains FLOWERS --pick  # choose, then buy": 2,
}


@functools.cache
def help_of(path: tuple[str, ...]) -> str:
    return str(help_docs.render_help(path))


def visible_params(command: Any) -> list[Any]:
    """The options and arguments the help shows, `-h/--help` among them."""
    ctx = command.make_context(command.name, [], resilient_parsing=True)
    return [p for p in command.get_params(ctx) if not getattr(p, "hidden", False)]


def panel_lines(text: str) -> list[str]:
    """The rows and wrapped lines inside the help's panels, without the borders."""
    return [line.strip()[1:-1].strip() for line in text.splitlines() if line.startswith("│")]


def row_keys(command: Any) -> list[str]:
    """What a row of the help starts with: an option's first name, an argument's
    metavar, a subcommand's name."""
    keys = []
    for param in visible_params(command):
        if param.param_type_name == "argument":
            keys.append(param.metavar or param.name.upper())
        else:  # Typer shows the long names first
            keys.append(next((o for o in param.opts if o.startswith("--")), param.opts[0]))
    if hasattr(command, "list_commands"):
        keys += command.list_commands(None)
    return keys


def examples_of(text: str) -> list[str]:
    """The lines under the last `Examples:` of a help, up to its end."""
    lines = [line.strip() for line in text.rstrip().splitlines()]
    assert EXAMPLES in lines, "no examples"
    return lines[len(lines) - lines[::-1].index(EXAMPLES) :]


@pytest.mark.parametrize(("path", "command"), COMMANDS)
def test_the_help_keeps_within_its_lines_at_80_columns(path: tuple[str, ...], command: Any) -> None:
    lines = help_of(path).splitlines()
    assert len(lines) <= LIMITS.get(path, OTHERS_LIMIT)
    assert max(len(line) for line in lines) <= help_docs.WIDTH


@pytest.mark.parametrize(("path", "command"), COMMANDS)
def test_every_flag_and_metavar_is_shown_whole(path: tuple[str, ...], command: Any) -> None:
    text = help_of(path)
    assert "…" not in text  # what Rich puts where it cuts a word that does not fit
    for param in visible_params(command):
        for name in [*param.opts, *param.secondary_opts]:
            if param.param_type_name == "option":
                assert re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text), name
        if param.metavar:
            assert param.metavar in text, param.metavar


@pytest.mark.parametrize(("path", "command"), COMMANDS)
def test_each_option_and_argument_takes_one_line(path: tuple[str, ...], command: Any) -> None:
    text = help_of(path)
    for param in visible_params(command):
        if param.help:
            assert any(param.help in line for line in text.splitlines()), param.help
    keys = row_keys(command)
    wrapped = [
        line
        for line in panel_lines(text)
        if not any(re.match(rf"[* ]*{re.escape(key)}(\s|$)", line) for key in keys)
    ]
    assert wrapped == [], "a row of the help goes on to another line"


@pytest.mark.parametrize(("path", "command"), COMMANDS)
def test_the_description_reads_as_written(path: tuple[str, ...], command: Any) -> None:
    """Typer keeps the line breaks of a description: each line must fit 80 columns, or
    Rich wraps it again, leaving a stub line. None starts with `numsearch `, which the
    docs would read as an example."""
    shown = {line.strip() for line in help_of(path).splitlines()}
    first, *rest = inspect.cleandoc(command.help or "").split("\n\n")
    assert " ".join(first.split()) in shown
    for line in "\n".join(rest).splitlines():
        assert line.strip() in shown, line
        assert not line.startswith("numsearch "), line


@pytest.mark.parametrize(("path", "command"), COMMANDS)
def test_the_help_ends_with_two_or_three_examples(path: tuple[str, ...], command: Any) -> None:
    examples = examples_of(help_of(path))
    assert 2 <= len(examples) <= 3, examples
    for example in examples:
        assert re.fullmatch(r"([A-Z_]+=\S+ )*numsearch( \S+)+( +# .+)?", example), example


@pytest.mark.parametrize(("path", "command"), COMMANDS[1:])
def test_the_global_flags_and_twilio_clis_spellings_take_a_line_each(
    path: tuple[str, ...], command: Any
) -> None:
    from numsearch.cli.app import GLOBAL_FLAGS

    lines = [line.strip() for line in help_of(path).splitlines()]
    assert lines.count(GLOBAL_FLAGS_LINE) == 1
    assert all(flag in GLOBAL_FLAGS_LINE for flag in GLOBAL_FLAGS)
    aliases = {
        name
        for param in command.params
        if getattr(param, "hidden", False)
        for name in [*param.opts, *param.secondary_opts]
    } - DEVELOPER_ONLY
    assert lines.count(TWILIO_CLI_LINE) == (1 if aliases else 0)
    shown = " ".join(lines)
    assert [a for a in aliases if re.search(rf"{re.escape(a)}(?![\w-])", shown)] == []


def test_the_root_help_lists_the_global_flags() -> None:
    from numsearch.cli.app import GLOBAL_FLAGS

    rows = panel_lines(help_of(()))
    for flag in GLOBAL_FLAGS:
        assert any(row.startswith(flag + " ") for row in rows), flag


@pytest.mark.parametrize("name", list(NUMBER_TYPES))
def test_each_search_commands_examples_find_numbers_in_the_sandbox(
    name: str, cli: CliRun, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The docs show `local`'s help and run its examples; this runs the other six's."""
    monkeypatch.setenv("NUMSEARCH_SANDBOX", "1")
    for example in examples_of(help_of((name,))):
        result = cli(*shlex.split(example, comments=True)[1:])
        assert result.exit_code == SANDBOX_EXIT_CODES.get(example, 0), (example, result.stderr)


def test_the_reference_shows_each_commands_help_as_printed() -> None:
    page = help_docs.PAGE.read_text()
    assert help_docs.generated(page) == page, (
        "docs/commands.md is out of date: run python scripts/help_docs.py --write"
    )
