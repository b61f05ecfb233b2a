"""The list `--pick` draws (numsearch.picker): which row is highlighted and marked, the
window a terminal's height shows, the rows with outside text escaped (pure); and the list
on a terminal, driven by real key sequences through prompt_toolkit's pipe input: up/down
and j/k move, space marks, enter takes, Esc or q cancels, Ctrl-C interrupts."""

from __future__ import annotations

import io
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from prompt_toolkit.data_structures import Size
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from prompt_toolkit.output.vt100 import Vt100_Output

from numsearch.models import AvailableNumber
from numsearch.picker import CHROME, PickList, choose, fragments, number_rows, rows_shown
from tests.support.terminal import KEYS

A, B = "+15105550100", "+15105550101"
ROWS = [f"row-{i}" for i in range(60)]


# -- the model: highlight, marks, the window a height shows (pure) -----------------------------


def test_moves_stay_within_the_list() -> None:
    model = PickList(3)
    model.move(-1)
    assert model.cursor == 0
    model.move(5)
    assert model.cursor == 2


def test_enter_takes_the_marked_rows_in_list_order_else_the_highlighted_one() -> None:
    model = PickList(5)
    model.move(3)
    assert model.taken() == [3]
    model.toggle()
    model.move(-2)
    model.toggle()
    assert model.taken() == [1, 3]
    model.toggle()  # space again unmarks
    assert model.taken() == [3]


@given(
    count=st.integers(1, 300),
    height=st.integers(1, 50),
    steps=st.lists(st.integers(-40, 40), max_size=30),
)
def test_the_window_always_shows_the_highlighted_row_within_its_height(
    count: int, height: int, steps: list[int]
) -> None:
    model = PickList(count)
    for step in steps:
        model.move(step)
        shown = model.window(height)
        assert model.cursor in shown
        assert len(shown) == min(height, count)
        assert shown.start >= 0 and shown.stop <= count


def test_the_window_scrolls_a_row_at_a_time_past_its_edge() -> None:
    model = PickList(60)
    model.move(9)
    assert model.window(10) == range(0, 10)
    model.move(1)
    assert model.window(10) == range(1, 11)
    model.move(-5)  # within the window: it stays
    assert model.window(10) == range(1, 11)


@pytest.mark.parametrize(("terminal_rows", "count"), [(24, 60), (24, 5), (4, 60), (2, 60)])
def test_the_list_keeps_within_the_terminals_height(terminal_rows: int, count: int) -> None:
    shown = rows_shown(terminal_rows, count)
    assert 1 <= shown <= count
    if terminal_rows > CHROME:
        assert shown + CHROME <= terminal_rows


def test_what_is_drawn_when_scrolled_shows_where_and_what_is_marked() -> None:
    model = PickList(len(ROWS))
    model.toggle()
    model.move(40)
    texts = [part[1] for part in fragments(model, ROWS, "60 local numbers", terminal_rows=13)]
    assert texts[0] == "60 local numbers\n"
    assert texts[1:-1] == [f"  [ ] row-{i}\n" for i in range(31, 40)] + ["> [ ] row-40\n"]
    assert texts[-1].startswith("32-41 of 60  1 marked  up/down j/k: move")  # counted from 1


def test_each_row_shows_number_vanity_locality_price_and_paperwork() -> None:
    numbers = [
        AvailableNumber(A, locality="Oakland", region="CA", vanity="+1 510-STORM-00",
                        monthly_price=1.15, price_unit="USD", address_requirements="local"),
        AvailableNumber(B, region="CA", address_requirements="none"),
    ]  # fmt: skip
    first, second = number_rows(numbers)
    assert re.split(r"\s{2,}", first) == [A, "+1 510-STORM-00", "Oakland, CA", "1.15 USD",
                                 "needs a local address"]  # fmt: skip
    assert second.split() == [B, "CA", "price", "unknown"]
    assert first.index("Oakland") == second.index("CA")  # columns line up


def test_outside_text_is_escaped_and_cut_to_its_column() -> None:
    hostile = AvailableNumber(A, locality="\x1b[2J\x1b]0;owned\x07" + "x" * 80, region="CA")
    (row,) = number_rows([hostile])
    assert "\x1b" not in row and "\x07" not in row
    assert "\\u001b[2J" in row and "xx…  price unknown" in row
    assert len(row) < 80


# -- the list on a terminal: real key sequences through prompt_toolkit's pipe input -------------


def pick(keys: str, rows: list[str] = ROWS[:3]) -> list[int] | None:
    with create_pipe_input() as pipe:
        pipe.send_text(keys)
        return choose(rows, title="3 numbers", input=pipe, output=DummyOutput())


@pytest.mark.parametrize(
    ("keys", "taken"),
    [
        ("enter", [0]),
        ("down down enter", [2]),
        ("j j k enter", [1]),
        ("down down up enter", [1]),
        ("space down space enter", [0, 1]),
        ("down space up space enter", [0, 1]),
        ("space space down enter", [1]),  # marked, then unmarked: the highlighted one
        ("up k enter", [0]),
        ("j j j j j j enter", [2]),
        ("space j j space k enter", [0, 2]),  # the marks, not the highlighted row
    ],
)
def test_keys_move_mark_and_take(keys: str, taken: list[int]) -> None:
    assert pick("".join(KEYS.get(key, key) for key in keys.split())) == taken


@pytest.mark.parametrize("keys", ["esc", "q", "space esc", "down q"])
def test_esc_or_q_cancels(keys: str) -> None:
    assert pick("".join(KEYS.get(key, key) for key in keys.split())) is None


def test_ctrl_c_interrupts() -> None:
    with pytest.raises(KeyboardInterrupt):
        pick(KEYS["ctrl-c"])


def test_a_long_list_is_drawn_within_the_terminals_height() -> None:
    screen = io.StringIO()
    output = Vt100_Output(screen, lambda: Size(rows=10, columns=80))
    with create_pipe_input() as pipe:
        pipe.send_text("j" * 50 + KEYS["enter"])
        assert choose(ROWS, title="60 numbers", input=pipe, output=output) == [50]
    drawn = screen.getvalue()
    assert "1-7 of 60" in drawn  # 10 lines: the title, 7 rows, the keys, the cursor's
    assert "row-6" in drawn and "row-7" not in drawn
