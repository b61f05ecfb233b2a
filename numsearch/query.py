"""Search parameters as one typed, validated object, and its Twilio query strings (pure).

`build_query()` checks everything that can be checked before a request is sent and
raises InvalidInput naming the flag and the fix; `SearchQuery.request_params()` gives
the query string of each request with the spec's exact parameter names and formats.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from enum import StrEnum
from typing import NamedTuple

from numsearch import keypad, numbering
from numsearch.countries import US_CA, normalize_country
from numsearch.errors import InvalidInput
from numsearch.number_types import NUMBER_TYPES, NumberType
from numsearch.untrusted import QUOTE_LIMIT, clip, quoted


class AddressScope(StrEnum):
    """Which address requirement --exclude-address-required leaves out."""

    all = "all"
    local = "local"
    foreign = "foreign"


MAX_PAGE_SIZE = 1000
MAX_DISTANCE = 500
CONTAINS_LENGTH = (2, 16)
_CONTAINS_BODY = re.compile(r"[0-9A-Za-z*%]+")
_AREA_CODE = re.compile(r"[0-9]{3}")


class SearchFilters(NamedTuple):
    """The search flags exactly as typed; `build_query()` validates them."""

    area_code: Sequence[str] = ()
    contains: str | None = None
    starts_with: str | None = None
    ends_with: str | None = None
    in_region: str | None = None
    in_postal_code: str | None = None
    in_locality: str | None = None
    in_lata: str | None = None
    in_rate_center: str | None = None
    near_number: str | None = None
    near_lat_long: str | None = None
    near: str | None = None  # a place: a city and state, a US ZIP, a Canadian FSA
    distance: int | None = None
    sms: bool | None = None
    mms: bool | None = None
    voice: bool | None = None
    fax: bool | None = None
    exclude_address_required: Sequence[AddressScope] = ()
    beta: bool | None = None
    limit: int | None = None


class SearchQuery(NamedTuple):
    """A validated search: one country, one number type, Twilio-ready values."""

    country: str
    number_type: NumberType
    area_codes: tuple[str, ...] = ()
    contains: str | None = None  # the digit pattern sent
    word: str | None = None  # the letters the user typed, when the pattern came from a word
    letters: str | None = None  # that pattern as typed, aligned with `contains`: 866***EPIC
    in_region: str | None = None
    in_postal_code: str | None = None
    in_locality: str | None = None
    in_lata: str | None = None
    in_rate_center: str | None = None
    near_number: str | None = None
    near_lat_long: str | None = None  # --near-lat-long, or --near's place's centre
    near: str | None = None  # --near's place as found: `Oakland, CA`
    distance: int | None = None
    sms: bool | None = None
    mms: bool | None = None
    voice: bool | None = None
    fax: bool | None = None
    exclude_address_required: tuple[AddressScope, ...] = ()
    beta: bool | None = None
    limit: int | None = None

    @property
    def resource(self) -> str:
        """Its resource below the account: `/AvailablePhoneNumbers/US/Local.json`."""
        return f"/AvailablePhoneNumbers/{self.country}/{self.number_type.resource}.json"

    def request_params(self) -> list[dict[str, str]]:
        """One query string per request: one per area code, or a single one."""
        if not self.area_codes:
            return [self._params(None)]
        return [self._params(code) for code in self.area_codes]

    def _params(self, area_code: str | None) -> dict[str, str]:
        params: dict[str, str] = {}

        def put(name: str, value: object) -> None:
            if value is None:
                return
            params[name] = ("true" if value else "false") if isinstance(value, bool) else str(value)

        put("AreaCode", int(area_code) if area_code else None)
        put("Contains", self.contains)
        put("InRegion", self.in_region)
        put("InPostalCode", self.in_postal_code)
        put("InLocality", self.in_locality)
        put("InLata", self.in_lata)
        put("InRateCenter", self.in_rate_center)
        put("NearNumber", self.near_number)
        put("NearLatLong", self.near_lat_long)
        put("Distance", self.distance)
        put("SmsEnabled", self.sms)
        put("MmsEnabled", self.mms)
        put("VoiceEnabled", self.voice)
        put("FaxEnabled", self.fax)
        for scope in self.exclude_address_required:
            put(f"Exclude{scope.value.capitalize()}AddressRequired", True)
        put("Beta", self.beta)
        put("PageSize", self.limit)
        return params


def build_query(number_type: str, country: str, filters: SearchFilters) -> SearchQuery:
    """Validate the flags of one search and return the query, or raise InvalidInput."""
    kind = NUMBER_TYPES[number_type]
    code = normalize_country(country)
    _check_us_ca_only(code, filters)
    contains, letters = _contains_pattern(code, kind, filters)
    _check_near(filters)
    if filters.in_rate_center and not filters.in_lata:
        raise InvalidInput(
            "--in-rate-center needs --in-lata too (Twilio looks rate centres up within a LATA)"
        )
    if filters.limit is not None and not 1 <= filters.limit <= MAX_PAGE_SIZE:
        raise InvalidInput(f"--limit must be from 1 to {MAX_PAGE_SIZE}, not {filters.limit}")
    scopes = tuple(dict.fromkeys(_scope(scope) for scope in filters.exclude_address_required))
    near_lat_long, near = _near(filters)
    return SearchQuery(
        country=code,
        number_type=kind,
        area_codes=_area_codes(filters.area_code),
        contains=contains,
        word=_word_of(letters),
        letters=letters,
        in_region=_template("--in-region", filters.in_region, code),
        in_postal_code=_template("--in-postal-code", filters.in_postal_code, code),
        in_locality=_template("--in-locality", filters.in_locality, code),
        in_lata=_template("--in-lata", filters.in_lata, code),
        in_rate_center=_template("--in-rate-center", filters.in_rate_center, code),
        near_number=_phone("--near-number", filters.near_number, code),
        near_lat_long=near_lat_long,
        near=near,
        distance=filters.distance,
        sms=filters.sms,
        mms=filters.mms,
        voice=filters.voice,
        fax=filters.fax,
        exclude_address_required=scopes,
        beta=filters.beta,
        limit=filters.limit,
    )


def _check_us_ca_only(country: str, filters: SearchFilters) -> None:
    if country in US_CA:
        return
    us_ca_only = {
        "--area-code": filters.area_code,
        "--in-region": filters.in_region,
        "--in-postal-code": filters.in_postal_code,
        "--in-lata": filters.in_lata,
        "--in-rate-center": filters.in_rate_center,
        "--near-number": filters.near_number,
        "--near-lat-long": filters.near_lat_long,
        "--near": filters.near,
        "--distance": filters.distance,
    }
    for flag, value in us_ca_only.items():
        if value:
            raise InvalidInput(
                f"{flag} works only for US and CA numbers, not {country}"
                " (try --contains or --in-locality)"
            )


def _scope(value: str) -> AddressScope:
    try:
        return AddressScope(value)
    except ValueError:
        choices = ", ".join(AddressScope)
        raise InvalidInput(
            f"--exclude-address-required takes {choices}, not {quoted(value)}"
        ) from None


def area_code(text: str, flag: str = "--area-code") -> str:
    """One North American area code, or InvalidInput naming `flag`: 3 digits of the shape
    the plan allows (NPA: [2-9][0-8][0-9], not N11). One the plan could hold is taken even
    where phonenumbers does not know it: its list lags new overlays."""
    code = text.strip()
    if not _AREA_CODE.fullmatch(code):
        raise InvalidInput(f"{flag} {quoted(code)} is not a 3-digit area code (e.g. 510)")
    if code[0] in "01":
        why = "area codes begin with 2 to 9"
    elif code[1:] == "11":
        why = "N11 codes (211 to 911) are for services"
    elif code[1] == "9":
        why = "a middle 9 is kept for expanding the plan"
    else:
        return code
    raise InvalidInput(f"{flag} {code} cannot be a North American area code: {why}")


def _area_codes(values: Sequence[str]) -> tuple[str, ...]:
    codes = [area_code(part) for value in values for part in value.split(",")]
    return tuple(dict.fromkeys(codes))


def _word_of(letters: str | None) -> str | None:
    """`866***EPIC` -> `EPIC`; `510STORM**` -> `STORM`; `ST0RM` -> `ST0RM`: the typed
    pattern from its first letter to its last, as typed (a digit among letters stays)."""
    if letters is None:
        return None
    word = re.search(r"[A-Za-z](?:.*[A-Za-z])?", letters)
    return word.group().upper() if word else None


def _contains_pattern(
    country: str, kind: NumberType, filters: SearchFilters
) -> tuple[str | None, str | None]:
    """The Contains value to send, and the pattern as typed when it holds letters."""
    anchored = filters.starts_with is not None or filters.ends_with is not None
    if filters.contains is not None and anchored:
        flag = "--starts-with" if filters.starts_with is not None else "--ends-with"
        raise InvalidInput(f"--contains and {flag} both set the pattern: use one of them")
    if filters.contains is not None:
        return _contains(filters.contains)
    if anchored:
        return _anchored(country, kind, filters.starts_with, filters.ends_with)
    return None, None


def _contains(text: str) -> tuple[str, str | None]:
    pattern = keypad.strip_separators(text)
    low, high = CONTAINS_LENGTH
    if not low <= len(pattern) <= high:
        raise InvalidInput(
            f"--contains {quoted(text)} has {len(pattern)} characters: Twilio takes {low} to {high}"
        )
    body = pattern.removeprefix("+").removesuffix("$")
    if not body or not _CONTAINS_BODY.fullmatch(body):
        raise InvalidInput(
            f"--contains {quoted(text)}: use digits, letters, * (one digit) and %"
            " (any digits), with + only first and $ only last"
        )
    if not keypad.has_letters(pattern):
        return pattern, None
    return keypad.keypad_digits(pattern, keep="*%+$"), pattern


def _anchored(
    country: str, kind: NumberType, starts: str | None, ends: str | None
) -> tuple[str, str | None]:
    head, tail = starts or "", ends or ""
    digits: list[str] = []
    for flag, text in (("--starts-with", head), ("--ends-with", tail)):
        try:
            digits.append(keypad.keypad_digits(text))
        except InvalidInput as exc:
            raise InvalidInput(f"{flag}: {exc.message}") from None
    start_digits, end_digits = digits
    if not (start_digits or end_digits):
        raise InvalidInput("--starts-with and --ends-with need at least one digit or letter")
    try:
        length = numbering.national_length(country, kind.key)
    except numbering.NotANumber as exc:
        raise InvalidInput(f"--starts-with/--ends-with: {exc}") from None
    used = len(start_digits) + len(end_digits)
    if used > length:
        both = " together" if start_digits and end_digits else ""
        what = " and ".join(
            f"{flag} {clip(text, QUOTE_LIMIT)}"
            for flag, text in (("--starts-with", head), ("--ends-with", tail))
            if text
        )
        raise InvalidInput(
            f"{what}{both} {'need' if both else 'needs'} {used} digits, but {country}"
            f" {kind.label} numbers have {length}"
        )
    padding = keypad.WILDCARD * (length - used)
    pattern = start_digits + padding + end_digits
    if not keypad.has_letters(head + tail):
        return pattern, None
    return pattern, keypad.strip_separators(head) + padding + keypad.strip_separators(tail)


def _check_near(filters: SearchFilters) -> None:
    centres = [
        flag
        for flag, value in (
            ("--near", filters.near),
            ("--near-number", filters.near_number),
            ("--near-lat-long", filters.near_lat_long),
        )
        if value
    ]
    if len(centres) > 1:
        raise InvalidInput(f"{centres[0]} and {centres[1]} both set the centre: use one")
    if filters.distance is None:
        return
    if not centres:
        raise InvalidInput("--distance needs --near, --near-number or --near-lat-long")
    if not 1 <= filters.distance <= MAX_DISTANCE:
        raise InvalidInput(f"--distance must be 1 to {MAX_DISTANCE} miles, not {filters.distance}")


def _near(filters: SearchFilters) -> tuple[str | None, str | None]:
    """NearLatLong, and the place it is the centre of: --near's, from the gazetteer (read
    only then), or --near-lat-long as given."""
    if filters.near is None:
        return _lat_long(filters.near_lat_long), None
    from numsearch import gazetteer

    place = gazetteer.find(filters.near)
    return place.lat_long, place.name


def _lat_long(text: str | None) -> str | None:
    if text is None:
        return None
    parts = [p.strip() for p in text.split(",")]
    try:
        if len(parts) != 2:
            raise ValueError
        lat, lon = float(parts[0]), float(parts[1])
    except ValueError:
        raise InvalidInput(
            f"--near-lat-long {quoted(text)} is not LAT,LONG (e.g. 37.840699,-122.461853)"
        ) from None
    latitude, longitude = (clip(part, QUOTE_LIMIT) for part in parts)
    if not -90 <= lat <= 90:
        raise InvalidInput(f"--near-lat-long latitude {latitude} is outside -90..90")
    if not -180 <= lon <= 180:
        raise InvalidInput(f"--near-lat-long longitude {longitude} is outside -180..180")
    return f"{parts[0]},{parts[1]}"


def _phone(flag: str, text: str | None, country: str) -> str | None:
    if text is None:
        return None
    try:
        return numbering.to_e164(text, country)
    except numbering.NotANumber as exc:
        raise InvalidInput(f"{flag}: {exc}") from None


def _template(flag: str, text: str | None, country: str) -> str | None:
    """In- filters take a value or a phone number whose value Twilio looks up."""
    if text is None:
        return None
    value = text.strip()
    if not value:
        raise InvalidInput(f"{flag} needs a value")
    if value.startswith("+"):
        return _phone(flag, value, country)
    return value
