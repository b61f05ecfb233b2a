"""The sandbox's Twilio: routes requests to the inventory and the purchase store and
answers in Twilio's JSON shapes and error bodies. Used in-process by the transport
adapter and over HTTP by `numsearch sandbox serve`, with the same code."""

from __future__ import annotations

import hashlib
import json
import logging
import re
import sqlite3
from collections.abc import Callable, Mapping
from contextlib import closing
from email.utils import formatdate
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import phonenumbers

from numsearch.countries import SUPPORTED, US_CA, country_name
from numsearch.number_types import NANP_TOLL_FREE, types_of_plan
from numsearch.purchase_fields import PURCHASE_FIELDS
from numsearch.sandbox import SANDBOX_ACCOUNT_SID as SANDBOX_ACCOUNT
from numsearch.sandbox import compliance, inventory, pricing
from numsearch.sandbox.compliance import purchase_refusal
from numsearch.state import open_database, state_dir

ACCOUNTS = r"/2010-04-01/Accounts/(?P<sid>AC[0-9a-fA-F]{32})"
ROUTES = (
    ("countries", re.compile(ACCOUNTS + r"/AvailablePhoneNumbers\.json")),
    ("country", re.compile(ACCOUNTS + r"/AvailablePhoneNumbers/(?P<country>[A-Za-z]{2})\.json")),
    (
        "search",
        re.compile(
            ACCOUNTS + r"/AvailablePhoneNumbers/(?P<country>[A-Za-z]{2})/(?P<resource>\w+)\.json"
        ),
    ),
    ("incoming", re.compile(ACCOUNTS + r"/IncomingPhoneNumbers\.json")),
    (
        "number",
        re.compile(ACCOUNTS + r"/IncomingPhoneNumbers/(?P<number_sid>PN[0-9a-fA-F]{32})\.json"),
    ),
)
METHODS = {
    "countries": "GET",
    "country": "GET",
    "search": "GET",
    "incoming": "GET POST",
    "number": "GET POST DELETE",
}
SUBRESOURCES = {v: k for k, v in inventory.RESOURCES.items()}  # local -> Local
# The purchase form's fields (numsearch's one table), and two more the spec takes that
# numsearch never sends (the official clients may).
FORM_FIELDS = {f.form: f.name for f in PURCHASE_FIELDS} | {
    "EmergencyStatus": "emergency_status",
    "ApiVersion": "api_version",
}

# Bounds on one request, so that no request costs much (the live API has its own).
MAX_URL_BYTES = 8 * 1024
MAX_PARAMS = 64  # in the query string, and again in a form body
MAX_BODY_BYTES = 64 * 1024
INVALID_PARAMETER = 20001  # Twilio's "Invalid parameter"

Answer = tuple[int, dict[str, Any]]
Warn = Callable[[str], None]


def error(status: int, message: str, code: int = INVALID_PARAMETER) -> Answer:
    """Twilio's error body."""
    return status, {
        "code": code,
        "message": message,
        "more_info": f"https://www.twilio.com/docs/errors/{code}",
        "status": status,
    }


class Refused(Exception):
    """A request refused before it reaches a route, with Twilio's error body."""

    def __init__(self, status: int, message: str, code: int = INVALID_PARAMETER) -> None:
        super().__init__(message)
        self.answer = error(status, message, code)


def read_params(raw: bytes, where: str) -> dict[str, str]:
    """A query string or form body -> its parameters (the last of a repeated name wins).

    Refused (400): bytes or %-escapes that are not UTF-8, more than MAX_PARAMS parameters.
    """
    try:
        pairs = parse_qsl(
            raw.decode("utf-8"),
            keep_blank_values=True,
            encoding="utf-8",
            errors="strict",
            max_num_fields=MAX_PARAMS,
        )
    except UnicodeDecodeError:
        raise Refused(400, f"The {where} is not UTF-8") from None
    except ValueError:  # parse_qsl's "Max number of fields exceeded"
        raise Refused(400, f"The {where} has more than {MAX_PARAMS} parameters") from None
    return dict(pairs)


class PurchaseStore:
    """Numbers bought in the sandbox, kept across runs in a SQLite database in the
    platform state dir: two runs buying the same number at once sell it once. A file
    there that is not a database is kept aside with a warning (`warn`, else the
    `numsearch.sandbox` logger) and the sandbox starts afresh."""

    FILE = "sandbox.sqlite3"

    def __init__(self, path: Path | None = None, *, warn: Warn | None = None) -> None:
        self.path = path or state_dir() / self.FILE
        self.warn = warn or _log_warning

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        return open_database(self.path, _open_purchases, self.warn)

    def all(self) -> dict[str, dict[str, Any]]:
        """Every purchase: number -> its IncomingPhoneNumber resource."""
        if not self.path.exists():
            return {}
        with closing(self._connect()) as db:
            rows = db.execute("SELECT number, resource FROM purchases ORDER BY rowid").fetchall()
        return {number: json.loads(resource) for number, resource in rows}

    def numbers(self) -> frozenset[str]:
        """The numbers bought."""
        return frozenset(self.all())

    def add(self, resource: dict[str, Any]) -> bool:
        """Record a purchase; False when the number was already bought."""
        with closing(self._connect()) as db:
            added = db.execute(
                "INSERT OR IGNORE INTO purchases VALUES (?, ?)",
                (resource["phone_number"], json.dumps(resource)),
            )
            return added.rowcount == 1

    def by_sid(self, account_sid: str, number_sid: str) -> dict[str, Any] | None:
        """The number `number_sid` bought on account `account_sid`, if there is one."""
        for resource in self.all().values():
            if resource.get("sid") == number_sid and resource.get("account_sid") == account_sid:
                return resource
        return None

    def replace(self, resource: dict[str, Any]) -> bool:
        """Store a bought number's changed resource; False when it is no longer bought."""
        with closing(self._connect()) as db:
            changed = db.execute(
                "UPDATE purchases SET resource = ? WHERE number = ?",
                (json.dumps(resource), resource["phone_number"]),
            )
            return changed.rowcount == 1

    def remove(self, number: str) -> bool:
        """Release a bought number (it is on sale again); False when it was not bought."""
        if not self.path.exists():
            return False
        with closing(self._connect()) as db:
            return db.execute("DELETE FROM purchases WHERE number = ?", (number,)).rowcount == 1

    def reset(self) -> int:
        """Forget every purchase; returns how many there were."""
        if not self.path.exists():
            return 0
        with closing(self._connect()) as db:
            return db.execute("DELETE FROM purchases").rowcount


def _open_purchases(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path, timeout=60, isolation_level=None)
    try:
        connection.execute(
            "CREATE TABLE IF NOT EXISTS purchases (number TEXT PRIMARY KEY, resource TEXT NOT NULL)"
        )
    except sqlite3.DatabaseError:
        connection.close()
        raise
    return connection


def _log_warning(message: str) -> None:
    """A warning when no one asked for them: a log record of `numsearch.sandbox`."""
    logging.getLogger("numsearch.sandbox").warning("%s", message)


class SandboxApi:
    """Answers Twilio's API for the resources numsearch uses; `warn` hears what went
    wrong on the way that is not the request's fault (a corrupt purchases database)."""

    def __init__(self, store: PurchaseStore | None = None, *, warn: Warn | None = None) -> None:
        self.store = store or PurchaseStore(warn=warn)

    def handle_request(self, method: str, target: bytes, body: bytes) -> Answer:
        """One request as it came (request target and body, bytes) -> (status, JSON body).

        The request is bounded and decoded first, so that bad input gets Twilio's 400,
        413 or 414 error body, the same from the HTTP server and the in-process adapter.
        """
        try:
            if len(target) > MAX_URL_BYTES:
                raise Refused(414, f"The URL is longer than {MAX_URL_BYTES} bytes")
            if len(body) > MAX_BODY_BYTES:
                raise Refused(413, f"The request body is longer than {MAX_BODY_BYTES} bytes")
            try:
                url = urlsplit(target.decode("utf-8"))
            except UnicodeDecodeError:
                raise Refused(400, "The URL is not UTF-8") from None
            query = read_params(url.query.encode("utf-8"), "query string")
            form = read_params(body, "request body")
        except Refused as refused:
            return refused.answer
        return self.handle(method, url.path, query, form)

    def handle(
        self, method: str, path: str, query: Mapping[str, str], form: Mapping[str, str]
    ) -> Answer:
        """One request -> (HTTP status, JSON body)."""
        other = self.other_products(method, path, query, form)
        if other is not None:
            return other
        for name, pattern in ROUTES:
            match = pattern.fullmatch(path)
            if match is None:
                continue
            if method.upper() not in METHODS[name].split():
                return error(405, f"Method {method.upper()} not allowed on {path}", 20004)
            params = match.groupdict()
            try:
                if name == "countries":
                    return self.countries(params["sid"])
                if name == "country":
                    return self.country(params["sid"], params["country"].upper())
                if name == "search":
                    return self.search(
                        params["sid"], params["country"].upper(), params["resource"], query, path
                    )
                if name == "number":
                    return self.number(method.upper(), params["sid"], params["number_sid"], form)
                if method.upper() == "POST":
                    return self.buy(params["sid"], form)
                return self.incoming(params["sid"], query, path)
            except inventory.BadRequest as exc:
                return error(400, str(exc))
        return not_found(path)

    def other_products(
        self, method: str, path: str, query: Mapping[str, str], form: Mapping[str, str]
    ) -> Answer | None:
        """Pricing v1 (its paths start /v1/), Numbers v2's regulations and bundles, and
        Addresses: None for the paths above."""
        if path.startswith(("/v1/", "/v2/")) or compliance.ADDRESSES.fullmatch(path):
            if method.upper() != "GET":
                return error(405, f"Method {method.upper()} not allowed on {path}", 20004)
            if path.startswith("/v1/"):
                return pricing.route(path, query) or not_found(path)
            account = path.split("/")[3] if path.startswith("/2010") else SANDBOX_ACCOUNT
            answer = compliance.route(account, path, query)
            return (200, answer) if answer is not None else not_found(path)
        return None

    # -- AvailablePhoneNumbers --------------------------------------------------------

    def _country_json(self, sid: str, code: str) -> dict[str, Any]:
        base = f"/2010-04-01/Accounts/{sid}/AvailablePhoneNumbers/{code}"
        return {
            "country_code": code,
            "country": country_name(code),
            "uri": f"{base}.json",
            "beta": SUPPORTED[code],
            "subresource_uris": {
                key: f"{base}/{SUBRESOURCES[key]}.json" for key in inventory.number_types(code)
            },
        }

    def countries(self, sid: str) -> Answer:
        return 200, {
            "countries": [self._country_json(sid, code) for code in sorted(SUPPORTED)],
            "uri": f"/2010-04-01/Accounts/{sid}/AvailablePhoneNumbers.json",
        }

    def country(self, sid: str, code: str) -> Answer:
        if code not in SUPPORTED:
            return not_found(f"/2010-04-01/Accounts/{sid}/AvailablePhoneNumbers/{code}.json")
        return 200, self._country_json(sid, code)

    def search(
        self, sid: str, code: str, resource: str, query: Mapping[str, str], path: str
    ) -> Answer:
        type_key = inventory.RESOURCES.get(resource)
        if type_key is None or not inventory.sells(code, type_key):
            return not_found(path)
        offers = inventory.search(code, type_key, query, self.store.numbers())
        return 200, {
            "available_phone_numbers": [offer.to_wire() for offer in offers],
            "uri": path,
        }

    # -- IncomingPhoneNumbers ---------------------------------------------------------

    def incoming(self, sid: str, query: Mapping[str, str], path: str) -> Answer:
        wanted = _number_filter(query.get("PhoneNumber"))
        name = query.get("FriendlyName")
        numbers = [
            resource
            for number, resource in sorted(self.store.all().items())
            if resource.get("account_sid") == sid
            and (wanted is None or wanted.search(number))
            and (name is None or resource.get("friendly_name") == name)
        ]
        page_size = inventory.integer_param(query, "PageSize", 1, inventory.MAX_PAGE_SIZE) or 50
        return 200, {
            "end": max(len(numbers) - 1, 0),
            "first_page_uri": f"{path}?PageSize={page_size}&Page=0",
            "incoming_phone_numbers": numbers[:page_size],
            "next_page_uri": None,
            "page": 0,
            "page_size": page_size,
            "previous_page_uri": None,
            "start": 0,
            "uri": f"{path}?PageSize={page_size}&Page=0",
        }

    def buy(self, sid: str, form: Mapping[str, str]) -> Answer:
        number = form.get("PhoneNumber")
        area_code = form.get("AreaCode")
        if bool(number) == bool(area_code):
            return error(400, "Give a PhoneNumber or an AreaCode (one of them)")
        if area_code:
            found = _first_in_area(area_code, self.store.numbers())
            if found is None:
                return error(400, f"No phone numbers found in area code {area_code}", 21452)
            offer, type_key = found
        else:
            located = available(str(number))
            if located is None or number in self.store.numbers():
                return error(400, f"PhoneNumber {number} is not available", 21422)
            offer, type_key = located

        refused = purchase_refusal(offer.iso_country, type_key, offer.address_requirements, form)
        if refused is not None:
            return error(400, refused[1], refused[0])
        resource = incoming_resource(sid, offer, type_key, form)
        if not self.store.add(resource):
            return error(400, f"PhoneNumber {offer.phone_number} is not available", 21422)
        return 201, resource

    def number(self, method: str, sid: str, number_sid: str, form: Mapping[str, str]) -> Answer:
        """One bought number: fetched (GET), updated (POST) or released (DELETE: 204)."""
        path = f"/2010-04-01/Accounts/{sid}/IncomingPhoneNumbers/{number_sid}.json"
        resource = self.store.by_sid(sid, number_sid)
        if resource is None:
            return not_found(path)
        if method == "GET":
            return 200, resource
        if method == "DELETE":
            return (204, {}) if self.store.remove(resource["phone_number"]) else not_found(path)
        refused = _update_refusal(form)
        if refused is not None:
            return error(400, refused)
        changed = updated_resource(resource, form)
        return (200, changed) if self.store.replace(changed) else not_found(path)


def _update_refusal(form: Mapping[str, str]) -> str | None:
    """Why an update's form cannot be applied here, if it cannot."""
    if form.get("AccountSid"):
        return "Moving a number to another account is not part of the sandbox"
    for name, value in form.items():
        if name.endswith("Method") and value.upper() not in ("GET", "POST"):
            return f"{name} must be GET or POST"
    if len(form.get("FriendlyName", "")) > 64:
        return "FriendlyName is longer than 64 characters"
    return None


def updated_resource(resource: Mapping[str, Any], form: Mapping[str, str]) -> dict[str, Any]:
    """A bought number with an update's fields applied: a value sets its field, an empty
    value empties it (a SID becomes null, anything else "")."""
    changed = dict(resource)
    for field, key in FORM_FIELDS.items():
        if field not in form:
            continue
        value = form[field]
        if value == "":
            changed[key] = None if key.endswith("_sid") else ""
        else:
            changed[key] = value.upper() if field.endswith("Method") else value
    if "VoiceCallerIdLookup" in form:
        changed["voice_caller_id_lookup"] = form["VoiceCallerIdLookup"].lower() == "true"
    changed["date_updated"] = formatdate(usegmt=True).replace("GMT", "+0000")
    return changed


def _number_filter(text: str | None) -> re.Pattern[str] | None:
    """Twilio's PhoneNumber filter: partial numbers, `*` for any digit."""
    if not text:
        return None
    body = "".join(r"\d" if ch == "*" else re.escape(ch) for ch in text.strip())
    return re.compile(("^" if text.startswith("+") else "") + body)


def not_found(path: str) -> Answer:
    return error(404, f"The requested resource {path} was not found", 20404)


def available(number: str) -> tuple[inventory.Offer, str] | None:
    """The sandbox offer a number is, if it is in the stock (purchases aside)."""
    try:
        parsed = phonenumbers.parse(number, None)
    except phonenumbers.NumberParseException:
        return None
    country = phonenumbers.region_code_for_number(parsed)
    if country not in SUPPORTED or not phonenumbers.is_valid_number(parsed):
        return None
    e164 = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    if country in US_CA:
        type_key = "toll_free" if e164[2:5] in NANP_TOLL_FREE else "local"
        if not inventory.stock(country, type_key).holds(e164[1:]):
            return None
        return inventory.offer_of(e164[1:], country, type_key), type_key
    # A plan that cannot tell fixed from mobile: the number is in one of the two stocks.
    for number_type in types_of_plan(phonenumbers.number_type(parsed)):
        if inventory.stock(country, number_type.key).holds(e164[1:]):
            return inventory.make_offer(e164, country, number_type.key, None, None), number_type.key
    return None


def _first_in_area(area_code: str, bought: frozenset[str]) -> tuple[inventory.Offer, str] | None:
    probe = phonenumbers.PhoneNumber(country_code=1, national_number=int(f"{area_code}2000000"))
    country = phonenumbers.region_code_for_number(probe)
    if country not in US_CA:
        return None
    type_key = "toll_free" if area_code in NANP_TOLL_FREE else "local"
    offers = inventory.search(country, type_key, {"AreaCode": area_code, "PageSize": "1"}, bought)
    return (offers[0], type_key) if offers else None


def incoming_resource(
    sid: str, offer: inventory.Offer, type_key: str, form: Mapping[str, str]
) -> dict[str, Any]:
    """The IncomingPhoneNumber a purchase creates, in the spec's shape."""
    number_sid = "PN" + hashlib.sha256(f"{sid}{offer.phone_number}".encode()).hexdigest()[:32]
    now = formatdate(usegmt=True).replace("GMT", "+0000")
    resource: dict[str, Any] = {
        "account_sid": sid,
        "address_requirements": offer.address_requirements,
        "address_sid": None,
        "api_version": "2010-04-01",
        "beta": offer.beta,
        "capabilities": dict(offer.capabilities),
        "date_created": now,
        "date_updated": now,
        "emergency_status": "Inactive",
        "emergency_address_sid": None,
        "emergency_address_status": "unregistered",
        "friendly_name": offer.friendly_name,
        "identity_sid": None,
        "origin": "twilio",
        "phone_number": offer.phone_number,
        "sid": number_sid,
        "sms_application_sid": None,
        "sms_fallback_method": "POST",
        "sms_fallback_url": "",
        "sms_method": "POST",
        "sms_url": "",
        "status_callback": "",
        "status_callback_method": "POST",
        "trunk_sid": None,
        "uri": f"/2010-04-01/Accounts/{sid}/IncomingPhoneNumbers/{number_sid}.json",
        "voice_application_sid": None,
        "voice_caller_id_lookup": False,
        "voice_fallback_method": "POST",
        "voice_fallback_url": "",
        "voice_method": "POST",
        "voice_url": "",
        "bundle_sid": None,
        "voice_receive_mode": "voice",
        "status": "in-use",
        "type": type_key.replace("_", "-"),
    }
    for field, key in FORM_FIELDS.items():
        if form.get(field):
            resource[key] = form[field]
    if form.get("VoiceCallerIdLookup"):
        resource["voice_caller_id_lookup"] = form["VoiceCallerIdLookup"].lower() == "true"
    return resource
