"""What several commands share: option sets, each defined once and added by a
decorator; the client of a run; printing records; reporting matches; and the pieces of
a purchase that `buy` and `watch --buy` both use.

`@search_filters` gives a command every Twilio filter and hands it one Search;
`@output_options` gives `-o/--output` and `--fields`; `@connection_options` gives
`--profile`, `--timeout`, `--region`, `--edge` and `--subaccount` as one ClientSettings;
`@tracking_options` gives `--new-only`, `--state` and `--exec`; `@purchase_options`
gives one option per field of numsearch.purchase_fields. The decorators extend the
command's signature, which is what Typer reads.
"""

from __future__ import annotations

import functools
import inspect
import re
from collections.abc import Callable, Mapping, Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any, NamedTuple, TypeVar

import typer

from numsearch.cli.app import AppState
from numsearch.countries import complete_country
from numsearch.errors import ExitCode, InvalidInput, NumsearchError, TwilioRefused
from numsearch.output import OutputFormat, choose_format, select_fields, write_data
from numsearch.purchase_fields import PURCHASE_FIELDS, FieldKind
from numsearch.query import AddressScope
from numsearch.settings import (
    DEFAULT_CONCURRENCY,
    DEFAULT_TIMEOUT,
    MAX_CONCURRENCY,
    MAX_TIMEOUT,
    ClientSettings,
)
from numsearch.terminal import Terminal

if TYPE_CHECKING:
    from numsearch.api import TwilioClient
    from numsearch.models import AvailableNumber, IncomingNumber
    from numsearch.pricing import Cost, PriceFilter
    from numsearch.purchase import Outcome, Purchase
    from numsearch.query import SearchFilters, SearchQuery
    from numsearch.tracking import SeenNumbers

F = TypeVar("F", bound=Callable[..., Any])

FILTERS_PANEL = "Search filters"
OUTPUT_PANEL = "Output"
CONNECTION_PANEL = "Connection"
SETUP_PANEL = "Set up the new number"


def _param(name: str, annotation: Any, default: Any = None) -> inspect.Parameter:
    return inspect.Parameter(
        name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=annotation
    )


def add_options(
    params: list[inspect.Parameter], into: str, build: Callable[[dict[str, Any]], Any]
) -> Callable[[F], F]:
    """Append `params` to a command's options; the command gets `build(values)` as `into`."""

    def decorate(func: F) -> F:
        signature = inspect.signature(func, eval_str=True)
        own = [p for p in signature.parameters.values() if p.name != into]

        @functools.wraps(func)
        def command(*args: Any, **kwargs: Any) -> Any:
            values = {p.name: kwargs.pop(p.name) for p in params}
            kwargs[into] = build(values)
            return func(*args, **kwargs)

        command.__signature__ = signature.replace(parameters=own + params)  # type: ignore[attr-defined]
        return command  # type: ignore[return-value]

    return decorate


# -- search filters ------------------------------------------------------------------


def _filter(flags: str, help: str, **extra: Any) -> Any:
    return typer.Option(*flags.split(), help=help, rich_help_panel=FILTERS_PANEL, **extra)


SEARCH_FILTER_PARAMS = [
    _param("area_code", Annotated[list[str] | None, _filter(
        "--area-code -a",
        "Area code (US/CA). Several: --area-code 510,415 or repeat the flag; searched"
        " concurrently and merged.", metavar="NPA")]),
    _param("contains", Annotated[str | None, _filter(
        "--contains -c",
        "Pattern the number contains: digits, letters (STORM -> 78676), * for one digit,"
        " % for any; + anchors the start, $ the end.", metavar="PATTERN")]),
    _param("starts_with", Annotated[str | None, _filter(
        "--starts-with",
        "National number starts with these digits or letters (510555 -> 510555****).",
        metavar="DIGITS|WORD")]),
    _param("ends_with", Annotated[str | None, _filter(
        "--ends-with",
        "National number ends with these digits or letters (1234 -> ******1234).",
        metavar="DIGITS|WORD")]),
    _param("in_region", Annotated[str | None, _filter(
        "--in-region", "State or province, e.g. CA (US/CA), or a number to take it from.",
        metavar="REGION")]),
    _param("in_postal_code", Annotated[str | None, _filter(
        "--in-postal-code", "Postal code, e.g. 94612 (US/CA), or a number to take it from.",
        metavar="CODE")]),
    _param("in_locality", Annotated[str | None, _filter(
        "--in-locality", "City or locality, e.g. Oakland, or a number to take it from.",
        metavar="CITY")]),
    _param("in_lata", Annotated[str | None, _filter(
        "--in-lata", "LATA, e.g. 722 (US/CA), or a number to take it from.",
        metavar="LATA")]),
    _param("in_rate_center", Annotated[str | None, _filter(
        "--in-rate-center", "Rate centre, e.g. OKLD (US/CA); needs --in-lata.",
        metavar="NAME")]),
    _param("near_number", Annotated[str | None, _filter(
        "--near-number", "Numbers near this one (US/CA), within --distance miles.",
        metavar="NUMBER")]),
    _param("near_lat_long", Annotated[str | None, _filter(
        "--near-lat-long", "Numbers near LAT,LONG (US/CA), within --distance miles.",
        metavar="LAT,LONG")]),
    _param("distance", Annotated[int | None, _filter(
        "--distance", "Radius of a --near- search in miles, 1 to 500 (Twilio: 25).",
        metavar="MILES")]),
    _param("sms", Annotated[bool | None, _filter(
        "--sms/--no-sms", "Only numbers that can (or cannot) receive SMS.")]),
    _param("mms", Annotated[bool | None, _filter(
        "--mms/--no-mms", "Only numbers that can (or cannot) receive MMS.")]),
    _param("voice", Annotated[bool | None, _filter(
        "--voice/--no-voice", "Only numbers that can (or cannot) receive calls.")]),
    _param("fax", Annotated[bool | None, _filter(
        "--fax/--no-fax", "Only numbers that can (or cannot) receive faxes.")]),
    _param("exclude_address_required", Annotated[list[AddressScope] | None, _filter(
        "--exclude-address-required",
        "Leave out numbers that need an address: all, local or foreign (repeatable).")]),
    _param("beta", Annotated[bool | None, _filter(
        "--beta/--no-beta", "Include (or leave out) numbers new to Twilio (Twilio: include).")]),
    _param("limit", Annotated[int | None, _filter(
        "--limit -n", "How many numbers per request, 1 to 1000 (Twilio's PageSize).",
        metavar="N")]),
    _param("rank", Annotated[bool, typer.Option(
        "--rank", help="Score how well each number spells words and list the best first.",
        rich_help_panel=OUTPUT_PANEL)], False),
    _param("concurrency", Annotated[int, _filter(
        "--concurrency", f"Requests at once (area codes, a sweep's parts), 1 to {MAX_CONCURRENCY}.",
        metavar="N")], DEFAULT_CONCURRENCY),
]  # fmt: skip


# `--all`: sweeping past Twilio's ~30-number cap (numsearch.sweep), on every search
# command and on watch.
DEFAULT_MAX_REQUESTS = 300  # numsearch.sweep.DEFAULT_MAX_REQUESTS (not imported: start-up)
MAX_MAX_REQUESTS = 100_000
SWEEP_PARAMS = [
    _param("sweep_all", Annotated[bool, _filter(
        "--all",
        "Every matching number, past Twilio's ~30 per answer: narrower searches until each"
        " answer is complete, merged; --limit then cuts the ordered result.")], False),
    _param("max_requests", Annotated[int | None, _filter(
        "--max-requests",
        f"With --all: send at most N requests (default {DEFAULT_MAX_REQUESTS}).",
        metavar="N")]),
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
# its command name is replaced (README, "Coming from twilio-cli").
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
    from numsearch.query import SearchFilters

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

PRICES_PANEL = "Prices"

PRICE_PARAMS = [
    _param("price", Annotated[bool, typer.Option(
        "--price", help="Add each number's monthly price (monthly_price, price_unit).",
        rich_help_panel=PRICES_PANEL)], False),
    _param("max_price", Annotated[str | None, typer.Option(
        "--max-price", help="Leave out numbers costing more a month (or of unknown price);"
        " USD unless written (150JPY); implies --price.", metavar="AMOUNT[CURRENCY]",
        rich_help_panel=PRICES_PANEL)]),
    _param("refresh", Annotated[bool, typer.Option(
        "--refresh", help="Look prices up again rather than from the day-long cache.",
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


# -- one option of a few commands ------------------------------------------------------

NationalCountry = Annotated[
    str,
    typer.Option(
        "--country",
        help="Country of numbers written without +CC (ISO alpha-2).",
        metavar="COUNTRY",
        autocompletion=complete_country,
    ),
]


# -- output --------------------------------------------------------------------------


class Output(NamedTuple):
    """`-o` (None: table on a terminal, JSON in a pipe), `--fields` and `--no-header`."""

    format: OutputFormat | None
    fields: str | None
    no_header: bool = False


OUTPUT_PARAMS = [
    _param("output", Annotated[OutputFormat | None, typer.Option(
        "--output", "-o", metavar="FORMAT",
        help="table, json, jsonl, csv or tsv (default: table on a terminal, json in a pipe).",
        rich_help_panel=OUTPUT_PANEL)]),
    _param("fields", Annotated[str | None, typer.Option(
        "--fields", help="Comma-separated fields to show, e.g. phone_number,locality.",
        metavar="A,B,C", rich_help_panel=OUTPUT_PANEL)]),
    _param("properties", Annotated[str | None, typer.Option(
        "--properties", hidden=True, metavar="A,B,C",
        help="twilio-cli's --properties: --fields, in camelCase (phoneNumber,region).")]),
    _param("no_header", Annotated[bool, typer.Option(
        "--no-header", help="No header line (table, csv, tsv): bare rows for cut and awk.",
        rich_help_panel=OUTPUT_PANEL)], False),
]  # fmt: skip


def _build_output(values: dict[str, Any]) -> Output:
    fields, properties = values["fields"], values["properties"]
    if properties is not None:
        if fields is not None:
            raise InvalidInput("--properties is twilio-cli's name for --fields: use one")
        fields = re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", properties).lower()
    return Output(format=values["output"], fields=fields, no_header=values["no_header"])


output_options = add_options(OUTPUT_PARAMS, "out", _build_output)


# -- connection ----------------------------------------------------------------------


def complete_profile(incomplete: str) -> list[str]:
    """Shell completion for --profile: numsearch's profiles and twilio-cli's (silent on
    any failure: a completion never prints an error)."""
    from numsearch import config

    try:
        names = [str(row["name"]) for row in config.profile_summaries()]
    except Exception:  # a broken config file: complete nothing, say nothing
        return []
    return sorted({name for name in names if name.startswith(incomplete)})


CONNECTION_PARAMS = [
    _param("profile", Annotated[str | None, typer.Option(
        "--profile", "-p", envvar="NUMSEARCH_PROFILE", metavar="NAME",
        autocompletion=lambda incomplete: complete_profile(incomplete),
        help="Credentials from this profile (numsearch profile add), or twilio-cli's.",
        rich_help_panel=CONNECTION_PANEL)]),
    _param("timeout", Annotated[float, typer.Option(
        "--timeout", help="Seconds to wait for Twilio on each attempt.", metavar="SECONDS",
        rich_help_panel=CONNECTION_PANEL)], DEFAULT_TIMEOUT),
    _param("region", Annotated[str | None, typer.Option(
        "--region", envvar="TWILIO_REGION", metavar="REGION", help="Twilio region, e.g. ie1, au1.",
        rich_help_panel=CONNECTION_PANEL)]),
    _param("edge", Annotated[str | None, typer.Option(
        "--edge", envvar="TWILIO_EDGE", metavar="EDGE",
        help="Twilio edge location, e.g. dublin, sydney.", rich_help_panel=CONNECTION_PANEL)]),
    _param("api_url", Annotated[str | None, typer.Option(
        "--api-url", envvar="NUMSEARCH_API_URL", metavar="URL", hidden=True,
        help="Talk to this URL instead of Twilio (proxies, mocks, `numsearch sandbox serve`).",
        rich_help_panel=CONNECTION_PANEL)]),
    _param("subaccount", Annotated[str | None, typer.Option(
        "--subaccount", metavar="AC_SID",
        help="Act on this subaccount (AC…) with its parent's credentials"
        " (or NUMSEARCH_SUBACCOUNT).",
        rich_help_panel=CONNECTION_PANEL)]),
    # twilio-cli's spelling of --subaccount, for hands used to it. Hidden: numsearch's own
    # "account SID" is the credentials' account (TWILIO_ACCOUNT_SID, profile add).
    _param("account_sid", Annotated[str | None, typer.Option(
        "--account-sid", metavar="AC_SID", hidden=True,
        help="twilio-cli's name for --subaccount.", rich_help_panel=CONNECTION_PANEL)]),
]  # fmt: skip


def _build_connection(values: dict[str, Any]) -> ClientSettings:
    timeout = values["timeout"]
    if not 0 < timeout <= MAX_TIMEOUT:
        raise InvalidInput(
            f"--timeout must be more than 0 and at most {MAX_TIMEOUT:g} seconds, not {timeout:g}"
        )
    values["subaccount"] = _subaccount(values["subaccount"], values.pop("account_sid"))
    return ClientSettings(**values)


def _subaccount(flag: str | None, alias: str | None) -> str | None:
    """--subaccount, else twilio-cli's --account-sid, else NUMSEARCH_SUBACCOUNT; checked
    to be an account SID (it becomes part of every request's path)."""
    import os

    from numsearch.config import subaccount_sid

    if flag is not None and alias is not None and flag.strip() != alias.strip():
        raise InvalidInput("--subaccount and --account-sid name different accounts: give one")
    for value, what in (
        (flag, "--subaccount"),
        (alias, "--account-sid"),
        (os.environ.get("NUMSEARCH_SUBACCOUNT") or None, "NUMSEARCH_SUBACCOUNT"),
    ):
        if value is not None:
            return subaccount_sid(value, what)
    return None


connection_options = add_options(CONNECTION_PARAMS, "connection", _build_connection)


# -- tracking: only what is new, and hooks ------------------------------------------------

TRACKING_PANEL = "New numbers (cron)"


class Tracking(NamedTuple):
    """`--new-only`, `--state NAME`, `--exec CMD` and `--exec-timeout SECONDS`."""

    new_only: bool
    state: str | None
    exec: str | None
    exec_timeout: float = 60.0


TRACKING_PARAMS = [
    _param("new_only", Annotated[bool, typer.Option(
        "--new-only", help="Print only numbers not reported before (see --state); exit 1 when"
        " nothing is new.", rich_help_panel=TRACKING_PANEL)], False),
    _param("state", Annotated[str | None, typer.Option(
        "--state", help="Name of the memory of reported numbers, in the platform state dir"
        " (default: one per search).", metavar="NAME", rich_help_panel=TRACKING_PANEL)]),
    _param("exec_command", Annotated[str | None, typer.Option(
        "--exec", help="Run CMD through the shell for each new match: NUMSEARCH_PHONE_NUMBER,"
        " NUMSEARCH_FRIENDLY_NAME, NUMSEARCH_COUNTRY set, the match as JSON on stdin.",
        metavar="CMD", rich_help_panel=TRACKING_PANEL)]),
    _param("exec_timeout", Annotated[float, typer.Option(
        "--exec-timeout", help="Stop a --exec command still running after this many seconds.",
        metavar="SECONDS", rich_help_panel=TRACKING_PANEL)], 60.0),
]  # fmt: skip


def _build_tracking(values: dict[str, Any]) -> Tracking:
    if values["state"] is not None:
        if not values["new_only"]:
            raise InvalidInput("--state goes with --new-only")
        from numsearch.state import checked_name

        checked_name(values["state"])
    if values["exec_command"] is not None and not values["exec_command"].strip():
        raise InvalidInput("--exec needs a command")
    if not 0 < values["exec_timeout"] <= 24 * 3600:
        raise InvalidInput("--exec-timeout must be more than 0 and at most 86400 seconds")
    return Tracking(
        values["new_only"], values["state"], values["exec_command"], values["exec_timeout"]
    )


tracking_options = add_options(TRACKING_PARAMS, "tracking", _build_tracking)


# -- purchase options ----------------------------------------------------------------


class HttpMethod(StrEnum):
    """How Twilio calls a webhook."""

    GET = "GET"
    POST = "POST"


class ReceiveMode(StrEnum):
    """What the number receives."""

    voice = "voice"
    fax = "fax"


_SETUP_TYPES: dict[FieldKind, Any] = {
    FieldKind.method: HttpMethod,
    FieldKind.receive_mode: ReceiveMode,
}

PURCHASE_PARAMS = [
    _param(field.name, Annotated[
        _SETUP_TYPES.get(field.kind, str) | None,
        typer.Option(field.flag, help=field.help, rich_help_panel=SETUP_PANEL),
    ])
    for field in PURCHASE_FIELDS
]  # fmt: skip


def _build_setup(values: dict[str, Any]) -> dict[str, str | None]:
    return {
        name: str(value.value) if isinstance(value, StrEnum) else value
        for name, value in values.items()
    }


purchase_options = add_options(PURCHASE_PARAMS, "setup", _build_setup)


# -- one argument of several commands -----------------------------------------------------

CountryArgument = Annotated[
    str,
    typer.Argument(
        help="ISO 3166-1 alpha-2 country code, any case (GB, not UK).",
        metavar="COUNTRY",
        show_default=True,
        autocompletion=complete_country,
    ),
]


# -- the client of a run -----------------------------------------------------------------


def open_client(
    state: AppState, connection: ClientSettings, *, concurrency: int | None = None
) -> TwilioClient:
    """The run's Twilio client (or the sandbox's), built from the connection options and
    the global ones; the sandbox says on stderr that nothing is real."""
    from numsearch import api

    if state.sandbox:  # its purchases live in the state directory: check it before anything
        from numsearch.state import usable_state_dir

        usable_state_dir()
    settings = connection._replace(
        sandbox=state.sandbox,
        debug=state.debug,
        concurrency=concurrency or connection.concurrency,
    )
    client = api.open_client(settings, warn=state.terminal.warn, log_stream=state.terminal.stderr)
    if client.sandbox:
        from numsearch.sandbox import NOTICE

        state.terminal.info(NOTICE)
    return client


# -- printing records ----------------------------------------------------------------------


def output_format(out: Output, terminal: Terminal) -> OutputFormat:
    """`-o` when given, else a table on a terminal and JSON in a pipe."""
    return choose_format(out.format, terminal)


def check_output(out: Output, terminal: Terminal) -> OutputFormat:
    """The run's format, once it is known to go with the other output options."""
    fmt = output_format(out, terminal)
    if out.no_header and fmt in (OutputFormat.json, OutputFormat.jsonl):
        raise InvalidInput("--no-header goes with -o table, csv or tsv (JSON has no header)")
    return fmt


def print_records(
    records: Sequence[Mapping[str, Any]],
    out: Output,
    terminal: Terminal,
    *,
    fields: Sequence[str],
    selectable: Sequence[str] | None = None,
    table: str | None = None,
    title: str | None = None,
    header: bool = True,
) -> None:
    """Render `records` with the run's -o and --fields.

    `fields` are printed by default; `--fields` may pick any of `selectable` (default:
    `fields`). `table` names how the records look in a table (numsearch.tables.TABLES),
    under `title`; the table module (and Rich) is loaded only to draw one.
    """
    fmt = check_output(out, terminal)
    if fmt is not OutputFormat.table:
        chosen = select_fields(out.fields, selectable or fields, fields)
        write_data(records, fmt, chosen, terminal, header=header and not out.no_header)
        return
    from numsearch.tables import TABLES, TableSpec, write_table

    columns, table_fields = TABLES[table] if table else ((), None)
    default = [f for f in table_fields if f in fields] if table_fields is not None else fields
    chosen = select_fields(out.fields, selectable or fields, default)
    spec = TableSpec(columns, title=None if out.no_header else title, header=not out.no_header)
    write_table(records, chosen, terminal, spec, explicit_fields=bool(out.fields))


def all_number_fields() -> tuple[str, ...]:
    """Every field a search result has: Twilio's, then numsearch's own."""
    from numsearch.models import AVAILABLE_NUMBER_FIELDS, AVAILABLE_NUMBER_OWN_FIELDS

    return AVAILABLE_NUMBER_FIELDS + AVAILABLE_NUMBER_OWN_FIELDS


def number_fields(query: SearchQuery, *, ranked: bool = False, priced: bool = False) -> list[str]:
    """The default fields of a search's results: Twilio's, plus vanity/score and prices
    where they apply."""
    wanted = {"vanity": bool(query.word or ranked), "score": ranked, "memorability": ranked}
    wanted |= {"monthly_price": priced, "price_unit": priced}
    return [f for f in all_number_fields() if wanted.get(f, True)]


def search_title(
    query: SearchQuery, count: int, *, ranked: bool = False, sandbox: bool = False
) -> str:
    """`3 local numbers in US spelling STORM (78676), area code 510`."""
    noun = "number" if count == 1 else "numbers"
    title = f"{count} {query.number_type.label} {noun} in {query.country}"
    if query.word:
        title += f" spelling {query.word} ({query.contains})"
    elif query.contains:
        title += f" matching {query.contains}"
    if ranked:
        title += ", best vanity first"
    if query.area_codes:
        title += f", area code {', '.join(query.area_codes)}"
    if sandbox:
        title += " [sandbox: not real numbers]"
    return title


def print_numbers(
    numbers: Sequence[AvailableNumber],
    query: SearchQuery,
    out: Output,
    state: AppState,
    *,
    ranked: bool = False,
    header: bool = True,
    priced: bool = False,
) -> None:
    """Print search results in the run's format (`header`: the CSV header line)."""
    # `_match` is for the table only (where the pattern sits): no format prints it.
    records = [
        n.to_json(vanity=True, score=True, price=True) | {"_match": n.match_span} for n in numbers
    ]
    if output_format(out, state.terminal) not in (OutputFormat.json, OutputFormat.jsonl):
        for record in records:  # CSV and tables show memorability's score; JSON the object
            if isinstance(record.get("memorability"), dict):
                record["memorability"] = record["memorability"]["score"]
    print_records(
        records,
        out,
        state.terminal,
        fields=number_fields(query, ranked=ranked, priced=priced),
        selectable=all_number_fields(),
        table="number",
        title=search_title(query, len(numbers), ranked=ranked, sandbox=state.sandbox),
        header=header,
    )


def print_incoming(numbers: list[IncomingNumber], title: str, out: Output, state: AppState) -> None:
    """Numbers on the account, in the run's format."""
    from numsearch.models import INCOMING_NUMBER_FIELDS

    print_records(
        [n.to_json() for n in numbers],
        out,
        state.terminal,
        fields=INCOMING_NUMBER_FIELDS,
        table="incoming",
        title=title,
    )


# -- searching -------------------------------------------------------------------------


def prepare_search(
    state: AppState, command: str, country: str, search: Search, out: Output
) -> SearchQuery:
    """Check everything about a search before anything is sent."""
    from numsearch.query import build_query

    if search.country_code is not None:
        if country not in ("US", search.country_code):  # US: the argument's default
            raise InvalidInput(f"COUNTRY {country} and --country-code disagree: use one")
        country = search.country_code
    query = build_query(command, country, search.filters)
    select_fields(out.fields, all_number_fields())  # an unknown --fields name fails now
    check_output(out, state.terminal)
    if search.sweep_all:
        from numsearch.sweep import check_pattern

        check_pattern(query)
    if query.word:
        state.terminal.info(f"searching for {query.word} as the digits {query.contains}")
    return query


def search_numbers(
    state: AppState,
    client: TwilioClient,
    query: SearchQuery,
    search: Search,
    *,
    quiet: bool = False,
) -> list[AvailableNumber]:
    """One search, with a spinner on a terminal unless `quiet` (a watch has a status line);
    with --all, a sweep."""
    from numsearch.search import find_numbers

    if search.sweep_all:
        numbers = sweep_numbers(state, client, query, search, quiet=quiet)
    elif quiet:
        numbers = find_numbers(client, query, rank=search.rank, warn=state.terminal.warn)
    else:
        with state.terminal.spinner(
            f"Searching {query.country} {query.number_type.label} numbers…"
        ):
            numbers = find_numbers(client, query, rank=search.rank, warn=state.terminal.warn)
    return with_prices(state, client, query, search.pricing, numbers)


def with_prices(
    state: AppState,
    client: TwilioClient,
    query: SearchQuery,
    pricing: PriceFilter | None,
    numbers: list[AvailableNumber],
) -> list[AvailableNumber]:
    """Search results priced (and filtered by --max-price) when asked; a lookup that
    fails is a warning, never a failed search."""
    if pricing is None:
        return numbers
    from numsearch.pricing import price_numbers

    return price_numbers(
        client, numbers, query.country, query.number_type, pricing, warn=state.terminal.warn
    )


def sweep_numbers(
    state: AppState, client: TwilioClient, query: SearchQuery, search: Search, *, quiet: bool
) -> list[AvailableNumber]:
    """A sweep (--all), with a progress line on a terminal unless `quiet`, and its summary
    on stderr (a warning when --max-requests stopped it)."""
    from contextlib import nullcontext

    from numsearch.spec_limits import answer_cap
    from numsearch.sweep import Progress, find_all

    terminal = state.terminal
    doing = f"Sweeping {query.country} {query.number_type.label} numbers"
    status = None
    if not quiet and terminal.stderr_isatty:
        status = terminal.console(stderr=True).status(f"{doing}…", spinner="dots")

    def progress(now: Progress) -> None:
        if status is not None:
            status.update(
                f"{doing}: {now.done} requests done, {now.queued} queued,"
                f" {now.found} numbers found, {now.elapsed:.0f} s"
            )

    try:
        with status or nullcontext():
            result = find_all(
                client, query, rank=search.rank, cap=answer_cap(),
                max_requests=search.max_requests, concurrency=search.concurrency,
                progress=progress, warn=terminal.warn,
            )  # fmt: skip
    except NumsearchError as error:
        if error.found:
            terminal.warn(
                f"sweep stopped by an error: the {len(error.found)} numbers found before it"
                " are printed, and the run ends with the error's exit code"
            )
        raise
    (terminal.info if result.complete else terminal.warn)(result.summary())
    return result.numbers


class Reporter:
    """Prints a search's matches once each (only the new ones with --new-only, and a
    watch's own memory), then runs the --exec hooks, then remembers them: printed
    first, so nothing is lost."""

    def __init__(
        self,
        query: SearchQuery,
        search: Search,
        tracking: Tracking,
        out: Output,
        state: AppState,
        *,
        quiet: bool = False,
    ) -> None:
        """`quiet`: print nothing (watch --buy prints the purchase instead)."""
        self.quiet = quiet
        self.query = query
        self.search = search
        self.tracking = tracking
        self.out = out
        self.state = state
        self.printed: set[str] = set()
        self.batches = 0
        self.seen: SeenNumbers | None = None
        self.seen_name: str | None = None
        if tracking.new_only:  # opened now: a state problem stops the run before any request
            from numsearch.tracking import SeenNumbers, default_state_name

            name = tracking.state or default_state_name(
                query.number_type.command, query.country, query.request_params()
            )
            self.seen = SeenNumbers.open(name, warn=state.terminal.warn)
            self.seen_name = name

    def report(
        self, numbers: Sequence[AvailableNumber], *, print_empty: bool
    ) -> list[AvailableNumber]:
        """Print what is new, run the hooks for it, remember it; all under one hold on the
        state, so that overlapping runs report each number once. With nothing to print,
        `print_empty` prints the empty result (`[]`, a CSV header), except with
        --new-only, where nothing new prints nothing (exit 1 says it)."""
        if self.seen is None:
            return self._report(numbers, numbers, print_empty=print_empty)
        with self.seen.transaction() as seen:
            new = self._report(numbers, seen.new(numbers), print_empty=False)
            seen.remember(new)
        return new

    def _report(
        self,
        numbers: Sequence[AvailableNumber],
        fresh: Sequence[AvailableNumber],
        *,
        print_empty: bool,
    ) -> list[AvailableNumber]:
        new = [n for n in fresh if n.phone_number not in self.printed]
        if not self.quiet and (new or print_empty):
            print_numbers(
                new, self.query, self.out, self.state, ranked=self.search.rank,
                header=self.batches == 0, priced=self.search.pricing is not None,
            )  # fmt: skip
            self.batches += 1
        if self.tracking.exec:
            self._run_hooks(self.tracking.exec, new)
        self.printed.update(n.phone_number for n in new if n.phone_number)
        return new

    def _run_hooks(self, command: str, numbers: Sequence[AvailableNumber]) -> None:
        from numsearch.tracking import run_hook

        terminal = self.state.terminal
        for number in numbers:
            record = number.to_json(vanity=True, score=True, price=True)
            failure = run_hook(command, record, terminal.stderr, timeout=self.tracking.exec_timeout)
            if failure is not None:
                terminal.warn(failure.message)


# -- buying ------------------------------------------------------------------------------


def refuse_unattended(state: AppState, what: str, yes: bool) -> None:
    """Without --yes, a purchase needs someone to ask: refuse (exit 2) before anything is
    sent when there is no terminal."""
    if not yes and not state.terminal.stdin_isatty:
        raise InvalidInput(
            f"refusing to buy {what} without asking: stdin is not a terminal"
            " (add --yes to buy unattended, or --dry-run to see the request)"
        )


def confirm_purchase(
    state: AppState, purchase: Purchase, account: str, yes: bool, *, cost: Cost | None = None
) -> None:
    """Ask before spending money, saying what it costs a month; refuse without a terminal
    unless --yes (exit 2)."""
    from numsearch.numbering import format_national

    price = f" for {cost.text}" if cost is not None else ""
    if yes:
        if cost is not None:
            state.terminal.info(f"buying {purchase.what}{price}")
        return
    terminal = state.terminal
    refuse_unattended(state, purchase.what, yes)
    what = purchase.what
    if purchase.phone_number:
        what = f"{purchase.phone_number} ({format_national(purchase.phone_number)})"
    sandbox = " [sandbox: nothing real is bought]" if state.sandbox else ""
    if not terminal.confirm(
        f"Buy {what}{price} on account {account}{sandbox}? Twilio charges for it"
    ):
        terminal.info("not bought")
        raise typer.Exit(int(ExitCode.NOTHING_FOUND))


def paperwork_chooser(state: AppState, yes: bool) -> Callable[[str, list[tuple[str, str]]], str]:
    """How a purchase picks among several addresses or bundles that fit: asked on a
    terminal (not with --yes), else exit 2 naming them and the flag that chooses."""

    def choose(what: str, fits: list[tuple[str, str]]) -> str:
        terminal = state.terminal
        if yes or not terminal.stdin_isatty:
            listed = ", ".join(label for _, label in fits)
            plural = "addresses" if what == "address" else f"{what}s"
            raise InvalidInput(f"several {plural} fit ({listed}): choose one with --{what}-sid")
        for index, (_, label) in enumerate(fits, 1):
            terminal.info(f"  {index}. {label}")
        answer = terminal.prompt(f"Which {what} should the number use? 1-{len(fits)}")
        if not answer.isdigit() or not 1 <= int(answer) <= len(fits):
            raise InvalidInput(f"no {what} chosen ({answer!r}): nothing was bought")
        return fits[int(answer) - 1][0]

    return choose


def ready_for_purchase(
    state: AppState,
    client: TwilioClient,
    purchase: Purchase,
    yes: bool,
    *,
    address_need: str | None = None,
) -> Purchase:
    """The purchase with the address and bundle it needs (said on stderr), or NotReady
    (exit 4, nothing sent) with the fix."""
    from numsearch.purchase import ready_purchase

    return ready_purchase(
        client, purchase, paperwork_chooser(state, yes), address_need=address_need,
        tell=state.terminal.info, warn=state.terminal.warn,
    )  # fmt: skip


def buy_with_spinner(state: AppState, client: TwilioClient, purchase: Purchase) -> Outcome:
    """Buy (safely, once), say how it went on stderr, and return the outcome.

    While a lost answer is looked for, the spinner stops for the message that says so,
    then spins again: a wait of half a minute is never silent.
    """
    from contextlib import ExitStack

    from numsearch.purchase import buy_safely

    terminal = state.terminal
    with ExitStack() as spinning:

        def tell(message: str) -> None:
            spinning.close()
            terminal.warn(message)
            spinning.enter_context(terminal.spinner(f"Looking for {purchase.what} on the account…"))

        spinning.enter_context(terminal.spinner(f"Buying {purchase.what}…"))
        try:
            outcome = buy_safely(client, purchase, tell=tell)
        except TwilioRefused as refused:  # a missing address or bundle: say the fix
            from numsearch.compliance import explain_refusal

            raise explain_refusal(refused, *purchase.kind()) from None
    for note in outcome.notes:
        terminal.warn(note)
    terminal.info(outcome.summary)
    return outcome


def print_purchase(outcome: Outcome, out: Output, state: AppState) -> None:
    """The number a purchase came to (bought, or already the account's), in the run's
    format; exit 5 when Twilio bought another number than asked (it is printed first)."""
    print_incoming([outcome.number], outcome.title, out, state)
    if outcome.bought_other:
        raise typer.Exit(int(ExitCode.UNAVAILABLE))


# -- managing an owned number: update and release ------------------------------------------

COMPLETION_TIMEOUT = 2.0  # seconds per attempt: completion must not hang a shell
_PARTIAL_NUMBER = re.compile(r"\+?[0-9]{1,15}")


def complete_owned_number(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Shell completion: the account's numbers that start with what is typed, each with
    its friendly name. Quiet and short (COMPLETION_TIMEOUT); any failure offers nothing."""
    import os

    try:
        from numsearch import api

        root = ctx.find_root()
        sandbox = bool(root.params.get("sandbox")) or os.environ.get("NUMSEARCH_SANDBOX") == "1"
        settings = ClientSettings(
            profile=ctx.params.get("profile") or os.environ.get("NUMSEARCH_PROFILE"),
            timeout=COMPLETION_TIMEOUT,
            region=ctx.params.get("region") or os.environ.get("TWILIO_REGION"),
            edge=ctx.params.get("edge") or os.environ.get("TWILIO_EDGE"),
            api_url=ctx.params.get("api_url") or os.environ.get("NUMSEARCH_API_URL"),
            sandbox=sandbox,
        )
        client = api.open_client(settings, warn=lambda _message: None)
        typed = incomplete.strip()
        pattern = typed if _PARTIAL_NUMBER.fullmatch(typed) else None
        return [
            (n.phone_number, n.friendly_name or "")
            for n in client.incoming_numbers(pattern)
            if n.phone_number and n.phone_number.startswith(typed)
        ]
    except Exception:  # a shell's completion never shows an error
        return []


OwnedNumberArgument = Annotated[
    str,
    typer.Argument(
        help="A number on the account (+15105550100, or national with --country), or its"
        " SID (PN…).",
        metavar="NUMBER",
        show_default=False,
        autocompletion=complete_owned_number,
    ),
]

DryRunOption = Annotated[
    bool,
    typer.Option(
        "--dry-run",
        help="Look the number up, print the request that would change it; change nothing.",
    ),
]


def print_dry_run(
    state: AppState,
    out: Output,
    method: str,
    url: str,
    form: Mapping[str, str],
    *,
    extra: Mapping[str, Any] | None = None,
) -> None:
    """The request a command would send, in the run's format, with `extra` fields (a
    purchase's monthly price); says nothing was sent."""
    from urllib.parse import urlencode

    structured = output_format(out, state.terminal) in (OutputFormat.json, OutputFormat.jsonl)
    record = {"method": method, "url": url, "form": dict(form) if structured else urlencode(form)}
    record |= dict(extra or {})
    print_records(
        [record], out, state.terminal, fields=tuple(record), table="request",
        title="Dry run: this request would be sent (nothing was)",
    )  # fmt: skip
    state.terminal.info("dry run: nothing was sent, nothing was changed")


Work = TypeVar("Work")


def with_spinner(
    state: AppState, doing: str, checking: str, work: Callable[[Callable[[str], None]], Work]
) -> Work:
    """Run `work(tell)` under a spinner saying `doing`; when it tells of a lost answer,
    the spinner stops for the message, then spins again saying `checking`."""
    from contextlib import ExitStack

    terminal = state.terminal
    with ExitStack() as spinning:

        def tell(message: str) -> None:
            spinning.close()
            terminal.warn(message)
            spinning.enter_context(terminal.spinner(checking))

        spinning.enter_context(terminal.spinner(doing))
        return work(tell)
