"""numsearch's command line: the Typer app and its entry point."""

from __future__ import annotations

from numsearch.cli import profile, sandbox, search, vanity  # noqa: F401  (they register commands)
from numsearch.cli.app import app


def main() -> None:
    """Console-script entry point: `numsearch ...`."""
    app(prog_name="numsearch")


__all__ = ["app", "main"]
