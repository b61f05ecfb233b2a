"""The search commands: `numsearch local|tollfree|mobile|... [COUNTRY] [filters]`, and
`--by FIELD`: the numbers counted per area code, region, locality or rate centre."""

from collections.abc import Iterator, Mapping
from typing import NoReturn

import typer

from numsearch.cli.app import AppState, state_of
from numsearch.cli.help_text import SEARCH_EXAMPLES, examples
from numsearch.cli.options import (
    CountryArgument,
    Output,
    Tracking,
    connection_options,
    output_options,
    tracking_options,
)
from numsearch.cli.picking import check_can_pick, pick_and_buy
from numsearch.cli.printing import print_counts
from numsearch.cli.search_options import (
    CountByOption,
    Pick,
    Search,
    check_counting,
    pick_options,
    search_filters,
    search_to_pick,
)
from numsearch.cli.startup import command_app
from numsearch.cli.steps import Reporter, open_account, prepare_search, search_numbers
from numsearch.errors import ExitCode, NumsearchError
from numsearch.number_types import NUMBER_TYPES, NumberType
from numsearch.settings import ClientSettings


def _search_app(kind: NumberType) -> typer.Typer:
    """The Typer app of one search command (they differ only in their number type)."""
    app = command_app()

    @app.command(
        kind.command,
        help=f"Search {kind.label} numbers available to buy.\n\n"
        "Every filter is checked before anything is sent (docs/commands.md);\n"
        "--all goes past Twilio's ~30 numbers an answer (docs/sweep.md).",
        epilog=examples(*SEARCH_EXAMPLES[kind.command]),
    )
    @connection_options
    @output_options
    @tracking_options
    @pick_options
    @search_filters
    def command(
        ctx: typer.Context,
        country: CountryArgument = "US",
        *,
        by: CountByOption = None,
        search: Search,
        picking: Pick,
        tracking: Tracking,
        out: Output,
        connection: ClientSettings,
    ) -> None:
        state = state_of(ctx)
        if picking.pick:  # its flags and a terminal, before anything else
            search = search_to_pick(search, by=by)
            check_can_pick(state, out, picking.dry_run)
        if by is not None:
            count_numbers(state, kind, country, by, search, tracking, out, connection)
        # With --pick, -o and --fields are for what is bought (checked above).
        query = prepare_search(state, kind.command, country, search,
                               out._replace(fields=None) if picking.pick else out)  # fmt: skip
        reporter = Reporter(query, search, tracking, out, state, quiet=picking.pick)
        account = open_account(state, connection, concurrency=search.concurrency)
        try:
            numbers = search_numbers(account, query, search)
        except NumsearchError as error:  # a sweep stopped by it: print what it had found
            if error.found:
                reporter.report(error.found, print_empty=False)
            raise
        reported = reporter.report(numbers, print_empty=True)
        if picking.pick and reported:
            pick_and_buy(state, account, reported, query, search, out, dry_run=picking.dry_run)
        if tracking.new_only and numbers and not reported:
            state.terminal.info(f"{len(numbers)} found, none new (state {reporter.seen_name})")
        elif picking.pick and not reported:
            state.terminal.info("nothing found: nothing to pick from")
        raise typer.Exit(int(ExitCode.FOUND if reported else ExitCode.NOTHING_FOUND))

    command.__name__ = command.__qualname__ = f"search_{kind.key}"
    return app


def count_numbers(
    state: AppState,
    kind: NumberType,
    country: str,
    by: str,
    search: Search,
    tracking: Tracking,
    out: Output,
    connection: ClientSettings,
) -> NoReturn:
    """`--by FIELD`: the numbers counted by the field, printed as a chart or rows; exit 0
    when any number was counted, else 1."""
    from numsearch.grouping import count_field

    check_counting(search, tracking)
    field = count_field(by.strip().lower())
    query = prepare_search(state, kind.command, country, search, out, fields=(field.field, "count"))
    count_field(field, query.country)  # --by area-code outside the US and Canada: exit 2 now
    account = open_account(state, connection, concurrency=search.concurrency)
    counts = account.count_by(
        query, field, all=search.sweep_all, max_requests=search.max_requests,
        concurrency=search.concurrency, pricing=search.pricing,
    )  # fmt: skip
    print_counts(counts, query, out, state)
    raise typer.Exit(int(ExitCode.FOUND if counts.total else ExitCode.NOTHING_FOUND))


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
