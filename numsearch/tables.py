"""Tables: how each kind of record is drawn on a terminal, with Rich.

Only a run that prints a table imports this (and Rich).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, NamedTuple

from numsearch.numbering import format_national, national_digits
from numsearch.output import Record, plain_value
from numsearch.terminal import Terminal
from numsearch.untrusted import safe_text

if TYPE_CHECKING:
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text


class Column(NamedTuple):
    """A table column: which field, its heading, and how a cell reads."""

    field: str
    header: str
    cell: Callable[[Record], str | Text | None] | None = None
    justify: str = "left"
    no_wrap: bool = False
    # On a narrow terminal the highest numbers go first (the rightmost of equals first);
    # 0 never goes: what names the row, and anything that changes a purchase.
    priority: int = 5
    pair: str | None = None  # columns with the same pair go (or stay) together: Lat, Long
    below: bool = False  # long text: a line under the table for each row, not a column

    def render(self, record: Record) -> Text | None:
        """The cell for `record` as Rich text (never read as markup, its control characters
        shown as escapes); None when the record has nothing there."""
        cell = self.cell(record) if self.cell is not None else plain_value(record.get(self.field))
        if cell is None or not isinstance(cell, str):
            return cell
        from rich.text import Text

        return Text(safe_text(cell))


class TableSpec(NamedTuple):
    """How one kind of record is drawn as a table."""

    columns: Sequence[Column]
    title: str | None = None
    header: bool = True  # the row of column names


def write_table(
    records: Sequence[Record],
    fields: Sequence[str],
    terminal: Terminal,
    spec: TableSpec | None,
    *,
    explicit_fields: bool,
) -> None:
    """Draw `records` as a Rich table on stdout (its title above it)."""
    if not records:
        # Nothing to draw: say so where people look, and leave stdout empty.
        terminal.info(spec.title if spec and spec.title else "nothing found")
        return
    known = {column.field: column for column in (spec.columns if spec else ())}
    columns = [known.get(name) or Column(name, name.replace("_", " ").title()) for name in fields]
    cells = [[column.render(record) for column in columns] for record in records]
    # Drop columns empty in every row (no LATA column for GB), unless asked for by name.
    keep = [
        i
        for i, column in enumerate(columns)
        if explicit_fields or any(row[i] not in (None, "") for row in cells)
    ]
    inside = [i for i in keep if not columns[i].below]
    below = [i for i in keep if columns[i].below]
    console = terminal.console()
    # What --fields names is shown however narrow, folded.
    inside, fits = _fit(columns, cells, inside, console.width, drop=not explicit_fields)
    if spec and spec.title:
        # Above the table, not in it: Rich would wrap a title to the table's width.
        console.print(safe_text(spec.title), style="bold", soft_wrap=True, markup=False)
    if inside:
        header = spec.header if spec else True
        console.print(_build(columns, cells, inside, header=header, fits=fits))
    if below:
        console.print(_notes(columns, cells, inside, below))


def _fit(
    columns: Sequence[Column],
    cells: list[list[Text | None]],
    keep: list[int],
    room: int,
    *,
    drop: bool,
) -> tuple[list[int], bool]:
    """The columns to show in `room` cells, and whether they fit unwrapped: when
    everything unwrapped is too wide, leave out the least important ones rather than fold
    every cell, one at a time in a fixed order (highest priority first, the rightmost of
    equals first), a pair's columns together, never one of priority 0 (the number, an
    address requirement, beta, a price), nor any when not `drop` (--fields named them):
    those are folded instead. Each column costs 3 more (padding and rule), the table 2."""
    from rich.cells import cell_len

    def width(i: int) -> int:
        """Column i's width with nothing wrapped: its widest cell or header."""
        texts = [columns[i].header] + [
            cell.plain if hasattr(cell, "plain") else str(cell)
            for cell in (row[i] for row in cells)
            if cell
        ]
        return max(cell_len(text) for text in texts)

    def fits(shown: list[int]) -> bool:
        return sum(width(i) + 3 for i in shown) - 1 <= room

    keep = list(keep)
    while drop and not fits(keep):
        droppable = [i for i in keep if columns[i].priority > 0]
        if not droppable:
            break
        dropped = max(reversed(droppable), key=lambda i: columns[i].priority)
        pair = columns[dropped].pair
        keep = [i for i in keep if i != dropped and (pair is None or columns[i].pair != pair)]
    return keep, fits(keep)


def _build(
    columns: Sequence[Column],
    cells: list[list[Text | None]],
    shown: list[int],
    *,
    header: bool,
    fits: bool,
) -> Table:
    """The table of the `shown` columns; when they do not `fit`, every cell but the first
    column's may be folded (rather than Rich cutting them off)."""
    from rich import box
    from rich.table import Table

    table = Table(
        box=box.SIMPLE_HEAD if header else None,
        header_style="bold",
        pad_edge=False,
        show_header=header,
    )
    for i in shown:
        column = columns[i]
        table.add_column(
            column.header,
            justify=column.justify,  # type: ignore[arg-type]
            no_wrap=column.no_wrap and (fits or i == shown[0]),
            overflow="fold",
        )
    for row in cells:
        table.add_row(*[row[i] if row[i] is not None else "" for i in shown])
    return table


def _notes(
    columns: Sequence[Column], cells: list[list[Text | None]], shown: list[int], below: list[int]
) -> Padding:
    """The `below` columns as lines under the table, each row's under its first shown
    cell (`address-local  To do: create ...`), wrapped to the terminal's width."""
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for row in cells:
        lines = [
            Text.assemble((f"{columns[i].header}: ", "bold"), cell)
            for i in below
            if (cell := row[i]) is not None and cell != ""
        ]
        if lines:
            label = row[shown[0]] if shown else None
            grid.add_row(label or "", Text("\n").join(lines))
    return Padding(grid, (0, 0, 1, 1), expand=False)  # under the table's first column, a line after


# -- how numsearch's records look in a table -------------------------------------------


def _national_number(record: Record) -> str | Text | None:
    """The number in its country's national format, with the searched digits picked out."""
    number = record.get("phone_number")
    if not number:
        return None

    written = format_national(str(number), record.get("iso_country"))
    span = record.get("_match")
    if not span:
        return written
    from rich.text import Text

    # The national form may start with a trunk prefix (0 in GB) before the national digits.
    digit_count = sum(ch.isdigit() for ch in written)
    position = len(national_digits(str(number))) - digit_count
    marked = []
    for i, ch in enumerate(written):
        if ch.isdigit():
            if span[0] <= position < span[1]:
                marked.append(i)
            position += 1
    text = Text(safe_text(written))
    if marked:
        text.stylize("bold underline", marked[0], marked[-1] + 1)
    return text


def _spelled(record: Record) -> Text | None:
    """The vanity form with its letters picked out: +1 510-[STORM]-00."""
    spelled = record.get("vanity")
    if not spelled:
        return None
    return highlight_letters(str(spelled))


def highlight_letters(spelled: str) -> Text:
    """Each run of letters (the words) in bold magenta: 1-800-[FLOWERS]."""
    from rich.text import Text

    text = Text(safe_text(spelled))
    for run in re.finditer(r"[A-Za-z]+", spelled):
        text.stylize("bold magenta", run.start(), run.end())
    return text


def capabilities_cell(record: Record) -> str | None:
    caps = record.get("capabilities")
    if not isinstance(caps, Mapping):
        return None
    return " ".join(name for name, on in caps.items() if on) or "-"


def _address(record: Record) -> str | None:
    # Only worth a column when some number needs an address; "none" reads as blank.
    need = record.get("address_requirements")
    return None if need in (None, "none") else str(need)


def _beta(record: Record) -> str | None:
    return "beta" if record.get("beta") else None


def _score(record: Record) -> str | None:
    score = record.get("score")
    return f"{score:.2f}" if isinstance(score, int | float) else None


def _memorability(record: Record) -> str | None:
    """The memorability score, from a search result's object or a spelling row's number."""
    value = record.get("memorability")
    if isinstance(value, dict):
        value = value.get("score")
    return f"{value:.2f}" if isinstance(value, int | float) else None


def _money(record: Record, field: str) -> str | None:
    """`1.15 USD`: an amount with its currency (unknown: empty)."""
    amount = plain_value(record.get(field))
    if amount is None:
        return None
    unit = record.get("price_unit")
    return f"{amount} {unit}" if unit else amount


AVAILABLE_NUMBER_COLUMNS = (
    Column("phone_number", "Number", _national_number, no_wrap=True, priority=0),
    Column("vanity", "Vanity", _spelled, no_wrap=True, priority=1),
    Column("friendly_name", "Friendly name", priority=6),
    Column("locality", "Locality", priority=2),
    Column("region", "Region", priority=3),
    Column("postal_code", "Postal code", priority=5),
    Column("iso_country", "Country", priority=4),
    Column("lata", "LATA", justify="right", priority=6, pair="lata"),
    Column("rate_center", "Rate center", priority=6, pair="lata"),
    Column("latitude", "Lat", justify="right", no_wrap=True, priority=7, pair="position"),
    Column("longitude", "Long", justify="right", no_wrap=True, priority=7, pair="position"),
    Column("capabilities", "Capabilities", capabilities_cell, no_wrap=True, priority=3),
    # What changes a purchase is never left out: the address it needs, beta, its price.
    Column("address_requirements", "Address", _address, priority=0),
    Column("beta", "Beta", _beta, priority=0),
    Column("score", "Score", _score, justify="right", priority=1),
    Column("memorability", "Memorable", _memorability, justify="right", priority=2),
    Column("monthly_price", "Price", lambda r: _money(r, "monthly_price"), justify="right",
           no_wrap=True, priority=0),
)  # fmt: skip
# What a table shows unless --fields says otherwise: the title names the country, and
# friendly_name repeats the number.
AVAILABLE_NUMBER_TABLE_FIELDS = tuple(
    c.field for c in AVAILABLE_NUMBER_COLUMNS if c.field not in ("friendly_name", "iso_country")
)


def _number_types(record: Record) -> str | None:
    """The search commands for a country's number types (the record names them so)."""
    types = record.get("number_types")
    if types is None:
        return None
    return ", ".join(map(str, types)) or "-"


COUNTRY_COLUMNS = (
    Column("country_code", "Code", no_wrap=True, priority=0),
    Column("country", "Country", priority=1),
    Column("beta", "Beta", _beta, priority=0),
    Column("number_types", "Number types (search commands)", _number_types, priority=1),
)
INCOMING_COLUMNS = (
    Column("phone_number", "Number", no_wrap=True, priority=0),
    Column("sid", "SID", no_wrap=True, priority=1),
    Column("friendly_name", "Friendly name", priority=2),
    Column("capabilities", "Capabilities", capabilities_cell, no_wrap=True, priority=3),
    Column("status", "Status", priority=4),
)
SPELLING_COLUMNS = (
    Column("number", "Number", no_wrap=True, priority=0),
    Column("rank", "#", justify="right"),
    Column("text", "Spelling", lambda r: highlight_letters(str(r.get("text") or "")), no_wrap=True,
           priority=0),
    Column("words", "Words", lambda r: " ".join(r.get("words") or [])),
    Column("score", "Score", _score, justify="right"),
    Column("cut", "Cut", lambda r: "cut" if r.get("cut") else None),
    Column("memorability", "Memorable", _memorability, justify="right"),
)  # fmt: skip
REQUEST_COLUMNS = (
    Column(
        "method",
        "Method",
        lambda r: r.get("method") or "none: already yours",
        no_wrap=True,
        priority=0,
    ),
    Column("url", "URL", priority=0),
    Column("form", "Form", priority=0),
)
PRICE_COLUMNS = (
    Column("number_type", "Number type (search command)", no_wrap=True, priority=0),
    Column("base_price", "List price", lambda r: _money(r, "base_price"), justify="right",
           no_wrap=True, priority=1),
    Column("current_price", "Monthly price", lambda r: _money(r, "current_price"),
           justify="right", no_wrap=True, priority=0),
)  # fmt: skip
PRICE_COUNTRY_COLUMNS = (
    Column("iso_country", "Code", no_wrap=True, priority=0),
    Column("country", "Country", priority=1),
)
BULK_COLUMNS = (
    Column("phone_number", "Number", no_wrap=True, priority=0),
    Column("outcome", "Outcome", no_wrap=True, priority=0),
    Column("bought", "Bought", no_wrap=True, priority=1),
    Column("monthly_price", "Price", lambda r: _money(r, "monthly_price"), justify="right",
           no_wrap=True, priority=0),
    Column("sid", "SID", no_wrap=True, priority=3),
    Column("reason", "Why", priority=1),
)  # fmt: skip


def _required(record: Record) -> str:
    """Each number needs one kind of address, or none: an address row says which numbers
    need its kind (`yes, if Address is local`: the Address column of a search)."""
    required = record.get("required")
    if required is None or not required:
        return "unknown" if required is None else "no"
    need = str(record.get("need") or "")
    return f"yes, if Address is {need[8:]}" if need.startswith("address-") else "yes"


REQUIREMENT_COLUMNS = (
    Column("need", "Need", no_wrap=True, priority=0),
    Column("required", "Required", _required, priority=0),
    Column("seen", "Why", below=True),
    Column("has", "The account has", lambda r: ", ".join(r.get("has") or []) or "-", priority=0),
    Column("fix", "To do", below=True),
)

# Each kind of record: its columns, and the fields a table shows when --fields is not given.
TABLES: dict[str, tuple[Sequence[Column], Sequence[str] | None]] = {
    "number": (AVAILABLE_NUMBER_COLUMNS, AVAILABLE_NUMBER_TABLE_FIELDS),
    "country": (COUNTRY_COLUMNS, None),
    "incoming": (INCOMING_COLUMNS, ("phone_number", "sid", "friendly_name", "capabilities",
                                    "status")),
    "spelling": (SPELLING_COLUMNS, None),
    "request": (REQUEST_COLUMNS, None),
    "price": (PRICE_COLUMNS, ("number_type", "base_price", "current_price")),
    "price_country": (PRICE_COUNTRY_COLUMNS, None),
    "bulk": (BULK_COLUMNS, ("phone_number", "outcome", "bought", "monthly_price", "sid",
                           "reason")),
    "requirement": (REQUIREMENT_COLUMNS, ("need", "required", "seen", "has", "fix")),
}  # fmt: skip
