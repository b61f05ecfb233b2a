"""Exit codes and the one exception family numsearch turns into a message and a code."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from enum import IntEnum
from typing import Any, ParamSpec, TypeVar


class ExitCode(IntEnum):
    """Every exit status numsearch uses. The one source of their meanings: the root
    `--help` and the docs' table come from `summary` and `meaning` (a test compares)."""

    FOUND = 0
    NOTHING_FOUND = 1
    USAGE = 2
    CREDENTIALS = 3
    REFUSED = 4
    UNAVAILABLE = 5
    INTERNAL = 70  # a bug in numsearch itself (the traceback is behind --debug)
    INTERRUPTED = 130

    @property
    def summary(self) -> str:
        """A few words, for `--help`."""
        return _SUMMARIES[self]

    @property
    def meaning(self) -> str:
        """What it means in full, for the docs' table."""
        return _MEANINGS[self]


_SUMMARIES = {
    ExitCode.FOUND: "found / done",
    ExitCode.NOTHING_FOUND: "nothing matched (or nothing new, or declined)",
    ExitCode.USAGE: "bad usage or input",
    ExitCode.CREDENTIALS: "credentials missing or rejected",
    ExitCode.REFUSED: "Twilio refused, or would refuse: nothing was sent",
    ExitCode.UNAVAILABLE: "network, timeout, Twilio unavailable, or an answer not understood",
    ExitCode.INTERNAL: "a bug in numsearch (--debug shows it)",
    ExitCode.INTERRUPTED: "interrupted",
}
_MEANINGS = {
    ExitCode.FOUND: (
        "at least one number found (with `--all`, also when `--max-requests` stopped the"
        " sweep: stderr says so), or the action done (a number bought, or already on the"
        " account)"
    ),
    ExitCode.NOTHING_FOUND: (
        "searched fine, nothing matched (or a purchase or release declined at the prompt, or"
        " a number above `buy --max-price`)"
    ),
    ExitCode.USAGE: "bad usage or input (nothing was sent)",
    ExitCode.CREDENTIALS: "credentials missing, malformed or rejected by Twilio",
    ExitCode.REFUSED: (
        "Twilio refused, or would refuse: nothing was sent. In a bulk buy: some numbers"
        " failed (and none is unknown). Twilio refused the request (a 4xx other than"
        " authentication), e.g. a country without that number type; `update` or `release` of"
        " a number not on the account; or a purchase the account is not ready for (no address"
        " or approved bundle that fits: the message says what to create and where), refused"
        " before the POST"
    ),
    ExitCode.UNAVAILABLE: (
        "network failure, timeout, rate limit or Twilio unavailable (5xx) after retries; an"
        " answer that was not understood (not the expected shape, or over 4 MiB); a purchase,"
        " update or release that cannot be confirmed (in a bulk buy: any number whose outcome"
        " is `unknown`); a purchase answered with another number than asked (`bought-other`)"
    ),
    ExitCode.INTERNAL: (
        "a bug in numsearch itself: one line, and `--debug` shows its traceback (please report it)"
    ),
    ExitCode.INTERRUPTED: "interrupted (Ctrl-C), e.g. a `watch --forever` stopped",
}


def exit_codes_help() -> str:
    """The exit codes in one paragraph, for the root `--help`."""
    return "Exit codes: " + ", ".join(f"{c.value} {c.summary}" for c in ExitCode) + "."


def exit_codes_table() -> str:
    """The exit codes as the docs' Markdown table."""
    rows = [f"| {c.value} | {c.meaning} |" for c in ExitCode]
    return "\n".join(["| code | meaning |", "| --- | --- |", *rows])


class NumsearchError(Exception):
    """An expected failure: printed as one line on stderr, never as a traceback."""

    exit_code: ExitCode = ExitCode.USAGE

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.found: list[Any] = []  # what a sweep had found before this error stopped it

    def __str__(self) -> str:
        return self.message if not self.hint else f"{self.message} ({self.hint})"


class InvalidInput(NumsearchError):
    """Bad flags or arguments, found before anything is sent (exit 2)."""

    exit_code = ExitCode.USAGE


class CredentialsError(NumsearchError):
    """Credentials missing, malformed, or rejected by Twilio (exit 3)."""

    exit_code = ExitCode.CREDENTIALS


class TwilioRefused(NumsearchError):
    """Twilio answered a 4xx other than an authentication failure (exit 4)."""

    exit_code = ExitCode.REFUSED

    def __init__(
        self,
        message: str,
        *,
        status: int,
        code: int | None = None,
        more_info: str | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message, hint=hint)
        self.status = status
        self.code = code
        self.more_info = more_info

    def reworded(self, message: str) -> TwilioRefused:
        """The same refusal, told in numsearch's words (a 404 that means "no such type")."""
        return TwilioRefused(message, status=self.status, code=self.code, more_info=self.more_info)


class TwilioUnavailable(NumsearchError):
    """Network failure, timeout, rate limit or 5xx: Twilio could not answer (exit 5).

    `sent` says whether the request may have reached Twilio: a connection that was
    never made sent nothing, a timeout or a reset after sending may have.
    """

    exit_code = ExitCode.UNAVAILABLE

    def __init__(self, message: str, *, sent: bool = True, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.sent = sent


# -- the Python API names its parameters where the command line names its flags --------

_FLAG = re.compile(r"(?<![\w-])--([a-z][a-z0-9]*(?:-[a-z0-9]+)*)")
Params = ParamSpec("Params")
Result = TypeVar("Result")


def in_python_terms(method: Callable[Params, Result]) -> Callable[Params, Result]:
    """The method's errors name what a script passes (`area_code`), not the command
    line's flags (`--area-code`), unless the command line made the account."""

    @functools.wraps(method)
    def speaking_python(*args: Params.args, **kwargs: Params.kwargs) -> Result:
        try:
            return method(*args, **kwargs)
        except NumsearchError as error:
            if not getattr(args[0], "_flags", False):
                _reword(error)
            raise

    return speaking_python


def _reword(error: NumsearchError) -> None:
    """An error's flag names as parameter names, in place (its type and fields kept)."""

    def name(match: re.Match[str]) -> str:
        return match.group(1).replace("-", "_")

    error.message = _FLAG.sub(name, error.message)
    error.hint = _FLAG.sub(name, error.hint) if error.hint else error.hint
    error.args = (error.message,)
