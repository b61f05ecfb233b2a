"""The sandbox's paperwork: which countries and number types a regulation covers (so a
bundle is needed), and one account, the same for every account SID, holding a US
address, a GB address and a Twilio-approved GB mobile bundle, and nothing for anywhere
else (an FR purchase that needs an address or bundle is refused, as Twilio would).

Fixed data, nothing stored: `sandbox reset` (which forgets purchases) leaves it as it is.
A purchase is refused like Twilio's: a number whose `address_requirements` is not `none`
needs an AddressSid that fits, a regulated country and type a BundleSid approved for it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from typing import Any

from numsearch.number_types import NUMBER_TYPES, by_compliance_name

NUMBERS_HOST = "https://numbers.twilio.com"
REGULATIONS = "/v2/RegulatoryCompliance/Regulations"
BUNDLES = "/v2/RegulatoryCompliance/Bundles"
ADDRESSES = re.compile(r"/2010-04-01/Accounts/(?P<sid>AC[0-9a-fA-F]{32})/Addresses\.json")

# Regulated (country, subresource key): these need an approved bundle. Most of Europe,
# Australia and Japan ask for one for local and mobile numbers; the UK for mobile ones.
_EUROPE = ("AT", "BE", "CH", "CZ", "DK", "ES", "FI", "FR", "IE", "IT", "NL", "PL", "PT",
           "SE")  # fmt: skip
REGULATED = frozenset(
    {(c, t) for c in _EUROPE for t in ("local", "mobile", "national")}
    | {("GB", "mobile"), ("AU", "local"), ("AU", "mobile"), ("JP", "local"), ("JP", "toll_free")}
)


def _sid(prefix: str, *parts: str) -> str:
    return prefix + hashlib.sha256("|".join(parts).encode()).hexdigest()[:32]


ADDRESS_US = _sid("AD", "sandbox", "address", "US")
ADDRESS_GB = _sid("AD", "sandbox", "address", "GB")
BUNDLE_GB_MOBILE = _sid("BU", "sandbox", "bundle", "GB", "mobile")
ADDRESS_BOOK = (
    (ADDRESS_US, "US", "Main office", "San Francisco", "CA", "94105", "1 Market St"),
    (ADDRESS_GB, "GB", "London office", "London", "Greater London", "EC1A 1BB", "1 King St"),
)
BUNDLE_BOOK = ((BUNDLE_GB_MOBILE, "GB", "mobile", "UK mobile, business", "business"),)


def address(sid: str, account: str) -> dict[str, Any] | None:
    """The Address resource `sid` on `account`, in the spec's shape."""
    for found, country, name, city, region, postal, street in ADDRESS_BOOK:
        if found == sid:
            return {
                "account_sid": account, "city": city, "customer_name": "Sandbox Ltd",
                "date_created": "Mon, 02 Nov 2026 10:00:00 +0000",
                "date_updated": "Mon, 02 Nov 2026 10:00:00 +0000",
                "emergency_enabled": False, "friendly_name": name, "iso_country": country,
                "postal_code": postal, "region": region, "sid": sid, "street": street,
                "street_secondary": None, "validated": True, "verified": True,
                "uri": f"/2010-04-01/Accounts/{account}/Addresses/{sid}.json",
            }  # fmt: skip
    return None


def addresses_answer(account: str, query: Mapping[str, str], path: str) -> dict[str, Any]:
    """Addresses.json: the account's addresses (IsoCountry filters), one page."""
    wanted = query.get("IsoCountry", "").upper()
    items = [
        address(sid, account)
        for sid, country, *_ in ADDRESS_BOOK
        if not wanted or country == wanted
    ]
    return {
        "addresses": items, "end": max(len(items) - 1, 0), "first_page_uri": path,
        "next_page_uri": None, "page": 0, "page_size": 50, "previous_page_uri": None,
        "start": 0, "uri": path,
    }  # fmt: skip


def _type_key(name: str) -> str | None:
    found = by_compliance_name(name)
    return found.key if found else None


def _meta(path: str, key: str, count: int) -> dict[str, Any]:
    url = f"{NUMBERS_HOST}{path}?PageSize=50&Page=0"
    return {"first_page_url": url, "key": key, "next_page_url": None, "page": 0,
            "page_size": max(count, 50), "previous_page_url": None, "url": url}  # fmt: skip


def regulations_answer(query: Mapping[str, str]) -> dict[str, Any]:
    """Regulations for IsoCountry, NumberType and EndUserType (each optional)."""
    country = query.get("IsoCountry", "").upper()
    type_key = _type_key(query["NumberType"]) if query.get("NumberType") else None
    end_users = [query["EndUserType"]] if query.get("EndUserType") else ["individual", "business"]
    results = []
    for regulated_country, regulated_type in sorted(REGULATED):
        if (country and country != regulated_country) or (type_key and type_key != regulated_type):
            continue
        kind = next(t for t in NUMBER_TYPES.values() if t.key == regulated_type)
        for end_user in end_users:
            sid = _sid("RN", "regulation", regulated_country, regulated_type, end_user)
            results.append({
                "sid": sid, "friendly_name": f"{regulated_country}: {kind.label} - {end_user}",
                "iso_country": regulated_country, "number_type": kind.compliance_name,
                "end_user_type": end_user,
                "requirements": {"end_user": [], "supporting_document": []},
                "url": f"{NUMBERS_HOST}{REGULATIONS}/{sid}",
            })  # fmt: skip
    return {"results": results, "meta": _meta(REGULATIONS, "results", len(results))}


def bundles_answer(account: str, query: Mapping[str, str]) -> dict[str, Any]:
    """The account's bundles (IsoCountry, NumberType and Status filter)."""
    country = query.get("IsoCountry", "").upper()
    type_key = _type_key(query["NumberType"]) if query.get("NumberType") else None
    status = query.get("Status")
    results: list[dict[str, Any]] = []
    for sid, bundle_country, bundle_type, name, end_user in BUNDLE_BOOK:
        if (country and country != bundle_country) or (type_key and type_key != bundle_type):
            continue
        if status and status != "twilio-approved":
            continue
        regulation = _sid("RN", "regulation", bundle_country, bundle_type, end_user)
        results.append({
            "sid": sid, "account_sid": account, "regulation_sid": regulation,
            "friendly_name": name, "status": "twilio-approved", "email": "ops@example.com",
            "status_callback": None, "valid_until": None,
            "date_created": "2026-11-02T10:00:00Z", "date_updated": "2026-11-03T10:00:00Z",
            "url": f"{NUMBERS_HOST}{BUNDLES}/{sid}", "links": {},
        })  # fmt: skip
    return {"results": results, "meta": _meta(BUNDLES, "results", len(results))}


def route(account: str, path: str, query: Mapping[str, str]) -> dict[str, Any] | None:
    """The answer to a GET of Regulations, Bundles or Addresses (None: another path)."""
    if path == REGULATIONS:
        return regulations_answer(query)
    if path == BUNDLES:
        return bundles_answer(account, query)
    match = ADDRESSES.fullmatch(path)
    if match is not None:
        return addresses_answer(match["sid"], query, path)
    return None


# -- purchases without what they need are refused ------------------------------------------

ADDRESS_REQUIRED = 21631  # Twilio: "Phone Number Requires an Address"
LOCAL_ADDRESS_REQUIRED = 21615  # Twilio: "Phone Number Requires a Local Address"
BUNDLE_REQUIRED = 21649  # Twilio: "Bundle required"


def purchase_refusal(
    country: str, type_key: str, address_needs: str, form: Mapping[str, str]
) -> tuple[int, str] | None:
    """Why Twilio would refuse this purchase (its error code and message), if it would."""
    given = form.get("AddressSid")
    fitting = {sid: c for sid, c, *_ in ADDRESS_BOOK}
    if given and given not in fitting:
        return 21651, f"Address {given} not found on this account"
    if address_needs != "none":
        home = fitting.get(given) if given else None
        ok = home is not None and (
            address_needs == "any"
            or (address_needs == "local" and home == country)
            or (address_needs == "foreign" and home != country)
        )
        if not ok:
            if address_needs == "local":
                return LOCAL_ADDRESS_REQUIRED, f"Phone Number Requires a Local Address in {country}"
            where = " outside " + country if address_needs == "foreign" else ""
            return ADDRESS_REQUIRED, f"Phone Number Requires an Address{where}"
    if (country, type_key) in REGULATED:
        bundle = form.get("BundleSid")
        approved = {sid for sid, c, t, *_ in BUNDLE_BOOK if (c, t) == (country, type_key)}
        if bundle not in approved:
            return BUNDLE_REQUIRED, (
                f"A Bundle approved for {country} {type_key.replace('_', '-')} numbers is"
                " required to buy this number"
            )
    return None
