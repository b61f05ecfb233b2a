"""Questions and progress on the terminal: refusing to act unattended without --yes,
the purchase question, choosing among addresses or bundles, a spinner around work."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

import typer

from numsearch.cli.app import AppState
from numsearch.errors import ExitCode, InvalidInput

if TYPE_CHECKING:
    from numsearch.pricing import Cost
    from numsearch.purchase import Purchase

# -- buying ------------------------------------------------------------------------------


def refuse_unattended(state: AppState, what: str, yes: bool) -> None:
    """Without --yes, a purchase needs someone to ask: refuse (exit 2) before anything is
    sent when there is no terminal."""
    if not yes and not state.terminal.stdin_isatty:
        raise InvalidInput(
            f"refusing to buy {what} without asking: stdin is not a terminal"
            " (add --yes to buy unattended, or --dry-run to see the request)"
        )


def confirm_purchase(
    state: AppState, purchase: Purchase, account: str, yes: bool, *, cost: Cost | None = None
) -> None:
    """Ask before spending money, saying what it costs a month; refuse without a terminal
    unless --yes (exit 2)."""
    from numsearch.purchase_outcome import purchase_question

    if yes:
        if cost is not None:
            state.terminal.info(f"buying {purchase.what} for {cost.text}")
        return
    terminal = state.terminal
    refuse_unattended(state, purchase.what, yes)
    if not terminal.confirm(purchase_question(purchase, account, cost, state.sandbox)):
        terminal.info("not bought")
        raise typer.Exit(int(ExitCode.NOTHING_FOUND))


def paperwork_chooser(state: AppState, yes: bool) -> Callable[[str, list[tuple[str, str]]], str]:
    """How a purchase picks among several addresses or bundles that fit: asked on a
    terminal (not with --yes), else exit 2 naming them and the flag that chooses."""

    def choose(what: str, fits: list[tuple[str, str]]) -> str:
        terminal = state.terminal
        if yes or not terminal.stdin_isatty:
            listed = ", ".join(label for _, label in fits)
            plural = "addresses" if what == "address" else f"{what}s"
            raise InvalidInput(f"several {plural} fit ({listed}): choose one with --{what}-sid")
        for index, (_, label) in enumerate(fits, 1):
            terminal.info(f"  {index}. {label}")
        answer = terminal.prompt(f"Which {what} should the number use? 1-{len(fits)}")
        if not answer.isdigit() or not 1 <= int(answer) <= len(fits):
            raise InvalidInput(f"no {what} chosen ({answer!r}): nothing was bought")
        return fits[int(answer) - 1][0]

    return choose


Work = TypeVar("Work")


def with_spinner(
    state: AppState, doing: str, checking: str, work: Callable[[Callable[[str], None]], Work]
) -> Work:
    """Run `work(tell)` under a spinner saying `doing`; when it tells of a lost answer,
    the spinner stops for the message, then spins again saying `checking`."""
    from contextlib import ExitStack

    terminal = state.terminal
    with ExitStack() as spinning:

        def tell(message: str) -> None:
            spinning.close()
            terminal.warn(message)
            spinning.enter_context(terminal.spinner(checking))

        spinning.enter_context(terminal.spinner(doing))
        return work(tell)
