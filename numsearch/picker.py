"""The list `--pick` draws on the terminal: a search's numbers, a row each (the number,
its vanity form, locality, monthly price, and the address it needs when known), to
choose from with the keys. up/down (and k/j) move, space marks, enter takes the marked
numbers (the highlighted one when none is), Esc or q cancels, Ctrl-C interrupts.

`PickList` is the pure model (the highlighted row, the marked ones, the window of rows a
height shows); `choose` draws it with prompt_toolkit, loaded only then, never at start-up.
The list is drawn on the terminal itself (`on_terminal`), so that stdout may be a pipe.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

from numsearch.output import plain_value
from numsearch.untrusted import clip, safe_text

if TYPE_CHECKING:
    from prompt_toolkit.formatted_text import StyleAndTextTuples
    from prompt_toolkit.input import Input
    from prompt_toolkit.output import Output

    from numsearch.models import AvailableNumber

KEYS = "up/down j/k: move  space: mark  enter: take  Esc/q: cancel"
CHROME = 3  # lines besides the rows: the title, the keys, and one for the cursor after
ESCAPE_WAIT = 0.1  # seconds an Esc waits for the rest of an escape sequence (vim's)
# The widest a column grows (outside text is cut to it with `…`).
WIDTHS = {"vanity": 24, "place": 32, "price": 16, "paperwork": 28}
PAPERWORK = {
    "any": "needs an address",
    "local": "needs a local address",
    "foreign": "needs a foreign address",
}


class PickList:
    """Which of `count` rows is highlighted and which are marked, and the rows a
    window of a given height shows (it follows the highlighted row)."""

    def __init__(self, count: int) -> None:
        self.count = count
        self.cursor = 0
        self.marked: set[int] = set()
        self.top = 0  # the first row shown

    def move(self, step: int) -> None:
        """Move the highlight `step` rows down (up when negative), within the list."""
        self.cursor = max(0, min(self.count - 1, self.cursor + step))

    def toggle(self) -> None:
        """Mark the highlighted row, or unmark it."""
        self.marked ^= {self.cursor}

    def taken(self) -> list[int]:
        """What enter takes: the marked rows in list order, else the highlighted one."""
        return sorted(self.marked) or [self.cursor]

    def window(self, height: int) -> range:
        """The rows shown in `height` lines (at least one): the highlighted row among them,
        the window moved as little as possible since it was last shown."""
        height = max(1, height)
        if self.cursor < self.top:
            self.top = self.cursor
        elif self.cursor >= self.top + height:
            self.top = self.cursor - height + 1
        self.top = max(0, min(self.top, self.count - height))
        return range(self.top, min(self.count, self.top + height))


def rows_shown(terminal_rows: int, count: int) -> int:
    """How many rows of the list fit a terminal `terminal_rows` lines high."""
    return max(1, min(count, terminal_rows - CHROME))


def number_rows(numbers: Sequence[AvailableNumber]) -> list[str]:
    """A row per number, its columns lined up: the number, its vanity form, locality
    (and region), monthly price, and the address it needs, when known; outside text
    escaped and cut to its column."""
    cells = [_cells(number) for number in numbers]
    widths = [max((len(row[i]) for row in cells), default=0) for i in range(5)]
    return ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
            for row in cells]  # fmt: skip


def _cells(number: AvailableNumber) -> tuple[str, str, str, str, str]:
    place = ", ".join(part for part in (number.locality, number.region) if part)
    if number.monthly_price is None:
        price = "price unknown"
    else:
        price = f"{plain_value(number.monthly_price)} {number.price_unit or ''}".strip()
    need = number.address_requirements
    return (
        safe_text(number.phone_number),
        _cell(number.vanity or "", "vanity"),
        _cell(place, "place"),
        _cell(price, "price"),
        _cell(PAPERWORK.get(need or "", need if need not in (None, "none") else ""), "paperwork"),
    )


def _cell(text: str, column: str) -> str:
    return clip(safe_text(text), WIDTHS[column])


def fragments(
    model: PickList, rows: Sequence[str], title: str, terminal_rows: int
) -> StyleAndTextTuples:
    """What the list shows, as prompt_toolkit's (style, text) pairs: the title, the rows
    that fit (the highlighted one marked `>`, marked ones `[x]`), and the keys, with
    where the window is in a longer list."""
    shown = model.window(rows_shown(terminal_rows, len(rows)))
    lines: StyleAndTextTuples = [("class:title", safe_text(title) + "\n")]
    for index in shown:
        here = index == model.cursor
        box = "[x]" if index in model.marked else "[ ]"
        style = "class:highlighted" if here else ("class:marked" if index in model.marked else "")
        lines.append((style, f"{'>' if here else ' '} {box} {rows[index]}\n"))
    where = f"{shown.start + 1}-{shown.stop} of {len(rows)}" if len(shown) < len(rows) else ""
    marked = f"{len(model.marked)} marked" if model.marked else ""
    lines.append(("class:keys", "  ".join(part for part in (where, marked, KEYS) if part)))
    return lines


def choose(rows: Sequence[str], *, title: str, input: Input, output: Output) -> list[int] | None:
    """Draw the list on `output`, read keys from `input` until enter (the indices taken)
    or Esc or q (None); Ctrl-C raises KeyboardInterrupt. The list is erased when done."""
    from prompt_toolkit.application import Application
    from prompt_toolkit.key_binding import KeyBindings
    from prompt_toolkit.key_binding.key_processor import KeyPressEvent
    from prompt_toolkit.layout import Layout, Window
    from prompt_toolkit.layout.controls import FormattedTextControl
    from prompt_toolkit.styles import Style

    model = PickList(len(rows))
    keys = KeyBindings()

    def moving(step: int) -> None:
        @keys.add("down" if step > 0 else "up")
        @keys.add("j" if step > 0 else "k")
        def _(event: KeyPressEvent) -> None:
            model.move(step)

    moving(1)
    moving(-1)

    @keys.add("space")
    def _(event: KeyPressEvent) -> None:
        model.toggle()

    @keys.add("enter")
    def _(event: KeyPressEvent) -> None:
        event.app.exit(result=model.taken())

    @keys.add("escape", eager=True)
    @keys.add("q")
    def _(event: KeyPressEvent) -> None:
        event.app.exit(result=None)

    @keys.add("c-c")
    def _(event: KeyPressEvent) -> None:
        event.app.exit(exception=KeyboardInterrupt())

    control = FormattedTextControl(
        lambda: fragments(model, rows, title, output.get_size().rows), show_cursor=False
    )
    app: Application[list[int] | None] = Application(
        layout=Layout(Window(control, wrap_lines=False, dont_extend_height=True)),
        key_bindings=keys,
        style=Style.from_dict({"title": "bold", "highlighted": "reverse", "marked": "bold"}),
        erase_when_done=True,
        input=input,
        output=output,
    )
    app.ttimeoutlen = ESCAPE_WAIT
    return app.run(handle_sigint=False)


@contextmanager
def on_terminal(path: str) -> Iterator[tuple[Input, Output] | None]:
    """prompt_toolkit's input and output on the terminal itself (`path`: /dev/tty), whatever
    stdin and stdout are; None when there is no terminal (cron, CI)."""
    try:
        fd = os.open(path, os.O_RDWR | os.O_NOCTTY)
    except OSError:
        yield None
        return
    if not os.isatty(fd):
        os.close(fd)
        yield None
        return
    from prompt_toolkit.input import create_input
    from prompt_toolkit.output import create_output

    with os.fdopen(fd, "r") as reading, os.fdopen(os.dup(fd), "w") as writing:
        yield create_input(reading), create_output(writing)
