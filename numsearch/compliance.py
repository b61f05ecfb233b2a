"""The paperwork a purchase needs, and what the account has for it: addresses (the 2010
API's Addresses) and regulatory bundles (Numbers v2's Regulations and Bundles).

A number's `address_requirements` says which address it needs: `none`, `any` (any of
the account's addresses), `local` (one in the number's country) or `foreign` (one
outside it). A country and number type with a regulation needs a bundle that Twilio has
approved (`twilio-approved`) for that country and type. No endpoint gives the address
requirement per type, so `requirements` takes it from a small search.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from numsearch.errors import ExitCode, NumsearchError, TwilioRefused, TwilioUnavailable
from numsearch.query import SearchFilters, build_query
from numsearch.search import checked_search
from numsearch.untrusted import quoted

if TYPE_CHECKING:
    from numsearch.api import TwilioClient
    from numsearch.models import AvailableNumber
    from numsearch.number_types import NumberType

NOT_UNDERSTOOD = "Twilio's answer was not understood"
ADDRESS_SID = re.compile(r"AD[0-9a-fA-F]{32}")
BUNDLE_SID = re.compile(r"BU[0-9a-fA-F]{32}")
REGULATION_SID = re.compile(r"RN[0-9a-fA-F]{32}")
COUNTRY = re.compile(r"[A-Za-z]{2}")
ADDRESS_NEEDS = ("none", "any", "local", "foreign")
END_USER_TYPES = ("individual", "business")
APPROVED = "twilio-approved"
SAMPLE_SIZE = 20  # numbers looked at to see a type's address requirements
CONSOLE_ADDRESSES = (
    "https://console.twilio.com/us1/develop/phone-numbers/regulatory-compliance/addresses"
)
CONSOLE_BUNDLES = (
    "https://console.twilio.com/us1/develop/phone-numbers/regulatory-compliance/bundles"
)


def _text(value: Any, limit: int = 100) -> str | None:
    if not isinstance(value, str) or not value:
        return None
    flat = " ".join(value.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _sid(raw: Any, pattern: re.Pattern[str], what: str) -> str:
    sid = raw.get("sid") if isinstance(raw, dict) else None
    if not isinstance(sid, str) or not pattern.fullmatch(sid):
        raise TwilioUnavailable(f"{NOT_UNDERSTOOD}: {what} without a usable sid")
    return sid


class Address(NamedTuple):
    """One of the account's addresses."""

    sid: str
    iso_country: str | None
    friendly_name: str | None = None
    customer_name: str | None = None
    city: str | None = None

    @classmethod
    def from_twilio(cls, raw: Any) -> Address:
        """An item of Addresses.json; TwilioUnavailable when it is not an address."""
        sid = _sid(raw, ADDRESS_SID, "an address")
        country = raw.get("iso_country")
        return cls(
            sid,
            country.upper() if isinstance(country, str) and COUNTRY.fullmatch(country) else None,
            _text(raw.get("friendly_name")),
            _text(raw.get("customer_name")),
            _text(raw.get("city")),
        )

    @property
    def label(self) -> str:
        """`AD… (Main office, GB)`, for messages and tables."""
        name = self.friendly_name or self.customer_name or self.city
        parts = ", ".join(p for p in (name, self.iso_country) if p)
        return f"{self.sid} ({parts})" if parts else self.sid


class Bundle(NamedTuple):
    """One of the account's regulatory bundles."""

    sid: str
    status: str | None
    friendly_name: str | None = None

    @classmethod
    def from_twilio(cls, raw: Any) -> Bundle:
        """An item of Bundles' results; TwilioUnavailable when it is not a bundle."""
        return cls(
            _sid(raw, BUNDLE_SID, "a bundle"),
            _text(raw.get("status"), 40),
            _text(raw.get("friendly_name")),
        )

    @property
    def label(self) -> str:
        """`BU… (UK mobile, business)`."""
        return f"{self.sid} ({self.friendly_name})" if self.friendly_name else self.sid


def fitting_addresses(addresses: Sequence[Address], need: str, country: str) -> list[Address]:
    """The addresses that satisfy an `address_requirements` of `need` for a number in
    `country`: any address for `any`, one in the country for `local`, one outside it for
    `foreign`; none is needed (an empty list) for `none`."""
    if need == "any":  # any address will do: those in the number's country first
        home = [a for a in addresses if a.iso_country == country]
        return home + [a for a in addresses if a.iso_country != country]
    if need == "local":
        return [a for a in addresses if a.iso_country == country]
    if need == "foreign":
        return [a for a in addresses if a.iso_country is not None and a.iso_country != country]
    return []


def address_fix(need: str, country: str) -> str:
    """What to create, and where, for a number that needs a `need` address."""
    where = {"any": "an address (any country)", "local": f"an address in {country}",
             "foreign": f"an address outside {country}"}[need]  # fmt: skip
    return (
        f"create {where} in the Twilio Console ({CONSOLE_ADDRESSES}) or with POST"
        " /2010-04-01/Accounts/{AccountSid}/Addresses.json, then buy with --address-sid AD…"
    )


def bundle_fix(country: str, number_type: NumberType) -> str:
    """What to create, and where, for a number that needs a bundle."""
    return (
        f"create a regulatory bundle for {country} {number_type.compliance_name} numbers and"
        f" have Twilio approve it (status twilio-approved) in the Twilio Console"
        f" ({CONSOLE_BUNDLES}), then buy with --bundle-sid BU…"
    )


# -- looking it up ------------------------------------------------------------------------


class Paperwork(NamedTuple):
    """What the account has that a purchase in one country and type could use."""

    addresses: list[Address]
    regulations: list[dict[str, Any]]  # {"sid", "end_user_type", "friendly_name"}
    bundles: list[Bundle]  # approved for the country and type

    @property
    def bundle_required(self) -> bool:
        """Whether a regulation applies: then a bundle is needed."""
        return bool(self.regulations)


def _regulation(raw: dict[str, Any]) -> dict[str, Any]:
    return {
        "sid": _sid(raw, REGULATION_SID, "a regulation"),
        "end_user_type": _text(raw.get("end_user_type"), 20),
        "friendly_name": _text(raw.get("friendly_name")),
    }


def look_up(client: TwilioClient, country: str, number_type: NumberType) -> Paperwork:
    """The regulations for a country and type (individual and business end users), the
    account's approved bundles for them, and its addresses: read-only GETs."""
    name = number_type.compliance_name
    regulations = [
        _regulation(raw)
        for end_user in END_USER_TYPES
        for raw in client.regulations(country, name, end_user)
    ]
    bundles = [Bundle.from_twilio(raw) for raw in client.bundles(country, name, APPROVED)]
    approved = [b for b in bundles if b.status == APPROVED]  # as asked: others are not trusted
    addresses = [Address.from_twilio(raw) for raw in client.addresses()]
    return Paperwork(addresses, regulations, approved)


def known_need(value: str | None) -> str | None:
    """An `address_requirements` value read case-insensitively (`Local` is `local`;
    missing is `none`); None when it is not one numsearch knows (Twilio decides)."""
    need = (value or "none").strip().lower()
    return need if need in ADDRESS_NEEDS else None


def seen_needs(needs: Sequence[str | None]) -> list[str]:
    """The distinct address requirements in a search's results, in ADDRESS_NEEDS order,
    then the values numsearch does not know, as they came (bounded), each once."""
    found = {known_need(need) for need in needs}
    unknown = {_text(need, 40) or "": None for need in needs if known_need(need) is None}
    return [n for n in ADDRESS_NEEDS if n in found] + list(unknown)


def count_needs(needs: Sequence[str | None]) -> dict[str, int]:
    """How many numbers have each of `seen_needs(needs)`: {"local": 7, "any": 3}."""
    keys = [known_need(need) or _text(need, 40) or "" for need in needs]
    return {need: keys.count(need) for need in seen_needs(needs)}


class Requirement(NamedTuple):
    """One thing buying a number type in a country needs (an address of a kind, or a
    bundle): whether it is required (None: unknown to numsearch), what was seen, the
    SIDs of what the account has that fits (`fits`), the same described (`has`: `AD…
    (London office, GB)`), and the fix when nothing fits."""

    country: str
    number_type: str
    need: str
    required: bool | None
    seen: str
    fits: list[str]
    has: list[str]
    fix: str | None

    def to_json(self) -> dict[str, Any]:
        """The stable JSON record (REQUIREMENT_FIELDS)."""
        return dict(self._asdict())


REQUIREMENT_FIELDS = Requirement._fields


def requirement_rows(
    country: str,
    number_type: NumberType,
    needs: Mapping[str, int],
    counted: int,
    paperwork: Paperwork,
) -> list[Requirement]:
    """One row per need (each address requirement seen, with how many of the `counted`
    numbers have it, and the bundle): whether it is required, what was seen, the
    account's SIDs that fit, and the fix when none does. Each number needs one kind of
    address (or none): the row says which numbers need this one."""
    rows: list[Requirement] = []
    base = (country, number_type.command)
    address_needs = [n for n in needs if n != "none"]
    for need in address_needs:
        if need not in ADDRESS_NEEDS:
            rows.append(_unknown_need_row(base, need, counted))
            continue
        fits = fitting_addresses(paperwork.addresses, need, country)
        verb = "needs" if needs[need] == 1 else "need"
        seen = (
            f"{needs[need]} of {counted} available numbers (Address {need} in a search)"
            f" {verb} {_address_words(need, country)}"
        )
        rows.append(Requirement(
            *base, need=f"address-{need}", required=True, seen=seen, fits=[a.sid for a in fits],
            has=[a.label for a in fits], fix=None if fits else address_fix(need, country),
        ))  # fmt: skip
    if not address_needs:
        seen = f"none of {counted} available numbers needs an address"
        rows.append(Requirement(*base, need="address", required=False, seen=seen, fits=[],
                                has=[], fix=None))  # fmt: skip
    regulations = ", ".join(f"{r['sid']} ({r['end_user_type']})" for r in paperwork.regulations)
    bundles = paperwork.bundles if paperwork.bundle_required else []
    missing = paperwork.bundle_required and not bundles
    rows.append(Requirement(
        *base, need="bundle", required=paperwork.bundle_required,
        seen=f"regulations {regulations}" if regulations else "no regulation applies",
        fits=[b.sid for b in bundles], has=[b.label for b in bundles],
        fix=bundle_fix(country, number_type) if missing else None,
    ))  # fmt: skip
    return rows


def _unknown_need_row(base: tuple[str, str], value: str, counted: int) -> Requirement:
    """A need numsearch does not know, shown as it came (repr: escaped), marked unknown."""
    seen = (
        f"some of {counted} available numbers say address_requirements {quoted(value)}, which"
        " numsearch does not know: Twilio decides when they are bought"
    )
    return Requirement(*base, need="address-unknown", required=None, seen=seen, fits=[], has=[],
                       fix=None)  # fmt: skip


def _address_words(need: str, country: str) -> str:
    return {"any": "an address", "local": f"an address in {country}",
            "foreign": f"an address outside {country}"}[need]  # fmt: skip


def requirements(client: TwilioClient, country: str, number_type: NumberType) -> list[Requirement]:
    """What buying a `number_type` number in `country` needs and what the account has:
    a small search (address requirements), the regulations, bundles and addresses."""
    query = build_query(number_type.command, country, SearchFilters(limit=SAMPLE_SIZE))
    numbers = checked_search(client, query).kept  # what the search did not ask for says nothing
    needs = count_needs([n.address_requirements for n in numbers])
    paperwork = look_up(client, country, number_type)
    return requirement_rows(country, number_type, needs, len(numbers), paperwork)


# -- a purchase's paperwork, checked before the POST ---------------------------------------


class NotReady(NumsearchError):
    """A purchase Twilio would refuse: the account lacks the address or bundle it needs.
    Nothing was sent (exit 4, as Twilio's own refusal would be)."""

    exit_code = ExitCode.REFUSED


# Twilio's errors for a purchase without the address or bundle it needs.
PAPERWORK_ERRORS = {
    21615: "local",  # Phone Number Requires a Local Address
    21631: "any",  # Phone Number Requires an Address
    21649: "bundle",  # Bundle required
}

Choose = Callable[[str, list[tuple[str, str]]], str]
"""Asks which of several (sid, label) fits to use for `what`; returns the SID (or raises
InvalidInput when there is no one to ask)."""


class Choice(NamedTuple):
    """The AddressSid and BundleSid a purchase will send, and how they were chosen."""

    address_sid: str | None = None
    bundle_sid: str | None = None
    notes: tuple[str, ...] = ()


def offer_of(
    client: TwilioClient, e164: str, country: str, number_type: NumberType
) -> AvailableNumber | None:
    """The available number `e164` as Twilio lists it (with its address requirements):
    a search of its type for exactly its digits. None when it is not on sale."""
    query = build_query(number_type.command, country, SearchFilters(contains=e164))
    return next((n for n in client.search(query) if n.phone_number == e164), None)


def _pick(
    what: str,
    fits: Sequence[Address] | Sequence[Bundle],
    given: str | None,
    choose: Choose,
    preferred: Address | None = None,
) -> tuple[str, str]:
    """The SID to use among `fits` (given by the user, the only one, the `preferred`
    one, or asked), with a note."""
    if given:
        known = [f for f in fits if f.sid == given]
        if known:
            return given, f"{what}: {known[0].label}, as given"
        return given, f"{what}: {given}, as given (not one numsearch sees fitting; Twilio checks)"
    if len(fits) == 1:
        return fits[0].sid, f"{what}: {fits[0].label}, the only one that fits"
    if preferred is not None:
        return preferred.sid, f"{what}: {preferred.label}, the only one in the number's country"
    sid = choose(what, [(f.sid, f.label) for f in fits])
    label = next((f.label for f in fits if f.sid == sid), sid)
    return sid, f"{what}: {label}, as chosen"


def check_paperwork(
    client: TwilioClient,
    country: str,
    number_type: NumberType,
    address_need: str | None,
    given: tuple[str | None, str | None],
    choose: Choose,
    paperwork: Paperwork | None = None,
) -> Choice:
    """What a purchase must send (AddressSid, BundleSid) for a number needing an
    `address_need` address (None, or a value numsearch does not know: unknown, and
    Twilio decides) in a country and type; NotReady (exit 4) with
    the fix when the account has nothing that fits. `given`: --address-sid, --bundle-sid;
    `paperwork`: what look_up found for this country and type, if it was looked up."""
    paperwork = paperwork or look_up(client, country, number_type)
    address_need = known_need(address_need) if address_need is not None else None
    address_sid, bundle_sid = given
    notes: list[str] = []
    fits = fitting_addresses(paperwork.addresses, address_need or "none", country)
    missing = []  # said together, before any question: no choice would make the purchase go
    if address_need and address_need != "none" and not fits and not address_sid:
        missing.append(
            f"the number needs {_address_words(address_need, country)} and the account has"
            f" none; {address_fix(address_need, country)}"
        )
    if paperwork.bundle_required and not paperwork.bundles and not bundle_sid:
        missing.append(
            f"{country} {number_type.label} numbers need a regulatory bundle and the account"
            f" has no approved one; {bundle_fix(country, number_type)}"
        )
    if missing:
        raise NotReady("not bought (nothing was sent): " + "; and ".join(missing))
    if address_need and address_need != "none":
        home = [a for a in fits if a.iso_country == country]
        preferred = home[0] if address_need == "any" and len(home) == 1 else None
        address_sid, note = _pick("address", fits, address_sid, choose, preferred)
        notes.append(note)
    if paperwork.bundle_required:
        bundle_sid, note = _pick("bundle", paperwork.bundles, bundle_sid, choose)
        notes.append(note)
    return Choice(address_sid, bundle_sid, tuple(notes))


def explain_refusal(
    refused: TwilioRefused, country: str | None, number_type: NumberType | None
) -> TwilioRefused:
    """Twilio's refusal of a purchase for a missing address or bundle, with the fix."""
    need = PAPERWORK_ERRORS.get(refused.code or 0)
    if need is None or country is None:
        return refused
    if need == "bundle":
        fix = bundle_fix(country, number_type) if number_type else "create an approved bundle"
    else:  # the account may have one that fits, not sent as numsearch could not tell
        fix = f"give one that fits with --address-sid AD…, or {address_fix(need, country)}"
    command = f"numsearch requirements {country}" + (
        f" {number_type.command}" if number_type else ""
    )
    return refused.reworded(f"{refused.message}; {fix} (see `{command}`)")
