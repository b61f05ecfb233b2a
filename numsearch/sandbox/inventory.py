"""The sandbox's inventory: one fixed, deterministic set of available numbers per
country and number type, which every query answers a subset of.

The stock is made once per process from hashes: a few numbers in each real exchange
(US/CA: `places.tsv`; toll-free: each 8XX and exchange), some of them vanity numbers
that end in a word of VANITY_WORDS, and elsewhere variations of phonenumbers' example
numbers that phonenumbers calls valid. Each number's attributes (capabilities, address
needs, beta, postal code) derive from the number alone, so it looks the same in every
answer. A search filters the stock with Twilio's meaning, orders the matches in a
fixed order of its own (a hash of the query and the number: no paging, as Twilio) and
returns at most PageSize of them and never more than the answer cap (30, or
NUMSEARCH_SANDBOX_CAP), as the live API does. Purchases leave the stock.

`enumerate_stock()` gives the whole stock, so tests can compute answers on their own.
"""

from __future__ import annotations

import hashlib
import os
import re
import zlib
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from functools import cache, cached_property
from typing import Any

from numsearch import matching
from numsearch.countries import SUPPORTED, US_CA
from numsearch.keypad import keypad_digits, pattern_regex
from numsearch.number_types import NANP_TOLL_FREE, NUMBER_TYPES, by_key, plan_types_of
from numsearch.numbering import example_number, format_national
from numsearch.sandbox import places as placedata
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
# Words the sandbox's vanity numbers end in (the docs' and common ones): a number in
# about one exchange in three spells one, where the word fits the exchange's digits.
VANITY_WORDS = (
    "STORM", "FLOWERS", "EPIC", "JENNY", "CAKE", "PIZZA", "TAXI", "HELP", "CALL", "FOOD",
    "CARS", "HOME", "SHOP", "BOOK", "CASH", "LAWYER", "DENTIST", "PLUMBER", "MOVING",
    "HOTEL", "TOWING", "GOTJUNK", "CLEAN", "LOANS", "TACO", "GOLF", "PETS", "WINE",
)  # fmt: skip
# Numbers the README, docs/ and tests name, always in stock (unless bought).
ALWAYS_IN_STOCK = ("+15105550100",)


class BadRequest(ValueError):
    """A parameter Twilio would refuse."""


def number_types(country: str) -> list[str]:
    """The number types the sandbox sells in `country` (like a country's subresource_uris)."""
    if country in US_CA:
        return [t.key for t in NUMBER_TYPES.values() if t.in_nanp]
    return [key for key in TYPE_DESCS if _example(country, key)]


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


def _hash(*parts: object) -> int:
    text = "\x1f".join(str(p) for p in parts)
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:16], "big")


def _digit_stream(*parts: object) -> str:
    """Thirty-eight pseudo-random digits determined by `parts` (least significant first:
    a 128-bit hash has 38 or 39 digits, and only its leading ones are lopsided)."""
    return str(_hash(*parts))[::-1][:38]


# -- what a number is like ---------------------------------------------------------------


def attributes(number: str, country: str, type_key: str) -> dict[str, Any]:
    """Capabilities, address needs and beta of `number`: the same in every answer."""
    h = _hash("attributes", number)
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
    return place.postals[_hash("postal", number) % len(place.postals)]


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


@cache
def places() -> placedata.Places:
    """The places of US and Canadian numbers: places.tsv, with EXTRA_EXCHANGES."""
    extra: dict[tuple[str, str, str], list[tuple[str, str]]] = {}
    for exchange, where in EXTRA_EXCHANGES.items():
        extra.setdefault(where, []).append(exchange)
    return placedata.Places(
        tuple(
            replace(p, exchanges=(*p.exchanges, *extra.get((p.country, p.region, p.locality), ())))
            for p in placedata.load().places
        )
    )


@cache
def exchange_places() -> dict[tuple[str, str], Place]:
    """(NPA, NXX) -> its place (made once: Places hashes its whole tuple on each lookup)."""
    return places().by_exchange


def nanp_offer(number: str) -> Offer | None:
    """The offer a US/CA geographic number would be, from its exchange; None if unknown."""
    digits = number.lstrip("+")
    if len(digits) != 11 or not digits.startswith("1"):
        return None
    place = exchange_places().get((digits[1:4], digits[4:7]))
    if place is None:
        return None
    return make_offer(f"+{digits}", place.country, "local", place, home_postal(f"+{digits}", place))


# -- the stock --------------------------------------------------------------------------


@dataclass(frozen=True)
class Stock:
    """Every number the sandbox has of one country and type: E.164 digits (no `+`), one a
    line in `text` (searched with one regular expression per query)."""

    numbers: tuple[str, ...]
    text: str
    national_from: int

    @cached_property
    def members(self) -> frozenset[str]:
        """The numbers, for membership tests."""
        return frozenset(self.numbers)

    def starting(self, prefix: str) -> tuple[str, ...]:
        """The numbers whose digits start with `prefix` (they are sorted)."""
        low = bisect_left(self.numbers, prefix)
        high = bisect_left(self.numbers, prefix + ":")  # ":" sorts right after "9"
        return self.numbers[low:high]

    def matching(self, pattern: str | None, prefix: str = "") -> list[str]:
        """The numbers starting with `prefix` that Contains `pattern` (digits) matches,
        Twilio's way (see contains)."""
        if pattern and pattern.startswith("+"):
            literal = re.match(r"[0-9]*", pattern[1:])
            head = literal.group() if literal else ""
            if not (head.startswith(prefix) or prefix.startswith(head)):
                return []
            prefix = max(head, prefix, key=len)
        within = self.starting(prefix) if prefix else self.numbers
        if not pattern:
            return list(within)

        body = pattern_regex(pattern).pattern.removeprefix("^").removesuffix("$")
        where = "" if pattern.startswith("+") else rf"\d{{{self.national_from}}}\d*?"
        end = "$" if pattern.endswith("$") else ""
        line = re.compile(rf"^(?={where}{body}{end})\d+$", re.MULTILINE)
        return line.findall(self.text if within is self.numbers else "\n".join(within))


def _stock_of(numbers: Iterable[str], national_from: int) -> Stock:
    ordered = tuple(sorted(set(numbers)))
    return Stock(ordered, "\n".join(ordered), national_from)


@cache
def _vanity_digits() -> tuple[str, ...]:
    return tuple(keypad_digits(word) for word in VANITY_WORDS)


def _pick_vanity(h: int, fixed: str, free: int) -> str | None:
    """A vanity ending for a number whose last `free` digits are open after `fixed`: a word
    that fits there, or whose first digits are the last ones of `fixed`; None for most."""
    if (h >> 60) % 3:
        return None
    fitting = []
    for digits in _vanity_digits():
        if len(digits) <= free:
            fitting.append(digits.rjust(free, str((h >> 70) % 10)))
        elif len(digits) <= len(fixed) + free and fixed.endswith(digits[: len(digits) - free]):
            fitting.append(digits[len(digits) - free :])
    return fitting[(h >> 64) % len(fitting)] if fitting else None


def _exchange_stock(prefix: str, seed: object, most: int) -> Iterator[str]:
    """The numbers of one exchange (`prefix`: 1 + NPA + NXX): 0 to `most` plain ones by
    the hash, and sometimes a vanity one."""
    h = _hash("stock", seed, prefix)
    for i in range(h % (most + 1)):
        yield f"{prefix}{(h >> (8 + 14 * i)) % 10000:04d}"
    vanity = _pick_vanity(h, prefix[4:], 4)
    if vanity is not None:
        yield prefix + vanity


@cache
def nanp_local_stock(country: str) -> Stock:
    """US or Canadian local numbers: in each exchange of places.tsv."""
    exchanges = [e for place in places().in_country(country) for e in place.exchanges]
    numbers = [n for npa, nxx in exchanges for n in _exchange_stock(f"1{npa}{nxx}", "local", 3)]
    numbers += [n[1:] for n in ALWAYS_IN_STOCK if exchange_places().get((n[2:5], n[5:8]))
                and exchange_places()[(n[2:5], n[5:8])].country == country]  # fmt: skip
    return _stock_of(numbers, 1)


@cache
def nanp_toll_free_stock(country: str) -> Stock:
    """Toll-free numbers: in the US each 8XX has 1-800-FLOWERS-like numbers spelling the
    seven-letter words; in both countries, a number or two in a quarter of the exchanges."""
    numbers = [
        f"1{npa}{digits}"
        for npa in NANP_TOLL_FREE
        for digits in _vanity_digits()
        if country == "US" and len(digits) == 7 and digits[0] not in "01"
    ]
    for npa in NANP_TOLL_FREE:
        for nxx in range(200, 1000):
            if _hash("in service", country, npa, nxx) % 4 == 0:  # a quarter of the exchanges
                numbers += _exchange_stock(f"1{npa}{nxx}", f"toll_free {country}", 1)
    return _stock_of(numbers, 1)


ELSEWHERE_STOCK = 1500  # numbers of a type in a country outside North America
ELSEWHERE_TRIES = 8000


@cache
def elsewhere_stock(country: str, type_key: str) -> Stock:
    """Numbers outside North America: phonenumbers' example, varied, kept when valid."""
    example = _example(country, type_key)
    if example is None:
        return _stock_of((), 0)
    import phonenumbers

    parsed = phonenumbers.parse(example, country)
    cc = str(parsed.country_code)
    national = str(phonenumbers.national_significant_number(parsed))
    number_type = by_key(type_key)
    expected = plan_types_of(number_type) if number_type else frozenset()
    found: set[str] = set()
    for attempt in range(ELSEWHERE_TRIES):
        # Keep the example's first digit or two (its area or range) and vary the rest;
        # later tries keep more of it, for ranges where few variations are valid.
        keep = min(len(national) - 1, 1 + attempt % 2 + attempt // 2000)
        fill = _digit_stream("elsewhere", country, type_key, attempt)
        digits = national[:keep] + fill[: len(national) - keep]
        number = phonenumbers.PhoneNumber(country_code=int(cc), national_number=int(digits))
        if (
            str(phonenumbers.national_significant_number(number)) == digits
            and phonenumbers.is_valid_number_for_region(number, country)
            and phonenumbers.number_type(number) in expected
        ):
            found.add(cc + digits)
            if len(found) >= ELSEWHERE_STOCK:
                break
    return _stock_of(found, len(cc))


def stock(country: str, type_key: str) -> Stock:
    """Everything the sandbox has of `type_key` in `country` (purchases included)."""
    if country in US_CA and type_key == "local":
        return nanp_local_stock(country)
    if country in US_CA and type_key == "toll_free":
        return nanp_toll_free_stock(country)
    if not sells(country, type_key):
        return _stock_of((), 0)
    return elsewhere_stock(country, type_key)


def offer_of(digits: str, country: str, type_key: str) -> Offer:
    """The offer a number of the stock is (place and postal code from its exchange)."""
    number = f"+{digits}"
    if country in US_CA and type_key == "local":
        place = exchange_places()[(digits[1:4], digits[4:7])]
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
    found = stock(country, type_key).matching(
        query.pattern, "1" + query.area_code if query.area_code else ""
    )
    if query.located:
        wanted = {e for p in places().in_country(country) if _place_may_match(p, query)
                  for e in p.exchanges}  # fmt: skip
        found = [d for d in found if (d[1:4], d[4:7]) in wanted]
    seed = str((country, type_key, sorted((k, v) for k, v in params.items() if k != "PageSize")))
    found.sort(key=lambda d: (zlib.crc32(f"{seed}{d}".encode()), d))
    page = min(query.page_size, answer_cap())
    offers: list[Offer] = []
    for digits in found:
        if f"+{digits}" in purchased:
            continue
        offer = _answered_offer(digits, country, type_key, query)
        if satisfies(offer, query):
            offers.append(offer)
            if len(offers) >= page:
                break
    return offers


def _answered_offer(digits: str, country: str, type_key: str, query: Query) -> Offer:
    offer = offer_of(digits, country, type_key)
    if offer.locality is None or not query.located:
        return offer
    place = exchange_places()[(digits[1:4], digits[4:7])]
    return make_offer(offer.phone_number, country, type_key, place,
                      _postal_for(offer.phone_number, place, query))  # fmt: skip


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
    return wanted[_hash("postal", number) % len(wanted)]


@cache
def _example(country: str, type_key: str) -> str | None:
    """phonenumbers' example of that type in `country`."""
    if type_key not in TYPE_DESCS:
        return None

    return example_number(country, type_key)
