"""A programmable HTTP server on 127.0.0.1 that answers like Twilio, or fails like a network.

Tests queue replies (JSON, raw bytes, delays, resets, truncated bodies) or give a
function that answers each request; every request is recorded for assertions.
"""

from __future__ import annotations

import json
import re
import socket
import struct
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import BufferedIOBase
from typing import Any
from urllib.parse import parse_qsl, urlsplit

FAKE_SID = "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"


@dataclass
class Recorded:
    """One request the server saw."""

    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    form: dict[str, str]
    at: float

    @property
    def query_pairs(self) -> list[tuple[str, str]]:
        return list(self.query.items())


@dataclass
class Reply:
    """What the server does with one request."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    reset: bool = False  # close the connection with a TCP reset instead of answering
    declared_length: int | None = None  # Content-Length to claim (truncated bodies)
    stall: float = 0.0  # after sending headers and part of the body, wait this long
    # Writes the whole answer itself (status line, headers, body) on the connection, which
    # then closes: for hostile servers (bodies that trickle or never end, trickled headers).
    write: Callable[[BufferedIOBase], None] | None = None


def json_reply(body: Any, status: int = 200, **headers: str) -> Reply:
    return Reply(
        status=status,
        body=json.dumps(body).encode(),
        headers={"Content-Type": "application/json", **headers},
    )


def twilio_error(status: int, code: int, message: str) -> Reply:
    """Twilio's error body, as the API sends it."""
    return json_reply(
        {
            "code": code,
            "message": message,
            "more_info": f"https://www.twilio.com/docs/errors/{code}",
            "status": status,
        },
        status=status,
    )


def numbers_page(numbers: list[dict[str, Any]], country: str = "US", kind: str = "Local") -> Reply:
    return json_reply(
        {
            "available_phone_numbers": numbers,
            "uri": f"/2010-04-01/Accounts/{FAKE_SID}/AvailablePhoneNumbers/{country}/{kind}.json",
        }
    )


def available(number: str, **fields: Any) -> dict[str, Any]:
    """One available number, with the live API's quirks (upper-case SMS/MMS, string lat/long)."""
    record: dict[str, Any] = {
        "friendly_name": f"({number[2:5]}) {number[5:8]}-{number[8:]}",
        "phone_number": number,
        "lata": "722",
        "rate_center": "OKLD",
        "latitude": "37.804400",
        "longitude": "-122.270800",
        "locality": "Oakland",
        "region": "CA",
        "postal_code": "94612",
        "iso_country": "US",
        "address_requirements": "none",
        "beta": False,
        "capabilities": {"voice": True, "SMS": True, "MMS": True},
    }
    record.update(fields)
    return record


Responder = Callable[[Recorded], Reply]


class FakeTwilio:
    """The server. Use as a context manager; `url` is its base URL."""

    def __init__(self) -> None:
        self.requests: list[Recorded] = []
        self.replies: deque[Reply] = deque()
        self.responder: Responder | None = None
        self.default: Reply = numbers_page([])
        # Answers the lookups that come with a price or a purchase (prices, a number's
        # listing, regulations, bundles, addresses) before the queue and the responder,
        # recording them apart: tests about something else keep their exact requests.
        # Tests about those lookups set it to None (PricedSearch, Paperwork do).
        self.background: Callable[[Recorded], Reply | None] | None = quiet_paperwork
        self.background_requests: list[Recorded] = []
        self._lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode() if length else ""
                split = urlsplit(self.path)
                recorded = Recorded(
                    method=self.command,
                    path=split.path,
                    query=dict(parse_qsl(split.query, keep_blank_values=True)),
                    headers=dict(self.headers.items()),
                    form=dict(parse_qsl(raw, keep_blank_values=True)),
                    at=time.monotonic(),
                )
                reply = fake._next(recorded)
                if reply.delay:
                    time.sleep(reply.delay)
                if reply.reset:
                    self.connection.setsockopt(
                        socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
                    )
                    self.connection.close()
                    self.close_connection = True
                    return
                if reply.write is not None:
                    self.close_connection = True
                    reply.write(self.wfile)
                    return
                self.send_response(reply.status)
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                declared = reply.declared_length
                self.send_header(
                    "Content-Length", str(declared if declared is not None else len(reply.body))
                )
                if declared is not None:
                    self.send_header("Connection", "close")
                self.end_headers()
                self.wfile.write(reply.body)
                self.wfile.flush()
                if reply.stall:
                    time.sleep(reply.stall)
                if declared is not None:
                    self.close_connection = True

            def handle_one_request(self) -> None:
                try:
                    super().handle_one_request()
                except (BrokenPipeError, ConnectionResetError):
                    self.close_connection = True  # the client gave up (timeouts): fine

            do_GET = _handle
            do_POST = _handle
            do_DELETE = _handle

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        # Polled often: shutting down waits for the next poll (0.5 s by default, per test).
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def url(self) -> str:
        host, port = str(self.server.server_address[0]), int(self.server.server_address[1])
        return f"http://{host}:{port}"

    def _next(self, recorded: Recorded) -> Reply:
        if self.background is not None:
            quiet = self.background(recorded)
            if quiet is not None:
                with self._lock:
                    self.background_requests.append(recorded)
                return quiet
        with self._lock:
            self.requests.append(recorded)
            if self.replies:
                return self.replies.popleft()
        if self.responder is not None:
            return self.responder(recorded)
        return self.default

    def queue(self, *replies: Reply) -> None:
        self.replies.extend(replies)

    def __enter__(self) -> FakeTwilio:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


# -- hostile replies: answers no real Twilio sends, that numsearch must survive ------------

HOSTILE_FOR = 30.0  # seconds a hostile reply goes on at most: a client that never gives up
HOSTILE_BYTES = 64 * 1024 * 1024  # ...and bytes: it fails its test instead of hanging or
# eating the machine


def _head(status: int, headers: dict[str, str]) -> bytes:
    lines = [f"HTTP/1.1 {status} {'OK' if status == 200 else 'Error'}"]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def _for_a_while() -> Callable[[], bool]:
    until = time.monotonic() + HOSTILE_FOR
    return lambda: time.monotonic() < until


def endless_body(status: int = 200) -> Reply:
    """JSON that starts well and never ends (no Content-Length: it ends when the connection
    does), as good as endless: HOSTILE_BYTES of spaces, or HOSTILE_FOR seconds."""

    def write(out: BufferedIOBase) -> None:
        out.write(_head(status, {"Content-Type": "application/json", "Connection": "close"}))
        out.write(b'{"available_phone_numbers": [')
        filler, sent, going = b" " * 65536, 0, _for_a_while()
        while sent < HOSTILE_BYTES and going():
            out.write(filler)
            sent += len(filler)

    return Reply(write=write)


def trickle_body(body: bytes, every: float = 0.1, status: int = 200) -> Reply:
    """`body` with its true Content-Length, sent one byte every `every` seconds (for at
    most HOSTILE_FOR seconds): every read gets something, none completes the body."""

    def write(out: BufferedIOBase) -> None:
        headers = {"Content-Type": "application/json", "Content-Length": str(len(body))}
        out.write(_head(status, headers))
        out.flush()
        going = _for_a_while()
        for index in range(len(body)):
            if not going():
                return
            out.write(body[index : index + 1])
            out.flush()
            time.sleep(every)

    return Reply(write=write)


def trickle_headers(every: float = 0.1) -> Reply:
    """A status line and headers sent one byte every `every` seconds (at most HOSTILE_FOR
    seconds): the answer never gets as far as its body."""

    def write(out: BufferedIOBase) -> None:
        head = _head(200, {"Content-Type": "application/json", "X-Padding": "x" * 4096})
        going = _for_a_while()
        for index in range(len(head)):
            if not going():
                return
            out.write(head[index : index + 1])
            out.flush()
            time.sleep(every)

    return Reply(write=write)


def huge_body(size: int, *, declared: bool = True) -> Reply:
    """A valid page of one number, padded with whitespace to `size` bytes; with its
    Content-Length, or (declared=False) sent chunked with no length given."""
    page = json.dumps({"available_phone_numbers": [available("+15105550100")]}).encode()
    padding = max(size - len(page), 0)

    def write(out: BufferedIOBase) -> None:
        headers = {"Content-Type": "application/json"}
        if declared:
            headers["Content-Length"] = str(len(page) + padding)
        else:
            headers["Transfer-Encoding"] = "chunked"
        out.write(_head(200, headers))
        pieces = [page] + [b" " * 65536] * (padding // 65536) + [b" " * (padding % 65536)]
        for piece in filter(None, pieces):
            out.write(piece if declared else b"%x\r\n%b\r\n" % (len(piece), piece))
        if not declared:
            out.write(b"0\r\n\r\n")
        out.flush()

    return Reply(write=write)


def nested_json(depth: int = 100_000) -> Reply:
    """A 200 whose JSON is `depth` lists deep: no parser should follow it all the way."""
    return Reply(body=b"[" * depth + b"]" * depth, headers={"Content-Type": "application/json"})


# -- an account that buys numbers, and purchases whose answer comes too late -------------

INCOMING_PATH = f"/2010-04-01/Accounts/{FAKE_SID}/IncomingPhoneNumbers.json"


def incoming(number: str, sid_digit: str = "a", **fields: Any) -> dict[str, Any]:
    """One IncomingPhoneNumber, as a purchase or the account's list returns it, created now."""
    from email.utils import formatdate

    now = formatdate(usegmt=True).replace("GMT", "+0000")
    record: dict[str, Any] = {
        "account_sid": FAKE_SID, "address_requirements": "none", "address_sid": None,
        "api_version": "2010-04-01", "beta": False,
        "capabilities": {"voice": True, "sms": True, "mms": True, "fax": False},
        "date_created": now, "date_updated": now,
        "friendly_name": f"({number[2:5]}) {number[5:8]}-{number[8:]}", "origin": "twilio",
        "phone_number": number, "sid": "PN" + sid_digit * 32, "status": "in-use",
        "voice_url": "", "sms_url": "",
    }  # fmt: skip
    record.update(fields)
    return record


def incoming_page(numbers: list[Any], next_page_uri: Any = None, page: int = 0) -> Reply:
    """A page of IncomingPhoneNumbers, with Twilio's paging fields."""
    path = f"/2010-04-01/Accounts/{FAKE_SID}/IncomingPhoneNumbers.json"
    return json_reply(
        {
            "incoming_phone_numbers": numbers,
            "next_page_uri": next_page_uri,
            "page": page,
            "page_size": len(numbers),
            "uri": f"{path}?PageSize={len(numbers)}&Page={page}",
        }
    )


class LatePurchase:
    """A purchase whose answer never arrives in time, and whose number shows on the account
    only later: the POST stalls for `stall` seconds (longer than the client's --timeout), and
    the number is listed from the `shows_after`-th lookup that follows the POST (None: never).
    With `checks_fail`, those lookups answer a garbled page instead (not retried: fast).

    `server.responder` is set to it; `posts` and `checks` count what numsearch did.
    """

    def __init__(
        self,
        server: FakeTwilio,
        *,
        stall: float = 2.0,
        shows_after: int | None = 1,
        checks_fail: bool = False,
        owned: list[dict[str, Any]] | None = None,
    ) -> None:
        self.stall = stall
        self.shows_after = shows_after
        self.checks_fail = checks_fail
        self.owned: list[dict[str, Any]] = list(owned or [])
        self.posts: list[Recorded] = []
        self.checks = 0
        self._sold: dict[str, Any] | None = None
        server.responder = self.answer

    def answer(self, request: Recorded) -> Reply:
        if request.method == "POST":
            self.posts.append(request)
            form = request.form
            number = form.get("PhoneNumber") or f"+1{form.get('AreaCode', '510')}5550199"
            self._sold = incoming(number, "c", friendly_name=form.get("FriendlyName", number))
            reply = json_reply(self._sold, status=201)
            reply.delay = self.stall
            return reply
        if self.posts:
            self.checks += 1
            if self.checks_fail:
                return Reply(200, b"<html>upstream busy</html>", {"Content-Type": "text/html"})
            due = self.shows_after is not None and self.checks >= self.shows_after
            if due and self._sold is not None and self._sold not in self.owned:
                self.owned.append(self._sold)
        wanted = request.query.get("PhoneNumber", "")
        return incoming_page([n for n in self.owned if n["phone_number"].startswith(wanted)])


# -- an account's numbers, updated and released (numsearch update / release) ---------------

NUMBER_SID = "PN" + "a" * 32


def number_path(sid: str = NUMBER_SID) -> str:
    """The path of one IncomingPhoneNumber."""
    return f"/2010-04-01/Accounts/{FAKE_SID}/IncomingPhoneNumbers/{sid}.json"


def not_found(path: str) -> Reply:
    """Twilio's 404 for a resource that is not there."""
    return twilio_error(404, 20404, f"The requested resource {path} was not found")


class OwnedNumbers:
    """An account holding `numbers` that answers the list, and fetches, updates (the form
    applied) and releases (204, no body) of one number by its SID, like Twilio.

    `update_fault` / `release_fault` replace the answer to an update or a release (the
    change is made first unless `applied=False`: an answer lost after the work was done);
    `fetch_fault` replaces the answers to fetches of one number (the check afterwards).
    `updates`, `releases` and `fetches` record what numsearch sent.
    """

    def __init__(
        self,
        server: FakeTwilio,
        numbers: list[dict[str, Any]],
        *,
        update_fault: Reply | None = None,
        release_fault: Reply | None = None,
        fetch_fault: Reply | None = None,
        applied: bool = True,
    ) -> None:
        self.numbers = [dict(n) for n in numbers]
        self.update_fault = update_fault
        self.release_fault = release_fault
        self.fetch_fault = fetch_fault
        self.applied = applied
        self.updates: list[Recorded] = []
        self.releases: list[Recorded] = []
        self.fetches: list[Recorded] = []
        server.responder = self.answer

    def answer(self, request: Recorded) -> Reply:
        if request.path == INCOMING_PATH and request.method == "GET":
            wanted = request.query.get("PhoneNumber", "")
            return incoming_page([n for n in self.numbers if n["phone_number"].startswith(wanted)])
        found = [n for n in self.numbers if number_path(n["sid"]) == request.path]
        if request.method == "GET":
            self.fetches.append(request)
            if self.fetch_fault is not None:
                return self.fetch_fault
            return json_reply(found[0]) if found else not_found(request.path)
        if request.method == "POST":
            self.updates.append(request)
            if not found:
                return not_found(request.path)
            if self.applied or self.update_fault is None:
                for name, value in request.form.items():
                    key = "".join("_" + c.lower() if c.isupper() else c for c in name).lstrip("_")
                    found[0][key] = value
            return self.update_fault or json_reply(found[0])
        self.releases.append(request)
        if not found:
            return not_found(request.path)
        if self.applied or self.release_fault is None:
            self.numbers.remove(found[0])
        return self.release_fault or Reply(status=204)


# -- Pricing v1: a country's monthly prices, and the countries priced ----------------------

PRICES_PATH = "/v1/PhoneNumbers/Countries/%s"
PRICE_COUNTRIES_PATH = "/v1/PhoneNumbers/Countries"


def country_prices(
    iso: str = "US", prices: dict[str, str] | None = None, unit: Any = "USD", **fields: Any
) -> dict[str, Any]:
    """Pricing v1's answer for a country: {Twilio's number_type: current price} (the base
    price the same), as the live API writes them (decimal strings)."""
    chosen = prices if prices is not None else {"local": "1.15", "toll free": "2.15"}
    body: dict[str, Any] = {
        "country": "United States" if iso == "US" else iso,
        "iso_country": iso,
        "phone_number_prices": [
            {"number_type": name, "base_price": price, "current_price": price}
            for name, price in chosen.items()
        ],
        "price_unit": unit,
        "url": f"https://pricing.twilio.com/v1/PhoneNumbers/Countries/{iso}",
    }
    body.update(fields)
    return body


def quiet_paperwork(request: Recorded) -> Reply | None:
    """The background answers of an account with nothing special: Twilio's usual prices,
    no regulation, no bundle, no address, and a number looked up by its exact digits on
    sale and needing no address. None for every other request."""
    path = request.path
    if request.method != "GET":
        return None
    if path.startswith(PRICE_COUNTRIES_PATH + "/"):
        return json_reply(country_prices(path.rsplit("/", 1)[1]))
    if path.startswith("/v2/RegulatoryCompliance/"):
        return meta_page("results", [])
    if path.endswith("/Addresses.json"):
        return json_reply({"addresses": [], "next_page_uri": None})
    contains = request.query.get("Contains", "")
    if "/AvailablePhoneNumbers/" in path and re.fullmatch(r"\+[0-9]{8,15}", contains):
        return numbers_page([available(contains)])
    return None


class PricedSearch:
    """Searches answered with `numbers`, prices with `prices` (a Reply: a fault, or a
    hostile answer), every other request with the server's default. `price_requests`
    counts the price lookups."""

    def __init__(
        self, server: FakeTwilio, numbers: list[dict[str, Any]], prices: Reply | None = None
    ) -> None:
        self.numbers = numbers
        self.prices = prices or json_reply(country_prices())
        self.price_requests: list[Recorded] = []
        server.responder = self.answer
        server.background = None

    def answer(self, request: Recorded) -> Reply:
        if request.path.startswith("/v1/"):
            self.price_requests.append(request)
            return self.prices
        return numbers_page(self.numbers)


# -- paperwork: addresses (2010 API), regulations and bundles (Numbers v2) ----------------

ADDRESSES_PATH = f"/2010-04-01/Accounts/{FAKE_SID}/Addresses.json"
REGULATIONS_PATH = "/v2/RegulatoryCompliance/Regulations"
BUNDLES_PATH = "/v2/RegulatoryCompliance/Bundles"


def address(sid_digit: str, country: str, name: str = "Office", **fields: Any) -> dict[str, Any]:
    """One of the account's addresses, as Addresses.json lists it."""
    sid = "AD" + sid_digit * 32
    record: dict[str, Any] = {
        "account_sid": FAKE_SID, "city": "Town", "customer_name": "Customer",
        "friendly_name": name, "iso_country": country, "postal_code": "12345",
        "region": "R", "sid": sid, "street": "1 Main St", "validated": True,
        "uri": f"/2010-04-01/Accounts/{FAKE_SID}/Addresses/{sid}.json",
    }  # fmt: skip
    record.update(fields)
    return record


def bundle(sid_digit: str, name: str = "Bundle", status: str = "twilio-approved") -> dict[str, Any]:
    """One of the account's regulatory bundles, as Bundles lists it."""
    sid = "BU" + sid_digit * 32
    return {
        "sid": sid, "account_sid": FAKE_SID, "regulation_sid": "RN" + "0" * 32,
        "friendly_name": name, "status": status,
        "url": f"https://numbers.twilio.com/v2/RegulatoryCompliance/Bundles/{sid}",
    }  # fmt: skip


def regulation(country: str, number_type: str, end_user: str) -> dict[str, Any]:
    """A regulation, as Regulations lists it."""
    digit = "1" if end_user == "individual" else "2"
    return {
        "sid": "RN" + digit * 32, "friendly_name": f"{country}: {number_type} - {end_user}",
        "iso_country": country, "number_type": number_type, "end_user_type": end_user,
        "requirements": {}, "url": "https://numbers.twilio.com/v2/RegulatoryCompliance/Regulations",
    }  # fmt: skip


def meta_page(key: str, items: list[Any], next_page_url: Any = None) -> Reply:
    """A Numbers v2 (or Pricing v1) list page: `key` and `meta`."""
    return json_reply({key: items, "meta": {"key": key, "next_page_url": next_page_url}})


class Paperwork:
    """An account with `addresses` and `bundles` ({(country, compliance type): [bundle]}),
    in a world where `regulated` (country, compliance type) pairs need a bundle. Searches
    answer `numbers`; prices are the defaults; purchases are refused as Twilio refuses
    them (21631/21615 without a fitting address, 21649 without an approved bundle), unless
    `post_reply` says otherwise. `replies` overrides the answer to a path (hostile cases);
    `posts` records purchases."""

    def __init__(
        self,
        server: FakeTwilio,
        numbers: list[dict[str, Any]],
        *,
        addresses: list[dict[str, Any]] | None = None,
        bundles: dict[tuple[str, str], list[dict[str, Any]]] | None = None,
        regulated: set[tuple[str, str]] | None = None,
        replies: dict[str, Reply] | None = None,
        post_reply: Callable[[Recorded], Reply] | None = None,
    ) -> None:
        self.numbers = numbers
        self.addresses = addresses or []
        self.bundles = bundles or {}
        self.regulated = regulated or set()
        self.replies = replies or {}
        self.post_reply = post_reply
        self.posts: list[Recorded] = []
        self.owned: list[dict[str, Any]] = []
        server.responder = self.answer
        server.background = None

    def answer(self, request: Recorded) -> Reply:
        if request.path in self.replies:
            return self.replies[request.path]
        if request.method == "POST":
            self.posts.append(request)
            return self.post_reply(request) if self.post_reply else self.sell(request.form)
        if request.path.startswith("/v1/"):
            return json_reply(country_prices(request.path.rsplit("/", 1)[1]))
        query = request.query
        wanted = (query.get("IsoCountry", ""), query.get("NumberType", ""))
        if request.path == REGULATIONS_PATH:
            found = [regulation(*wanted, query.get("EndUserType", "business"))]
            return meta_page("results", found if wanted in self.regulated else [])
        if request.path == BUNDLES_PATH:
            return meta_page("results", self.bundles.get(wanted, []))
        if request.path == ADDRESSES_PATH:
            return json_reply({"addresses": self.addresses, "next_page_uri": None})
        if request.path == INCOMING_PATH:
            pattern = query.get("PhoneNumber", "")
            return incoming_page([n for n in self.owned if n["phone_number"].startswith(pattern)])
        contains = query.get("Contains", "")
        chosen = (
            [n for n in self.numbers if n["phone_number"] == contains] if contains else self.numbers
        )
        return numbers_page(chosen)

    def sell(self, form: dict[str, str]) -> Reply:
        """A purchase, refused as Twilio would when its paperwork is missing."""
        number = form.get("PhoneNumber", "")
        offered = next((n for n in self.numbers if n["phone_number"] == number), None)
        if offered is None:
            return twilio_error(400, 21422, f"PhoneNumber {number} is not available")
        need = str(offered.get("address_requirements", "none")).lower()
        country = offered.get("iso_country", "US")
        kind = offered.get("_type", "local")
        homes = {a["sid"]: a["iso_country"] for a in self.addresses}
        home = homes.get(form.get("AddressSid", ""))
        fits = need == "none" or (home is not None and (
            need == "any" or (need == "local") == (home == country)))  # fmt: skip
        if not fits:
            code = 21615 if need == "local" else 21631
            return twilio_error(400, code, "Phone Number Requires an Address")
        approved = {b["sid"] for b in self.bundles.get((country, kind), [])}
        if (country, kind) in self.regulated and form.get("BundleSid") not in approved:
            return twilio_error(400, 21649, "Bundle required")
        sold = incoming(number, str(len(self.owned) + 1)[-1])
        self.owned.append(sold)
        return json_reply(sold, status=201)


# -- answers that hold what was not asked -----------------------------------------------

# Records a hostile or broken server slips into a US answer: a 900 number, a British
# mobile, and a 510 number written without its `+` (the same number twice, by string).
STRAYS = {
    "premium": "+19005550100",
    "british": "+447911123456",
    "without plus": "15105550100",
}


def with_strays(numbers: list[dict[str, Any]], *strays: str) -> list[dict[str, Any]]:
    """`numbers` with stray records put first (each `available()`-shaped, so nothing but the
    number gives it away): what a check of the answer against the search must leave out."""
    chosen = strays or tuple(STRAYS.values())
    return [available(n, iso_country=None) for n in chosen] + numbers


# -- an account whose answers are about another number than asked (update / release) -----

OTHER_NUMBER = "+15105550111"
OTHER_SID = "PN" + "b" * 32


def another_number(number: str = OTHER_NUMBER, sid_digit: str = "b", **fields: Any) -> Reply:
    """A number's fetch (or an update's answer) that holds another number's record, with
    another sid: as `fetch_fault` / `update_fault` of OwnedNumbers."""
    return json_reply(incoming(number, sid_digit, **fields))


def twins(number: str, **fields: Any) -> list[dict[str, Any]]:
    """Two records of one number with different sids, for OwnedNumbers: a listing by that
    number answers both."""
    return [incoming(number, "a", **fields), incoming(number, "b", **fields)]


class LooseListing(OwnedNumbers):
    """OwnedNumbers whose listing ignores the PhoneNumber filter: every number on the
    account comes back, whatever was asked (the filter matches partially on Twilio too)."""

    def answer(self, request: Recorded) -> Reply:
        if request.path == INCOMING_PATH and request.method == "GET":
            return incoming_page(self.numbers)
        return super().answer(request)


# -- purchases answered with another number than asked ------------------------------------

BOUGHT_INSTEAD = "+19005550123"


class BuysAnother:
    """An account whose every purchase is answered (201) with `other`, a number never
    asked for, each time with a new SID (with `since`, a record created then: what Twilio
    answers for a number the account already held); every other request is a list of
    what it sold. `posts` records the purchases."""

    def __init__(
        self,
        server: FakeTwilio,
        other: str = BOUGHT_INSTEAD,
        search: list[dict[str, Any]] | None = None,
        since: str | None = None,
    ) -> None:
        self.other = other
        self.since = since
        self.search = search  # when given, searches answer these available numbers
        self.posts: list[Recorded] = []
        self.owned: list[dict[str, Any]] = []
        server.responder = self.answer

    def answer(self, request: Recorded) -> Reply:
        if request.method == "POST":
            self.posts.append(request)
            sold = incoming(self.other, "0123456789"[len(self.posts) % 10])
            if self.since:
                sold["date_created"] = self.since
            self.owned.append(sold)
            return json_reply(sold, status=201)
        if self.search is not None and "/AvailablePhoneNumbers/" in request.path:
            return numbers_page(self.search)
        wanted = request.query.get("PhoneNumber", "")
        return incoming_page([n for n in self.owned if n["phone_number"].startswith(wanted)])


# -- advisory lookups that fail: a server with only the 2010 API, a key that may not read --

# An API key that may not read Pricing or Numbers v2 gets Twilio's 403 with error 20003.
FORBIDDEN = twilio_error(403, 20003, "Authenticate")


def advisory_down(reply: Reply, country: str = "US") -> dict[str, Reply]:
    """`Paperwork(replies=...)` for an account whose advisory lookups (the prices of
    `country`, regulations, bundles, addresses) all answer `reply`."""
    paths = (PRICES_PATH % country, REGULATIONS_PATH, BUNDLES_PATH, ADDRESSES_PATH)
    return dict.fromkeys(paths, reply)


def only_2010_api(country: str = "US") -> dict[str, Reply]:
    """`Paperwork(replies=...)` for a server that implements only the 2010 API: Pricing
    v1 and Numbers v2 are 404s there."""
    paths = (PRICES_PATH % country, REGULATIONS_PATH, BUNDLES_PATH)
    return {path: not_found(path) for path in paths}


# -- prices in a currency other than the limit's, or in none -------------------------------


def prices_in(unit: Any, price: str = "1.00") -> Reply:
    """Pricing v1's US answer with every price `price` in `unit` ("XBT", "JPY"; None: no
    price_unit at all; "U$D": not a currency)."""
    body = country_prices(prices={"local": price, "toll free": price}, unit=unit)
    if unit is None:
        del body["price_unit"]
    return json_reply(body)


class PricedSale:
    """An empty account that sells any number asked (201), with `prices` for its price
    lookups and quiet paperwork; `posts` records purchases."""

    def __init__(self, server: FakeTwilio, prices: Reply) -> None:
        self.prices = prices
        self.posts: list[Recorded] = []
        server.responder = self.answer
        server.background = None

    def answer(self, request: Recorded) -> Reply:
        if request.path.startswith("/v1/"):
            return self.prices
        if request.method == "POST":
            self.posts.append(request)
            return json_reply(incoming(request.form["PhoneNumber"]), status=201)
        return quiet_paperwork(request) or incoming_page([])
