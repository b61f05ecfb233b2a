"""A fake terminal for CliRunner runs: numsearch asks its context's `obj` for one.

`CliRunner.invoke(app, args, obj=fake_terminal(tty=True))` makes stdout, stderr and
stdin look like a terminal (a table, a spinner, a question), `tty=False` like pipes
(JSON, no questions), on the runner's own streams. `Keyboard` is the terminal itself,
where `--pick` draws its list: keys pressed through prompt_toolkit's pipe input.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from prompt_toolkit.data_structures import Size
from prompt_toolkit.input import Input, PipeInput
from prompt_toolkit.output import Output
from prompt_toolkit.output.vt100 import Vt100_Output

from numsearch.terminal import Terminal


def fake_terminal(
    *, tty: bool, stderr_tty: bool | None = None, stdout_tty: bool | None = None
) -> Callable[[bool], Terminal]:
    """A terminal factory as numsearch's root callback takes it (it passes --no-color).
    `stderr_tty` may differ from `tty` (a table on stdout, stderr to a log), and so may
    `stdout_tty` (`numsearch ... | jq` typed at a terminal)."""

    def make(no_color: bool) -> Terminal:
        # As the real one reads NO_COLOR, TERM and COLUMNS, on the runner's streams.
        terminal = Terminal.detect(no_color=no_color)
        terminal.stdin_isatty = tty
        terminal.stdout_isatty = tty if stdout_tty is None else stdout_tty
        terminal.stderr_isatty = tty if stderr_tty is None else stderr_tty
        terminal.real = False
        return terminal

    return make


# -- the terminal --pick draws its list on ----------------------------------------------------

# The bytes a VT100 terminal sends for each key (what prompt_toolkit reads from /dev/tty).
KEYS = {"up": "\x1b[A", "down": "\x1b[B", "space": " ", "enter": "\r", "esc": "\x1b",
        "ctrl-c": "\x03"}  # fmt: skip
_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


class Keyboard:
    """The terminal itself, where --pick draws its list and reads keys: prompt_toolkit's
    pipe input, fed real key sequences (`press`), and a VT100 screen `rows` high that
    records what was drawn (`drawn`, without its escape sequences)."""

    def __init__(self, pipe: PipeInput, *, rows: int = 24, columns: int = 120) -> None:
        self.pipe = pipe
        self.screen = io.StringIO()
        self.output = Vt100_Output(self.screen, lambda: Size(rows=rows, columns=columns))
        self.opened = 0  # how often numsearch opened the terminal

    def press(self, *keys: str) -> None:
        """Keys by name (KEYS: up, down, space, enter, esc, ctrl-c) or as typed (j, k, q)."""
        self.pipe.send_text("".join(KEYS.get(key, key) for key in keys))

    @contextmanager
    def terminal(self, path: str) -> Iterator[tuple[Input, Output]]:
        """numsearch.picker.on_terminal's stand-in: this keyboard and screen, whatever the
        path (conftest points the real terminal's path nowhere)."""
        self.opened += 1
        yield self.pipe, self.output

    @property
    def drawn(self) -> str:
        return _ANSI.sub("", self.screen.getvalue())
