"""The options of every search command (and `watch`): `@search_filters` gives every
Twilio filter (with `--near PLACE`), `--all` and `--max-requests`, twilio-cli's
spellings of them, and the price options, and hands the command one Search. `--by
FIELD` (CountByOption) is the search commands' own: watch reports numbers."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, NamedTuple

import typer

from numsearch.cli.options import OUTPUT_PANEL, PRICES_PANEL, Tracking, _param, add_options
from numsearch.errors import InvalidInput
from numsearch.query import AddressScope, SearchFilters
from numsearch.settings import DEFAULT_CONCURRENCY, MAX_CONCURRENCY

if TYPE_CHECKING:
    from numsearch.pricing import PriceFilter

# Panels whose names are short enough for their help to be one line at 80 columns (Rich
# sizes each panel's columns by its longest flag and metavar).
FILTERS_PANEL = "Search filters"
CAPABILITIES_PANEL = "Capabilities"
ADDRESS_PANEL = "Numbers that need an address"
RESULTS_PANEL = "How many, how fast"


# -- search filters ------------------------------------------------------------------


def _filter(flags: str, help: str, **extra: Any) -> Any:
    extra.setdefault("rich_help_panel", FILTERS_PANEL)
    return typer.Option(*flags.split(), help=help, **extra)


SEARCH_FILTER_PARAMS = [
    _param("area_code", Annotated[list[str] | None, _filter(
        "--area-code -a", "Area code (US/CA); several: 510,415.", metavar="NPA")]),
    _param("contains", Annotated[str | None, _filter(
        "--contains -c", "Digits or letters; * is one digit.", metavar="PATTERN")]),
    _param("starts_with", Annotated[str | None, _filter(
        "--starts-with", "Starts with these digits or a word.", metavar="PREFIX")]),
    _param("ends_with", Annotated[str | None, _filter(
        "--ends-with", "Ends with these digits or a word.", metavar="SUFFIX")]),
    _param("in_region", Annotated[str | None, _filter(
        "--in-region", "State or province, e.g. CA (US/CA).", metavar="REGION")]),
    _param("in_postal_code", Annotated[str | None, _filter(
        "--in-postal-code", "Postal code, e.g. 94612 (US/CA).", metavar="CODE")]),
    _param("in_locality", Annotated[str | None, _filter(
        "--in-locality", "City or locality, e.g. Oakland.", metavar="CITY")]),
    _param("in_lata", Annotated[str | None, _filter(
        "--in-lata", "LATA, e.g. 722 (US/CA).", metavar="LATA")]),
    _param("in_rate_center", Annotated[str | None, _filter(
        "--in-rate-center", "Rate centre, e.g. OKLD; needs --in-lata.", metavar="NAME")]),
    _param("near_number", Annotated[str | None, _filter(
        "--near-number", "Numbers near this one (US/CA).", metavar="NUMBER")]),
    _param("near_lat_long", Annotated[str | None, _filter(
        "--near-lat-long", "Numbers near this point (US/CA).", metavar="LAT,LONG")]),
    _param("near", Annotated[str | None, _filter(
        "--near", "Near a city, a US ZIP or a CA district.", metavar="PLACE")]),
    _param("distance", Annotated[int | None, _filter(
        "--distance", "Radius of a --near search, 1 to 500.", metavar="MILES")]),
    _param("sms", Annotated[bool | None, _filter(
        "--sms/--no-sms", "Only numbers that can (or cannot) receive SMS.",
        rich_help_panel=CAPABILITIES_PANEL)]),
    _param("mms", Annotated[bool | None, _filter(
        "--mms/--no-mms", "Only numbers that can (or cannot) receive MMS.",
        rich_help_panel=CAPABILITIES_PANEL)]),
    _param("voice", Annotated[bool | None, _filter(
        "--voice/--no-voice", "Only numbers that can (or cannot) receive calls.",
        rich_help_panel=CAPABILITIES_PANEL)]),
    _param("fax", Annotated[bool | None, _filter(
        "--fax/--no-fax", "Only numbers that can (or cannot) receive faxes.",
        rich_help_panel=CAPABILITIES_PANEL)]),
    _param("exclude_address_required", Annotated[list[AddressScope] | None, _filter(
        "--exclude-address-required", "Leave out: all, local or foreign.", metavar="SCOPE",
        rich_help_panel=ADDRESS_PANEL)]),
    _param("beta", Annotated[bool | None, _filter(
        "--beta/--no-beta", "Include (or leave out) numbers new to Twilio.",
        rich_help_panel=CAPABILITIES_PANEL)]),
    _param("limit", Annotated[int | None, _filter(
        "--limit -n", "How many numbers per request, 1 to 1000.", metavar="N",
        rich_help_panel=RESULTS_PANEL)]),
    _param("rank", Annotated[bool, typer.Option(
        "--rank", help="Best first: words spelled, memorability.",
        rich_help_panel=OUTPUT_PANEL)], False),
    _param("concurrency", Annotated[int, _filter(
        "--concurrency", f"Requests at once, 1 to {MAX_CONCURRENCY}.", metavar="N",
        rich_help_panel=RESULTS_PANEL)], DEFAULT_CONCURRENCY),
]  # fmt: skip


# `--all`: sweeping past Twilio's ~30-number cap (numsearch.sweep), on every search
# command and on watch.
DEFAULT_MAX_REQUESTS = 300  # numsearch.sweep.DEFAULT_MAX_REQUESTS (not imported: start-up)


MAX_MAX_REQUESTS = 100_000


SWEEP_PARAMS = [
    _param("sweep_all", Annotated[bool, _filter(
        "--all", "Every match, past Twilio's ~30 per answer.",
        rich_help_panel=RESULTS_PANEL)], False),
    _param("max_requests", Annotated[int | None, _filter(
        "--max-requests",
        f"With --all: at most N requests (default {DEFAULT_MAX_REQUESTS}).",
        metavar="N", rich_help_panel=RESULTS_PANEL)]),
]  # fmt: skip


def _sweep_options(values: dict[str, Any]) -> tuple[bool, int]:
    """--all and --max-requests, checked."""
    sweep_all, max_requests = values.pop("sweep_all"), values.pop("max_requests")
    if max_requests is not None and not sweep_all:
        raise InvalidInput("--max-requests bounds a sweep: it goes with --all")
    if max_requests is not None and not 1 <= max_requests <= MAX_MAX_REQUESTS:
        raise InvalidInput(f"--max-requests must be 1 to {MAX_MAX_REQUESTS}, not {max_requests}")
    return sweep_all, max_requests or DEFAULT_MAX_REQUESTS


# twilio-cli's spellings of the same filters, hidden: a twilio-cli search line works once
# its command name is replaced (docs/twilio-cli.md).
def _alias(flags: str, help: str, annotation: Any = bool | None, **extra: Any) -> Any:
    return Annotated[annotation, typer.Option(*flags.split(), help=help, hidden=True, **extra)]


TWILIO_CLI_PARAMS = [
    _param("country_code", _alias("--country-code", "COUNTRY, as twilio-cli names it.",
                                  str | None, metavar="COUNTRY")),
    _param("sms_enabled", _alias("--sms-enabled/--no-sms-enabled", "--sms / --no-sms.")),
    _param("mms_enabled", _alias("--mms-enabled/--no-mms-enabled", "--mms / --no-mms.")),
    _param("voice_enabled", _alias("--voice-enabled/--no-voice-enabled", "--voice / --no-voice.")),
    _param("fax_enabled", _alias("--fax-enabled/--no-fax-enabled", "--fax / --no-fax.")),
    _param("exclude_all", _alias("--exclude-all-address-required",
                                 "--exclude-address-required all.", bool), False),
    _param("exclude_local", _alias("--exclude-local-address-required",
                                   "--exclude-address-required local.", bool), False),
    _param("exclude_foreign", _alias("--exclude-foreign-address-required",
                                     "--exclude-address-required foreign.", bool), False),
    _param("page_size", _alias("--page-size", "--limit.", int | None, metavar="N")),
]  # fmt: skip


class Search(NamedTuple):
    """Everything a search command was given besides its country (unless twilio-cli's
    --country-code named it): filters, ranking, fan-out."""

    filters: SearchFilters
    concurrency: int
    rank: bool = False
    country_code: str | None = None
    sweep_all: bool = False  # --all
    max_requests: int = DEFAULT_MAX_REQUESTS
    pricing: PriceFilter | None = None  # --price / --max-price: price (and filter) results


def _merge_alias(values: dict[str, Any], name: str, alias: str, flag: str) -> None:
    given = values.pop(alias)
    if given is None:
        return
    if values[name] is not None and values[name] != given:
        raise InvalidInput(f"{flag} and its twilio-cli spelling disagree: use one")
    values[name] = given


def _build_search(values: dict[str, Any]) -> Search:
    concurrency = values.pop("concurrency")
    rank = values.pop("rank")
    country_code = values.pop("country_code")
    sweep_all, max_requests = _sweep_options(values)
    if not 1 <= concurrency <= MAX_CONCURRENCY:
        raise InvalidInput(f"--concurrency must be 1 to {MAX_CONCURRENCY}, not {concurrency}")
    for name in ("sms", "mms", "voice", "fax"):
        _merge_alias(values, name, f"{name}_enabled", f"--{name}")
    _merge_alias(values, "limit", "page_size", "--limit")
    scopes = list(values["exclude_address_required"] or [])
    for scope in AddressScope:
        if values.pop(f"exclude_{scope.value}"):
            scopes.append(scope)
    values["area_code"] = values["area_code"] or []
    values["exclude_address_required"] = scopes
    return Search(SearchFilters(**values), concurrency, rank, country_code, sweep_all, max_requests)


# -- prices: --price, --max-price, --refresh (on every search command and watch) --------

PRICE_PARAMS = [
    _param("price", Annotated[bool, typer.Option(
        "--price", help="Add each number's monthly price.",
        rich_help_panel=PRICES_PANEL)], False),
    _param("max_price", Annotated[str | None, typer.Option(
        "--max-price", help="Monthly limit: 1.50 (USD) or 150JPY.", metavar="AMOUNT[CURRENCY]",
        rich_help_panel=PRICES_PANEL)]),
    _param("refresh", Annotated[bool, typer.Option(
        "--refresh", help="Ask Twilio again, not the cache.",
        rich_help_panel=PRICES_PANEL)], False),
]  # fmt: skip


PRICE_NAMES = tuple(p.name for p in PRICE_PARAMS)


def build_pricing(values: dict[str, Any]) -> PriceFilter | None:
    """--price, --max-price and --refresh as one PriceFilter (None: no prices wanted)."""
    from numsearch.pricing import PriceFilter, parse_limit

    limit = parse_limit(values["max_price"]) if values["max_price"] is not None else None
    if not values["price"] and limit is None:
        if values["refresh"]:
            raise InvalidInput("--refresh goes with --price or --max-price")
        return None
    return PriceFilter(max_price=limit, refresh=values["refresh"])


def _build_priced_search(values: dict[str, Any]) -> Search:
    pricing = build_pricing({name: values.pop(name) for name in PRICE_NAMES})
    return _build_search(values)._replace(pricing=pricing)


search_filters = add_options(
    SEARCH_FILTER_PARAMS + SWEEP_PARAMS + TWILIO_CLI_PARAMS + PRICE_PARAMS,
    "search",
    _build_priced_search,
)


# -- choosing from the results: --pick, and --dry-run with it (every search command; watch
# takes --pick alone, among its own options) -------------------------------------------------

PICK_PANEL = "Choose and buy"
PICK_HELP = "Choose numbers on the terminal, then buy them."


PICK_PARAMS = [
    _param("pick", Annotated[bool, typer.Option(
        "--pick", help=PICK_HELP, rich_help_panel=PICK_PANEL)], False),
    _param("dry_run", Annotated[bool, typer.Option(
        "--dry-run", help="With --pick: show the requests, buy nothing.",
        rich_help_panel=PICK_PANEL)], False),
]  # fmt: skip


class Pick(NamedTuple):
    """`--pick` and `--dry-run`."""

    pick: bool = False
    dry_run: bool = False


def _build_pick(values: dict[str, Any]) -> Pick:
    if values["dry_run"] and not values["pick"]:
        raise InvalidInput("--dry-run shows what --pick would buy: it goes with --pick")
    return Pick(values["pick"], values["dry_run"])


pick_options = add_options(PICK_PARAMS, "picking", _build_pick)


def search_to_pick(search: Search, *, yes: bool = False, by: str | None = None) -> Search:
    """The search --pick runs, priced (--pick implies --price); exit 2 for the flags it
    cannot go with, before anything is sent. The one place for them."""
    if yes:
        raise InvalidInput("--pick asks before buying anything: it cannot go with --yes")
    if by is not None:
        raise InvalidInput("--pick chooses numbers and --by counts them: use one of the two")
    from numsearch.pricing import PriceFilter

    return search if search.pricing is not None else search._replace(pricing=PriceFilter())


# -- --by: counts per area code, region, … instead of the numbers (the search commands,
# not watch) ------------------------------------------------------------------------------

# numsearch.grouping.CountBy's values, named here so that a run without --by does not load
# grouping (its records cost a millisecond of start-up); grouping checks the value given.
COUNT_BY = ("area-code", "region", "locality", "rate-center")


def complete_count_by(incomplete: str) -> list[str]:
    """Shell completion for --by."""
    return [name for name in COUNT_BY if name.startswith(incomplete.lower())]


CountByOption = Annotated[str | None, typer.Option(
    "--by", help="Count by area-code/region/locality/rate-center.", metavar="FIELD",
    autocompletion=complete_count_by, rich_help_panel=OUTPUT_PANEL)]  # fmt: skip


def check_counting(search: Search, tracking: Tracking) -> None:
    """--by prints counts, not numbers: refuse what acts on each number (exit 2)."""
    given = {"--rank": search.rank, "--new-only": tracking.new_only, "--exec": tracking.exec}
    for flag, value in given.items():
        if value:
            raise InvalidInput(f"--by counts numbers and prints no number: drop {flag}")
