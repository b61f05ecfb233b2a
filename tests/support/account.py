"""The one stand-in for numsearch's Twilio client in the domain's tests (purchase.py,
compliance.py without HTTP): just enough of TwilioClient, recording what it was asked.

- `answer`: what every purchase answers (a record, or an error raised); `answers` by the
  number asked, when purchases of different numbers answer differently;
- `listings`: what each look at the account's numbers answers in turn (the last one
  repeats): numbers, filtered by the pattern asked for as Twilio's PhoneNumber filter does
  (unless `ignores_filter`), or an error raised;
- `lookup_failure`: an error that every search and regulations lookup raises (advisory
  lookups that fail).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from numsearch.errors import NumsearchError, TwilioUnavailable
from numsearch.models import IncomingNumber

Listing = Sequence[IncomingNumber] | NumsearchError
NO_ANSWER = TwilioUnavailable("no purchase answer was set for this stand-in", sent=False)


class StandInClient:
    """Just enough of TwilioClient; see the module's docstring."""

    def __init__(
        self,
        answer: IncomingNumber | NumsearchError = NO_ANSWER,
        listings: Sequence[Listing] = ((),),
        *,
        answers: Mapping[str, IncomingNumber | NumsearchError] | None = None,
        ignores_filter: bool = False,
        lookup_failure: NumsearchError | None = None,
    ) -> None:
        self.answer = answer
        self.answers = dict(answers or {})
        self.listings = list(listings)
        self.ignores_filter = ignores_filter
        self.lookup_failure = lookup_failure
        self.asked: list[str | None] = []  # the patterns of each look at the account
        self.forms: list[dict[str, str]] = []  # each purchase's form
        self.lookups = 0  # searches and regulations lookups asked
        self.slept: list[float] = []  # for a test's Patience: the pauses between checks

    def incoming_numbers(self, pattern: str | None = None) -> list[IncomingNumber]:
        listing = self.listings[min(len(self.asked), len(self.listings) - 1)]
        self.asked.append(pattern)
        if isinstance(listing, NumsearchError):
            raise listing
        if self.ignores_filter:
            return list(listing)
        return [n for n in listing if pattern and pattern in (n.phone_number or "")]

    def buy(self, form: dict[str, str]) -> IncomingNumber:
        self.forms.append(form)
        answer = self.answers.get(form.get("PhoneNumber", ""), self.answer)
        if isinstance(answer, NumsearchError):
            raise answer
        return answer

    def search(self, query: Any) -> list[Any]:
        return self._lookup()

    def regulations(self, *args: Any) -> list[Any]:
        return self._lookup()

    def _lookup(self) -> list[Any]:
        self.lookups += 1
        if self.lookup_failure is not None:
            raise self.lookup_failure
        return []
