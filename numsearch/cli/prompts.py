"""Questions on the terminal: refusing to act unattended without --yes, the question
before spending money or releasing a number, and choosing among addresses or bundles."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from typing import Any

import typer

from numsearch.cli.app import AppState
from numsearch.errors import ExitCode, InvalidInput
from numsearch.untrusted import quoted


def refuse_unattended(state: AppState, what: str, yes: bool, *, verb: str = "buy") -> None:
    """Without --yes, a purchase (or a release) needs someone to ask: refuse (exit 2)
    before anything is sent when there is no terminal."""
    if not yes and not state.terminal.stdin_isatty:
        raise InvalidInput(
            f"refusing to {verb} {what} without asking: stdin is not a terminal"
            f" (add --yes to {verb} unattended, or --dry-run to see the request)"
        )


def confirm_or_stop(state: AppState, question: str, *, declined: str) -> None:
    """Ask on the terminal; anything but yes says `declined` and exits 1 (nothing done)."""
    if not state.terminal.confirm(question):
        state.terminal.info(declined)
        raise typer.Exit(int(ExitCode.NOTHING_FOUND))


def paperwork_chooser(
    state: AppState, yes: bool, *, pause: Callable[[], AbstractContextManager[Any]] = nullcontext
) -> Callable[[str, list[tuple[str, str]]], str]:
    """How a purchase picks among several addresses or bundles that fit: asked on a
    terminal (not with --yes; `pause` stops the spinner meanwhile), else exit 2 naming
    them and the flag that chooses."""

    def choose(what: str, fits: list[tuple[str, str]]) -> str:
        terminal = state.terminal
        if yes or not terminal.stdin_isatty:
            listed = ", ".join(label for _, label in fits)
            plural = "addresses" if what == "address" else f"{what}s"
            raise InvalidInput(f"several {plural} fit ({listed}): choose one with --{what}-sid")
        with pause():
            for index, (_, label) in enumerate(fits, 1):
                terminal.info(f"  {index}. {label}")
            answer = terminal.prompt(f"Which {what} should the number use? 1-{len(fits)}")
        if not answer.isdigit() or not 1 <= int(answer) <= len(fits):
            raise InvalidInput(f"no {what} chosen ({quoted(answer)}): nothing was bought")
        return fits[int(answer) - 1][0]

    return choose
