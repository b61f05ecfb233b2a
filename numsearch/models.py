"""What Twilio returns, as typed records with a stable field list.

Built leniently from JSON: the live API sends `SMS`/`MMS` in upper case and
latitude/longitude as strings where the spec says lower case and numbers; missing
or null fields stay None. But a record must be one: `from_twilio` refuses (RecordError)
anything that is not an object or lacks the field that names it (a number's
`phone_number`, a country's `country_code`), so junk never becomes an all-null row.
"""

from __future__ import annotations

import math
import re
from typing import Any, NamedTuple

from numsearch.number_types import command_of_key

CAPABILITIES = ("voice", "sms", "mms", "fax")
PHONE_NUMBER = re.compile(r"\+?[0-9]{2,20}")  # E.164 as Twilio writes it: +15105550100
COUNTRY_CODE = re.compile(r"[A-Za-z]{2}")  # ISO 3166-1 alpha-2


class RecordError(ValueError):
    """A value in Twilio's answer that cannot be read as a record; says what it is."""


def json_kind(value: Any) -> str:
    """What a JSON value is, in a word or two: `null`, `a string`, `a list`."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    kinds = {str: "a string", int: "a number", float: "a number", list: "a list", dict: "an object"}
    return kinds.get(type(value), type(value).__name__)


def _identified(raw: Any, key: str, pattern: re.Pattern[str]) -> dict[str, Any]:
    """`raw` if it is an object whose `key` is a string shaped like `pattern`."""
    if not isinstance(raw, dict):
        raise RecordError(f"{json_kind(raw)}, not an object")
    value = raw.get(key)
    if not isinstance(value, str) or not pattern.fullmatch(value):
        raise RecordError(f"an object without a usable {key}")
    return raw


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value)
    return text if text != "" else None


def _number(value: Any) -> float | None:
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None  # NaN is not JSON


def _flag(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    return None


def stated_capabilities(raw: Any) -> frozenset[str]:
    """The capabilities a record names with a true or false (the spec's own example leaves
    fax out): what a search's answer can be checked against."""
    if not isinstance(raw, dict):
        return frozenset()
    stated = {str(k).lower() for k, v in raw.items() if _flag(v) is not None}
    return frozenset(stated & set(CAPABILITIES))


def capabilities_from_json(raw: Any) -> dict[str, bool] | None:
    """Lower-case voice/sms/mms/fax booleans from however Twilio spelled them."""
    if not isinstance(raw, dict):
        return None
    lowered = {str(k).lower(): _flag(v) for k, v in raw.items()}
    return {name: bool(lowered.get(name)) for name in CAPABILITIES}


class AvailableNumber(NamedTuple):
    """One number Twilio offers to buy, plus numsearch's vanity fields where they apply.
    A search's result always has its number (`phone_number`, E.164): the answer's check
    leaves out a record without one (built here with "")."""

    phone_number: str
    friendly_name: str | None = None
    locality: str | None = None
    region: str | None = None
    postal_code: str | None = None
    iso_country: str | None = None
    lata: str | None = None
    rate_center: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    address_requirements: str | None = None
    beta: bool | None = None
    capabilities: dict[str, bool] | None = None
    # numsearch's own fields, printed only when a search produced them (OWN_FIELDS):
    vanity: str | None = None
    score: float | None = None
    # With --rank: how memorable the digits are, {"score": 0.68, "reasons": ["repeats 5555"]}.
    memorability: dict[str, Any] | None = None
    # Where a searched pattern sits in the national number, for highlighting: (start, end).
    match_span: tuple[int, int] | None = None
    # With --price: the monthly price (Pricing v1's current price) and its currency.
    monthly_price: float | None = None
    price_unit: str | None = None
    # The capabilities Twilio's record named (not printed): what the answer is checked by.
    stated_capabilities: frozenset[str] = frozenset()

    @classmethod
    def from_twilio(cls, raw: Any) -> AvailableNumber:
        """Build from an item of Twilio's `available_phone_numbers`; RecordError when it is
        not an object. A phone_number that is not written as one is kept as text ("" when
        it is not text) for the search's check of the answer, which leaves that record out."""
        if not isinstance(raw, dict):
            raise RecordError(f"{json_kind(raw)}, not an object")
        number = raw.get("phone_number")
        return cls.from_json({**raw, "phone_number": number if isinstance(number, str) else ""})

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> AvailableNumber:
        """Build from one item of `available_phone_numbers`."""
        return cls(
            phone_number=_text(raw.get("phone_number")) or "",
            friendly_name=_text(raw.get("friendly_name")),
            locality=_text(raw.get("locality")),
            region=_text(raw.get("region")),
            postal_code=_text(raw.get("postal_code")),
            iso_country=_text(raw.get("iso_country")),
            lata=_text(raw.get("lata")),
            rate_center=_text(raw.get("rate_center")),
            latitude=_number(raw.get("latitude")),
            longitude=_number(raw.get("longitude")),
            address_requirements=_text(raw.get("address_requirements")),
            beta=_flag(raw.get("beta")),
            capabilities=capabilities_from_json(raw.get("capabilities")),
            stated_capabilities=stated_capabilities(raw.get("capabilities")),
        )

    def to_json(
        self, *, vanity: bool = False, score: bool = False, price: bool = False
    ) -> dict[str, Any]:
        """The stable JSON record; `vanity`, `score` and `memorability`, `monthly_price` and
        `price_unit` only when the search produced them."""
        record = {name: getattr(self, name) for name in AVAILABLE_NUMBER_FIELDS}
        if vanity:
            record["vanity"] = self.vanity
        if score:
            record["score"] = self.score
            record["memorability"] = self.memorability
        if price:
            record["monthly_price"] = self.monthly_price
            record["price_unit"] = self.price_unit
        return record


class Country(NamedTuple):
    """A country the account can search, and the number types it offers there."""

    country_code: str
    country: str | None = None
    beta: bool | None = None
    number_types: list[str] | None = None  # as the commands name them: local, tollfree, ...

    @classmethod
    def from_twilio(cls, raw: Any) -> Country:
        """Build from Twilio's country resource or an item of `countries`; RecordError when
        it is not an object with a two-letter country_code."""
        return cls.from_json(_identified(raw, "country_code", COUNTRY_CODE))

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> Country:
        """Build from an item of `countries` or a fetched country resource."""
        uris = raw.get("subresource_uris")
        return cls(
            country_code=str(raw.get("country_code") or "").upper(),
            country=_text(raw.get("country")),
            beta=_flag(raw.get("beta")),
            number_types=sorted(map(command_of_key, uris)) if isinstance(uris, dict) else None,
        )

    def to_json(self) -> dict[str, Any]:
        """The stable JSON record."""
        return dict(self._asdict())


class IncomingNumber(NamedTuple):
    """A number on the account (what a purchase returns)."""

    sid: str | None
    phone_number: str | None
    friendly_name: str | None = None
    account_sid: str | None = None
    capabilities: dict[str, bool] | None = None
    status: str | None = None
    address_requirements: str | None = None
    beta: bool | None = None
    voice_url: str | None = None
    sms_url: str | None = None
    date_created: str | None = None
    origin: str | None = None

    @classmethod
    def from_twilio(cls, raw: Any) -> IncomingNumber:
        """Build from Twilio's IncomingPhoneNumber resource (a list item, or what a purchase
        returns); RecordError when it is not an object with a phone_number."""
        return cls.from_json(_identified(raw, "phone_number", PHONE_NUMBER))

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> IncomingNumber:
        """Build from an IncomingPhoneNumber resource."""
        return cls(
            sid=_text(raw.get("sid")),
            phone_number=_text(raw.get("phone_number")),
            friendly_name=_text(raw.get("friendly_name")),
            account_sid=_text(raw.get("account_sid")),
            capabilities=capabilities_from_json(raw.get("capabilities")),
            status=_text(raw.get("status")),
            address_requirements=_text(raw.get("address_requirements")),
            beta=_flag(raw.get("beta")),
            voice_url=_text(raw.get("voice_url")),
            sms_url=_text(raw.get("sms_url")),
            date_created=_text(raw.get("date_created")),
            origin=_text(raw.get("origin")),
        )

    def to_json(self) -> dict[str, Any]:
        """The stable JSON record."""
        return dict(self._asdict())


# Field lists, in the order every format prints them, from the records themselves:
# Twilio's fields, up to capabilities; then numsearch's own (match_span and
# stated_capabilities are for highlighting and checking, never printed).
_TWILIO_END = AvailableNumber._fields.index("capabilities") + 1
AVAILABLE_NUMBER_FIELDS = AvailableNumber._fields[:_TWILIO_END]
AVAILABLE_NUMBER_OWN_FIELDS = tuple(
    f
    for f in AvailableNumber._fields[_TWILIO_END:]
    if f not in ("match_span", "stated_capabilities")
)
COUNTRY_FIELDS = Country._fields
INCOMING_NUMBER_FIELDS = IncomingNumber._fields


class Request(NamedTuple):
    """A request a dry run would send (none was): its method, URL and form."""

    method: str
    url: str
    form: dict[str, str]

    def to_json(self) -> dict[str, Any]:
        """The stable JSON record."""
        return {"method": self.method, "url": self.url, "form": dict(self.form)}
