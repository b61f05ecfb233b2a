"""`numsearch sandbox serve`: the sandbox's API over HTTP on 127.0.0.1.

Every whole request gets an answer in Twilio's JSON shape, bad ones included
(http.server's own refusals too): a client sees a status and an error body, never a
reset or a traceback. Only whole requests are carried out, by a bounded pool of threads
(connections.py reads them); work per request is bounded (URL, parameters, body: see
api.py), and only loopback Host names are served, so a web page cannot reach the server
by DNS rebinding, nor post a form to it from another origin.
"""

from __future__ import annotations

import io
import ipaddress
import json
import re
import traceback
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import urlsplit

from numsearch.sandbox.api import MAX_BODY_BYTES, Answer, SandboxApi, error
from numsearch.sandbox.connections import REQUEST_TIMEOUT, WORKERS, ConnectionServer, Reply

# Twilio's codes for the errors http.server and this module raise themselves.
ERROR_CODES = {403: 20403, 404: 20404, 405: 20004, 500: 20500, 501: 20004}
_LOOPBACK_NAMES = ("localhost", "localhost.")


def is_loopback_host(value: str | None) -> bool:
    """Whether a Host (or an Origin's host) names this machine's loopback: `localhost`,
    127.x.x.x or [::1], with or without a port."""
    if not value:
        return False
    match = re.fullmatch(r"(\[[^\]]+\]|[^:\[\]]+)(?::[0-9]{1,5})?", value.strip())
    if match is None:
        return False
    host = match.group(1).lower()
    if host in _LOOPBACK_NAMES:
        return True
    try:
        address = ipaddress.ip_address(host.strip("[]") if host.startswith("[") else host)
    except ValueError:
        return False
    return address.is_loopback and (address.version == 4 or host.startswith("["))


def _origin_allowed(origin: str | None) -> bool:
    """A browser's Origin header: absent (not a browser, or same-origin GET) or loopback."""
    if origin is None:
        return True
    url = urlsplit(origin)
    return url.scheme in ("http", "https") and is_loopback_host(url.netloc)


class SandboxServer(ConnectionServer):
    """The sandbox's API answered over HTTP: each whole request by a SandboxHandler."""

    def __init__(self, address: tuple[str, int], api: SandboxApi, **options: Any) -> None:
        super().__init__(address, self.answer, **options)
        self.api = api

    def answer(self, raw: bytes, client_address: tuple[str, int]) -> Reply:
        """One whole request (its bytes) -> the bytes of its answer, and whether to close."""
        handler = SandboxHandler(raw, client_address, self)
        return Reply(handler.answer.getvalue(), handler.close_connection)


class SandboxHandler(BaseHTTPRequestHandler):
    """One whole request to `sandbox serve`, read from its bytes: checked, and answered
    in Twilio's shape into a buffer that the connection then sends in one write."""

    protocol_version = "HTTP/1.1"
    server_version = "numsearch-sandbox"
    server: SandboxServer  # type: ignore[assignment]

    def __init__(self, raw: bytes, client_address: tuple[str, int], server: SandboxServer) -> None:
        # Not BaseRequestHandler's: that one reads and writes a socket; this one bytes.
        self.client_address = client_address
        self.server = server
        self.rfile = io.BytesIO(raw)
        self.answer = io.BytesIO()
        self.wfile = self.answer
        self.close_connection = True
        self.handle_one_request()

    def handle_expect_100(self) -> bool:
        """The connection layer has said 100 Continue already, before reading the body."""
        return True

    def log_message(self, format: str, *args: Any) -> None:
        if self.server.log:
            self.server.log(f"{self.address_string()} {format % args}")

    def _send(self, answer: Answer, close: bool = False) -> None:
        status, payload = answer
        data = b"" if status == 204 else json.dumps(payload).encode("utf-8")  # No Content
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        if close:
            self.close_connection = True
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def send_error(self, code: int, message: str | None = None,
                   explain: str | None = None) -> None:  # fmt: skip
        """http.server's own refusals (a malformed request line, a line or header too
        long, an unknown method) in Twilio's shape rather than an HTML page."""
        self.log_error("code %d, message %s", code, message)
        if self.request_version == "HTTP/0.9":  # a request line too broken to tell
            self.request_version = ""  # (so the answer has a status line and headers)
        phrase = HTTPStatus(code).phrase if code in HTTPStatus._value2member_map_ else ""
        status = 405 if code == 501 else code  # an unknown method, as Twilio says it
        text = f"{message or phrase}: {self.command}" if code == 501 else message or phrase
        self._send(error(status, text, ERROR_CODES.get(status, 20001)), close=True)

    def _refusal(self) -> tuple[Answer | None, int]:
        """What is wrong with the request's headers, if anything, and its body's length."""
        lengths = {value.strip() for value in self.headers.get_all("Content-Length") or ()}
        if len(lengths) > 1:
            return error(400, "Content-Length is given twice, with different values"), 0
        raw_length = self.headers.get("Content-Length")
        declared = 0
        if raw_length is not None:
            if not re.fullmatch(r"[0-9]{1,15}", raw_length.strip()):
                return error(400, "Content-Length must be a number of bytes"), 0
            declared = int(raw_length)
        if "Transfer-Encoding" in self.headers:
            return error(400, "Send the body with a Content-Length, not chunked"), 0
        if not is_loopback_host(self.headers.get("Host")):
            message = "This sandbox only answers requests for localhost or 127.0.0.1"
            return error(403, message, 20403), declared
        if not _origin_allowed(self.headers.get("Origin")):
            message = "This sandbox does not answer requests from web pages elsewhere"
            return error(403, message, 20403), declared
        if declared > MAX_BODY_BYTES:
            message = f"The request body is longer than {MAX_BODY_BYTES} bytes"
            return error(413, message), declared
        return None, declared

    def _answer(self) -> None:
        refusal, declared = self._refusal()
        if refusal is not None:
            self._send(refusal, close=True)  # the connection drops what else comes
            return
        body = self.rfile.read(declared) if declared else b""
        if len(body) < declared:  # the connection layer reads requests whole: never so
            self.close_connection = True
            return
        try:
            # http.server decoded the request line as Latin-1: these are its bytes.
            answer = self.server.api.handle_request(self.command, self.path.encode("latin-1"), body)
        except Exception:
            if self.server.log:
                self.server.log(traceback.format_exc())
            answer = error(500, "The sandbox failed to answer this request", 20500)
        self._send(answer)

    do_GET = _answer
    do_POST = _answer
    do_PUT = _answer
    do_DELETE = _answer
    do_PATCH = _answer


def make_server(api: SandboxApi, host: str = "127.0.0.1", port: int = 0,
                log: Callable[[str], None] | None = None, delay: float = 0.0,
                request_timeout: float = REQUEST_TIMEOUT,
                workers: int = WORKERS) -> SandboxServer:  # fmt: skip
    """An HTTP server answering like Twilio from `api` (port 0: any free port), each
    answer `delay` seconds late, a request not whole `request_timeout` seconds after it
    began refused, `workers` threads carrying out the whole ones. OSError when the port
    cannot be had."""
    return SandboxServer(
        (host, port), api, log=log, delay=delay, request_timeout=request_timeout,
        workers=workers,
    )  # fmt: skip
