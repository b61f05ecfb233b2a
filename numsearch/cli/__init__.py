"""numsearch's command line: the Typer app and its entry point."""

from __future__ import annotations

from numsearch.cli import search  # noqa: F401  (registers the search commands)
from numsearch.cli.app import app


def main() -> None:
    """Console-script entry point: `numsearch ...`."""
    app(prog_name="numsearch")


__all__ = ["app", "main"]
