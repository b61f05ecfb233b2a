"""The client's error handling, word for word. A failed status described from Twilio's
error body, a problem+json body, an HTML page, an empty or unreadable body; a 200 that
is not JSON, cut off or malformed; a next_page_uri that is refused, at its limits; and
the records of an answer.

Each case runs the command line against a server on 127.0.0.1
(tests/support/fake_twilio) and checks the one line on stderr, whole: these lines are
what a user reads."""

from __future__ import annotations

import json
import os
import socket
from io import BufferedIOBase
from typing import Any

import pytest
from typer.testing import Result

from numsearch import api
from numsearch.errors import TwilioUnavailable
from numsearch.http_failures import network_failure
from numsearch.settings import ClientSettings
from tests.support import CliRun
from tests.support.fake_twilio import (
    FAKE_SID,
    FakeTwilio,
    Reply,
    incoming,
    incoming_page,
    json_reply,
)

SEARCH = ("local", "--area-code", "510")
INCOMING = f"/2010-04-01/Accounts/{FAKE_SID}/IncomingPhoneNumbers.json"
NOT_UNDERSTOOD = "Twilio's answer was not understood"


def error_line(result: Result, code: int) -> str:
    """The one line on stderr of a run that exited with `code` and printed no data."""
    assert result.exit_code == code, (result.exit_code, result.stderr)
    assert result.stdout == ""
    lines: list[str] = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    return lines[0]


def host(server: FakeTwilio) -> str:
    return server.url.split("//", 1)[1]


# -- a refusal (HTTP 400: not retried) described from its body ----------------------------

LINK = "https://www.twilio.com/docs/errors/21452"


@pytest.mark.parametrize(
    ("body", "described"),
    [
        ({"code": 21452, "message": "No numbers found.", "more_info": LINK},
         f"error 21452: No numbers found ({LINK})"),
        ({"message": "Bad thing."}, "HTTP 400: Bad thing"),
        ({"code": 21452}, "error 21452"),
        ({"code": "X" * 30, "message": "m"}, "error " + "X" * 19 + "…: m"),
        ({"code": "Y" * 20, "message": "m"}, "error " + "Y" * 20 + ": m"),  # at the limit
        ({"code": 0, "message": "m"}, "HTTP 400: m"),
        ({"title": "Bad Request", "detail": "PageSize is too large"},
         "HTTP 400: PageSize is too large"),
        ({"title": "Bad Request"}, "HTTP 400: Bad Request"),
        ({"detail": "PageSize is too large"}, "HTTP 400: PageSize is too large"),
        ({"message": "Unknown number 510555XXXX."}, "HTTP 400: Unknown number 510555XXXX"),
    ],
    ids=["code-message-link", "message", "code", "long-code", "code-20", "code-0", "problem",
         "title", "detail", "ends-in-x"],
)  # fmt: skip
def test_a_refusal_says_what_twilio_said(
    cli: CliRun, fake_twilio: FakeTwilio, body: dict[str, Any], described: str
) -> None:
    fake_twilio.default = json_reply(body, status=400)
    line = error_line(cli(*SEARCH), 4)
    assert line == f"error: Twilio refused the request: {described}"


HTML = {"Content-Type": "text/html"}
TEXT = {"Content-Type": "text/plain"}
PAGE = "an HTML page, not Twilio's JSON: a proxy or gateway answered"


@pytest.mark.parametrize(
    ("body", "headers", "kind"),
    [
        (b"<html><body>no</body></html>", TEXT, PAGE),
        (b"  <!DOCTYPE html><title>no</title>", TEXT, PAGE),
        (b"Service Unavailable", HTML, PAGE),
        (b"Service Unavailable", TEXT, "not Twilio's JSON"),
        (b"[1, 2]", {"Content-Type": "application/json"}, "not Twilio's JSON"),
        (b"", {}, "an empty answer"),
        (b" " * 195 + b"<html>", TEXT, PAGE),  # within the first 200 bytes
        (b" " * 196 + b"<html>", TEXT, "not Twilio's JSON"),
    ],
    ids=["html", "doctype", "html-type", "text", "json-list", "empty", "html-at-195", "at-196"],
)
def test_a_refusal_without_twilios_error_says_what_came_instead(
    cli: CliRun, fake_twilio: FakeTwilio, body: bytes, headers: dict[str, str], kind: str
) -> None:
    fake_twilio.default = Reply(400, body, headers)
    line = error_line(cli(*SEARCH), 4)
    assert line == (
        f"error: Twilio refused the request: HTTP 400 Bad Request from {host(fake_twilio)} ({kind})"
    )


def test_a_status_without_a_reason_phrase_is_said_without_one(
    cli: CliRun, fake_twilio: FakeTwilio
) -> None:
    fake_twilio.default = Reply(499)  # no standard phrase: the status line ends "499 "
    line = error_line(cli(*SEARCH), 4)
    assert line == (
        f"error: Twilio refused the request: HTTP 499 from {host(fake_twilio)} (an empty answer)"
    )


def test_a_long_reason_phrase_is_cut_to_80_characters(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    def write(out: BufferedIOBase) -> None:
        out.write(b"HTTP/1.1 400 " + b"R" * 100 + b"\r\n")
        out.write(b"Content-Length: 0\r\nConnection: close\r\n\r\n")

    fake_twilio.default = Reply(write=write)
    line = error_line(cli(*SEARCH), 4)
    assert line == (
        "error: Twilio refused the request:"
        f" HTTP 400 {'R' * 79}… from {host(fake_twilio)} (an empty answer)"
    )


def test_a_refusal_whose_body_cannot_be_read_says_why(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    fake_twilio.default = Reply(400, b"{}", declared_length=5 * 1024 * 1024)
    line = error_line(cli(*SEARCH), 4)
    assert line == (
        "error: Twilio refused the request:"
        f" HTTP 400 Bad Request from {host(fake_twilio)} (its answer could not be read:"
        f" the answer from {host(fake_twilio)} is larger than 4 MiB (far more than any"
        " Twilio page): not read)"
    )


# -- a 200 that is not Twilio's JSON --------------------------------------------------------

CUT = "the answer from {host} was cut off: its JSON ends early"


@pytest.mark.parametrize(
    ("body", "says"),
    [
        (b"<html><body>Sign in</body></html>",
         "{host} answered HTTP 200 with an HTML page instead of Twilio's JSON (a proxy,"
         " captive portal or wrong NUMSEARCH_API_URL?)"),
        (b"<!DOCTYPE html>" + b"\n" * 200 + b"<html>",
         "{host} answered HTTP 200 with an HTML page instead of Twilio's JSON (a proxy,"
         " captive portal or wrong NUMSEARCH_API_URL?)"),
        (b"  " * 98 + b"<html>", "{host} answered HTTP 200 with something that is not JSON"),
        (b'  {"available_phone_numbers": [', CUT),
        (b"[1, 2", CUT),
        (b'{"a": 1,', CUT),
        (b'{"a": "unterminated', CUT),
        (b'{"a": 1 x}', f"{NOT_UNDERSTOOD}: its JSON is malformed"),
        (b"[1 x]", f"{NOT_UNDERSTOOD}: its JSON is malformed"),
        (b'{"a": "\xff"}', f"{NOT_UNDERSTOOD}: its JSON is malformed"),
        (b"", "{host} answered HTTP 200 with an empty body"),
        (b"  \n ", "{host} answered HTTP 200 with an empty body"),
        (b"hello", "{host} answered HTTP 200 with something that is not JSON"),
    ],
    ids=["html", "doctype", "html-past-200", "cut-object", "cut-list", "cut-after-comma",
         "unterminated", "malformed-object", "malformed-list", "not-utf8", "empty", "blank",
         "text"],
)  # fmt: skip
def test_an_answer_that_is_not_json_says_what_it_was(
    cli: CliRun, fake_twilio: FakeTwilio, body: bytes, says: str
) -> None:
    fake_twilio.default = Reply(200, body, {"Content-Type": "application/json"})
    line = error_line(cli(*SEARCH), 5)
    assert line == "error: " + says.format(host=host(fake_twilio))


# -- next_page_uri ---------------------------------------------------------------------------


def owned_with_next_page(cli: CliRun, server: FakeTwilio, pointer: Any) -> Result:
    def answer(request: Any) -> Reply:
        if request.query.get("Page") == "1":
            return incoming_page([incoming("+15105550101", "b")], None, 1)
        return incoming_page([incoming("+15105550100")], pointer)

    server.responder = answer
    return cli("owned", "-o", "json")


def refused_page(shown: str) -> str:
    return (
        f"error: {NOT_UNDERSTOOD}: next_page_uri {shown} is not a page of IncomingPhoneNumbers.json"
    )


@pytest.mark.parametrize(
    ("pointer", "shown"),
    [
        (5, "a number"),
        ([INCOMING], "a list"),
        (f"{INCOMING}?Page=1\n", repr(INCOMING[:79] + "…")),  # not printable
        (f"{INCOMING}?Page=1&x=\\", repr(INCOMING[:79] + "…")),
    ],
    ids=["number", "list", "newline", "backslash"],
)
def test_a_next_page_that_is_not_one_is_refused_and_shown(
    cli: CliRun, fake_twilio: FakeTwilio, pointer: Any, shown: str
) -> None:
    assert error_line(owned_with_next_page(cli, fake_twilio, pointer), 5) == refused_page(shown)
    assert len(fake_twilio.requests) == 1


@pytest.mark.parametrize("length", [4095, 4096])
def test_a_next_page_up_to_4096_characters_is_followed(
    cli: CliRun, fake_twilio: FakeTwilio, length: int
) -> None:
    pointer = f"{INCOMING}?Page=1&x="
    pointer += "y" * (length - len(pointer))
    result = owned_with_next_page(cli, fake_twilio, pointer)
    assert result.exit_code == 0, result.stderr
    assert [n["phone_number"] for n in json.loads(result.stdout)] == [
        "+15105550100",
        "+15105550101",
    ]


def test_a_next_page_of_4097_characters_is_refused(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    pointer = f"{INCOMING}?Page=1&x="
    pointer += "y" * (4097 - len(pointer))
    line = error_line(owned_with_next_page(cli, fake_twilio, pointer), 5)
    assert line == refused_page(repr(pointer[:79] + "…"))


# -- the sandbox's answers (no connection, so no retry history) -------------------------------


def test_a_refusal_from_the_sandbox_is_described_like_twilios(cli: CliRun) -> None:
    result = cli("--sandbox", "countries", "XK")
    assert result.exit_code == 4, result.stderr
    assert result.stderr.splitlines()[-1] == (
        "error: XK has no numbers for this account (Twilio 20404)"
    )


# -- no answer at all --------------------------------------------------------------------------


@pytest.fixture
def closed_port(monkeypatch: pytest.MonkeyPatch, credentials: dict[str, str]) -> str:
    """The URL of a port on 127.0.0.1 that nothing listens on, as NUMSEARCH_API_URL."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    monkeypatch.setenv("NUMSEARCH_API_URL", url)
    return url


def test_a_search_that_cannot_connect_says_it_tried_four_times(
    cli: CliRun, closed_port: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("urllib3.util.retry.Retry.sleep", lambda self, response=None: None)
    line = error_line(cli(*SEARCH), 5)
    assert line == f"error: cannot connect to {closed_port[7:]}: connection refused (4 attempts)"


def test_a_purchase_that_cannot_connect_was_never_sent(
    closed_port: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not retried (a POST), and certainly not sent: buying safely says "not bought"
    without looking at the account."""
    monkeypatch.setattr("urllib3.util.retry.Retry.sleep", lambda self, response=None: None)
    client = api.open_client(ClientSettings(api_url=closed_port), environ=dict(os.environ))
    with pytest.raises(TwilioUnavailable) as caught:
        client.buy({"PhoneNumber": "+15105550100"})
    assert caught.value.sent is False
    assert caught.value.message == f"cannot connect to {closed_port[7:]}: connection refused"


def test_an_answer_cut_off_mid_body_is_not_retried(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    fake_twilio.default = Reply(200, b'{"available_phone_numbers": [', declared_length=500)
    line = error_line(cli(*SEARCH), 5)
    assert line == f"error: the answer from {host(fake_twilio)} was cut off before it ended"
    assert len(fake_twilio.requests) == 1


# -- what went wrong, by cause (the exceptions as requests and urllib3 raise them) -------------

FAILED_TLS = "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed"
CUT_OFF = "the answer from h was cut off before it ended (4 attempts)"
CLOSED = "h closed the connection before answering (4 attempts)"
SLOW = "h did not answer within 2.5 s (4 attempts); try a longer --timeout"


def _failures() -> list[tuple[BaseException, str]]:
    import http.client
    import ssl

    from requests import exceptions as r
    from urllib3 import exceptions as u

    def aborted(reason: BaseException) -> BaseException:
        return r.ConnectionError(u.ProtocolError("Connection aborted.", reason))

    unresolved = "cannot find h: the name does not resolve (offline, or a wrong region?)"
    tls = f"secure connection to h failed: {FAILED_TLS}"
    return [
        (socket.gaierror(-2, "Name or service not known"), unresolved),
        (u.NameResolutionError("h", None, socket.gaierror(-2, "x")), unresolved),  # type: ignore[arg-type]
        (r.SSLError(u.SSLError(ssl.SSLError(1, FAILED_TLS))), tls),
        (ssl.SSLError(1, FAILED_TLS), tls),
        (r.SSLError(FAILED_TLS), tls),
        (u.SSLError(FAILED_TLS), tls),
        (ConnectionRefusedError(111, "Connection refused"),
         "cannot connect to h: connection refused (4 attempts)"),
        (http.client.IncompleteRead(b"{", 10), CUT_OFF),
        (u.IncompleteRead(1, 10), CUT_OFF),
        (r.ChunkedEncodingError("Connection broken"), CUT_OFF),
        (aborted(BrokenPipeError(32, "Broken pipe")), CUT_OFF),
        (aborted(ConnectionResetError(104, "Connection reset by peer")), CLOSED),
        (aborted(ConnectionAbortedError(103, "Software caused connection abort")), CLOSED),
        (aborted(http.client.RemoteDisconnected("Remote end closed connection")), CLOSED),
        (r.ConnectTimeout(u.ConnectTimeoutError(None, "timed out")), SLOW),
        (r.ReadTimeout("read timed out"), SLOW),
        (u.ReadTimeoutError(None, "/", "read timed out"), SLOW),  # type: ignore[arg-type]
        (TimeoutError("timed out"), SLOW),
        (aborted(OSError(113, "No route to host")),
         "cannot reach h: [Errno 113] No route to host (4 attempts)"),
    ]  # fmt: skip


@pytest.mark.parametrize(("exc", "says"), _failures())
def test_a_failure_without_an_answer_is_named_by_its_cause(exc: BaseException, says: str) -> None:
    assert network_failure(exc, "h", 2.5, retried=True) == says
    assert network_failure(exc, "h", 2.5, retried=False) == says.replace(" (4 attempts)", "")


# -- which error, by status -----------------------------------------------------------------


@pytest.fixture
def no_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("urllib3.util.retry.Retry.sleep", lambda self, response=None: None)


@pytest.mark.parametrize(
    ("status", "exit_code", "says"),
    [
        (401, 3, "Twilio rejected the credentials from environment:"
                 " error 20401: no (check TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN, or the API"
                 " key and secret)"),
        (429, 5, "Twilio is rate limiting requests after 4 attempts: error 20429: no"),
        (503, 5, "Twilio is unavailable after 4 attempts: error 20503: no"),
        (501, 5, "Twilio is unavailable: error 20501: no"),  # not retried
    ],
)  # fmt: skip
@pytest.mark.usefixtures("no_backoff")
def test_each_kind_of_failed_status_says_what_it_means(
    cli: CliRun, fake_twilio: FakeTwilio, status: int, exit_code: int, says: str
) -> None:
    fake_twilio.default = json_reply({"code": 20000 + status, "message": "no"}, status=status)
    assert error_line(cli(*SEARCH), exit_code) == f"error: {says}"


def test_a_refusal_carries_twilios_code_and_link(fake_twilio: FakeTwilio) -> None:
    from numsearch.errors import TwilioRefused
    from numsearch.number_types import NUMBER_TYPES
    from numsearch.query import SearchQuery

    fake_twilio.default = json_reply(
        {"code": "21452", "message": "No numbers", "more_info": " " + LINK + "\n"}, status=400
    )
    client = api.open_client(ClientSettings(api_url=fake_twilio.url), environ=dict(os.environ))
    with pytest.raises(TwilioRefused) as caught:
        client.search(SearchQuery(country="US", number_type=NUMBER_TYPES["local"]))
    assert (caught.value.status, caught.value.code, caught.value.more_info) == (400, 21452, LINK)


def test_a_failure_that_urllib3_gave_up_on_is_named_by_its_reason() -> None:
    from requests import exceptions as r
    from urllib3 import exceptions as u

    refused = u.MaxRetryError(None, "/", ConnectionRefusedError(111, "Connection refused"))  # type: ignore[arg-type]
    says = "cannot connect to h: connection refused (4 attempts)"
    assert network_failure(r.ConnectionError(refused), "h", 2.5, retried=True) == says


def _raised_while_handling() -> BaseException:
    try:
        try:
            raise ConnectionResetError(104, "Connection reset by peer")
        except OSError:
            raise RuntimeError("while reading the answer")  # noqa: B904 (implicit context)
    except RuntimeError as exc:
        return exc


def _raised_from() -> BaseException:
    exc = RuntimeError("while reading the answer")
    exc.__cause__ = ConnectionResetError(104, "Connection reset by peer")  # `raise ... from`
    return exc


@pytest.mark.parametrize(
    "exc", [_raised_while_handling(), _raised_from()], ids=["context", "cause"]
)
def test_a_failure_is_named_by_the_error_it_was_raised_from(exc: BaseException) -> None:
    assert exc.__cause__ is None or exc.__context__ is None
    says = "h closed the connection before answering (4 attempts)"
    assert network_failure(exc, "h", 2.5, retried=True) == says


def test_failed_attempts_are_counted_from_two(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    """A 503 is retried; the 501 that follows is not: two attempts."""
    no = {"code": 20501, "message": "no"}
    fake_twilio.queue(json_reply(no, status=503), json_reply(no, status=501))
    line = error_line(cli(*SEARCH), 5)
    assert line == "error: Twilio is unavailable after 2 attempts: error 20501: no"
    assert len(fake_twilio.requests) == 2


def test_a_refusal_without_a_link_has_none(fake_twilio: FakeTwilio) -> None:
    from numsearch.errors import TwilioRefused
    from numsearch.number_types import NUMBER_TYPES
    from numsearch.query import SearchQuery

    fake_twilio.default = json_reply({"code": 21452, "message": "No numbers"}, status=400)
    client = api.open_client(ClientSettings(api_url=fake_twilio.url), environ=dict(os.environ))
    with pytest.raises(TwilioRefused) as caught:
        client.search(SearchQuery(country="US", number_type=NUMBER_TYPES["local"]))
    assert (caught.value.code, caught.value.more_info) == (21452, None)
