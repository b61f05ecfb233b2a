"""One search: Twilio's answer for a query, with vanity marks and ranking where asked."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from numsearch.api import TwilioClient
    from numsearch.models import AvailableNumber
    from numsearch.query import SearchQuery


def find_numbers(client: TwilioClient, query: SearchQuery, *, rank: bool) -> list[AvailableNumber]:
    """The numbers matching `query` (one request per area code, merged), each marked
    where the searched pattern sits and spelled with the searched word; with `rank`,
    scored as vanity numbers and ordered best first."""
    numbers = client.search(query)
    if query.contains or rank:
        from numsearch.vanity import annotate

        numbers = annotate(
            numbers,
            pattern=query.contains,
            letters=query.letters,
            rank=rank,
            default_country=query.country,
        )
    return numbers
