"""Write (or check) the help text in docs/commands.md: each command's `--help` as it
prints at 80 columns, between the page's `<!-- [[[help]]] -->` and `<!-- [[[end]]] -->`
markers (everything between them is made here; the prose around them is not).

    python scripts/help_docs.py --write   # bring docs/commands.md up to date
    python scripts/help_docs.py --check   # exit 1, showing the difference, when it is not

The seven search commands print the same help but for their type and examples: the page
shows `local`'s. tests/test_help.py runs --check's comparison, and measures every
command's help with `render_help` (lines, cut flags, one line per option, examples).
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "commands.md"
WIDTH = 80
BEGIN = "<!-- [[[help]]] -->"
END = "<!-- [[[end]]] -->"
SHOWN_SEARCH = "local"  # the search command whose help stands for all seven

_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def render_help(path: tuple[str, ...], width: int = WIDTH) -> str:
    """`numsearch PATH --help` as printed on a terminal `width` columns wide, without
    colour: Rich sizes the help to COLUMNS (unless TERMINAL_WIDTH was set when Typer
    loaded). Lines keep Rich's padding; escape sequences (FORCE_COLOR, CI) are removed."""
    from typer.testing import CliRunner

    from numsearch.cli.app import app

    env = {"COLUMNS": str(width), "NO_COLOR": "1", "TERM": "dumb"}
    result = CliRunner().invoke(app, [*path, "--help"], env=env, catch_exceptions=False)
    if result.exit_code != 0:
        raise RuntimeError(f"numsearch {' '.join(path)} --help exited {result.exit_code}")
    return _ANSI.sub("", result.stdout)


def command_paths() -> Iterator[tuple[tuple[str, ...], Any]]:
    """Every command and group of numsearch, the root first, each with its Click
    command, in the order `numsearch --help` lists them."""
    import typer

    from numsearch.cli.app import app

    def walk(command: Any, path: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], Any]]:
        yield path, command
        if hasattr(command, "list_commands"):
            ctx = typer.Context(command)
            for name in command.list_commands(ctx):
                yield from walk(command.get_command(ctx, name), (*path, name))

    yield from walk(typer.main.get_command(app), ())


def shown_paths() -> list[tuple[str, ...]]:
    """The commands whose help the page shows: all but six of the search commands."""
    from numsearch.number_types import NUMBER_TYPES

    others = {(name,) for name in NUMBER_TYPES if name != SHOWN_SEARCH}
    return [path for path, _ in command_paths() if path not in others]


def help_block(path: tuple[str, ...]) -> str:
    """One command's help for the page: a collapsed block, lines without trailing space."""
    lines = [line.rstrip() for line in render_help(path).splitlines()]
    text = "\n".join(lines).strip("\n")
    title = " ".join(["numsearch", *path, "--help"])
    return f"<details><summary><code>{title}</code></summary>\n\n```text\n{text}\n```\n\n</details>"


def generated(page: str) -> str:
    """The page with the text between its markers made anew."""
    start, end = page.find(BEGIN), page.find(END)
    if start < 0 or end < start:
        raise ValueError(f"{PAGE.name} needs the markers {BEGIN} and {END}, in that order")
    blocks = "\n\n".join(help_block(path) for path in shown_paths())
    return page[: start + len(BEGIN)] + "\n" + blocks + "\n" + page[end:]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", action="store_true", help="update docs/commands.md")
    mode.add_argument("--check", action="store_true", help="exit 1 when it is out of date")
    args = parser.parse_args(argv)
    page = PAGE.read_text()
    wanted = generated(page)
    if args.write:
        if wanted != page:
            PAGE.write_text(wanted)
            print(f"wrote {PAGE.relative_to(ROOT)}")
        return 0
    if wanted == page:
        return 0
    sys.stdout.writelines(
        difflib.unified_diff(
            page.splitlines(keepends=True),
            wanted.splitlines(keepends=True),
            "docs/commands.md",
            "as numsearch prints it",
        )
    )
    print("docs/commands.md is out of date: run python scripts/help_docs.py --write")
    return 1


if __name__ == "__main__":
    sys.exit(main())
