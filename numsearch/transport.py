"""The HTTP client under Twilio's endpoints: one requests.Session, auth, hosts, bounded
reads, retries, error mapping, redaction and debug logging.

GETs are retried (retries.py: on connection failures, 429 and 5xx, with a backoff
shared by every request of a client, each retry paid from a sweep's budget of requests);
POSTs are never retried once sent.
Each attempt has one deadline, `--timeout` seconds from its start, for connecting and
reading the headers and the whole body; a body is read to MAX_BODY bytes at most. So a
server that trickles or never stops costs attempts x timeout (+ backoff), and 4 MiB.
Every failure leaves this module as a NumsearchError with its exit code, server text
bounded in length and the credentials redacted.
"""

from __future__ import annotations

import base64
import copy
import functools
import http.client
import io
import json
import logging
import re
import time
from collections.abc import Callable, Iterable, Mapping
from typing import IO, TYPE_CHECKING, Any, Self
from urllib.parse import unquote, urlsplit, urlunsplit

from numsearch.errors import CredentialsError, InvalidInput, TwilioRefused, TwilioUnavailable
from numsearch.http_failures import (
    NOT_UNDERSTOOD,
    RETRIES,
    _attempts,
    _clip,
    _int,
    _never_sent,
    _not_json,
    _timed_out,
    _twilio_error,
    describe_error,
    network_failure,
)
from numsearch.models import json_kind
from numsearch.retries import Backoff, RequestBudget, retries_paid_from, retry_policy
from numsearch.settings import ClientSettings
from numsearch.untrusted import safe_text
from numsearch.version import __version__

if TYPE_CHECKING:
    import requests
    from requests.adapters import BaseAdapter

    from numsearch.config import Credentials

log = logging.getLogger("numsearch.http")

DEFAULT_BASE_URL = "https://api.twilio.com"
DEBUG_HANDLER = "numsearch-debug"
MAX_BODY = 4 * 1024 * 1024  # bytes: a full page of 1000 numbers is about 700 KiB
MAX_BODY_TEXT = "4 MiB"
READ_CHUNK = 64 * 1024
API_URL_HOST = re.compile(r"[A-Za-z0-9._~-]+|[0-9A-Fa-f:.]+")  # a name, IPv4 or IPv6


def base_url_for(region: str | None, edge: str | None, override: str | None = None) -> str:
    """The API root: NUMSEARCH_API_URL (checked, without any user:password), else Twilio's
    regional host.

    Like Twilio's helper libraries: an edge without a region implies us1, and a region
    without an edge is `api.{region}.twilio.com`. Region and edge become part of the host
    name, so only names shaped like Twilio's pass (InvalidInput otherwise): nothing typed
    into them can point the credentials at another host.
    """
    if override:
        return checked_api_url(override)
    return product_base_url("api", region, edge)


# Twilio's products on hosts of their own, each following the API's region/edge rule.
PRODUCT_HOSTS = frozenset({"api", "pricing", "numbers"})


def product_base_url(product: str, region: str | None, edge: str | None) -> str:
    """`https://{product}.twilio.com`, or `https://{product}.{edge}.{region}.twilio.com`
    (product: api, pricing, numbers). Region and edge are checked as for the API host."""
    if product not in PRODUCT_HOSTS:
        raise ValueError(f"not a Twilio product host: {product}")
    if not region and not edge:
        return f"https://{product}.twilio.com"
    from numsearch.config import edge_name, region_name

    region = region_name(region, "--region / TWILIO_REGION") if region else "us1"
    edge = edge_name(edge, "--edge / TWILIO_EDGE") if edge else None
    host = product + (f".{edge}" if edge else "") + f".{region}.twilio.com"
    return f"https://{host}"


def checked_api_url(url: str) -> str:
    """NUMSEARCH_API_URL (or --api-url) as the base URL: an http(s) URL with a host and no
    query or fragment, else InvalidInput. A user:password in it is dropped: requests would
    not send it (the session's credentials win), and it must not show in messages."""
    text = url.strip()
    parts = urlsplit(text) if text.isprintable() and " " not in text else None
    try:
        port = parts.port if parts else None
    except ValueError:  # a port that is not a number, or out of range
        parts = None
    host = parts.hostname if parts else None
    if (
        parts is None
        or parts.scheme.lower() not in ("http", "https")
        or not host
        or not API_URL_HOST.fullmatch(host)
        or "?" in text
        or "#" in text
    ):
        raise InvalidInput(
            f"NUMSEARCH_API_URL (--api-url) {_shown_url(text)} is not an http(s) URL with a"
            " host, like http://127.0.0.1:4010"
        )
    netloc = (f"[{host}]" if ":" in host else host) + (f":{port}" if port is not None else "")
    return urlunsplit((parts.scheme.lower(), netloc, parts.path.rstrip("/"), "", ""))


def _shown_url(url: str) -> str:
    """A URL for a message: any user:password hidden, bounded in length, quoted."""
    hidden = re.sub(r"//[^/?#]*@", "//***@", url)
    return repr(_clip(hidden, 120))


def secrets_of(credentials: Credentials, api_url: str | None = None) -> tuple[str, ...]:
    """What must never be shown: the secret, the Basic authorization made from it (as
    requests encodes it, and without its `=` padding, which a server may drop), and any
    password written into NUMSEARCH_API_URL."""
    found = [credentials.password]
    try:
        pair = f"{credentials.username}:{credentials.password}".encode("latin-1")
        found.append(base64.b64encode(pair).decode().rstrip("="))
    except UnicodeEncodeError:  # config refuses such secrets; nothing like it can be sent
        pass
    if api_url:
        try:
            password = urlsplit(api_url.strip()).password
        except ValueError:
            password = None
        if password:
            found += [password, unquote(password)]
    # Longest first: a secret that contains another is hidden whole.
    return tuple(sorted({s for s in found if s}, key=len, reverse=True))


def redact(text: str, secrets: Iterable[str]) -> str:
    """`text` with every secret replaced by `***`."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, "***")
    return text


class HttpClient:
    """Requests to Twilio's hosts with the account's credentials: bounded, retried where
    safe, every failure one NumsearchError."""

    def __init__(
        self,
        credentials: Credentials,
        base_url: str,
        settings: ClientSettings,
        *,
        transport: BaseAdapter | None = None,
        secrets: Iterable[str] | None = None,
    ) -> None:
        """`transport` is a requests adapter that answers instead of the network (sandbox);
        `secrets` are hidden from every message (default: those of `credentials`)."""
        import requests

        self.credentials = credentials
        self.settings = settings
        self.sandbox = transport is not None
        self.secrets = tuple(secrets if secrets is not None else secrets_of(credentials))
        self.base_url = base_url.rstrip("/")
        split = urlsplit(self.base_url)
        # For messages: host[:port], never a user:password.
        self.host = split.netloc.rpartition("@")[2] or self.base_url
        session = requests.Session()
        session.auth = (credentials.username, credentials.password)
        session.headers["User-Agent"] = f"numsearch/{__version__}"
        session.headers["Accept"] = "application/json"
        self.backoff = Backoff()
        retry = retry_policy(self.backoff, RETRIES)
        pool = max(settings.concurrency, 1)
        adapter = transport or _bounded_adapter(retry, pool)
        session.mount("https://", adapter)
        session.mount("http://", adapter)
        session.hooks["response"].append(_log_response)
        self.session = session

    def get_json(
        self,
        path: str,
        params: Mapping[str, str] | None = None,
        *,
        retry_budget: RequestBudget | None = None,
    ) -> dict[str, Any]:
        """GET a resource (retried on transient failures, each retry paid from
        `retry_budget` when given) and return its JSON object."""
        return self._json(*self.send("GET", path, params=params, retry_budget=retry_budget))

    def post_form(self, path: str, form: Mapping[str, str]) -> dict[str, Any]:
        """POST a form once and return the created resource's JSON object."""
        return self._json(*self.send("POST", path, data=form))

    def get_many(self, path: str, params_list: list[dict[str, str]]) -> list[dict[str, Any]]:
        if len(params_list) == 1:
            return [self.get_json(path, params_list[0])]
        from concurrent.futures import ThreadPoolExecutor

        workers = min(self.settings.concurrency, len(params_list))
        pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="numsearch")
        try:
            return list(pool.map(lambda params: self.get_json(path, params), params_list))
        finally:
            pool.shutdown(wait=True, cancel_futures=True)

    def send(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, str] | None = None,
        data: Mapping[str, str] | None = None,
        retry_budget: RequestBudget | None = None,
    ) -> tuple[requests.Response, bytes]:
        """One request (a GET retried by urllib3 up to its headers), its body read within
        the attempt's deadline and MAX_BODY; a failed status raised as its error. With
        `retry_budget`, each retry takes one request from it first, and one it cannot
        pay is not made: BudgetSpent instead of the failure it would have retried (the
        first attempt is the caller's to count)."""
        import requests

        url = self.base_url + path
        timeout = self.settings.timeout
        self.backoff.wait()  # a pause another request was told to take holds this one too
        with retries_paid_from(retry_budget) as bill:
            try:
                response = self.session.request(
                    method, url, params=params, data=data, timeout=(timeout, timeout), stream=True
                )
            except requests.exceptions.RequestException as exc:
                if bill is not None and bill.refused:
                    raise bill.spent() from None
                message = network_failure(exc, self.host, timeout, retried=method == "GET")
                raise TwilioUnavailable(self._redact(message), sent=not _never_sent(exc)) from None
        body: bytes | None = None
        cut: str | None = None
        try:
            body = self._read_body(response)
        except TwilioUnavailable as failure:
            if response.status_code < 400:
                raise
            cut = failure.message  # for a failed status, the status says more than the body
        if bill is not None and bill.refused:
            raise bill.spent()
        self._raise_for_status(response, body, cut)
        return response, body or b""

    def _read_body(self, response: requests.Response) -> bytes:
        """The body, read in chunks: TwilioUnavailable past MAX_BODY, or when it breaks off
        or outlasts the attempt's deadline (which the connection keeps on every socket
        read: see _AttemptDeadline).

        A body that fails is not retried, even for a GET: the server did answer, and a body
        too large or too slow would most likely be so again, multiplying the wait.
        """
        import requests

        too_large = (
            f"the answer from {self.host} is larger than {MAX_BODY_TEXT}"
            " (far more than any Twilio page): not read"
        )
        if response.raw is None:  # a transport that answers from memory (the sandbox)
            if len(response.content) > MAX_BODY:
                raise TwilioUnavailable(too_large)
            return response.content
        try:
            declared = _int(response.headers.get("Content-Length"))
            if declared is not None and declared > MAX_BODY:
                raise TwilioUnavailable(too_large)
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_content(READ_CHUNK):
                size += len(chunk)
                if size > MAX_BODY:
                    raise TwilioUnavailable(too_large)
                chunks.append(chunk)
            return b"".join(chunks)
        except requests.exceptions.RequestException as exc:
            timeout = self.settings.timeout
            if _timed_out(exc):
                message = (
                    f"{self.host} did not finish its answer within {timeout:g} s;"
                    " try a longer --timeout"
                )
            else:
                message = network_failure(exc, self.host, timeout, retried=False)
            raise TwilioUnavailable(self._redact(message)) from None
        finally:
            response.close()  # a connection left mid-body is not reused

    def _raise_for_status(
        self, response: requests.Response, body: bytes | None, cut: str | None = None
    ) -> None:
        status = response.status_code
        if status < 400:
            return
        attempts = _attempts(response)
        error = _twilio_error(body)
        described = self._redact(describe_error(error, response, self.host, body, cut=cut))
        if status in (401, 403):
            raise CredentialsError(
                f"Twilio rejected the credentials from {self.credentials.source}: {described}"
                " (check TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN, or the API key and secret)"
            )
        if status == 429 or status >= 500:
            what = "is rate limiting requests" if status == 429 else "is unavailable"
            tries = f" after {attempts} attempts" if attempts > 1 else ""
            raise TwilioUnavailable(f"Twilio {what}{tries}: {described}")
        error = error or {}
        more_info = self._redact(_clip(str(error.get("more_info") or "")))
        raise TwilioRefused(
            f"Twilio refused the request: {described}",
            status=status,
            code=_int(error.get("code")),
            more_info=more_info or None,
        )

    def _json(self, response: requests.Response, body: bytes) -> dict[str, Any]:
        for secret in self.secrets:  # a server that echoes them must not get them shown
            if secret and secret.encode() in body:
                body = body.replace(secret.encode(), b"***")
        try:
            payload = json.loads(body)
        except RecursionError:
            raise TwilioUnavailable(f"{NOT_UNDERSTOOD}: its JSON is nested too deeply") from None
        except ValueError as exc:
            raise TwilioUnavailable(_not_json(response, body, self.host, exc)) from None
        if not isinstance(payload, dict):
            raise TwilioUnavailable(
                f"{NOT_UNDERSTOOD}: its JSON is {json_kind(payload)}, not an object"
            )
        return payload

    def _redact(self, text: str) -> str:
        return redact(text, self.secrets)

    def on_host(self, product: str) -> Self:
        """This client (same session, credentials and settings) talking to Twilio's
        `product` host (`pricing`, `numbers`) in the same region and edge. NUMSEARCH_API_URL
        stands in for every host (their paths do not overlap); the sandbox answers on all."""
        if self.settings.api_url or product == "api":
            return self
        twin = copy.copy(self)
        twin.base_url = product_base_url(
            product,
            self.settings.region or self.credentials.region,
            self.settings.edge or self.credentials.edge,
        )
        twin.host = urlsplit(twin.base_url).netloc
        return twin


# -- bounded attempts ---------------------------------------------------------------------
#
# urllib3's timeouts bound each socket operation, not an attempt: a server that sends one
# byte a second never times out. Here every attempt gets one deadline, `--timeout` seconds
# from its start, and every read of its headers and body is given only the time left.


if TYPE_CHECKING:
    from urllib3.connection import HTTPConnection as _ConnectionBase
    from urllib3.connectionpool import HTTPConnectionPool
else:
    _ConnectionBase = object


class _DeadlineReader(io.RawIOBase):
    """A socket's reads, each allowed only the time left before the attempt's deadline."""

    def __init__(self, raw: io.RawIOBase, sock: Any, deadline: float) -> None:
        super().__init__()
        self._raw = raw
        self._sock = sock
        self._deadline = deadline

    def readable(self) -> bool:
        """Always: it is a response's input."""
        return True

    def readinto(self, buffer: Any) -> int | None:
        """Read what the socket has, within the time left; TimeoutError when it is up
        (urllib3 reports that as a read timeout, so Retry treats it as one)."""
        left = self._deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("the attempt's deadline passed")
        self._sock.settimeout(left)
        return self._raw.readinto(buffer)

    def close(self) -> None:
        """Close the socket's file too (the socket itself closes with its last file)."""
        if not self.closed:
            self._raw.close()
        super().close()


class _DeadlineResponse(http.client.HTTPResponse):
    """http.client's response, reading its headers and body against a deadline."""

    def __init__(self, sock: Any, *args: Any, deadline: float, **kwargs: Any) -> None:
        super().__init__(sock, *args, **kwargs)
        if isinstance(self.fp, io.BufferedReader) and hasattr(sock, "settimeout"):
            raw = self.fp.detach()
            self.fp = io.BufferedReader(_DeadlineReader(raw, sock, deadline))


class _AttemptDeadline(_ConnectionBase):
    """Mixed into urllib3's connection classes: an attempt starts when its connection is
    opened or its request is sent, whichever is first, and its response is read against
    `start + timeout` (the read timeout urllib3 sets on the connection: `--timeout`)."""

    _attempt_started: float | None = None

    def connect(self) -> None:
        """Connect; a fresh connection starts the attempt."""
        if self._attempt_started is None:
            self._attempt_started = time.monotonic()
        super().connect()

    def request(self, *args: Any, **kwargs: Any) -> None:
        """Send the request; on a reused connection this starts the attempt."""
        if self._attempt_started is None:
            self._attempt_started = time.monotonic()
        super().request(*args, **kwargs)

    def getresponse(self) -> Any:
        """Read the response's headers (and later its body) within the attempt's time."""
        started, self._attempt_started = self._attempt_started, None
        budget = self.timeout
        if started is not None and isinstance(budget, int | float) and budget > 0:
            self.response_class = functools.partial(  # type: ignore[assignment]
                _DeadlineResponse, deadline=started + budget
            )
        try:
            return super().getresponse()
        finally:
            self.__dict__.pop("response_class", None)  # a later CONNECT tunnel reads freely

    def close(self) -> None:
        """Close; whatever comes next on this object is a new attempt."""
        self._attempt_started = None
        super().close()


@functools.cache
def _with_deadline(connection_cls: type) -> type:
    # Only urllib3's own classes hold the socket; a stand-in (vcrpy's recorder in the tests)
    # is left as it is.
    if not connection_cls.__module__.startswith("urllib3."):
        return connection_cls
    return type(f"Deadline{connection_cls.__name__}", (_AttemptDeadline, connection_cls), {})


@functools.cache
def _pool_with_deadlines(pool_cls: type[HTTPConnectionPool]) -> type[HTTPConnectionPool]:
    def __init__(self: HTTPConnectionPool, *args: Any, **kwargs: Any) -> None:
        pool_cls.__init__(self, *args, **kwargs)
        # Per pool, read now: vcrpy patches the base class's ConnectionCls in the tests.
        self.ConnectionCls = _with_deadline(self.ConnectionCls)

    return type(f"Deadline{pool_cls.__name__}", (pool_cls,), {"__init__": __init__})


def _bound_attempts(manager: Any) -> Any:
    """Give a urllib3 pool manager (direct, HTTP or SOCKS proxy) pools whose connections
    keep each attempt's deadline."""
    classes = manager.pool_classes_by_scheme
    if not getattr(manager, "_numsearch_deadlines", False):
        manager.pool_classes_by_scheme = {
            scheme: _pool_with_deadlines(cls) for scheme, cls in classes.items()
        }
        manager._numsearch_deadlines = True
    return manager


def _bounded_adapter(retry: Any, pool_maxsize: int) -> BaseAdapter:
    """requests' HTTPAdapter with Retry, whose every attempt keeps its deadline."""
    from requests.adapters import HTTPAdapter

    class BoundedAdapter(HTTPAdapter):
        def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
            super().init_poolmanager(*args, **kwargs)
            _bound_attempts(self.poolmanager)

        def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> Any:
            return _bound_attempts(super().proxy_manager_for(proxy, **proxy_kwargs))

    return BoundedAdapter(max_retries=retry, pool_maxsize=pool_maxsize)


def _log_response(response: requests.Response, *args: Any, **kwargs: Any) -> None:
    if log.isEnabledFor(logging.DEBUG):
        request = response.request
        elapsed = response.elapsed.total_seconds() * 1000
        log.debug(
            "%s %s -> %s %s (%.0f ms)",
            request.method,
            request.url,
            response.status_code,
            _clip(response.reason or "", 80),
            elapsed,
        )


class RedactingFilter(logging.Filter):
    """Replaces every secret in a log record with `***` before it is written.

    It asks for the secrets at each record: the credentials are read after logging
    starts.
    """

    def __init__(self, secrets: Callable[[], Iterable[str]]) -> None:
        super().__init__()
        self.secrets = secrets

    def filter(self, record: logging.LogRecord) -> bool:
        """Render the message, scrub it, show its control characters as escapes (a
        reason phrase or URL from a server must not paint the terminal), keep it."""
        message = record.getMessage()
        for secret in self.secrets():
            if secret:
                message = message.replace(secret, "***")
        record.msg, record.args = safe_text(message), None
        return True


def enable_debug_logging(
    stream: IO[str] | None, credentials: Credentials, secrets: Iterable[str] | None = None
) -> None:
    """Log each HTTP attempt (urllib3) and response (numsearch) to `stream`, with
    `secrets` (default: the credentials' secret and the Basic authorization made from it)
    redacted."""
    hidden = tuple(secrets if secrets is not None else secrets_of(credentials))
    handler = logging.StreamHandler(stream)
    handler.set_name(DEBUG_HANDLER)
    handler.setFormatter(logging.Formatter("debug: %(message)s"))
    handler.addFilter(RedactingFilter(lambda: hidden))
    disable_debug_logging()
    for name in ("numsearch", "urllib3"):
        logger = logging.getLogger(name)
        logger.setLevel(logging.DEBUG)
        logger.addHandler(handler)
        logger.propagate = False


def disable_debug_logging() -> None:
    """Undo enable_debug_logging (a second run in one process starts clean)."""
    for name in ("numsearch", "urllib3"):
        logger = logging.getLogger(name)
        for handler in [h for h in logger.handlers if h.get_name() == DEBUG_HANDLER]:
            logger.removeHandler(handler)
        logger.setLevel(logging.NOTSET)
        logger.propagate = True
