"""The sandbox's Pricing v1: the monthly price of each number type it sells, per country,
in Twilio's shapes (prices as decimal strings, `meta` paging with absolute URLs)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from numsearch.countries import SUPPORTED, country_name
from numsearch.number_types import by_key
from numsearch.sandbox import inventory

PRICING_HOST = "https://pricing.twilio.com"
COUNTRIES = "/v1/PhoneNumbers/Countries"
COUNTRY = re.compile(r"/v1/PhoneNumbers/Countries/(?P<country>[A-Za-z]{2})")

# USD a month, as (base, current), by Pricing v1's number_type; a few countries differ.
DEFAULT_PRICES = {
    "local": ("1.15", "1.15"),
    "toll free": ("2.15", "2.15"),
    "mobile": ("1.15", "1.15"),
    "national": ("1.15", "1.15"),
    "voip": ("1.00", "1.00"),
    "shared cost": ("2.00", "2.00"),
    "machine to machine": ("0.50", "0.50"),
}
COUNTRY_PRICES = {
    "CA": {"toll free": ("2.15", "2.00")},
    "GB": {"toll free": ("2.00", "2.00"), "mobile": ("1.15", "1.15")},
    "FR": {"local": ("1.60", "1.60"), "mobile": ("2.00", "2.00")},
    "AU": {"local": ("3.00", "3.00"), "mobile": ("6.50", "6.50")},
    "JP": {"local": ("4.50", "4.50"), "toll free": ("15.00", "15.00")},
}

Answer = tuple[int, dict[str, Any]]


def prices(code: str) -> list[tuple[str, str, str]]:
    """(number_type, base, current) of each type the sandbox sells in `code`."""
    found = []
    for key in inventory.number_types(code):
        number_type = by_key(key)
        if number_type is None:
            continue
        name = number_type.pricing_name
        base, current = COUNTRY_PRICES.get(code, {}).get(name, DEFAULT_PRICES[name])
        found.append((name, base, current))
    return found


def country_answer(code: str) -> dict[str, Any]:
    """Pricing v1's PhoneNumbers/Countries/{code}."""
    return {
        "country": country_name(code),
        "iso_country": code,
        "phone_number_prices": [
            {"number_type": name, "base_price": base, "current_price": current}
            for name, base, current in prices(code)
        ],
        "price_unit": "USD",
        "url": f"{PRICING_HOST}{COUNTRIES}/{code}",
    }


def countries_answer(query: Mapping[str, str]) -> dict[str, Any]:
    """Pricing v1's PhoneNumbers/Countries, one page (PageSize, Page)."""
    size = inventory.integer_param(query, "PageSize", 1, inventory.MAX_PAGE_SIZE) or 50
    page = inventory.integer_param(query, "Page", 0, 10_000) or 0
    codes = sorted(SUPPORTED)
    items = codes[page * size : (page + 1) * size]

    def url(number: int) -> str:
        return f"{PRICING_HOST}{COUNTRIES}?PageSize={size}&Page={number}"

    more = (page + 1) * size < len(codes)
    return {
        "countries": [
            {"country": country_name(c), "iso_country": c, "url": f"{PRICING_HOST}{COUNTRIES}/{c}"}
            for c in items
        ],
        "meta": {
            "first_page_url": url(0),
            "key": "countries",
            "next_page_url": url(page + 1) if more else None,
            "page": page,
            "page_size": size,
            "previous_page_url": url(page - 1) if page else None,
            "url": url(page),
        },
    }


def route(path: str, query: Mapping[str, str]) -> tuple[int, dict[str, Any]] | None:
    """The answer to a GET of a Pricing v1 path (None: not one of them). A country the
    sandbox does not sell in is Twilio's 404."""
    if path == COUNTRIES:
        return 200, countries_answer(query)
    match = COUNTRY.fullmatch(path)
    if match is None:
        return None
    code = match["country"].upper()
    if code not in SUPPORTED:
        return 404, {
            "code": 20404,
            "message": f"The requested resource {path} was not found",
            "more_info": "https://www.twilio.com/docs/errors/20404",
            "status": 404,
        }
    return 200, country_answer(code)
