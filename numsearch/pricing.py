"""What numbers cost: Twilio's monthly price of each number type in a country (Pricing
v1), cached per country for a day, and search results priced and filtered by it.

Prices are Twilio's decimal strings read as Decimal ("1.15" is 1.15 exactly, compared
and added exactly) and printed as JSON numbers with the same digits. Outside text: an
answer of the wrong shape is "not understood" (exit 5), never an empty price list.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from numsearch.errors import ExitCode, InvalidInput, NumsearchError, TwilioUnavailable
from numsearch.number_types import NumberType, by_pricing_name
from numsearch.untrusted import QUOTE_LIMIT, clip, quoted

if TYPE_CHECKING:
    from numsearch.api import TwilioClient
    from numsearch.models import AvailableNumber

PRICE_TTL = 24 * 3600  # seconds a country's prices are reused from the cache
# At most 15 significant digits: a float prints them back exactly (1.15, not 1.1499999).
MONEY = re.compile(r"[0-9]{1,9}(?:\.[0-9]{1,6})?")
CURRENCY = re.compile(r"[A-Za-z]{3}")  # ISO 4217: USD, eur
TYPE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9 _-]{0,39}")
MAX_TYPES = 64  # number types in one country's answer: Twilio has seven
NOT_UNDERSTOOD = "Twilio's answer was not understood"

Warn = Callable[[str], None]


def _silent(message: str) -> None:
    pass


class NumberPrice(NamedTuple):
    """The monthly price of one number type: numsearch's command name for it (Twilio's
    own name, hyphenated, for a type numsearch cannot search), list and current price."""

    number_type: str
    base_price: Decimal | None  # the spec does not require it
    current_price: Decimal


class CountryPrices(NamedTuple):
    """A country's monthly number prices, in one currency."""

    iso_country: str
    country: str | None
    price_unit: str | None
    prices: tuple[NumberPrice, ...]

    def price_of(self, number_type: NumberType) -> NumberPrice | None:
        """The price of `number_type` here, if Twilio lists one."""
        for price in self.prices:
            if price.number_type == number_type.command:
                return price
        return None

    def records(self) -> list[dict[str, Any]]:
        """One stable JSON record per number type, in Twilio's order."""
        return [
            {
                "iso_country": self.iso_country,
                "country": self.country,
                "number_type": price.number_type,
                "base_price": None if price.base_price is None else json_amount(price.base_price),
                "current_price": json_amount(price.current_price),
                "price_unit": self.price_unit,
            }
            for price in self.prices
        ]


# A country's fields, then each number type's, then the currency: one record per type.
PRICE_COUNTRY_FIELDS = CountryPrices._fields[:2]  # iso_country, country
PRICE_FIELDS = (*PRICE_COUNTRY_FIELDS, *NumberPrice._fields, "price_unit")


def money(value: Any) -> Decimal:
    """Twilio's price (a decimal string such as "1.15", or a JSON number) as a Decimal;
    ValueError for anything else (negative, huge, more than 6 decimals, not a number)."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ValueError("not a price")
    text = value if isinstance(value, str) else repr(value)
    if not MONEY.fullmatch(text.strip()):
        raise ValueError(f"{quoted(text, 20)} is not a price")
    return Decimal(text.strip())


def json_amount(amount: Decimal) -> float:
    """A price as a JSON number with the same digits (MONEY keeps it within what a float
    holds exactly as text)."""
    return float(amount)


def parse_amount(text: str, flag: str = "--max-price") -> Decimal:
    """A price limit typed by a user (`1.50`, `2`); InvalidInput when it is not one."""
    try:
        amount = Decimal(text.strip())
    except InvalidOperation:
        amount = Decimal("NaN")
    if not amount.is_finite() or amount < 0 or amount > Decimal("1e9"):
        raise InvalidInput(f"{flag} {quoted(text)} is not an amount: give one like 1.50 or 150JPY")
    return amount


DEFAULT_CURRENCY = "USD"


class PriceLimit(NamedTuple):
    """`--max-price AMOUNT[CURRENCY]`: an amount in a currency (USD when not written)."""

    amount: Decimal
    unit: str = DEFAULT_CURRENCY
    text: str = ""  # as the user wrote it, for messages

    def __str__(self) -> str:
        return self.text or f"{self.amount}{self.unit}"

    def check_unit(self, unit: str) -> None:
        """InvalidInput (exit 2) when prices in `unit` cannot be compared with this limit."""
        if unit != self.unit:
            amount = clip(str(self.amount), QUOTE_LIMIT)
            raise InvalidInput(
                f"prices on this account are in {unit}: write --max-price {amount}{unit}"
            )


def parse_limit(text: str, flag: str = "--max-price") -> PriceLimit:
    """`1.50`, `150JPY`, `2 eur` (any case) as a PriceLimit; InvalidInput when not one."""
    match = re.fullmatch(r"\s*(.*?)\s*([A-Za-z]{3})?\s*", text)
    amount_text, unit = (match[1], match[2]) if match else (text, None)
    try:
        amount = parse_amount(amount_text or "-", flag)
    except InvalidInput:
        raise InvalidInput(
            f"{flag} {quoted(text)} is not an amount: give one like 1.50 or 150JPY"
        ) from None
    return PriceLimit(amount, (unit or DEFAULT_CURRENCY).upper(), text.strip())


def _text(value: Any, limit: int = 100) -> str | None:
    if not isinstance(value, str) or not value:
        return None
    flat = " ".join(value.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def read_prices(raw: Mapping[str, Any], country: str) -> CountryPrices:
    """Pricing v1's answer for `country` as CountryPrices; TwilioUnavailable (exit 5) when
    it is not a price list of that country."""

    def wrong(what: str) -> TwilioUnavailable:
        return TwilioUnavailable(f"{NOT_UNDERSTOOD}: the prices of {country}: {what}")

    iso = raw.get("iso_country")
    if iso is not None and (not isinstance(iso, str) or iso.upper() != country):
        raise wrong("they are for another country")
    items = raw.get("phone_number_prices", ())
    items = [] if items is None else items  # nullable in the spec: no prices listed
    if not isinstance(items, list) or len(items) > MAX_TYPES:
        raise wrong("phone_number_prices is not a list of number types")
    unit = raw.get("price_unit")
    if not (isinstance(unit, str) and CURRENCY.fullmatch(unit)):
        unit = None  # no currency, or not one: the prices are unknown (never compared)
    prices: dict[str, NumberPrice] = {}
    for item in items:
        name = item.get("number_type") if isinstance(item, dict) else None
        if not isinstance(name, str) or not TYPE_NAME.fullmatch(name.strip()):
            raise wrong("a price without a number_type")
        known = by_pricing_name(name)
        command = known.command if known else "-".join(name.lower().split())
        try:
            base = None if item.get("base_price") is None else money(item["base_price"])
            price = NumberPrice(command, base, money(item["current_price"]))
        except (KeyError, ValueError) as exc:
            raise wrong(f"the price of {command} numbers is not a price ({exc})") from None
        prices.setdefault(command, price)
    return CountryPrices(
        country, _text(raw.get("country")), unit.upper() if unit else None, tuple(prices.values())
    )


# -- the cache ---------------------------------------------------------------------------


def cache_dir(client: TwilioClient) -> Path:
    """Where this account's prices are kept: the platform cache dir (XDG_CACHE_HOME on
    Linux), one folder per account and host (the sandbox's prices never pass for
    Twilio's)."""
    from platformdirs import user_cache_path

    key = hashlib.sha256(f"{client.base_url}|{client.account_sid}".encode()).hexdigest()[:16]
    return user_cache_path("numsearch", appauthor=False) / "prices" / key


def _cached(path: Path, now: float) -> dict[str, Any] | None:
    """A cached answer younger than PRICE_TTL; None when there is none (or it is not one)."""
    try:
        entry = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):  # not one: asked again
        return None
    if not isinstance(entry, dict) or not isinstance(entry.get("answer"), dict):
        return None
    fetched = entry.get("fetched_at")
    if not isinstance(fetched, int | float) or not 0 <= now - fetched < PRICE_TTL:
        return None
    answer: dict[str, Any] = entry["answer"]
    return answer


def _keep(path: Path, answer: Mapping[str, Any], now: float, warn: Warn) -> None:
    from numsearch.state import write_json

    try:
        write_json(path, {"fetched_at": now, "answer": answer})
    except OSError as exc:
        warn(f"prices not cached ({path.parent}: {exc.strerror or exc})")


def country_prices(
    client: TwilioClient,
    country: str,
    *,
    refresh: bool = False,
    warn: Warn = _silent,
    now: Callable[[], float] = time.time,
) -> CountryPrices:
    """`country`'s number prices: from the cache when fetched less than PRICE_TTL ago
    (unless `refresh`), else from Twilio (and cached once they read well)."""
    path = cache_dir(client) / f"{country}.json"
    moment = now()
    cached = None if refresh else _cached(path, moment)
    if cached is not None:
        try:
            return read_prices(cached, country)
        except TwilioUnavailable:
            pass  # a cache file that is no longer good: ask Twilio
    answer = client.phone_number_prices(country)
    prices = read_prices(answer, country)
    _keep(path, answer, moment, warn)
    return prices


def price_countries(client: TwilioClient) -> list[dict[str, Any]]:
    """The countries Twilio prices numbers in: `{"iso_country", "country"}` each, sorted."""
    found: dict[str, dict[str, Any]] = {}
    for item in client.price_countries():
        code = item.get("iso_country")
        if not isinstance(code, str) or not re.fullmatch(r"[A-Za-z]{2}", code):
            raise TwilioUnavailable(f"{NOT_UNDERSTOOD}: a priced country without an iso_country")
        found.setdefault(
            code.upper(), {"iso_country": code.upper(), "country": _text(item.get("country"))}
        )
    return [found[code] for code in sorted(found)]


# -- search results, priced --------------------------------------------------------------


class PriceFilter(NamedTuple):
    """`--price`, `--max-price AMOUNT[CURRENCY]` (implies --price) and `--refresh`."""

    max_price: PriceLimit | None = None
    refresh: bool = False


def price_numbers(
    client: TwilioClient,
    numbers: Sequence[AvailableNumber],
    country: str,
    number_type: NumberType,
    wanted: PriceFilter,
    *,
    warn: Warn = _silent,
) -> list[AvailableNumber]:
    """`numbers` with their monthly price and its unit; with a max price, only those at
    or below it. A price that cannot be looked up never fails the search: it is said
    (warn) and left null, and under a max price those numbers are left out (a number
    of unknown price is never taken as cheap enough)."""
    if not numbers:
        return []
    what = f"{number_type.label} numbers in {country}"
    price: NumberPrice | None = None
    unit: str | None = None
    try:
        prices = country_prices(client, country, refresh=wanted.refresh, warn=warn)
        price, unit = prices.price_of(number_type), prices.price_unit
        reason = f"Twilio lists no monthly price for {what}"
        if price is not None and unit is None:
            price, reason = None, f"Twilio's prices for {what} have no currency (price_unit)"
    except NumsearchError as failure:
        reason = f"the monthly price of {what} could not be looked up ({failure.message})"
        if wanted.max_price is not None:  # an outage must not read as "none cheap enough"
            raise TwilioUnavailable(f"{reason}: --max-price cannot be checked") from None
    if price is None:
        if wanted.max_price is not None:
            warn(f"{reason}: {len(numbers)} left out, as --max-price cannot be checked")
            return []
        warn(f"{reason}: monthly_price is null")
        return list(numbers)
    amount = json_amount(price.current_price)
    priced = [n._replace(monthly_price=amount, price_unit=unit) for n in numbers]
    if wanted.max_price is not None and unit is not None:
        wanted.max_price.check_unit(unit)
    if wanted.max_price is None or price.current_price <= wanted.max_price.amount:
        return priced
    cost = f"{price.current_price} {unit}" if unit else str(price.current_price)
    warn(
        f"{len(numbers)} left out: {what} cost {cost} a month, above --max-price {wanted.max_price}"
    )
    return []


# -- the price of one purchase -------------------------------------------------------------


class AboveMaxPrice(NumsearchError):
    """A purchase that costs more than --max-price: declined, nothing sent (exit 1)."""

    exit_code = ExitCode.NOTHING_FOUND


class Cost(NamedTuple):
    """What a number costs a month, or why that is unknown."""

    amount: Decimal | None
    unit: str | None = None
    problem: str | None = None  # why the amount is unknown

    @property
    def text(self) -> str:
        """`1.15 USD a month`, or `price unknown`."""
        if self.amount is None:
            return "price unknown"
        return f"{self.amount} {self.unit} a month" if self.unit else f"{self.amount} a month"

    def to_json(self) -> dict[str, Any]:
        """`monthly_price` and `price_unit`, as on a priced search result."""
        amount = json_amount(self.amount) if self.amount is not None else None
        return {"monthly_price": amount, "price_unit": self.unit}


def cost_of(
    client: TwilioClient,
    country: str | None,
    number_type: NumberType | None,
    *,
    refresh: bool = False,
    warn: Warn = _silent,
) -> Cost:
    """The monthly price of a `number_type` number in `country` (a read-only lookup,
    cached); a lookup that fails is a Cost with its problem, never an error."""
    if country is None or number_type is None:
        return Cost(None, problem="its country and number type cannot be told from the number")
    try:
        prices = country_prices(client, country, refresh=refresh, warn=warn)
    except NumsearchError as failure:
        return Cost(None, problem=f"the price lookup failed: {failure.message}")
    price = prices.price_of(number_type)
    what = f"{number_type.label} numbers in {country}"
    if price is None:
        return Cost(None, problem=f"Twilio lists no monthly price for {what}")
    if prices.price_unit is None:
        return Cost(None, problem=f"Twilio's prices for {what} have no currency (price_unit)")
    return Cost(price.current_price, prices.price_unit)


def check_max_price(cost: Cost, max_price: PriceLimit | None, what: str) -> None:
    """Refuse a purchase above `max_price` (AboveMaxPrice, exit 1), of a price that cannot
    be checked (TwilioUnavailable, exit 5), or priced in another currency than the limit
    (InvalidInput, exit 2); nothing has been sent in any case."""
    if max_price is None:
        return
    if cost.amount is None or cost.unit is None:
        raise TwilioUnavailable(
            f"not bought (nothing was sent): the price of {what} cannot be checked against"
            f" --max-price {max_price}: {cost.problem or 'it has no currency'}"
        )
    max_price.check_unit(cost.unit)
    if cost.amount > max_price.amount:
        raise AboveMaxPrice(
            f"not bought (nothing was sent): {what} costs {cost.text}, above --max-price"
            f" {max_price}"
        )
