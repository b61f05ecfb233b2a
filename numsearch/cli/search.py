"""The search commands: `numsearch local|tollfree|mobile|... [COUNTRY] [filters]`."""

from __future__ import annotations

from typing import Annotated

import typer

from numsearch.cli.app import app, state_of
from numsearch.cli.options import (
    Connection,
    Output,
    Search,
    connection_options,
    output_options,
    search_filters,
)
from numsearch.cli.render import check_number_fields, print_numbers
from numsearch.countries import complete_country
from numsearch.errors import ExitCode
from numsearch.query import NUMBER_TYPES, NumberType, build_query

CountryArgument = Annotated[
    str,
    typer.Argument(
        help="ISO 3166-1 alpha-2 country code, any case (GB, not UK).",
        metavar="COUNTRY",
        show_default=True,
        autocompletion=complete_country,
    ),
]


def _register(kind: NumberType) -> None:
    @app.command(
        kind.command,
        help=f"Search {kind.label} numbers available to buy in COUNTRY (default US).",
        rich_help_panel="Search",
    )
    @connection_options
    @output_options
    @search_filters
    def command(
        ctx: typer.Context,
        country: CountryArgument = "US",
        *,
        search: Search,
        out: Output,
        connection: Connection,
    ) -> None:
        state = state_of(ctx)
        query = build_query(kind.command, country, search.filters)
        check_number_fields(out)
        if query.word:
            state.env.info(f"searching for {query.word} as the digits {query.contains}")
        client = state.client(connection, concurrency=search.concurrency)
        with state.env.spinner(f"Searching {query.country} {kind.label} numbers…"):
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
        print_numbers(numbers, query, out, state.env, ranked=search.rank, sandbox=state.sandbox)
        raise typer.Exit(int(ExitCode.FOUND if numbers else ExitCode.NOTHING_FOUND))

    command.__name__ = command.__qualname__ = f"search_{kind.key}"


for _kind in NUMBER_TYPES.values():
    _register(_kind)
