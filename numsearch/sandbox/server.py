"""`numsearch sandbox serve`: the sandbox's API over HTTP on 127.0.0.1."""

from __future__ import annotations

import json
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from numsearch.sandbox.api import SandboxApi


def make_server(api: SandboxApi, host: str = "127.0.0.1", port: int = 0,
                log: Callable[[str], None] | None = None) -> ThreadingHTTPServer:  # fmt: skip
    """An HTTP server answering like Twilio from `api` (port 0: any free port)."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "numsearch-sandbox"

        def log_message(self, format: str, *args: Any) -> None:
            if log:
                log(f"{self.address_string()} {format % args}")

        def _answer(self) -> None:
            url = urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode("utf-8") if length else ""
            status, payload = api.handle(
                self.command,
                url.path,
                dict(parse_qsl(url.query, keep_blank_values=True)),
                dict(parse_qsl(body, keep_blank_values=True)),
            )
            data = json.dumps(payload).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = _answer
        do_POST = _answer
        do_PUT = _answer
        do_DELETE = _answer

    server = ThreadingHTTPServer((host, port), Handler)
    server.daemon_threads = True
    return server
