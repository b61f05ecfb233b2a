"""Reporting matches: only the new ones (--new-only and a watch's own memory), in the
run's format, then --exec hooks, then remembering them (printed first: nothing lost)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from numsearch.cli.render import print_numbers

if TYPE_CHECKING:
    from numsearch.cli.options import Output, Search, Tracking
    from numsearch.cli.root import AppState
    from numsearch.models import AvailableNumber
    from numsearch.query import SearchQuery
    from numsearch.watch import SeenNumbers


class Reporter:
    """Prints a search's results, once each, and runs the hooks for them."""

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
        if tracking.new_only:
            from numsearch.watch import SeenNumbers, default_state_name

            name = tracking.state or default_state_name(
                query.number_type.command, query.country, query.request_params()
            )
            self.seen = SeenNumbers.open(name)
            self.seen_name = name

    def new(self, numbers: Sequence[AvailableNumber]) -> list[AvailableNumber]:
        """Numbers neither reported by an earlier run (--new-only) nor printed in this one."""
        fresh = self.seen.new(numbers) if self.seen else list(numbers)
        return [n for n in fresh if n.phone_number not in self.printed]

    def report(
        self, numbers: Sequence[AvailableNumber], *, print_empty: bool
    ) -> list[AvailableNumber]:
        """Print what is new (or an empty result when `print_empty`), run hooks, remember."""
        new = self.new(numbers)
        if not self.quiet and (new or print_empty):
            print_numbers(
                new, self.query, self.out, self.state.env, ranked=self.search.rank,
                sandbox=self.state.sandbox, header=self.batches == 0,
            )  # fmt: skip
            self.batches += 1
        if self.tracking.exec:
            self._run_hooks(new)
        self.printed.update(n.phone_number for n in new if n.phone_number)
        if self.seen is not None and new:
            self.seen.remember(new)
        return new

    def _run_hooks(self, numbers: Sequence[AvailableNumber]) -> None:
        from numsearch.watch import run_hook

        assert self.tracking.exec is not None
        for number in numbers:
            failure = run_hook(
                self.tracking.exec, number.to_json(vanity=True, score=True), self.state.env.stderr
            )
            if failure is not None:
                self.state.env.warn(failure.message)
