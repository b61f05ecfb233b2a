"""numsearch's command line: the Typer app and its entry point."""

from __future__ import annotations

import gc
from typing import Any


def main() -> None:
    """Console-script entry point: `numsearch ...`.

    The cyclic garbage collector is paused while the modules load: they make many
    objects and no garbage. `startup_done()` freezes what start-up made and turns the
    collector back on once a command has what it needs (a watch runs for days); at the
    end everything is frozen, so the exit does not walk every object once more. Both
    are measured in benchmarks/run.py.
    """
    gc.disable()
    try:
        from numsearch.cli.root import app

        app(prog_name="numsearch")
    finally:
        gc.freeze()


def __getattr__(name: str) -> Any:
    # `from numsearch.cli import app` loads the app only when asked: main() must run first.
    if name == "app":
        from numsearch.cli.root import app

        return app
    raise AttributeError(name)


__all__ = ["app", "main"]
