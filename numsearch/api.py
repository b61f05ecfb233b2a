"""The Twilio client: one requests.Session, auth, base URL, retries and error mapping.

GETs are retried by urllib3's Retry on connection failures, 429 and 5xx, with
exponential backoff that honours Retry-After; POSTs are never retried once sent.
Every failure leaves this module as a NumsearchError with its exit code.
"""

from __future__ import annotations

import json
import logging
import socket
from collections.abc import Callable, Iterable, Mapping
from typing import IO, TYPE_CHECKING, Any
from urllib.parse import urlsplit

from numsearch import __version__
from numsearch.errors import CredentialsError, TwilioRefused, TwilioUnavailable
from numsearch.settings import ClientSettings

if TYPE_CHECKING:
    import requests
    from requests.adapters import BaseAdapter

    from numsearch.config import Credentials
    from numsearch.models import AvailableNumber, Country, IncomingNumber
    from numsearch.query import SearchQuery

log = logging.getLogger("numsearch.http")

DEFAULT_BASE_URL = "https://api.twilio.com"
RETRIES = 3  # after the first attempt: 4 attempts in all
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
BACKOFF_FACTOR = 0.25  # 0.25 s, 0.5 s, 1 s between attempts (plus jitter)
RETRY_AFTER_MAX = 30  # seconds: a longer Retry-After is cut to this
DEBUG_HANDLER = "numsearch-debug"


def base_url_for(region: str | None, edge: str | None, override: str | None = None) -> str:
    """The API root: NUMSEARCH_API_URL as given, else Twilio's regional host.

    Like Twilio's helper libraries: an edge without a region implies us1, and a
    region without an edge is `api.{region}.twilio.com`.
    """
    if override:
        return override.rstrip("/")
    if not region and not edge:
        return DEFAULT_BASE_URL
    host = "api" + (f".{edge}" if edge else "") + f".{region or 'us1'}.twilio.com"
    return f"https://{host}"


def open_client(
    settings: ClientSettings,
    *,
    environ: Mapping[str, str] | None = None,
    warn: Callable[[str], None] | None = None,
    log_stream: IO[str] | None = None,
) -> TwilioClient:
    """The Twilio client for `settings`: credentials resolved (from --profile, the
    environment or the config file), the host chosen, debug logging wired to
    `log_stream` when asked; the sandbox's own transport instead of the network when
    `settings.sandbox`. Raises CredentialsError when there are no usable credentials."""
    transport = None
    if settings.sandbox:
        from numsearch.sandbox import sandbox_client_parts

        credentials, base_url, transport = sandbox_client_parts()
    else:
        import os

        from numsearch.config import resolve_credentials

        credentials = resolve_credentials(
            settings.profile, os.environ if environ is None else environ, warn=warn
        )
        base_url = base_url_for(
            settings.region or credentials.region,
            settings.edge or credentials.edge,
            settings.api_url,
        )
    if settings.debug:
        enable_debug_logging(log_stream, credentials)
    return TwilioClient(credentials, base_url, settings, transport=transport)


class TwilioClient:
    """Twilio's REST API 2010-04-01, as much of it as numsearch needs."""

    def __init__(
        self,
        credentials: Credentials,
        base_url: str,
        settings: ClientSettings,
        *,
        transport: BaseAdapter | None = None,
    ) -> None:
        """`transport` is a requests adapter that answers instead of the network (sandbox)."""
        import requests
        from requests.adapters import HTTPAdapter
        from urllib3.util.retry import Retry

        self.credentials = credentials
        self.settings = settings
        self.sandbox = transport is not None
        self.base_url = base_url.rstrip("/")
        self.host = urlsplit(self.base_url).netloc or self.base_url
        session = requests.Session()
        session.auth = (credentials.username, credentials.password)
        session.headers["User-Agent"] = f"numsearch/{__version__}"
        session.headers["Accept"] = "application/json"
        retry = Retry(
            total=RETRIES,
            connect=RETRIES,
            read=RETRIES,
            status=RETRIES,
            other=0,
            allowed_methods=frozenset({"GET"}),
            status_forcelist=RETRY_STATUSES,
            backoff_factor=BACKOFF_FACTOR,
            backoff_jitter=0.1,
            respect_retry_after_header=True,
            retry_after_max=RETRY_AFTER_MAX,
            raise_on_status=False,
        )
        pool = max(settings.concurrency, 1)
        adapter = transport or HTTPAdapter(max_retries=retry, pool_maxsize=pool)
        session.mount("https://", adapter)
        session.mount("http://", adapter)
        session.hooks["response"].append(_log_response)
        self.session = session

    # -- resources ------------------------------------------------------------------

    @property
    def account_path(self) -> str:
        """`/2010-04-01/Accounts/AC…`: every resource numsearch uses lives below it."""
        return f"/2010-04-01/Accounts/{self.credentials.account_sid}"

    def search(self, query: SearchQuery) -> list[AvailableNumber]:
        """Every number matching `query`: one request per area code, run concurrently,
        merged in the order the area codes were given, without duplicates."""
        from numsearch.models import AvailableNumber

        try:
            pages = self._get_many(self.account_path + query.resource, query.request_params())
        except TwilioRefused as exc:
            if exc.status == 404:
                raise exc.reworded(
                    f"{query.country} has no {query.number_type.label} numbers on this account"
                    f" (Twilio {exc.code or 404}; see `numsearch countries {query.country}`)"
                ) from None
            raise
        seen: set[str] = set()
        numbers: list[AvailableNumber] = []
        for page in pages:
            for raw in _items(page, "available_phone_numbers"):
                number = AvailableNumber.from_json(raw)
                key = number.phone_number or json.dumps(raw, sort_keys=True)
                if key not in seen:
                    seen.add(key)
                    numbers.append(number)
        return numbers

    def countries(self) -> list[Country]:
        """The countries this account can search."""
        from numsearch.models import Country

        page = self.get_json(f"{self.account_path}/AvailablePhoneNumbers.json")
        return [Country.from_json(raw) for raw in _items(page, "countries")]

    def country(self, code: str) -> Country:
        """One country and the number types it offers."""
        from numsearch.models import Country

        try:
            raw = self.get_json(f"{self.account_path}/AvailablePhoneNumbers/{code}.json")
        except TwilioRefused as exc:
            if exc.status == 404:
                raise exc.reworded(
                    f"{code} has no numbers for this account (Twilio {exc.code or 404})"
                ) from None
            raise
        return Country.from_json(raw)

    def incoming_numbers(self, phone_number: str | None = None) -> list[IncomingNumber]:
        """The account's numbers (matching `phone_number`: partial, `*` for any digit)."""
        from numsearch.models import IncomingNumber

        params = {"PageSize": "1000"}
        if phone_number:
            params["PhoneNumber"] = phone_number
        page = self.get_json(f"{self.account_path}/IncomingPhoneNumbers.json", params)
        return [IncomingNumber.from_json(raw) for raw in _items(page, "incoming_phone_numbers")]

    def buy(self, form: Mapping[str, str]) -> IncomingNumber:
        """POST one purchase. Never retried once sent: the caller resolves ambiguity."""
        from numsearch.models import IncomingNumber

        raw = self.post_form(f"{self.account_path}/IncomingPhoneNumbers.json", form)
        return IncomingNumber.from_json(raw)

    # -- HTTP -----------------------------------------------------------------------

    def get_json(self, path: str, params: Mapping[str, str] | None = None) -> dict[str, Any]:
        """GET a resource (retried on transient failures) and return its JSON object."""
        return self._json(self._send("GET", path, params=params))

    def post_form(self, path: str, form: Mapping[str, str]) -> dict[str, Any]:
        """POST a form once and return the created resource's JSON object."""
        return self._json(self._send("POST", path, data=form))

    def _get_many(self, path: str, params_list: list[dict[str, str]]) -> list[dict[str, Any]]:
        if len(params_list) == 1:
            return [self.get_json(path, params_list[0])]
        from concurrent.futures import ThreadPoolExecutor

        workers = min(self.settings.concurrency, len(params_list))
        pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="numsearch")
        try:
            return list(pool.map(lambda params: self.get_json(path, params), params_list))
        finally:
            pool.shutdown(wait=True, cancel_futures=True)

    def _send(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, str] | None = None,
        data: Mapping[str, str] | None = None,
    ) -> requests.Response:
        import requests

        url = self.base_url + path
        timeout = self.settings.timeout
        try:
            response = self.session.request(
                method, url, params=params, data=data, timeout=(timeout, timeout)
            )
        except requests.exceptions.RequestException as exc:
            raise TwilioUnavailable(
                network_failure(exc, self.host, timeout, retried=method == "GET"),
                sent=not _never_sent(exc),
            ) from None
        self._raise_for_status(response)
        return response

    def _raise_for_status(self, response: requests.Response) -> None:
        status = response.status_code
        if status < 400:
            return
        attempts = _attempts(response)
        error = _twilio_error(response)
        described = describe_error(error, response, self.host)
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
        raise TwilioRefused(
            f"Twilio refused the request: {described}",
            status=status,
            code=_int(error.get("code")),
            more_info=str(error.get("more_info") or "") or None,
        )

    def _json(self, response: requests.Response) -> dict[str, Any]:
        import requests

        try:
            body = response.content
        except requests.exceptions.RequestException:
            raise TwilioUnavailable(
                f"the answer from {self.host} was cut off before it ended"
            ) from None
        try:
            payload = json.loads(body)
        except ValueError:
            raise TwilioUnavailable(_not_json(response, body, self.host)) from None
        if not isinstance(payload, dict):
            raise TwilioUnavailable(f"{self.host} answered with JSON that is not an object")
        return payload


def _items(page: Mapping[str, Any], key: str) -> Iterable[dict[str, Any]]:
    items = page.get(key)
    if not isinstance(items, list):
        return []
    return [item for item in items if isinstance(item, dict)]


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _attempts(response: requests.Response) -> int:
    retries = getattr(response.raw, "retries", None)
    history = getattr(retries, "history", ()) or ()
    return len(history) + 1


def _twilio_error(response: requests.Response) -> dict[str, Any] | None:
    try:
        payload = json.loads(response.content)
    except Exception:  # any unreadable body: described from the status line instead
        return None
    return payload if isinstance(payload, dict) else None


def describe_error(error: Mapping[str, Any] | None, response: requests.Response, host: str) -> str:
    """One line for a failed response: Twilio's code, message and link when it sent them."""
    status = response.status_code
    if error and (error.get("code") or error.get("message")):
        parts = [f"error {error['code']}" if error.get("code") else f"HTTP {status}"]
        message = str(error.get("message") or "").strip().rstrip(".")
        text = f"{parts[0]}: {message}" if message else parts[0]
        if error.get("more_info"):
            text += f" ({error['more_info']})"
        return text
    if error and (error.get("title") or error.get("detail")):  # problem+json (proxies, mocks)
        detail = error.get("detail") or error.get("title")
        return f"HTTP {status}: {detail}"
    reason = response.reason or ""
    kind = _body_kind(response)
    return f"HTTP {status} {reason}".rstrip() + f" from {host}" + (f" ({kind})" if kind else "")


def _body_kind(response: requests.Response) -> str:
    ctype = response.headers.get("Content-Type", "")
    try:
        head = response.content[:200].lstrip().lower()
    except Exception:  # a body that breaks off: say so rather than fail here
        return "its answer was cut off"
    if b"<html" in head or b"<!doctype" in head or "html" in ctype:
        return "an HTML page, not Twilio's JSON: a proxy or gateway answered"
    if not head:
        return "an empty answer"
    return "not Twilio's JSON"


def _not_json(response: requests.Response, body: bytes, host: str) -> str:
    head = body[:200].lstrip().lower()
    if b"<html" in head or b"<!doctype" in head:
        return (
            f"{host} answered HTTP {response.status_code} with an HTML page instead of"
            " Twilio's JSON (a proxy, captive portal or wrong NUMSEARCH_API_URL?)"
        )
    if head.startswith((b"{", b"[")):
        return f"the answer from {host} was cut off: its JSON ends early"
    if not head:
        return f"{host} answered HTTP {response.status_code} with an empty body"
    return f"{host} answered HTTP {response.status_code} with something that is not JSON"


def network_failure(exc: BaseException, host: str, timeout: float, *, retried: bool) -> str:
    """A clear line for a request that got no (complete) answer, by what went wrong."""
    import http.client
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
        return f"secure connection to {host} failed: {chain[-1]}"
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
    return f"cannot reach {host}: {chain[-1]}{tries}"


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


def _log_response(response: requests.Response, *args: Any, **kwargs: Any) -> None:
    if log.isEnabledFor(logging.DEBUG):
        request = response.request
        elapsed = response.elapsed.total_seconds() * 1000
        log.debug(
            "%s %s -> %s %s (%.0f ms)",
            request.method,
            request.url,
            response.status_code,
            response.reason,
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
        """Render the message, scrub it, and keep the record."""
        message = record.getMessage()
        for secret in self.secrets():
            if secret:
                message = message.replace(secret, "***")
        record.msg, record.args = message, None
        return True


def enable_debug_logging(stream: IO[str] | None, credentials: Credentials) -> None:
    """Log each HTTP attempt (urllib3) and response (numsearch) to `stream`, with the
    credentials' secret, and the Basic authorization made from it, redacted."""
    import base64

    basic = base64.b64encode(f"{credentials.username}:{credentials.password}".encode()).decode()
    handler = logging.StreamHandler(stream)
    handler.set_name(DEBUG_HANDLER)
    handler.setFormatter(logging.Formatter("debug: %(message)s"))
    handler.addFilter(RedactingFilter(lambda: (credentials.password, basic)))
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
