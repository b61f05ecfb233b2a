"""numsearch's command line: the Typer app and its entry point."""

from __future__ import annotations

from numsearch.cli import (  # noqa: F401  (each registers its commands)
    buy,
    countries,
    profile,
    sandbox,
    search,
    vanity,
    watch,
)
from numsearch.cli.app import app


def main() -> None:
    """Console-script entry point: `numsearch ...`."""
    app(prog_name="numsearch")


__all__ = ["app", "main"]
