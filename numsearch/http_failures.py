"""What went wrong on the wire, in one line: Twilio's error body, a body that is not JSON,
a network failure named by its cause; server text bounded in length."""

from __future__ import annotations

import http.client
import json
import socket
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from numsearch.untrusted import clip, safe_text

if TYPE_CHECKING:
    import requests

RETRIES = 3  # a GET's retries after the first attempt (transport's policy): 4 attempts in all
MAX_SERVER_TEXT = 300  # characters of a server's message, link or reason phrase shown
NOT_UNDERSTOOD = "Twilio's answer was not understood"


def _clip(text: str, limit: int = MAX_SERVER_TEXT) -> str:
    """Server text for a one-line message: whitespace runs (newlines too) made one space,
    control characters escaped, cut to `limit` characters (escapes included)."""
    return clip(safe_text(" ".join(text.split())), limit)


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _attempts(response: requests.Response) -> int:
    retries = getattr(response.raw, "retries", None)
    history = getattr(retries, "history", ()) or ()
    return len(history) + 1


def _twilio_error(body: bytes | None) -> dict[str, Any] | None:
    if not body:
        return None
    try:
        payload = json.loads(body)
    except Exception:  # any unreadable body (RecursionError too): described from the status
        return None
    return payload if isinstance(payload, dict) else None


def describe_error(
    error: Mapping[str, Any] | None,
    response: requests.Response,
    host: str,
    body: bytes | None = None,
    *,
    cut: str | None = None,
) -> str:
    """One line for a failed response: Twilio's code, message and link when it sent them,
    each bounded in length. `cut` says why the body could not be read, if it could not."""
    status = response.status_code
    if error and (error.get("code") or error.get("message")):
        code = _clip(str(error["code"]), 20) if error.get("code") else None
        head = f"error {code}" if code else f"HTTP {status}"
        message = _clip(str(error.get("message") or "")).rstrip(".")
        text = f"{head}: {message}" if message else head
        if error.get("more_info"):
            text += f" ({_clip(str(error['more_info']))})"
        return text
    if error and (error.get("title") or error.get("detail")):  # problem+json (proxies, mocks)
        detail = _clip(str(error.get("detail") or error.get("title")))
        return f"HTTP {status}: {detail}"
    reason = _clip(response.reason or "", 80)
    kind = _body_kind(response, body, cut)
    return f"HTTP {status} {reason}".rstrip() + f" from {host}" + (f" ({kind})" if kind else "")


def _body_kind(response: requests.Response, body: bytes | None, cut: str | None) -> str:
    if cut is not None:
        return "its answer could not be read: " + cut
    ctype = response.headers.get("Content-Type", "")
    head = (body or b"")[:200].lstrip().lower()
    if b"<html" in head or b"<!doctype" in head or "html" in ctype:
        return "an HTML page, not Twilio's JSON: a proxy or gateway answered"
    if not head:
        return "an empty answer"
    return "not Twilio's JSON"


def _not_json(response: requests.Response, body: bytes, host: str, error: ValueError) -> str:
    head = body[:200].lstrip().lower()
    if b"<html" in head or b"<!doctype" in head:
        return (
            f"{host} answered HTTP {response.status_code} with an HTML page instead of"
            " Twilio's JSON (a proxy, captive portal or wrong NUMSEARCH_API_URL?)"
        )
    ends_early = isinstance(error, json.JSONDecodeError) and (
        error.pos >= len(body.rstrip()) or error.msg.startswith("Unterminated")
    )
    if head.startswith((b"{", b"[")) and ends_early:
        return f"the answer from {host} was cut off: its JSON ends early"
    if not head:
        return f"{host} answered HTTP {response.status_code} with an empty body"
    if head.startswith((b"{", b"[")):
        return f"{NOT_UNDERSTOOD}: its JSON is malformed"
    return f"{host} answered HTTP {response.status_code} with something that is not JSON"


def _timed_out(exc: BaseException) -> bool:
    from requests import exceptions as requests_errors
    from urllib3 import exceptions as urllib3_errors

    kinds = (requests_errors.Timeout, urllib3_errors.TimeoutError, TimeoutError)
    return any(isinstance(link, kinds) for link in _causes(exc))


def network_failure(exc: BaseException, host: str, timeout: float, *, retried: bool) -> str:
    """A clear line for a request that got no (complete) answer, by what went wrong."""
    import ssl

    from requests import exceptions as requests_errors
    from urllib3 import exceptions as urllib3_errors

    chain = _causes(exc)

    def caused_by(*kinds: type[BaseException]) -> bool:
        return any(isinstance(link, kinds) for link in chain)

    tries = f" ({RETRIES + 1} attempts)" if retried else ""
    if caused_by(socket.gaierror, urllib3_errors.NameResolutionError):
        return f"cannot find {host}: the name does not resolve (offline, or a wrong region?)"
    if caused_by(ssl.SSLError, requests_errors.SSLError, urllib3_errors.SSLError):
        return f"secure connection to {host} failed: {_clip(str(chain[-1]))}"
    if caused_by(ConnectionRefusedError):
        return f"cannot connect to {host}: connection refused{tries}"
    if caused_by(
        http.client.IncompleteRead,
        urllib3_errors.IncompleteRead,
        requests_errors.ChunkedEncodingError,
        BrokenPipeError,
    ):
        return f"the answer from {host} was cut off before it ended{tries}"
    if caused_by(ConnectionResetError, ConnectionAbortedError, http.client.RemoteDisconnected):
        return f"{host} closed the connection before answering{tries}"
    # After the others: urllib3's NewConnectionError is a kind of ConnectTimeoutError.
    if caused_by(requests_errors.Timeout, urllib3_errors.TimeoutError, TimeoutError):
        return f"{host} did not answer within {timeout:g} s{tries}; try a longer --timeout"
    return f"cannot reach {host}: {_clip(str(chain[-1]))}{tries}"


def _never_sent(exc: BaseException) -> bool:
    """Whether the request certainly did not reach the server (no connection was made)."""
    from urllib3.exceptions import ConnectTimeoutError, NewConnectionError

    never = (ConnectTimeoutError, NewConnectionError, ConnectionRefusedError, socket.gaierror)
    return any(isinstance(link, never) for link in _causes(exc))


def _causes(exc: BaseException) -> list[BaseException]:
    """`exc` and everything it wraps, outermost first."""
    seen: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and all(current is not s for s in seen):
        seen.append(current)
        reason = getattr(current, "reason", None)
        nested = [a for a in getattr(current, "args", ()) if isinstance(a, BaseException)]
        if isinstance(reason, BaseException):
            current = reason
        elif nested:
            current = nested[0]
        else:
            current = current.__cause__ or current.__context__
    return seen
