"""How a GET is retried: urllib3's Retry on connection failures, 429 and 5xx, with
exponential backoff that honours Retry-After; and the budget of requests a sweep pays
every attempt from (--max-requests).

The waits go through one Backoff per client: every request, the concurrent ones of an
area code fan-out or a sweep too, waits out a pause any of them was told to take, so a
429 on one slows all. A request sent with a RequestBudget pays each retry from it before
it is made; a retry the budget cannot pay is not made, and the request ends in
BudgetSpent rather than in the failure it would have retried.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from numsearch.errors import TwilioUnavailable
from numsearch.http_failures import RETRIES

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
BACKOFF_FACTOR = 0.25  # 0.25 s, 0.5 s, 1 s between attempts (plus jitter)
RETRY_AFTER_MAX = 30  # seconds: a longer Retry-After is cut to this


class RequestBudget:
    """At most `limit` HTTP requests (a sweep's --max-requests), retries included, shared
    by every thread that sends them: each attempt takes one before it is sent."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._spent = 0
        self._lock = threading.Lock()

    @property
    def spent(self) -> int:
        """Requests taken so far."""
        return self._spent

    def take(self) -> bool:
        """One more request, if the budget has it left (False: send nothing)."""
        with self._lock:
            if self._spent >= self.limit:
                return False
            self._spent += 1
            return True


class BudgetSpent(TwilioUnavailable):
    """A retry not made: the request budget that would have paid for it is spent. A sweep
    counts its search as not asked."""


class _RetryBill:
    """The budget one request's retries are paid from, and whether one was refused."""

    def __init__(self, budget: RequestBudget) -> None:
        self.budget = budget
        self.refused = False

    def spent(self) -> BudgetSpent:
        return BudgetSpent(
            f"not retried: the budget of {self.budget.limit} requests is spent"
            " (--max-requests counts every attempt)"
        )


# The bill of the request this thread is sending: urllib3 retries within the call to
# requests, on the same thread, through Retry.increment.
_RETRY_BILL: ContextVar[_RetryBill | None] = ContextVar("numsearch_retry_bill", default=None)


class Backoff:
    """One pause shared by every request of a client: a wait that a retry takes (its
    Retry-After, or the exponential backoff) holds back every other request until it
    has passed, whichever thread sends it; they then resume spread over STAGGER seconds,
    so that a rate limit is not met again by all of them at the same instant."""

    STAGGER = 0.5  # seconds: the requests a pause held resume spread over this, not at once

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._until = 0.0

    @staticmethod
    def pause(seconds: float) -> None:
        """Sleep (tests replace it)."""
        time.sleep(seconds)

    def hold(self, seconds: float) -> None:
        """Pause every request for `seconds` from now (a longer pause already set stays)."""
        with self._lock:
            self._until = max(self._until, time.monotonic() + max(seconds, 0.0))

    def wait(self) -> None:
        """Return once no pause is in force."""
        while True:
            with self._lock:
                until = self._until
            left = until - time.monotonic()
            if left <= 0:
                return

            self.pause(left + random.uniform(0.0, self.STAGGER))  # noqa: S311
            with self._lock:
                if self._until == until:  # nobody lengthened it meanwhile: it is over
                    return


def retry_policy(backoff: Backoff, retries: int = RETRIES) -> Any:
    """urllib3's Retry for a client: GETs only, `retries` times, on connection failures,
    429 and 5xx, its waits through `backoff`, each retry paid from the request's budget
    when it has one."""
    return _shared_retry(backoff)(
        total=retries,
        connect=retries,
        read=retries,
        status=retries,
        other=0,
        allowed_methods=frozenset({"GET"}),
        status_forcelist=RETRY_STATUSES,
        backoff_factor=BACKOFF_FACTOR,
        backoff_jitter=0.1,
        respect_retry_after_header=True,
        retry_after_max=RETRY_AFTER_MAX,
        raise_on_status=False,
    )


@contextmanager
def retries_paid_from(budget: RequestBudget | None) -> Iterator[_RetryBill | None]:
    """While a request is sent on this thread, its retries are paid from `budget` (None:
    not counted); the bill says whether one was refused."""
    bill = _RetryBill(budget) if budget is not None else None
    token = _RETRY_BILL.set(bill)
    try:
        yield bill
    finally:
        _RETRY_BILL.reset(token)


def _shared_retry(backoff: Backoff) -> Any:
    """urllib3's Retry (what is retried, how often, how long to wait), whose waits go
    through `backoff`, so that concurrent requests share them."""
    from urllib3.util.retry import Retry

    class SharedRetry(Retry):
        def parse_retry_after(self, retry_after: str) -> float:
            """A Retry-After that is not seconds or a date is ignored (0: the usual
            backoff), never taken for a network failure."""
            from urllib3.exceptions import InvalidHeader

            try:
                return float(super().parse_retry_after(retry_after))
            except InvalidHeader:
                return 0.0

        def increment(self, *args: Any, **kwargs: Any) -> Any:
            """The next retry, paid from the request's budget first (MaxRetryError, as
            when the retries are used up, when it cannot be: urllib3 then hands back
            the failed answer or raises the failure, and the client says why)."""
            retry = super().increment(*args, **kwargs)  # MaxRetryError: none left anyway
            bill = _RETRY_BILL.get()
            if bill is not None and not bill.budget.take():
                from urllib3.exceptions import MaxRetryError, ResponseError

                bill.refused = True
                last = retry.history[-1]
                reason = last.error or ResponseError(f"HTTP {last.status}: not retried")
                pool = kwargs.get("_pool")  # urllib3 passes it by name, None at times
                raise MaxRetryError(pool, last.url, reason)  # type: ignore[arg-type]
            return retry

        def sleep(self, response: Any = None) -> None:
            wait = None
            if response is not None and self.respect_retry_after_header:
                wait = self.get_retry_after(response)
            backoff.hold(wait if wait else self.get_backoff_time())
            backoff.wait()

    return SharedRetry
