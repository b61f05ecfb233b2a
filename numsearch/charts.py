"""Bar charts with Rich: one row per value, its count, and a bar scaled to the largest
count (`--by` on a terminal). Bars are drawn in eighths of a cell, so a count of 1 among
hundreds still shows.

Only a run that draws a chart imports this (and Rich).
"""

from __future__ import annotations

from collections.abc import Sequence

from numsearch.terminal import Terminal
from numsearch.untrusted import safe_text

FULL = "█"
EIGHTHS = " ▏▎▍▌▋▊▉"  # a cell's first 0 to 7 eighths
MAX_LABEL = 30  # cells of a value's name; a longer one ends with …
MIN_ROOM = 10  # cells for the longest bar, however narrow the terminal


def bar(count: int, largest: int, room: int) -> str:
    """The bar of `count` when `largest` fills `room` cells: at least an eighth of a cell
    for any count above 0."""
    if count <= 0 or largest <= 0:
        return ""
    eighths = max(1, round(count / largest * room * 8))
    full, part = divmod(eighths, 8)
    return FULL * full + (EIGHTHS[part] if part else "")


def write_bar_chart(
    bars: Sequence[tuple[str, int]], terminal: Terminal, *, title: str | None = None
) -> None:
    """Draw `bars` (name, count), in their order, on stdout under `title`; with no bars,
    the title goes to stderr and stdout stays empty (as an empty table)."""
    if not bars:
        terminal.info(title or "nothing found")
        return
    from rich.table import Table
    from rich.text import Text

    console = terminal.console()
    labels = [Text(safe_text(name)) for name, _ in bars]
    for label in labels:  # a name from Twilio is text, never markup, and kept short
        label.truncate(MAX_LABEL, overflow="ellipsis")
    counts = [str(count) for _, count in bars]
    # A piped chart (-o table) is as wide as the terminal would be, not the pipe's 10,000.
    width = min(console.width, terminal.width)
    label_width = max(label.cell_len for label in labels)
    room = max(MIN_ROOM, width - label_width - max(map(len, counts)) - 2)
    largest = max(count for _, count in bars)
    if title:
        console.print(safe_text(title), style="bold", soft_wrap=True, markup=False)
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column(no_wrap=True)
    for label, shown, (_, count) in zip(labels, counts, bars, strict=True):
        grid.add_row(label, shown, Text(bar(count, largest, room), style="cyan"))
    console.print(grid)
