"""numsearch's command line: the entry point. The app is numsearch.cli.app.app."""

from __future__ import annotations

import gc

from numsearch.cli.app import app


def main() -> None:
    """Console-script entry point: `numsearch ...`.

    The cyclic garbage collector is paused before anything loads: start-up makes many
    objects and no garbage (numsearch.cli.startup explains, and turns it back on for
    long-running commands). At the end everything is frozen, so the exit does not walk
    every object once more.
    """
    gc.disable()
    try:
        app(prog_name="numsearch")
    finally:
        gc.freeze()


__all__ = ["main"]
