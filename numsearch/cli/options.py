"""Option sets shared by commands, each defined once and added by a decorator.

`@search_filters` gives a command every Twilio filter and hands it one SearchFilters;
`@output_options` gives `-o/--output` and `--fields`; `@connection_options` gives
`--profile`, `--timeout`, `--region` and `--edge`. The decorators extend the command's
signature, which is what Typer reads.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any, NamedTuple, TypeVar

import typer

from numsearch.countries import complete_country
from numsearch.defaults import DEFAULT_CONCURRENCY, DEFAULT_TIMEOUT, MAX_CONCURRENCY
from numsearch.errors import InvalidInput
from numsearch.output import OutputFormat

if TYPE_CHECKING:
    from numsearch.query import SearchFilters

F = TypeVar("F", bound=Callable[..., Any])

FILTERS_PANEL = "Search filters"
OUTPUT_PANEL = "Output"
CONNECTION_PANEL = "Connection"


class AddressScope(StrEnum):
    """Which address requirement --exclude-address-required drops."""

    all = "all"
    local = "local"
    foreign = "foreign"


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
        "--concurrency", f"Area codes searched at once, 1 to {MAX_CONCURRENCY}.",
        metavar="N")], DEFAULT_CONCURRENCY),
]  # fmt: skip


class Search(NamedTuple):
    """Everything a search command was given besides its country: filters, ranking, fan-out."""

    filters: SearchFilters
    concurrency: int
    rank: bool = False


def _build_search(values: dict[str, Any]) -> Search:
    from numsearch.query import SearchFilters

    concurrency = values.pop("concurrency")
    rank = values.pop("rank")
    if not 1 <= concurrency <= MAX_CONCURRENCY:
        raise InvalidInput(f"--concurrency must be 1 to {MAX_CONCURRENCY}, not {concurrency}")
    values["area_code"] = values["area_code"] or []
    values["exclude_address_required"] = [
        scope.value for scope in values["exclude_address_required"] or []
    ]
    return Search(filters=SearchFilters(**values), concurrency=concurrency, rank=rank)


search_filters = add_options(SEARCH_FILTER_PARAMS, "search", _build_search)


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
    """`-o` (None: table on a terminal, JSON in a pipe) and `--fields`."""

    format: OutputFormat | None
    fields: str | None


OUTPUT_PARAMS = [
    _param("output", Annotated[OutputFormat | None, typer.Option(
        "--output", "-o", metavar="FORMAT",
        help="table, json, jsonl or csv (default: table on a terminal, json in a pipe).",
        rich_help_panel=OUTPUT_PANEL)]),
    _param("fields", Annotated[str | None, typer.Option(
        "--fields", help="Comma-separated fields to show, e.g. phone_number,locality.",
        metavar="A,B,C", rich_help_panel=OUTPUT_PANEL)]),
]  # fmt: skip

output_options = add_options(
    OUTPUT_PARAMS, "out", lambda values: Output(format=values["output"], fields=values["fields"])
)


# -- connection ----------------------------------------------------------------------


class Connection(NamedTuple):
    """Which account and host, and how long to wait for each attempt."""

    profile: str | None
    timeout: float
    region: str | None
    edge: str | None


CONNECTION_PARAMS = [
    _param("profile", Annotated[str | None, typer.Option(
        "--profile", "-p", envvar="NUMSEARCH_PROFILE", metavar="NAME",
        help="Credentials from this profile of the config file (numsearch profile add).",
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
]  # fmt: skip


def _build_connection(values: dict[str, Any]) -> Connection:
    timeout = values["timeout"]
    if not 0 < timeout <= 600:
        raise InvalidInput(
            f"--timeout must be more than 0 and at most 600 seconds, not {timeout:g}"
        )
    return Connection(**values)


connection_options = add_options(CONNECTION_PARAMS, "connection", _build_connection)


# -- tracking: only what is new, and hooks ------------------------------------------------

TRACKING_PANEL = "New numbers (cron)"


class Tracking(NamedTuple):
    """`--new-only`, `--state NAME` and `--exec CMD`."""

    new_only: bool
    state: str | None
    exec: str | None


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
]  # fmt: skip


def _build_tracking(values: dict[str, Any]) -> Tracking:
    if values["state"] is not None:
        if not values["new_only"]:
            raise InvalidInput("--state goes with --new-only")
        from numsearch.state import checked_name

        checked_name(values["state"])
    if values["exec_command"] is not None and not values["exec_command"].strip():
        raise InvalidInput("--exec needs a command")
    return Tracking(values["new_only"], values["state"], values["exec_command"])


tracking_options = add_options(TRACKING_PARAMS, "tracking", _build_tracking)
