"""The sandbox's inventory: one fixed, deterministic set of available numbers per
country and number type, which every query answers a subset of.

The stock is made once, from hashes, by scripts/build_stock.py and shipped as
`stock.bin` (stock_file.py): a few numbers in each real exchange (US/CA: `places.tsv`;
toll-free: each 8XX and exchange), some of them vanity numbers that end in a word, and
elsewhere variations of phonenumbers' example numbers that phonenumbers calls valid. A
search reads only the part it needs. Each number's attributes (capabilities, address
needs, beta, postal code) derive from the number alone, so it looks the same in every
answer. A search filters the stock with Twilio's meaning, orders the matches in a
fixed order of its own (a hash of the query and the number: no paging, as Twilio) and
returns at most PageSize of them and never more than the answer cap (30, or
NUMSEARCH_SANDBOX_CAP), as the live API does. Purchases leave the stock.

`enumerate_stock()` gives the whole stock, so tests can compute answers on their own.
"""

from __future__ import annotations

import hashlib
import heapq
import os
import re
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from numsearch import matching
from numsearch.countries import SUPPORTED, US_CA
from numsearch.keypad import keypad_digits
from numsearch.number_types import NUMBER_TYPES
from numsearch.numbering import format_national
from numsearch.sandbox import places as placedata
from numsearch.sandbox import stock_file
from numsearch.sandbox.places import Place, Postal
from numsearch.spec_limits import answer_cap, shape_problem

DEFAULT_PAGE_SIZE = 50  # Twilio's default PageSize
MAX_PAGE_SIZE = 1000
DEFAULT_DISTANCE = 25  # miles, as Twilio

# Resource names in URLs -> type keys, and the phonenumbers description of each type.
RESOURCES = {t.resource: t.key for t in NUMBER_TYPES.values()}
# The types whose ranges phonenumbers describes (not machine-to-machine: it has none).
TYPE_DESCS = {t.key: t.plan for t in NUMBER_TYPES.values() if t.plan != "general_desc"}
# Exchanges sold beyond places.tsv, which has only those phonenumbers' geocoder places in a
# locality. 510-555 is the exchange of Twilio's own example (local numbers "starting with
# 510555") and of the docs' +15105550100; its numbers are valid, but placed only in
# "California", so the sandbox puts the exchange in Oakland, the heart of area code 510.
EXTRA_EXCHANGES = {("510", "555"): ("US", "CA", "Oakland")}
STRICT_VARIABLE = "NUMSEARCH_SANDBOX_STRICT"  # refuse Contains shapes the spec forbids


class BadRequest(ValueError):
    """A parameter Twilio would refuse."""


@cache
def number_types(country: str) -> list[str]:
    """The number types the sandbox sells in `country` (like a country's subresource_uris):
    the stock's parts (those phonenumbers has an example of; US and Canada: local and
    toll-free)."""
    if country in US_CA:  # most searches: no need to read the stock's header
        return [t.key for t in NUMBER_TYPES.values() if t.in_nanp]
    return [name.partition(" ")[2] for name in stock_file.parts() if name[:3] == f"{country} "]


def sells(country: str, type_key: str) -> bool:
    return country in SUPPORTED and type_key in number_types(country)


@dataclass(frozen=True)
class Offer:
    """One available number, as the sandbox lists it."""

    phone_number: str
    iso_country: str
    capabilities: Mapping[str, bool]
    address_requirements: str
    beta: bool
    locality: str | None = None
    region: str | None = None
    postal: Postal | None = None

    @property
    def friendly_name(self) -> str:
        """`(510) 786-7600`: formatted only for what is returned, not for every candidate."""
        if self.iso_country in US_CA and self.phone_number.startswith("+1"):
            n = self.phone_number[2:]
            return f"({n[:3]}) {n[3:6]}-{n[6:]}"

        return format_national(self.phone_number, self.iso_country)

    def to_wire(self) -> dict[str, Any]:
        """Twilio's JSON, quirks included: `SMS`/`MMS` upper case, coordinates as strings."""
        caps = self.capabilities
        return {
            "friendly_name": self.friendly_name,
            "phone_number": self.phone_number,
            "lata": None,
            "locality": self.locality,
            "rate_center": None,
            "latitude": f"{self.postal.latitude:.6f}" if self.postal else None,
            "longitude": f"{self.postal.longitude:.6f}" if self.postal else None,
            "region": self.region,
            "postal_code": self.postal.code if self.postal else None,
            "iso_country": self.iso_country,
            "address_requirements": self.address_requirements,
            "beta": self.beta,
            "capabilities": {
                "voice": caps["voice"],
                "SMS": caps["sms"],
                "MMS": caps["mms"],
                "fax": caps["fax"],
            },
        }


# -- the query ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Query:
    """The filters of one search, from Twilio's parameter names."""

    pattern: str | None
    area_code: str | None
    in_region: str | None
    in_postal_code: str | None
    in_locality: str | None
    in_lata: str | None
    in_rate_center: str | None
    near_number: str | None
    near_lat_long: tuple[float, float] | None
    distance: float
    sms: bool | None
    mms: bool | None
    voice: bool | None
    fax: bool | None
    exclude_all: bool
    exclude_local: bool
    exclude_foreign: bool
    beta: bool
    page_size: int
    # Resolved from the In-/Near- filters (phone-number templates looked up):
    region: str | None = None
    postal_code: str | None = None
    locality: str | None = None
    centre: tuple[float, float] | None = None
    nowhere: bool = False  # a template or LATA the sandbox cannot place: nothing matches

    @property
    def located(self) -> bool:
        """Whether the query asks for a place (which toll-free and foreign numbers lack)."""
        return any(
            (self.in_region, self.in_postal_code, self.in_locality, self.in_lata,
             self.in_rate_center, self.near_number, self.near_lat_long)
        )  # fmt: skip


def _shown(value: str, limit: int = 40) -> str:
    """A parameter's value quoted in an error message, cut short if long."""
    return repr(value if len(value) <= limit else value[:limit] + "...")


def integer_param(params: Mapping[str, str], name: str, low: int, high: int) -> int | None:
    """An integer parameter from `low` to `high`, None when absent; BadRequest otherwise
    (ASCII digits only, and few of them: no int() of a 5,000-digit string)."""
    value = params.get(name)
    if value is None:
        return None
    if not re.fullmatch(r"-?[0-9]{1,9}", value) or not low <= int(value) <= high:
        raise BadRequest(f"{name} must be an integer from {low} to {high}, not {_shown(value)}")
    return int(value)


def strict() -> bool:
    """Whether the sandbox refuses what the current spec forbids (NUMSEARCH_SANDBOX_STRICT)."""
    return os.environ.get(STRICT_VARIABLE, "").strip().lower() in ("1", "true", "yes", "on")


def parse_query(params: Mapping[str, str]) -> Query:
    """Read Twilio's query parameters; raise BadRequest for values Twilio would refuse."""

    def flag(name: str, default: bool | None = None) -> bool | None:
        value = params.get(name)
        if value is None:
            return default
        if value.lower() not in ("true", "false"):
            raise BadRequest(f"{name} must be true or false, not {_shown(value)}")
        return value.lower() == "true"

    near = params.get("NearLatLong")
    lat_long = None
    if near is not None:
        try:
            lat, lon = (float(part) for part in near.split(","))
        except ValueError:
            raise BadRequest(f"NearLatLong must be lat,long, not {_shown(near)}") from None
        lat_long = (lat, lon)
    area = params.get("AreaCode")
    if area is not None and not re.fullmatch(r"\d{3}", area):
        raise BadRequest(f"AreaCode must be three digits, not {_shown(area)}")
    pattern = params.get("Contains")
    if pattern is not None and not re.fullmatch(r"\+?[0-9A-Za-z*%]{1,16}\$?", pattern):
        raise BadRequest(f"Contains {_shown(pattern)} is not a valid pattern")
    if pattern is not None and strict():
        problem = shape_problem(pattern)
        if problem:
            raise BadRequest(f"Contains {_shown(pattern)} is not a valid pattern: {problem}")
    query = Query(
        pattern=_digits_of(pattern) if pattern else None,
        area_code=area,
        in_region=params.get("InRegion"),
        in_postal_code=params.get("InPostalCode"),
        in_locality=params.get("InLocality"),
        in_lata=params.get("InLata"),
        in_rate_center=params.get("InRateCenter"),
        near_number=params.get("NearNumber"),
        near_lat_long=lat_long,
        distance=float(integer_param(params, "Distance", 0, 500) or DEFAULT_DISTANCE),
        sms=flag("SmsEnabled"),
        mms=flag("MmsEnabled"),
        voice=flag("VoiceEnabled"),
        fax=flag("FaxEnabled"),
        exclude_all=bool(flag("ExcludeAllAddressRequired", False)),
        exclude_local=bool(flag("ExcludeLocalAddressRequired", False)),
        exclude_foreign=bool(flag("ExcludeForeignAddressRequired", False)),
        beta=bool(flag("Beta", True)),
        page_size=integer_param(params, "PageSize", 1, MAX_PAGE_SIZE) or DEFAULT_PAGE_SIZE,
    )
    return _resolve(query)


def _resolve(query: Query) -> Query:
    """Look up phone-number templates once: their region, postal code, locality, centre."""
    nowhere = bool(query.in_lata or query.in_rate_center)  # the sandbox has no LATA data

    def value(text: str | None, pick: Any) -> str | None:
        nonlocal nowhere
        if text is None or not text.startswith("+"):
            return text
        template = nanp_offer(text)
        if template is None:
            nowhere = True
            return None
        return str(pick(template))

    region = value(query.in_region, lambda t: t.region)
    postal = value(query.in_postal_code, lambda t: t.postal.code)
    locality = value(query.in_locality, lambda t: t.locality)
    centre = query.near_lat_long
    if query.near_number:
        template = nanp_offer(query.near_number)
        if template is None or template.postal is None:
            nowhere = True
        else:
            centre = (template.postal.latitude, template.postal.longitude)
    return replace(
        query, region=region, postal_code=postal, locality=locality, centre=centre, nowhere=nowhere
    )


def _digits_of(pattern: str) -> str:
    return keypad_digits(pattern, keep="*%+$")  # Twilio reads letters on the keypad too


# -- deterministic randomness -----------------------------------------------------------


def stable_hash(*parts: object) -> int:
    """A 128-bit number determined by `parts` alone (the same in every run and release:
    the stock and each number's attributes are made from it)."""
    text = "\x1f".join(str(p) for p in parts)
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:16], "big")


# -- what a number is like ---------------------------------------------------------------


def attributes(number: str, country: str, type_key: str) -> dict[str, Any]:
    """Capabilities, address needs and beta of `number`: the same in every answer."""
    h = stable_hash("attributes", number)
    roll = [(h >> (7 * i)) % 100 for i in range(6)]
    if type_key == "mobile":
        caps = {"voice": roll[0] < 70, "sms": True, "mms": roll[2] < 50, "fax": False}
    elif type_key == "toll_free":
        caps = {"voice": True, "sms": roll[1] < 80, "mms": roll[2] < 40, "fax": roll[3] < 10}
    else:
        caps = {
            "voice": roll[0] < 97,
            "sms": roll[1] < 85,
            "mms": roll[2] < 70,
            "fax": roll[3] < 12,
        }
    if not any(caps.values()):
        caps["voice"] = True
    if country in US_CA or type_key == "toll_free":
        needs = "none" if roll[4] < 92 else "any"
    else:
        needs = ("none", "none", "any", "local", "local", "foreign")[roll[4] % 6]
    beta = SUPPORTED.get(country, False) or roll[5] < 4
    return {"capabilities": caps, "address_requirements": needs, "beta": beta}


def make_offer(
    number: str, country: str, type_key: str, place: Place | None, postal: Postal | None
) -> Offer:
    return Offer(
        phone_number=number,
        iso_country=country,
        locality=place.locality if place else None,
        region=place.region if place else None,
        postal=postal,
        **attributes(number, country, type_key),
    )


def home_postal(number: str, place: Place) -> Postal:
    """The postal code a NANP number belongs to: one of its locality's, by the number."""
    return place.postals[stable_hash("postal", number) % len(place.postals)]


# -- checking an offer against the query --------------------------------------------------


def satisfies(offer: Offer, query: Query) -> bool:
    """Whether `offer` meets every filter of `query` with Twilio's meaning; the rules a
    client can check are numsearch's own (matching.py), so an answer of the sandbox
    always passes numsearch's check of it."""
    wanted = {"sms": query.sms, "mms": query.mms, "voice": query.voice, "fax": query.fax}
    if not matching.capabilities_hold(wanted, offer.capabilities):
        return False
    excluded = [
        scope
        for scope, on in (("all", query.exclude_all), ("local", query.exclude_local),
                          ("foreign", query.exclude_foreign))
        if on
    ]  # fmt: skip
    if not matching.address_allowed(excluded, offer.address_requirements):
        return False
    if not query.beta and offer.beta:
        return False
    digits = offer.phone_number.lstrip("+")
    national_from = len(matching.calling_code(offer.iso_country))
    if query.pattern and not matching.contains(query.pattern, digits, national_from):
        return False
    if query.area_code and not (
        digits.startswith(matching.NANP_CALLING_CODE)
        and matching.in_area_code(query.area_code, digits, national_from)
    ):
        return False
    return _located(offer, query)


def _located(offer: Offer, query: Query) -> bool:
    if query.nowhere:
        return False
    if not query.located:
        return True
    if offer.postal is None or offer.region is None or offer.locality is None:
        return False
    if query.region and query.region.upper() != offer.region.upper():
        return False
    if query.postal_code and query.postal_code.upper() != offer.postal.code.upper():
        return False
    if query.locality and query.locality.casefold() != offer.locality.casefold():
        return False
    if query.centre is not None:
        lat, lon = query.centre
        if (
            placedata.miles(lat, lon, offer.postal.latitude, offer.postal.longitude)
            > query.distance
        ):
            return False
    return True


def _with_extras(place: Place) -> Place:
    """A place of places.tsv with the EXTRA_EXCHANGES that are its."""
    key = (place.country, place.region, place.locality)
    extra = [exchange for exchange, where in EXTRA_EXCHANGES.items() if where == key]
    return place._replace(exchanges=(*place.exchanges, *extra)) if extra else place


@cache
def places() -> placedata.Places:
    """The places of US and Canadian numbers: places.tsv, with EXTRA_EXCHANGES."""
    return placedata.Places(tuple(_with_extras(p) for p in placedata.load().places))


@cache
def place_of_exchange(npa: str, nxx: str) -> Place | None:
    """The place of an exchange (NPA, NXX), if the sandbox has one: looked up in the
    stock's index of exchanges, its line alone read from places.tsv."""
    offset = stock_file.exchange_offset(npa + nxx)
    return None if offset is None else _with_extras(placedata.place_at(offset))


def nanp_offer(number: str) -> Offer | None:
    """The offer a US/CA geographic number would be, from its exchange; None if unknown."""
    digits = number.lstrip("+")
    if len(digits) != 11 or not digits.startswith("1"):
        return None
    place = place_of_exchange(digits[1:4], digits[4:7])
    if place is None:
        return None
    return make_offer(f"+{digits}", place.country, "local", place, home_postal(f"+{digits}", place))


# -- the stock --------------------------------------------------------------------------


@cache
def stock(country: str, type_key: str) -> stock_file.Stock:
    """Everything the sandbox has of `type_key` in `country` (purchases included), read
    from the shipped stock on first use."""
    name = f"{country} {type_key}"
    part = stock_file.parts().get(name)
    if part is None:  # a type the sandbox does not sell there
        return stock_file.Stock("", 0)
    return stock_file.Stock(stock_file.content(name).decode("ascii"), part.national_from)


def offer_of(digits: str, country: str, type_key: str) -> Offer:
    """The offer a number of the stock is (place and postal code from its exchange)."""
    number = f"+{digits}"
    if country in US_CA and type_key == "local":
        place = place_of_exchange(digits[1:4], digits[4:7])
        assert place is not None  # the stock has numbers in known exchanges only
        return make_offer(number, country, type_key, place, home_postal(number, place))
    return make_offer(number, country, type_key, None, None)


def enumerate_stock(country: str, type_key: str) -> list[Offer]:
    """Every offer the sandbox has of `type_key` in `country`, purchases included: the
    ground truth a test computes an answer from with its own matcher."""
    return [offer_of(d, country, type_key) for d in stock(country, type_key).numbers]


def search(
    country: str, type_key: str, params: Mapping[str, str], purchased: frozenset[str]
) -> list[Offer]:
    """The answer to one search: at most PageSize offers, and never more than the answer
    cap, in the query's own fixed order; the same for the same query."""
    query = parse_query(params)
    if query.nowhere or (query.located and not (country in US_CA and type_key == "local")):
        return []
    found = _candidates(country, stock(country, type_key), query)
    # The query's order: by the CRC-32 of the query's seed and the number (the seed's CRC
    # continued with each number's digits), taken from a heap as far as the page needs.
    seed = str((country, type_key, sorted((k, v) for k, v in params.items() if k != "PageSize")))
    seed_crc = zlib.crc32(seed.encode())
    order = [(zlib.crc32(digits.encode(), seed_crc), digits) for digits in found]
    heapq.heapify(order)
    page = min(query.page_size, answer_cap())
    offers: list[Offer] = []
    while order and len(offers) < page:
        _, digits = heapq.heappop(order)
        if f"+{digits}" in purchased:
            continue
        offer = _answered_offer(digits, country, type_key, query)
        if satisfies(offer, query):
            offers.append(offer)
    return offers


def _candidates(country: str, held: stock_file.Stock, query: Query) -> list[str]:
    """The numbers of `held` (the stock of `country`) that the query's pattern, area code
    and place allow (its other filters are checked on each offer)."""
    prefix = "1" + query.area_code if query.area_code else ""
    if not query.located:
        return held.matching(query.pattern, prefix)
    wanted = {e for place in _located_places(country, query) for e in place.exchanges}
    if query.pattern or prefix:
        return [d for d in held.matching(query.pattern, prefix) if (d[1:4], d[4:7]) in wanted]
    return [d for npa, nxx in wanted for d in held.starting(f"1{npa}{nxx}")]


def _answered_offer(digits: str, country: str, type_key: str, query: Query) -> Offer:
    offer = offer_of(digits, country, type_key)
    if offer.locality is None or not query.located:
        return offer
    place = place_of_exchange(digits[1:4], digits[4:7])
    assert place is not None  # offer_of found it
    return make_offer(offer.phone_number, country, type_key, place,
                      _postal_for(offer.phone_number, place, query))  # fmt: skip


def _located_places(country: str, query: Query) -> Iterator[Place]:
    """The places of `country` that may hold numbers answering `query`: each line of
    places.tsv cut by its text first (country, region, locality, postal code), and only
    then read as a place (a search for one state reads only its places)."""
    region = query.region.upper() if query.region else None
    locality = query.locality.casefold() if query.locality else None
    postal = f"{query.postal_code.upper()}:" if query.postal_code else None
    for _, line in placedata.lines():
        fields = line.split("\t", 4)  # country, region, locality, postal codes, exchanges
        if (
            fields[0] != country
            or (region and fields[1].upper() != region)
            or (locality and fields[2].casefold() != locality)
            or (postal and postal not in fields[3].upper())
            or (query.centre and not _within_latitudes(fields[3], query.centre[0], query.distance))
        ):
            continue
        place = _with_extras(placedata.parse_line(line))
        if _place_may_match(place, query):
            yield place


def _within_latitudes(postal_items: str, latitude: float, distance: float) -> bool:
    """Whether a postal code of a places.tsv line (its `code:lat:long` items) is within
    `distance` miles of `latitude`, north or south: a cut that never drops a place in
    reach, as no two points are nearer than their latitudes are."""
    reach = distance / placedata.MILES_PER_DEGREE + 1e-6
    return any(
        abs(float(item.split(":")[1]) - latitude) <= reach for item in postal_items.split(",")
    )


def _place_may_match(place: Place, query: Query) -> bool:
    """A cheap first cut on the place; `satisfies` has the final word on every offer."""
    if query.region and place.region.upper() != query.region.upper():
        return False
    if query.locality and place.locality.casefold() != query.locality.casefold():
        return False
    if query.postal_code and not any(
        p.code.upper() == query.postal_code.upper() for p in place.postals
    ):
        return False
    if query.centre is not None:
        return any(
            placedata.miles(*query.centre, p.latitude, p.longitude) <= query.distance
            for p in place.postals
        )
    return True


def _postal_for(number: str, place: Place, query: Query) -> Postal:
    """The number's own postal code, unless the query asks for a particular one (or a
    radius): then a postal code of its locality that fits, as Twilio's answer would."""
    wanted: list[Postal] = list(place.postals)
    if query.postal_code:
        wanted = [p for p in wanted if p.code.upper() == query.postal_code.upper()] or wanted
    if query.centre is not None:
        near = [
            p
            for p in wanted
            if placedata.miles(*query.centre, p.latitude, p.longitude) <= query.distance
        ]
        wanted = near or wanted
    if len(wanted) == len(place.postals):
        return home_postal(number, place)
    return wanted[stable_hash("postal", number) % len(wanted)]
