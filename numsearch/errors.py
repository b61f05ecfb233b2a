"""Exit codes and the one exception family numsearch turns into a message and a code."""

from __future__ import annotations

from enum import IntEnum
from typing import Any


class ExitCode(IntEnum):
    """Every exit status numsearch uses; documented in the README and `--help`."""

    FOUND = 0
    NOTHING_FOUND = 1
    USAGE = 2
    CREDENTIALS = 3
    REFUSED = 4
    UNAVAILABLE = 5
    INTERNAL = 70  # a bug in numsearch itself (the traceback is behind --debug)
    INTERRUPTED = 130


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
