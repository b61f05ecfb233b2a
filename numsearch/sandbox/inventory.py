"""The sandbox's inventory: plausible numbers generated per query, deterministically.

Nothing is stored: a query (country, type, filters) seeds a hash that walks real
exchanges (US/CA: `places.tsv`) or varies phonenumbers' example numbers (other
countries), embedding any Contains pattern, until the page is full. Each number's
own attributes (capabilities, address needs, beta, postal code) derive from the
number alone, so it looks the same in every answer. Every offer is checked against
the whole query before it is returned: what comes back satisfies what was asked.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from numsearch.countries import SUPPORTED
from numsearch.number_types import NUMBER_TYPES
from numsearch.sandbox import places as placedata
from numsearch.sandbox.places import Place, Postal

DEFAULT_PAGE_SIZE = 50  # Twilio's default PageSize
MAX_PAGE_SIZE = 1000
DEFAULT_DISTANCE = 25  # miles, as Twilio
TOLL_FREE_NPAS = ("800", "833", "844", "855", "866", "877", "888")
NANP_COUNTRIES = ("US", "CA")
# Resource names in URLs -> type keys, and the phonenumbers description of each type.
RESOURCES = {t.resource: t.key for t in NUMBER_TYPES.values()}
# The types whose ranges phonenumbers describes (not machine-to-machine: it has none).
TYPE_DESCS = {t.key: t.plan for t in NUMBER_TYPES.values() if t.plan != "general_desc"}
# Exchanges sold beyond places.tsv, which has only those phonenumbers' geocoder places in a
# locality. 510-555 is the exchange of Twilio's own example (local numbers "starting with
# 510555") and of the README's +15105550100; its numbers are valid, but placed only in
# "California", so the sandbox puts the exchange in Oakland, the heart of area code 510.
EXTRA_EXCHANGES = {("510", "555"): ("US", "CA", "Oakland")}
ROUNDS = 40  # passes over the exchanges before a page is called complete
CANDIDATE_BUDGET = 30_000  # numbers looked at before a page is called complete


class BadRequest(ValueError):
    """A parameter Twilio would refuse."""


def number_types(country: str) -> list[str]:
    """The number types the sandbox sells in `country` (like a country's subresource_uris)."""
    if country in NANP_COUNTRIES:
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
        if self.iso_country in NANP_COUNTRIES and self.phone_number.startswith("+1"):
            n = self.phone_number[2:]
            return f"({n[:3]}) {n[3:6]}-{n[6:]}"
        from numsearch.numbering import format_national

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
    from dataclasses import replace

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
    from numsearch.keypad import keypad_digits

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
    if country in NANP_COUNTRIES or type_key == "toll_free":
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


def _pattern_regex(pattern: str) -> re.Pattern[str]:
    from numsearch.keypad import pattern_regex

    return pattern_regex(pattern)


@cache
def country_code_length(country: str) -> int:
    """Digits of the country's calling code: where its national numbers start in E.164."""
    if country in NANP_COUNTRIES:
        return 1
    import phonenumbers

    return len(str(phonenumbers.country_code_for_region(country)))


def contains(pattern: str, digits: str, national_from: int) -> bool:
    """Twilio's Contains on a number's E.164 digits. A pattern that starts with `+` is
    matched from the start of the whole number, country code included; any other is found
    within the national number (`digits[national_from:]`), never across the country code,
    so that a pattern as long as the national number (what --starts-with and --ends-with
    send, padded with `*`) matches it digit for digit, in position."""
    if pattern.startswith("+"):
        return _pattern_regex(pattern).search(digits) is not None
    return _pattern_regex(pattern).search(digits[national_from:]) is not None


def satisfies(offer: Offer, query: Query) -> bool:
    """Whether `offer` meets every filter of `query` with Twilio's meaning."""
    caps = offer.capabilities
    for wanted, key in ((query.sms, "sms"), (query.mms, "mms"), (query.voice, "voice"),
                        (query.fax, "fax")):  # fmt: skip
        if wanted is not None and caps[key] != wanted:
            return False
    needs = offer.address_requirements
    if query.exclude_all and needs != "none":
        return False
    if query.exclude_local and needs == "local":
        return False
    if query.exclude_foreign and needs == "foreign":
        return False
    if not query.beta and offer.beta:
        return False
    digits = offer.phone_number.lstrip("+")
    if query.pattern and not contains(
        query.pattern, digits, country_code_length(offer.iso_country)
    ):
        return False
    if query.area_code and not (digits.startswith("1") and digits[1:4] == query.area_code):
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
    from dataclasses import replace

    extra: dict[tuple[str, str, str], list[tuple[str, str]]] = {}
    for exchange, where in EXTRA_EXCHANGES.items():
        extra.setdefault(where, []).append(exchange)
    return placedata.Places(
        tuple(
            replace(p, exchanges=(*p.exchanges, *extra.get((p.country, p.region, p.locality), ())))
            for p in placedata.load().places
        )
    )


def nanp_offer(number: str) -> Offer | None:
    """The offer a US/CA geographic number would be, from its exchange; None if unknown."""
    digits = number.lstrip("+")
    if len(digits) != 11 or not digits.startswith("1"):
        return None
    place = places().by_exchange.get((digits[1:4], digits[4:7]))
    if place is None:
        return None
    return make_offer(f"+{digits}", place.country, "local", place, home_postal(f"+{digits}", place))


# -- generating candidates ------------------------------------------------------------------


def embed(
    pattern: str | None, fixed: str, length: int, fill: str, national_from: int
) -> Iterator[str]:
    """Digit strings of `length` that start with `fixed`, take other digits from `fill`,
    and carry `pattern` (Twilio's Contains, in digits) wherever it fits: from the start
    if it begins with `+`, else within the national number, which starts at
    `national_from` (see `contains`)."""
    free = length - len(fixed)
    if free < 0:
        return
    if not pattern:
        yield fixed + fill[:free]
        return
    body = pattern.removeprefix("+").removesuffix("$").replace("%", "")
    starts: range | list[int] = range(national_from, length - len(body) + 1)
    if pattern.startswith("+"):
        starts = [0]
    elif pattern.endswith("$"):
        starts = [length - len(body)] if length - len(body) >= national_from else []
    for start in starts:
        digits = list(fixed + fill[:free])
        fits = True
        for offset, ch in enumerate(body):
            position = start + offset
            if ch == "*":
                continue
            if position < len(fixed):
                if fixed[position] != ch:
                    fits = False
                    break
            else:
                digits[position] = ch
        if fits:
            yield "".join(digits)


def fits(pattern: str | None, fixed: str, length: int, national_from: int) -> bool:
    """Whether `pattern` can sit somewhere in a number of `length` that starts with `fixed`."""
    return next(embed(pattern, fixed, length, "0" * length, national_from), None) is not None


def search(
    country: str, type_key: str, params: Mapping[str, str], purchased: frozenset[str]
) -> list[Offer]:
    """The page of offers for one search (at most PageSize), the same for the same query."""
    query = parse_query(params)
    # The query as text, made once: every candidate's digits hash it (str() of it each
    # time cost more than the hashing, for long parameter values).
    seed = str((country, type_key, sorted((k, v) for k, v in params.items() if k != "PageSize")))
    if country in NANP_COUNTRIES and type_key == "local":
        candidates = _nanp_local(country, query, seed)
    elif country in NANP_COUNTRIES and type_key == "toll_free":
        candidates = _nanp_toll_free(country, query, seed)
    else:
        candidates = _elsewhere(country, type_key, query, seed)
    found: list[Offer] = []
    seen: set[str] = set(purchased)
    for tried, offer in enumerate(candidates):
        if tried >= CANDIDATE_BUDGET:
            break  # scarce numbers: a short page, as Twilio gives
        if offer.phone_number in seen:
            continue
        seen.add(offer.phone_number)
        if satisfies(offer, query):
            found.append(offer)
            if len(found) >= query.page_size:
                break
    return found


def _nanp_local(country: str, query: Query, seed: object) -> Iterator[Offer]:
    if query.nowhere:
        return
    wanted = [p for p in places().in_country(country) if _place_may_match(p, query)]
    exchanges = [
        (npa, nxx, place)
        for place in wanted
        for npa, nxx in place.exchanges
        if (not query.area_code or npa == query.area_code)
        and fits(query.pattern, f"1{npa}{nxx}", 11, 1)
    ]
    exchanges.sort(key=lambda item: _hash(seed, item[0], item[1]))
    for round_ in range(ROUNDS):
        for npa, nxx, place in exchanges:
            fill = _digit_stream(seed, npa, nxx, round_)
            for digits in embed(query.pattern, f"1{npa}{nxx}", 11, fill, 1):
                number = f"+{digits}"
                yield make_offer(number, country, "local", place, _postal_for(number, place, query))


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


def _nanp_toll_free(country: str, query: Query, seed: object) -> Iterator[Offer]:
    if query.located:
        return  # toll-free numbers belong to no place
    if query.area_code and query.area_code not in TOLL_FREE_NPAS:
        return
    npas = [query.area_code] if query.area_code else list(TOLL_FREE_NPAS)
    for round_ in range(ROUNDS):
        for npa in sorted(npas, key=lambda n: _hash(seed, n, round_)):
            fill = _digit_stream(seed, npa, round_)
            nxx = f"{2 + int(fill[0]) % 8}{fill[1:3]}"
            for digits in embed(query.pattern, f"1{npa}", 11, nxx + fill[3:], 1):
                if digits[4] in "01":
                    continue  # an exchange never starts with 0 or 1
                yield make_offer(f"+{digits}", country, "toll_free", None, None)


@cache
def _example(country: str, type_key: str) -> str | None:
    """phonenumbers' example of that type in `country`: (country code, national digits)."""
    if type_key not in TYPE_DESCS:
        return None
    from numsearch.numbering import example_number

    return example_number(country, type_key)


def _elsewhere(country: str, type_key: str, query: Query, seed: object) -> Iterator[Offer]:
    """Numbers outside North America: phonenumbers' example, varied, kept when valid."""
    example = _example(country, type_key)
    if example is None or query.located or query.area_code:
        return
    import phonenumbers

    parsed = phonenumbers.parse(example, country)
    cc = str(parsed.country_code)
    national = str(phonenumbers.national_significant_number(parsed))
    expected = {
        "local": {phonenumbers.PhoneNumberType.FIXED_LINE,
                  phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE},
        "mobile": {phonenumbers.PhoneNumberType.MOBILE,
                   phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE},
        "toll_free": {phonenumbers.PhoneNumberType.TOLL_FREE},
        "national": {phonenumbers.PhoneNumberType.UAN},
        "voip": {phonenumbers.PhoneNumberType.VOIP},
        "shared_cost": {phonenumbers.PhoneNumberType.SHARED_COST},
    }[type_key]  # fmt: skip
    length = len(cc) + len(national)
    for round_ in range(ROUNDS * 10):
        # Keep the example's first digit or two (its area or range) and vary the rest;
        # later rounds keep more of it, for ranges where few variations are valid.
        keep = min(len(national) - 1, 1 + round_ % 2 + round_ // 50)
        fill = _digit_stream(seed, round_)
        for digits in embed(query.pattern, cc + national[:keep], length, fill, len(cc)):
            number = phonenumbers.PhoneNumber(
                country_code=int(cc), national_number=int(digits[len(cc) :])
            )
            if (
                str(phonenumbers.national_significant_number(number)) == digits[len(cc) :]
                and phonenumbers.is_valid_number_for_region(number, country)
                and phonenumbers.number_type(number) in expected
            ):
                yield make_offer(f"+{digits}", country, type_key, None, None)
