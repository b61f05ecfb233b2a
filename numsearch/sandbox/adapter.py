"""A requests transport adapter that answers from the sandbox instead of the network.

Mounted on the client's session, it takes the place of HTTP: everything above it
(auth, retries' callers, status handling, JSON parsing, output) runs as with Twilio.
"""

from __future__ import annotations

import json
from http import HTTPStatus
from typing import Any
from urllib.parse import urlsplit

from requests import PreparedRequest, Response
from requests.adapters import BaseAdapter
from requests.structures import CaseInsensitiveDict

from numsearch.sandbox.api import SandboxApi, Warn


class SandboxAdapter(BaseAdapter):
    """Serves every request from a SandboxApi (its warnings to `warn`)."""

    def __init__(self, api: SandboxApi | None = None, *, warn: Warn | None = None) -> None:
        super().__init__()
        self.api = api or SandboxApi(warn=warn)

    def send(self, request: PreparedRequest, *args: Any, **kwargs: Any) -> Response:
        """Answer `request` as Twilio would."""
        url = urlsplit(request.url or "")
        target = url.path + (f"?{url.query}" if url.query else "")
        body = request.body or b""
        if isinstance(body, str):
            body = body.encode("utf-8")
        status, payload = self.api.handle_request(
            request.method or "GET", target.encode("utf-8"), body
        )
        response = Response()
        response.status_code = status
        response.reason = HTTPStatus(status).phrase
        response.headers = CaseInsensitiveDict(
            {"Content-Type": "application/json; charset=utf-8", "Twilio-Request-Id": "RQsandbox"}
        )
        response._content = b"" if status == 204 else json.dumps(payload).encode("utf-8")
        response.encoding = "utf-8"
        response.url = request.url or ""
        response.request = request
        return response

    def close(self) -> None:
        """Nothing to close: no connections."""
