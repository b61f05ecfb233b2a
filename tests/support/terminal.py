"""A fake terminal for CliRunner runs: numsearch asks its context's `obj` for one.

`CliRunner.invoke(app, args, obj=fake_terminal(tty=True))` makes stdout, stderr and
stdin look like a terminal (a table, a spinner, a question), `tty=False` like pipes
(JSON, no questions), on the runner's own streams.
"""

from __future__ import annotations

from collections.abc import Callable

from numsearch.terminal import Terminal


def fake_terminal(*, tty: bool, stderr_tty: bool | None = None) -> Callable[[bool], Terminal]:
    """A terminal factory as numsearch's root callback takes it (it passes --no-color).
    `stderr_tty` may differ from `tty` (a table on stdout, stderr to a log)."""

    def make(no_color: bool) -> Terminal:
        # As the real one reads NO_COLOR, TERM and COLUMNS, on the runner's streams.
        terminal = Terminal.detect(no_color=no_color)
        terminal.stdout_isatty = terminal.stdin_isatty = tty
        terminal.stderr_isatty = tty if stderr_tty is None else stderr_tty
        terminal.real = False
        return terminal

    return make
