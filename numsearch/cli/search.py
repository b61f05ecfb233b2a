"""The search commands: `numsearch local|tollfree|mobile|... [COUNTRY] [filters]`."""

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Annotated

import typer

from numsearch.cli.options import (
    Connection,
    Output,
    Search,
    Tracking,
    connection_options,
    output_options,
    search_filters,
    tracking_options,
)
from numsearch.cli.render import check_number_fields
from numsearch.cli.report import Reporter
from numsearch.cli.root import AppState, command_app, state_of
from numsearch.countries import complete_country
from numsearch.errors import ExitCode
from numsearch.query import NUMBER_TYPES, NumberType, SearchQuery, build_query

if TYPE_CHECKING:
    from numsearch.api import TwilioClient
    from numsearch.models import AvailableNumber

CountryArgument = Annotated[
    str,
    typer.Argument(
        help="ISO 3166-1 alpha-2 country code, any case (GB, not UK).",
        metavar="COUNTRY",
        show_default=True,
        autocompletion=complete_country,
    ),
]


def find_numbers(
    state: AppState,
    client: "TwilioClient",
    query: SearchQuery,
    search: Search,
    *,
    quiet: bool = False,
) -> "list[AvailableNumber]":
    """One search: Twilio's answer, with vanity marks and ranking where asked."""
    if quiet:  # a watch shows its own status line
        numbers = client.search(query)
    else:
        with state.env.spinner(f"Searching {query.country} {query.number_type.label} numbers…"):
            numbers = client.search(query)
    if query.contains or search.rank:
        from numsearch.vanity import annotate

        numbers = annotate(
            numbers,
            pattern=query.contains,
            letters=query.letters,
            rank=search.rank,
            default_country=query.country,
        )
    return numbers


def prepare(
    state: AppState, command: str, country: str, search: Search, out: Output
) -> SearchQuery:
    """Check everything about a search before anything is sent."""
    query = build_query(command, country, search.filters)
    check_number_fields(out)
    if query.word:
        state.env.info(f"searching for {query.word} as the digits {query.contains}")
    return query


def _search_app(kind: NumberType) -> typer.Typer:
    """The Typer app of one search command (they differ only in their number type)."""
    app = command_app()

    @app.command(
        kind.command,
        help=f"Search {kind.label} numbers available to buy.\n\nCOUNTRY is an ISO 3166-1"
        " alpha-2 code (default US); every filter is Twilio's, checked before sending.",
    )
    @connection_options
    @output_options
    @tracking_options
    @search_filters
    def command(
        ctx: typer.Context,
        country: CountryArgument = "US",
        *,
        search: Search,
        tracking: Tracking,
        out: Output,
        connection: Connection,
    ) -> None:
        state = state_of(ctx)
        query = prepare(state, kind.command, country, search, out)
        reporter = Reporter(query, search, tracking, out, state)
        client = state.client(connection, concurrency=search.concurrency)
        numbers = find_numbers(state, client, query, search)
        reported = reporter.report(numbers, print_empty=True)
        if tracking.new_only and numbers and not reported:
            state.env.info(f"{len(numbers)} found, none new (state {reporter.seen_name})")
        raise typer.Exit(int(ExitCode.FOUND if reported else ExitCode.NOTHING_FOUND))

    command.__name__ = command.__qualname__ = f"search_{kind.key}"
    return app


class _SearchCommands(Mapping[str, typer.Typer]):
    """The seven search commands, each made on first use: a run needs one of them."""

    def __init__(self) -> None:
        self._made: dict[str, typer.Typer] = {}

    def __getitem__(self, name: str) -> typer.Typer:
        if name not in self._made:
            self._made[name] = _search_app(NUMBER_TYPES[name])
        return self._made[name]

    def __iter__(self) -> Iterator[str]:
        return iter(NUMBER_TYPES)

    def __len__(self) -> int:
        return len(NUMBER_TYPES)


COMMANDS = _SearchCommands()
