"""The terminal a run talks to: which streams are terminals, colour, width, messages,
spinners and questions. Decided once per run (httpie's `Environment`); everything that
prints a message or asks something goes through it, and tests hand in a fake one.

stdout carries data only; messages, warnings, spinners and prompts go to stderr.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Sequence
from typing import IO, TYPE_CHECKING, Any

from numsearch.untrusted import safe_text

if TYPE_CHECKING:
    from rich.console import Console


def _isatty(stream: IO[Any]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class Terminal:
    """Where a run's output goes and how it may look; tests build one to play a
    terminal or a pipe. (A plain class, not a dataclass: it is on every start-up path.)"""

    def __init__(
        self,
        *,
        stdout_isatty: bool = False,
        stderr_isatty: bool = False,
        stdin_isatty: bool = False,
        color: bool = False,
        width: int = 100,
        stdout: IO[str] | None = None,
        stderr: IO[str] | None = None,
        stdin: IO[str] | None = None,
        real: bool = False,
    ) -> None:
        self.stdout_isatty = stdout_isatty
        self.stderr_isatty = stderr_isatty
        self.stdin_isatty = stdin_isatty
        self.color = color
        self.width = width
        self.stdout = stdout or sys.stdout
        self.stderr = stderr or sys.stderr
        self.stdin = stdin or sys.stdin
        self.real = real  # the process's own terminal: hidden input may use /dev/tty
        self._status_shown = False

    @classmethod
    def detect(cls, *, no_color: bool = False) -> Terminal:
        """Look at the real streams and the environment (NO_COLOR, TERM, COLUMNS)."""
        color_off = no_color or bool(os.environ.get("NO_COLOR")) or os.environ.get("TERM") == "dumb"
        return cls(
            stdout_isatty=_isatty(sys.stdout),
            stderr_isatty=_isatty(sys.stderr),
            stdin_isatty=_isatty(sys.stdin),
            color=not color_off,
            width=shutil.get_terminal_size((100, 24)).columns,
            real=True,
        )

    # -- messages on stderr ---------------------------------------------------------

    def _paint(self, text: str, code: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.color and self.stderr_isatty else text

    def _say(self, text: str) -> None:
        self.clear_status()
        self.stderr.write(text + "\n")
        self.stderr.flush()

    def status(self, text: str) -> None:
        """A status line on stderr that the next one replaces (terminals only)."""
        if self.stderr_isatty:
            self.stderr.write(f"\r\x1b[2K{self._paint(safe_text(text), '2')}")
            self.stderr.flush()
            self._status_shown = True

    def clear_status(self) -> None:
        """Remove the status line, so that what follows starts on a clean line."""
        if self._status_shown:
            self.stderr.write("\r\x1b[2K")
            self.stderr.flush()
            self._status_shown = False

    def error(self, message: str) -> None:
        """`error: ...` on stderr, one line."""
        self._say(f"{self._paint('error:', '1;31')} {safe_text(message)}")

    def warn(self, message: str) -> None:
        """`warning: ...` on stderr."""
        self._say(f"{self._paint('warning:', '1;33')} {safe_text(message)}")

    def info(self, message: str) -> None:
        """A plain note on stderr (never on stdout, which is for data)."""
        self._say(self._paint(safe_text(message), "2"))

    # -- questions -------------------------------------------------------------------
    # A question holds outside text (a number's friendly name): escaped as messages are,
    # so that it cannot erase itself and draw another; written plain, never as markup.

    def confirm(self, question: str) -> bool:
        """Ask a yes/no question on stderr; anything but yes (or end of input) is no."""
        self.clear_status()
        self.stderr.write(question_text(question))
        self.stderr.flush()
        answer = self.stdin.readline()
        if not answer.endswith("\n"):
            self.stderr.write("\n")
        return answer.strip().lower() in ("y", "yes")

    def prompt(self, text: str, *, secret: bool = False) -> str:
        """Ask for a line on stderr; `secret` input is not echoed on a real terminal."""
        import getpass

        self.clear_status()
        if secret and self.real and self.stdin_isatty:
            shown = f"{safe_text(text)}: "
            return getpass.getpass(shown, stream=self.stderr).strip()  # type: ignore[arg-type]
        self.stderr.write(f"{safe_text(text)}: ")
        self.stderr.flush()
        return self.stdin.readline().strip()

    # -- Rich ------------------------------------------------------------------------

    def console(self, *, stderr: bool = False) -> Console:
        """A Rich console on stdout (or stderr) that follows this terminal."""
        from rich.console import Console

        tty = self.stderr_isatty if stderr else self.stdout_isatty
        return Console(
            file=self.stderr if stderr else self.stdout,
            force_terminal=tty,
            no_color=not self.color,
            color_system="auto" if self.color and tty else None,
            highlight=False,
            soft_wrap=False,
            # Piped tables are not cut to a terminal's width (gh's rule).
            width=self.width if tty else 10_000,
        )


def question_text(question: str, lines: Sequence[str] = ()) -> str:
    """A yes/no question as written to a terminal, after `lines` (one a line), every line
    escaped: Terminal.confirm's, and the one asked on the terminal itself."""
    shown = [safe_text(line) for line in lines]
    return "".join(f"{line}\n" for line in shown) + f"{safe_text(question)} [y/N]: "
