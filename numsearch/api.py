"""Twilio's endpoints, as much of them as numsearch needs: available numbers, the
account's numbers, purchases, updates and releases (the 2010 API), prices (Pricing v1)
and paperwork (Numbers v2, Addresses). Requests go through the HTTP client beneath
(transport.py); every answer is checked for shape before it becomes records, so an
outage never reads as "nothing found".
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable, Iterable, Mapping
from typing import IO, TYPE_CHECKING, Any, NamedTuple, TypeVar
from urllib.parse import urlsplit

from numsearch.config import resolve_credentials, short_sid, subaccount_sid
from numsearch.errors import InvalidInput, TwilioRefused, TwilioUnavailable
from numsearch.http_failures import NOT_UNDERSTOOD, _clip
from numsearch.models import AvailableNumber, Country, IncomingNumber, RecordError, json_kind
from numsearch.sandbox import sandbox_client_parts
from numsearch.settings import ClientSettings
from numsearch.transport import (
    HttpClient,
    base_url_for,
    enable_debug_logging,
    secrets_of,
)

if TYPE_CHECKING:
    from requests.adapters import BaseAdapter

    from numsearch.config import Credentials
    from numsearch.query import SearchQuery
    from numsearch.retries import RequestBudget

MAX_PAGES = 50  # of IncomingPhoneNumbers, 1000 numbers each
LARGEST_PAGE = 1000  # Twilio's largest PageSize, and its default here: what no PageSize asks

Record = TypeVar("Record")


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
    `settings.sandbox`. Raises CredentialsError when there are no usable credentials and
    InvalidInput for a region, edge, subaccount or API URL that cannot be used; nothing is
    sent."""
    transport = None
    if settings.subaccount:  # it becomes part of every path: only an account SID may pass
        settings = settings._replace(subaccount=subaccount_sid(settings.subaccount, "--subaccount"))
    if settings.sandbox:
        credentials, base_url, transport = sandbox_client_parts(warn=warn)
        secrets: tuple[str, ...] = ()  # nothing secret: the sandbox takes any
    else:
        credentials = resolve_credentials(
            settings.profile, os.environ if environ is None else environ, warn=warn
        )
        base_url = base_url_for(
            settings.region or credentials.region,
            settings.edge or credentials.edge,
            settings.api_url,
        )
        secrets = secrets_of(credentials, settings.api_url)
    if settings.debug:
        enable_debug_logging(log_stream, credentials, secrets)
    return TwilioClient(
        credentials, base_url, settings, transport=transport, secrets=secrets, warn=warn
    )


class SearchAnswer(NamedTuple):
    """One answer to a search: its numbers (no more than its PageSize asked) and how many
    it held as it came (what tells a sweep whether it was cut)."""

    numbers: list[AvailableNumber]
    received: int


class TwilioClient(HttpClient):
    """Twilio's REST API 2010-04-01, as much of it as numsearch needs."""

    def __init__(
        self,
        credentials: Credentials,
        base_url: str,
        settings: ClientSettings,
        *,
        transport: BaseAdapter | None = None,
        secrets: Iterable[str] | None = None,
        warn: Callable[[str], None] | None = None,
    ) -> None:
        """As HttpClient; `warn` hears, once in the client's life, that an answer held
        more numbers than asked (they are cut)."""
        super().__init__(credentials, base_url, settings, transport=transport, secrets=secrets)
        self.warn = warn
        self._oversized_lock = threading.Lock()
        self._told_oversized = False

    # -- resources ------------------------------------------------------------------

    @property
    def account_sid(self) -> str:
        """The account the requests act on: --subaccount (or the profile's subaccount_sid),
        else the credentials' own account. A subaccount is reached with its parent's
        credentials, as twilio-cli's --account-sid does."""
        return (
            self.settings.subaccount
            or self.credentials.subaccount_sid
            or self.credentials.account_sid
        )

    @property
    def short_account(self) -> str:
        """`AC1234…cdef` of the account the requests act on, for messages."""
        return short_sid(self.account_sid)

    @property
    def account_path(self) -> str:
        """`/2010-04-01/Accounts/AC…`: every resource numsearch uses lives below it."""
        return f"/2010-04-01/Accounts/{self.account_sid}"

    def search(self, query: SearchQuery) -> list[AvailableNumber]:
        """Every number matching `query`: one request per area code, run concurrently,
        merged in the order the area codes were given, without duplicates."""
        params_list = query.request_params()
        try:
            pages = self.get_many(self.account_path + query.resource, params_list)
        except TwilioRefused as exc:
            raise _search_refusal(query, exc) from None
        seen: set[str | None] = set()
        numbers: list[AvailableNumber] = []
        for page, params in zip(pages, params_list, strict=True):
            for number in self._available_numbers(page, params).numbers:
                if number.phone_number not in seen:
                    seen.add(number.phone_number)
                    numbers.append(number)
        return numbers

    def search_page(
        self,
        query: SearchQuery,
        params: Mapping[str, str],
        retry_budget: RequestBudget | None = None,
    ) -> SearchAnswer:
        """One request of `query`'s resource with exactly `params` (a sweep's part), its
        retries paid from `retry_budget` (BudgetSpent when one cannot be)."""
        try:
            page = self.get_json(
                self.account_path + query.resource, params, retry_budget=retry_budget
            )
        except TwilioRefused as exc:
            raise _search_refusal(query, exc) from None
        return self._available_numbers(page, params)

    def _available_numbers(
        self, page: Mapping[str, Any], params: Mapping[str, str]
    ) -> SearchAnswer:
        """A search's numbers, no more than the PageSize sent (LARGEST_PAGE when none was):
        a server that answers more (twenty thousand, say) must not make the run hold them
        all. The first cut of the client's life is said (`warn`)."""
        asked = _page_size(params)
        items = page.get("available_phone_numbers")
        received = len(items) if isinstance(items, list) else 0
        if received > asked:
            with self._oversized_lock:  # the answers of a sweep come in on several threads
                first, self._told_oversized = not self._told_oversized, True
            if first and self.warn is not None:
                self.warn(
                    f"Twilio answered a search with {received} numbers, more than the {asked}"
                    f" asked (PageSize): kept the first {asked} of each such answer"
                )
        numbers = _records(page, "available_phone_numbers", AvailableNumber.from_twilio, asked)
        return SearchAnswer(numbers, received)

    def countries(self) -> list[Country]:
        """The countries this account can search."""
        page = self.get_json(f"{self.account_path}/AvailablePhoneNumbers.json")
        return _records(page, "countries", Country.from_twilio)

    def country(self, code: str) -> Country:
        """One country and the number types it offers."""
        try:
            raw = self.get_json(f"{self.account_path}/AvailablePhoneNumbers/{code}.json")
        except TwilioRefused as exc:
            if exc.status == 404:
                raise exc.reworded(
                    f"{code} has no numbers for this account (Twilio {exc.code or 404})"
                ) from None
            raise
        return _record(raw, "the country", Country.from_twilio)

    def incoming_numbers(
        self, phone_number: str | None = None, friendly_name: str | None = None
    ) -> list[IncomingNumber]:
        """The account's numbers (matching `phone_number`: partial, `*` for any digit; and
        `friendly_name`, exactly), every page of them: Twilio's `next_page_uri` is
        followed, up to MAX_PAGES."""
        resource = f"{self.account_path}/IncomingPhoneNumbers.json"
        first = {"PageSize": "1000"}
        if phone_number:
            first["PhoneNumber"] = phone_number
        if friendly_name:
            first["FriendlyName"] = friendly_name
        params: dict[str, str] | None = first
        target, read = resource, set()
        numbers: list[IncomingNumber] = []
        for _ in range(MAX_PAGES):
            read.add(target)
            page = self.get_json(target, params)
            numbers += _records(page, "incoming_phone_numbers", IncomingNumber.from_twilio)
            following = page.get("next_page_uri")
            if following is None or following == "":
                return numbers
            target, params = _next_page(following, resource), None
            if target in read:
                raise TwilioUnavailable(f"{NOT_UNDERSTOOD}: next_page_uri leads back to a page")
        raise TwilioUnavailable(
            f"the account's numbers go on past {MAX_PAGES} pages of 1000; give a NUMBER"
            " pattern to narrow them"
        )

    def buy(self, form: Mapping[str, str]) -> IncomingNumber:
        """POST one purchase. Never retried once sent: the caller resolves ambiguity."""
        raw = self.post_form(f"{self.account_path}/IncomingPhoneNumbers.json", form)
        return _record(raw, "the purchased number", IncomingNumber.from_twilio)

    # -- HTTP -----------------------------------------------------------------------

    # -- one number on the account: fetch, update, release ----------------------------

    NUMBER_SID = re.compile(r"PN[0-9a-fA-F]{32}")

    def number_path(self, sid: str) -> str:
        """`…/IncomingPhoneNumbers/PN….json`; only a SID shaped like Twilio's goes into a
        path (one read from an answer is outside text)."""
        if not self.NUMBER_SID.fullmatch(sid):
            raise InvalidInput(f"{_clip(sid, 40)!r} is not a phone number SID (PN + 32 hex digits)")
        return f"{self.account_path}/IncomingPhoneNumbers/{sid}.json"

    def incoming_resource(self, sid: str) -> dict[str, Any]:
        """The IncomingPhoneNumber `sid` as Twilio's JSON object, checked to be a record
        (every field kept: an update is verified field by field)."""
        raw = self.get_json(self.number_path(sid))
        _record(raw, "the number", IncomingNumber.from_twilio)
        return raw

    def incoming_number(self, sid: str) -> IncomingNumber:
        """The IncomingPhoneNumber `sid` (TwilioRefused 404 when it is not on the account)."""
        return IncomingNumber.from_twilio(self.incoming_resource(sid))

    def update_number(self, sid: str, form: Mapping[str, str]) -> IncomingNumber:
        """POST an update of number `sid` once (never retried: the caller checks)."""
        raw = self.post_form(self.number_path(sid), form)
        return _record(raw, "the updated number", IncomingNumber.from_twilio)

    def release_number(self, sid: str) -> None:
        """DELETE number `sid` once (never retried: the caller checks). Twilio answers 204
        with no body; any body of a 2xx is ignored."""
        self.send("DELETE", self.number_path(sid))

    # -- Pricing v1, Numbers v2 and Addresses: what a purchase costs and needs ----------

    def phone_number_prices(self, country: str) -> dict[str, Any]:
        """Pricing v1's monthly prices of `country`'s number types, as Twilio's JSON object
        (the caller reads it: numsearch.pricing)."""
        try:
            return self.on_host("pricing").get_json(f"/v1/PhoneNumbers/Countries/{country}")
        except TwilioRefused as exc:
            if exc.status == 404:
                raise exc.reworded(
                    f"Twilio has no phone number prices for {country} (Twilio {exc.code or 404})"
                ) from None
            raise

    def price_countries(self) -> list[dict[str, Any]]:
        """The countries Pricing v1 prices numbers in (every page)."""
        return self.on_host("pricing")._meta_pages("/v1/PhoneNumbers/Countries", "countries", {})

    def regulations(
        self, country: str, number_type: str, end_user_type: str
    ) -> list[dict[str, Any]]:
        """Numbers v2's regulations for a country, number type (compliance's name:
        toll-free) and end user type (individual, business)."""
        params = {"IsoCountry": country, "NumberType": number_type, "EndUserType": end_user_type}
        return self.on_host("numbers")._meta_pages(
            "/v2/RegulatoryCompliance/Regulations", "results", params
        )

    def bundles(
        self, country: str, number_type: str, status: str = "twilio-approved"
    ) -> list[dict[str, Any]]:
        """The account's regulatory bundles for a country and number type, of `status`."""
        params = {"IsoCountry": country, "NumberType": number_type, "Status": status}
        return self.on_host("numbers")._meta_pages(
            "/v2/RegulatoryCompliance/Bundles", "results", params
        )

    def addresses(self, country: str | None = None) -> list[dict[str, Any]]:
        """The account's addresses (in `country`, if given), every page."""
        resource = f"{self.account_path}/Addresses.json"
        first = {"PageSize": "1000"}
        if country:
            first["IsoCountry"] = country
        params: dict[str, str] | None = first
        target, read = resource, set()
        found: list[dict[str, Any]] = []
        for _ in range(MAX_PAGES):
            read.add(target)
            page = self.get_json(target, params)
            found += _records(page, "addresses", _json_object)
            following = page.get("next_page_uri")
            if following is None or following == "":
                return found
            target, params = _next_page(following, resource), None
            if target in read:
                raise TwilioUnavailable(f"{NOT_UNDERSTOOD}: next_page_uri leads back to a page")
        raise TwilioUnavailable(f"the account's addresses go on past {MAX_PAGES} pages")

    def _meta_pages(
        self, resource: str, key: str, params: Mapping[str, str]
    ) -> list[dict[str, Any]]:
        """Every item of a v1/v2 list resource: its `meta.next_page_url` is followed (only
        its path and query, on this client's host), up to MAX_PAGES."""
        query: Mapping[str, str] | None = {**params, "PageSize": "1000"}
        target, read = resource, set()
        found: list[dict[str, Any]] = []
        for _ in range(MAX_PAGES):
            read.add(target)
            page = self.get_json(target, query)
            found += _records(page, key, _json_object)
            meta = page.get("meta")
            following = meta.get("next_page_url") if isinstance(meta, dict) else None
            if following is None or following == "":
                return found
            target, query = _next_page_url(following, resource), None
            if target in read:
                raise TwilioUnavailable(f"{NOT_UNDERSTOOD}: next_page_url leads back to a page")
        raise TwilioUnavailable(f"{resource} goes on past {MAX_PAGES} pages")


def _search_refusal(query: SearchQuery, exc: TwilioRefused) -> TwilioRefused:
    """A search's refusal; a 404 means the country has no such numbers: said so."""
    if exc.status != 404:
        return exc
    return exc.reworded(
        f"{query.country} has no {query.number_type.label} numbers on this account"
        f" (Twilio {exc.code or 404}; see `numsearch countries {query.country}`)"
    )


def _page_size(params: Mapping[str, str]) -> int:
    """The PageSize a request sent (LARGEST_PAGE when it sent none, or none that reads)."""
    text = params.get("PageSize", "")
    return int(text) if text.isdigit() and 0 < int(text) <= LARGEST_PAGE else LARGEST_PAGE


def _records(
    page: Mapping[str, Any], key: str, build: Callable[[Any], Record], limit: int | None = None
) -> list[Record]:
    """The records of a list resource (the first `limit` of them, when given);
    TwilioUnavailable when the list is missing, is not a list, or holds anything that is
    not a record (a null, a string, one without its key): an outage must not read as
    "nothing found"."""
    items = page.get(key)
    if not isinstance(items, list):
        what = "missing" if key not in page else f"{json_kind(items)}, not a list"
        raise TwilioUnavailable(f"{NOT_UNDERSTOOD}: its {key} is {what}")
    records = []
    for index, raw in enumerate(items[:limit], 1):
        try:
            records.append(build(raw))
        except RecordError as exc:
            raise TwilioUnavailable(
                f"{NOT_UNDERSTOOD}: item {index} of its {key} is {exc}"
            ) from None
    return records


def _record(raw: Any, what: str, build: Callable[[Any], Record]) -> Record:
    """One resource as a record; TwilioUnavailable when it cannot be one."""
    try:
        return build(raw)
    except RecordError as exc:
        raise TwilioUnavailable(f"{NOT_UNDERSTOOD}: {what} is {exc}") from None


def _json_object(raw: Any) -> dict[str, Any]:
    """An item of a list that must be a JSON object (the caller reads its fields)."""
    if not isinstance(raw, dict):
        raise RecordError(f"{json_kind(raw)}, not an object")
    return raw


def _next_page_url(url: Any, resource: str) -> str:
    """A v1/v2 `meta.next_page_url` (absolute, on Twilio's product host) as the path and
    query to ask this client's host for; only a page of the same resource is followed,
    and never its host: the credentials go only where they were going."""
    if isinstance(url, str) and len(url) <= 4096 and url.isprintable() and "\\" not in url:
        parts = urlsplit(url)
        if parts.scheme in ("http", "https", "") and parts.path == resource:
            return parts.path + (f"?{parts.query}" if parts.query else "")
    shown = repr(_clip(url, 80)) if isinstance(url, str) else json_kind(url)
    raise TwilioUnavailable(
        f"{NOT_UNDERSTOOD}: next_page_url {shown} is not a page of {resource.rsplit('/', 1)[1]}"
    )


def _next_page(uri: Any, resource: str) -> str:
    """Twilio's `next_page_uri`, if it is a path to the same resource (with its query).

    Anything else is refused: an absolute URL, or `//host/...`, would send the
    credentials to whatever host it names.
    """
    if isinstance(uri, str) and len(uri) <= 4096 and uri.isprintable() and "\\" not in uri:
        parts = urlsplit(uri)
        if not parts.scheme and not parts.netloc and parts.path == resource:
            return uri
    shown = repr(_clip(uri, 80)) if isinstance(uri, str) else json_kind(uri)
    raise TwilioUnavailable(
        f"{NOT_UNDERSTOOD}: next_page_uri {shown} is not a page of {resource.rsplit('/', 1)[1]}"
    )
