"""Seeing the whole inventory past Twilio's cap (`--all`): a search split into narrower
searches until every answer is complete, run concurrently, merged.

How it splits. Every search covers a set of national numbers, written as a template of
its digits, known or not: `510???????` (AreaCode 510), `?????78676` (a word at the end).
An answer of `cap` numbers or more may be cut, so its search is split, in one of these
ways: one more digit next to the known ones (`+15102` ... `+15109`; `278676$` ...; fewer
where the numbering plan rules digits out: a North American exchange starts with 2-9);
in the US and Canada while the area code is unknown, AreaCode over the plan's area codes
or the first digits (`+15`, `+150`); for the user's pattern, its first and last places
and, in one search, anywhere between (`+178676`, `*78676*`, `78676$`), a cut middle
halved or pinned place by place. Of the ways open, the cut answer (a sample of the part)
picks the cheapest: one request a part, and about ten more for a part that holds most
of the sample; a part that holds `cap` numbers of the sample would be cut too, so it is
split without being asked. Each part is sent as the Contains shape the spec allows:
`+<country><digits>` when the block starts the number, `<digits>$` when it ends it, else
the block with `*` around it (one block, no wildcard inside). The other filters stay as
the user set them. The parts of a split together hold every number of the parent, so
the union of the complete answers is everything the query matches.
"""

from __future__ import annotations

import logging
import re
import time
from collections import deque
from collections.abc import Callable, Iterable
from functools import cache
from typing import TYPE_CHECKING, NamedTuple

from numsearch.countries import US_CA
from numsearch.errors import CredentialsError, InvalidInput, NumsearchError
from numsearch.numbering import national_length as length_of
from numsearch.retries import BudgetSpent, RequestBudget
from numsearch.search import Checked, check_answer
from numsearch.spec_limits import wildcards_inside
from numsearch.untrusted import quoted

if TYPE_CHECKING:
    from concurrent.futures import Future

    from numsearch.api import SearchAnswer, TwilioClient
    from numsearch.models import AvailableNumber
    from numsearch.query import SearchQuery

log = logging.getLogger("numsearch.sweep")

DEFAULT_MAX_REQUESTS = 300
MAX_MAX_REQUESTS = 100_000
UNKNOWN = "?"
PAGE = 1000  # every request asks for Twilio's largest page
MAX_CONTAINS = 16


class Part(NamedTuple):
    """One search of a sweep: a template of the national number (`?` unknown), the
    AreaCode sent with it, and the user's own pattern for the first search."""

    template: str
    area_code: str | None
    share: float  # of the whole space, for "left unexplored"
    pattern: str | None = None  # sent as it is (the root); None: derived from the template
    # The user's word (digits) anywhere from position span[0] to span[1] of the national
    # number (`*78676*`: 1 to 4), on top of the template; None: the template says it all.
    span: tuple[int, int] | None = None
    word: str = ""


class Progress(NamedTuple):
    """Where a sweep stands, for a progress line."""

    done: int
    queued: int
    found: int
    elapsed: float


class Sweep(NamedTuple):
    """What a sweep found, and whether it saw everything."""

    numbers: list[AvailableNumber]
    requests: int
    complete: bool
    unexplored: int = 0  # searches left unasked
    unexplored_share: float = 0.0  # of the space, roughly
    elapsed: float = 0.0  # seconds
    stuck: int = 0  # answers that were cut and could not be narrowed
    matched: int | None = None  # numbers found before --limit cut them (None: not cut)

    def summary(self) -> str:
        """One line for stderr."""
        noun = "request" if self.requests == 1 else "requests"
        total = len(self.numbers) if self.matched is None else self.matched
        found = f"{total} number{'' if total == 1 else 's'}"
        if total != len(self.numbers):
            found += f" ({len(self.numbers)} kept)"
        took = f"{self.elapsed:.1f} s"
        if self.complete:
            return f"sweep: {self.requests} {noun}, {found}, complete in {took}"
        if self.stuck and not self.unexplored:
            return (
                f"sweep: {self.requests} {noun}, {found} in {took}, incomplete: {self.stuck}"
                f" answer{'' if self.stuck == 1 else 's'} held the cap or more and no"
                " narrower search was left to ask"
            )
        return (
            f"sweep: {self.requests} {noun}, {found} in {took}, incomplete: stopped at"
            f" --max-requests with {self.unexplored} searches left unasked (about"
            f" {max(self.unexplored_share, 0.001):.1%} of the space unexplored)"
        )


# -- the plan --------------------------------------------------------------------------


def national_length(query: SearchQuery) -> int:
    """Digits of the country's national numbers of this type."""
    if query.country in US_CA:
        return 10

    return length_of(query.country, query.number_type.key)


@cache
def country_code(country: str) -> str:
    if country in US_CA:
        return "1"
    import phonenumbers

    return str(phonenumbers.country_code_for_region(country))


@cache
def area_codes(country: str, type_key: str) -> tuple[str, ...]:
    """The numbering plan's area codes of `type_key` numbers in `country` (US/CA): those
    where a number of a few sample exchanges fits phonenumbers' pattern for that type in
    that country (its own metadata only: asking which region a number is in would load
    every North American country's)."""
    from phonenumbers.phonemetadata import PhoneMetadata

    meta = PhoneMetadata.metadata_for_region(country)
    if meta is None:
        return ()
    descs = [meta.toll_free] if type_key == "toll_free" else [meta.fixed_line, meta.mobile]
    patterns = [re.compile(d.national_number_pattern) for d in descs if d is not None
                and d.national_number_pattern]  # fmt: skip
    samples = ("201", "234", "555", "786", "999", "356", "472")
    return tuple(
        str(npa)
        for npa in range(200, 1000)
        if any(p.fullmatch(f"{npa}{nxx}4567") for nxx in samples for p in patterns)
    )


def check_pattern(query: SearchQuery) -> None:
    """Refuse (InvalidInput) a user's pattern a sweep could not split within the spec: one
    with wildcards between characters, with the spec-valid way to ask for it."""
    pattern = query.contains
    if pattern is None:
        return
    body = pattern.removeprefix("+").removesuffix("$")
    if not pattern.startswith("+") and not pattern.endswith("$") and len(body.strip("*%")) < 2:
        raise InvalidInput(
            f"--all needs two letters or digits or more in {quoted(query.letters or pattern)}: the"
            " spec allows a wildcard only beside two (anchor it instead: +15, 5$)"
        )
    if not wildcards_inside(body):
        return
    typed = query.letters or pattern
    body = typed.removeprefix("+").removesuffix("$")
    blocks = [block for block in body.replace("%", "*").split("*") if block]
    head, tail = body.split("*")[0].split("%")[0], blocks[-1]
    whole = len(body) == national_length(query)  # the pattern spans the whole number
    if whole and query.country in US_CA and len(head) == 3 and head.isdigit():
        better = f"ask --area-code {head} --ends-with {tail}"  # the very same numbers
    elif len(longest := max(blocks, key=len)) >= 2:
        better = (
            f"no shape it allows asks exactly that: sweep one block (--contains {longest}"
            " --all) and keep the matches yourself"
        )
    else:
        better = "no shape it allows asks exactly that: search it without --all"
    raise InvalidInput(
        f"--all sends only the Contains shapes Twilio's spec allows (wildcards at the start"
        f" or end, not between characters), and {quoted(typed)} has them inside: {better}"
    )


def roots(query: SearchQuery) -> list[Part]:
    """The first searches: the user's, once per area code given. A pattern that can sit in
    one place only (what --starts-with and --ends-with make, `510555****`) is sent in the
    shape without wildcards that says the same (`+1510555`, `1234$`)."""
    length = national_length(query)
    codes: Iterable[str | None] = query.area_codes or (None,)
    parts = []
    for code in codes:
        template = (code or "") + UNKNOWN * (length - len(code or ""))
        root = Part(template, code, 1 / max(len(query.area_codes), 1), query.contains)
        if query.contains is not None:
            pinned = placements(root, query.contains, query)
            root = pinned[0]._replace(share=root.share) if len(pinned) == 1 else root
        parts.append(root)
    return parts


def _starts(part: Part, pattern: str, query: SearchQuery) -> tuple[str, list[int]]:
    """The user's pattern as a block of digits, and where in the national number it can
    start in `part`'s template (consistent with its digits and the numbering plan)."""
    cc = country_code(query.country)
    length = len(part.template)
    body = pattern.removeprefix("+").removesuffix("$")
    block = body.strip("*%")
    lead = len(body) - len(body.lstrip("*%"))
    trail = len(body) - len(body.rstrip("*%"))
    lead_min = body[:lead].count("*")
    trail_min = body[len(body) - trail :].count("*")
    if pattern.startswith("+"):
        if not block.startswith(cc):
            return block, []
        return block[len(cc) :], ([0] if _placed(part.template, block[len(cc) :], 0) else [])
    if pattern.endswith("$"):
        starts = [length - len(block)]
    else:
        starts = list(range(lead_min, length - len(block) - trail_min + 1))
    return block, [
        start
        for start in starts
        if (placed := _placed(part.template, block, start)) is not None and plausible(placed, query)
    ]


def placements(part: Part, pattern: str, query: SearchQuery) -> list[Part]:
    """The user's pattern pinned to each place it can sit in `part`'s template."""
    block, starts = _starts(part, pattern, query)
    found: list[Part] = []
    for start in starts:
        template = _placed(part.template, block, start)
        if template is not None and template not in [p.template for p in found]:
            found.append(Part(template, part.area_code, 0.0))
    return _shared(part, found)


def spans(part: Part, pattern: str, query: SearchQuery) -> list[Part]:
    """The user's pattern pinned to its first and its last place, and between them
    anywhere (`+178676`, `*78676*`, `78676$`): three searches instead of one a place."""
    block, starts = _starts(part, pattern, query)
    if len(starts) < 3:
        return placements(part, pattern, query)
    middle = Part(part.template, part.area_code, 0.0, None, (starts[1], starts[-2]), block)
    ends = [Part(t, part.area_code, 0.0) for s in (starts[0], starts[-1])
            if (t := _placed(part.template, block, s)) is not None]  # fmt: skip
    return _shared(part, [ends[0], middle, ends[1]])


def _halves(part: Part, query: SearchQuery) -> list[list[Part]]:
    """A span split in two halves, or into its places."""
    assert part.span is not None
    low, high = part.span
    places = [
        Part(t, part.area_code, 0.0)
        for s in range(low, high + 1)
        if (t := _placed(part.template, part.word, s)) is not None and plausible(t, query)
    ]
    if high - low < 2:
        return [_shared(part, places)]
    mid = (low + high) // 2
    halves = [
        part._replace(span=(low, mid)) if mid > low else _pinned(part, low),
        part._replace(span=(mid + 1, high)) if high > mid + 1 else _pinned(part, high),
    ]
    return [_shared(part, [h for h in halves if h is not None]), _shared(part, places)]


def _pinned(part: Part, start: int) -> Part | None:
    template = _placed(part.template, part.word, start)
    return None if template is None else Part(template, part.area_code, 0.0)


def plausible(template: str, query: SearchQuery) -> bool:
    """Whether the numbering plan has numbers of this template: in North America, its
    first three digits may be an area code of the plan and its fourth starts an exchange
    (2-9). Elsewhere, any."""
    if query.country not in US_CA:
        return True
    if template[3] not in (UNKNOWN, *"23456789"):
        return False
    known = template[:3]
    return any(
        all(k in (UNKNOWN, c) for k, c in zip(known, code, strict=True))
        for code in area_codes(query.country, query.number_type.key)
    )


def _placed(template: str, block: str, start: int) -> str | None:
    if start < 0 or start + len(block) > len(template):
        return None
    cells = list(template)
    for offset, digit in enumerate(block):
        here = cells[start + offset]
        if here not in (UNKNOWN, digit):
            return None
        cells[start + offset] = digit
    return "".join(cells)


def split(part: Part, query: SearchQuery, sample: Iterable[str] = ()) -> list[Part]:
    """The narrower searches that together cover `part` (none when it cannot narrow):
    of the ways to split it, the one the `sample` (the national numbers its cut answer
    held) suggests costs fewest requests."""
    options = candidates(part, query)
    if len(options) < 2:
        return options[0] if options else []
    seen = list(sample)
    return min(options, key=lambda children: estimated_cost(children, seen))


def estimated_cost(children: list[Part], sample: list[str]) -> int:
    """Requests a split will take: one per child, and about ten more for each child that
    holds most of the sample (an answer of `cap` numbers or more: it will be cut too)."""
    crowded = 0
    for child in children:
        inside = sum(1 for national in sample if holds(child, national))
        crowded += inside * 2 > len(sample) > 0
    return len(children) + 10 * crowded


def holds(part: Part, national: str) -> bool:
    """Whether a number (its national digits) of the parent's answer is in `part`."""
    if not _fits(part.template, national):
        return False
    if part.span is None:
        return True
    low, high = part.span
    return any(national.startswith(part.word, start) for start in range(low, high + 1))


def _fits(template: str, national: str) -> bool:
    return len(template) == len(national) and all(
        t in (UNKNOWN, d) for t, d in zip(template, national, strict=True)
    )


def candidates(part: Part, query: SearchQuery) -> list[list[Part]]:
    """The ways to split `part`, each a list of narrower parts that together cover it: the
    user's pattern pinned to its places, or one more digit next to the known ones, and in
    North America, while the area code is unknown, one part per area code of the plan."""
    nanp = query.country in US_CA
    if part.pattern is not None:
        pinned = placements(part, part.pattern, query)
        if len(pinned) == 1:  # the pattern has one place: the same numbers as the template
            return candidates(pinned[0], query)
        options = [spans(part, part.pattern, query), pinned]
        if nanp and part.area_code is None:
            options.append(_by_area_code(part, query))
        return options
    if part.span is not None:
        return _halves(part, query)
    template = part.template
    position = _next_position(template)
    if position is None:
        return []
    digits = "23456789" if nanp and position in (0, 3) else "0123456789"
    children = [
        Part(template[:position] + d + template[position + 1 :], part.area_code, 0.0)
        for d in digits
    ]
    by_digit = _shared(part, [c for c in children if plausible(c.template, query)])
    if len(by_digit) == 1:  # the plan allows one digit here: the same numbers, one digit on
        return candidates(by_digit[0], query)
    if nanp and part.area_code is None:
        # Within the area code the plan's list is the better guess when it is short or
        # full; the digit (`+15`, `+151`) when most area codes hold nothing (a region).
        return (
            [_by_area_code(part, query), by_digit]
            if position < 3
            else [by_digit, _by_area_code(part, query)]
        )
    return [by_digit]


def _by_area_code(part: Part, query: SearchQuery) -> list[Part]:
    """One part per area code of the plan consistent with `part`'s first digits."""
    known = part.template[:3]
    children = [
        Part(code + part.template[3:], code, 0.0, part.pattern)
        for code in area_codes(query.country, query.number_type.key)
        if all(k in (UNKNOWN, c) for k, c in zip(known, code, strict=True))
    ]
    return _shared(part, children)


def _shared(part: Part, children: list[Part]) -> list[Part]:
    return [c._replace(share=part.share / max(len(children), 1)) for c in children]


def _next_position(template: str) -> int | None:
    """The unknown digit to split on: right after the known block after the area code,
    else just before it; the first digit after the area code when only it is known."""
    unknown = [i for i, ch in enumerate(template) if ch == UNKNOWN]
    if not unknown:
        return None
    known = [i for i, ch in enumerate(template) if ch != UNKNOWN and i >= 3] or [
        i for i, ch in enumerate(template) if ch != UNKNOWN
    ]
    if not known:
        return 0
    end = max(known) + 1
    if end < len(template) and template[end] == UNKNOWN:
        return end
    start = min(known)
    while start > 0 and template[start - 1] != UNKNOWN:
        start -= 1
    return start - 1 if start > 0 else unknown[0]


def contains_of(part: Part, query: SearchQuery) -> str | None:
    """The Contains a part sends: the user's pattern for a root, else its template's
    known block as the spec allows it (no wildcard inside)."""
    if part.pattern is not None:
        return part.pattern
    template = part.template
    if part.span is not None:  # the word anywhere from span[0] to span[1]
        low, high = part.span
        return "*" * low + part.word + "*" * (len(template) - len(part.word) - high)
    known = [i for i, ch in enumerate(template) if ch != UNKNOWN]
    if part.area_code is not None:
        beyond = [i for i in known if i >= 3]
        if not beyond:
            return None
        if beyond[0] > 3:  # the AreaCode parameter carries the first three digits
            known = beyond
    if not known:
        return None
    first, last = known[0], known[-1] + 1
    block = template[first:last]
    if UNKNOWN in block:
        raise AssertionError(f"a template with two blocks: {template}")  # split never makes one
    prefix = f"+{country_code(query.country)}{block}"
    if first == 0 and len(prefix) <= MAX_CONTAINS:
        return prefix
    if last == len(template):
        return f"{block}$"
    return "*" * first + block + "*" * (len(template) - last)


def params_of(part: Part, query: SearchQuery) -> dict[str, str]:
    """The query string of one part: the user's filters, the part's AreaCode and
    Contains, and the largest page."""
    narrowed = query._replace(
        area_codes=(part.area_code,) if part.area_code else (),
        contains=contains_of(part, query),
        limit=PAGE,
    )
    return narrowed.request_params()[0]


def describe(part: Part, query: SearchQuery) -> str:
    """`AreaCode=510 Contains=+15102` for --debug."""
    params = params_of(part, query)
    shown = [f"{k}={params[k]}" for k in ("AreaCode", "Contains") if k in params]
    return " ".join(shown) or "(no AreaCode or Contains)"


# -- the run ----------------------------------------------------------------------------


def sweep(
    client: TwilioClient,
    query: SearchQuery,
    *,
    cap: int,
    max_requests: int = DEFAULT_MAX_REQUESTS,
    concurrency: int = 4,
    progress: Callable[[Progress], None] | None = None,
    warn: Callable[[str], None] | None = None,
) -> Sweep:
    """Every number `query` matches, asked part by part (at most `max_requests` HTTP
    requests, retries included, `concurrency` at once), checked against `query`
    (search.py: `warn` hears once what was left out), merged without duplicates, ordered
    by number. Whether an answer was cut is judged by its size as it came. Any error
    stops the sweep (rejected credentials at once) and is raised."""
    from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait

    check_pattern(query)
    run = _Run(query, cap)
    started = time.monotonic()
    budget = RequestBudget(max_requests)
    running: dict[Future[SearchAnswer], Part] = {}
    pool = ThreadPoolExecutor(max_workers=max(concurrency, 1), thread_name_prefix="sweep")
    try:
        while run.queue or running:
            # Each search's first request is taken here, its retries by the client.
            while run.queue and len(running) < concurrency and budget.take():
                part = run.queue.popleft()
                asked = pool.submit(client.search_page, query, params_of(part, query), budget)
                running[asked] = part
            if not running:
                break  # the budget is spent
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                run.take(running.pop(future), future)  # an error stops all (finally below)
            if progress is not None:
                progress(Progress(budget.spent - len(running), len(run.queue) + len(running),
                                  len(run.found), time.monotonic() - started))  # fmt: skip
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
        if run.left_out.dropped and warn is not None:
            warn(run.left_out.warning())
    left = sum(p.share for p in run.queue)
    took = time.monotonic() - started
    complete = not run.queue and not run.stuck
    return Sweep(
        _in_order(run.found), budget.spent, complete, len(run.queue), left, took, run.stuck
    )


class _Run:
    """A sweep's state between its answers: the searches left to ask, what was found."""

    def __init__(self, query: SearchQuery, cap: int) -> None:

        self.query = query
        self.cap = cap
        self.queue: deque[Part] = deque(roots(query))
        self.found: dict[str, AvailableNumber] = {}
        self.left_out = Checked([])  # what the answers held that the query did not ask for
        self.stuck = 0  # answers that were cut and could not be narrowed

    def take(self, part: Part, future: Future[SearchAnswer]) -> None:
        """One part's answer: its numbers kept, narrower parts queued when it was cut.
        A part whose retry the budget could not pay is queued again, as not asked. An
        error is raised with what the sweep had found (for the caller to print), except
        rejected credentials, which stop it at once."""
        try:
            answer = future.result()
        except BudgetSpent:
            self.queue.appendleft(part)
            return
        except NumsearchError as error:
            if not isinstance(error, CredentialsError):
                error.found = _in_order(self.found)
            raise
        checked = check_answer(self.query, answer.numbers)
        self.left_out = self.left_out.joined(checked._replace(kept=[]))
        for number in checked.kept:
            self.found.setdefault(number.phone_number or "", number)
        if answer.received >= self.cap:  # as it came: one cut to PageSize was full too
            narrower = _narrower(part, self.query, checked.kept, self.cap)
            self.stuck += not narrower  # cut, and no narrower search to ask instead
            self.queue.extend(narrower)


def _in_order(found: dict[str, AvailableNumber]) -> list[AvailableNumber]:
    return sorted(found.values(), key=lambda n: n.phone_number or "")


def _narrower(
    part: Part, query: SearchQuery, answer: list[AvailableNumber], cap: int
) -> list[Part]:
    """The parts to ask instead of `part`, whose answer was cut. A child that holds `cap`
    numbers of that very answer would be cut too: it is split at once, not asked."""
    skip = 1 + len(country_code(query.country))
    sample = [(n.phone_number or "")[skip:] for n in answer]
    return _split_known_full(part, query, sample, cap, depth=0)


def _split_known_full(
    part: Part, query: SearchQuery, sample: list[str], cap: int, depth: int
) -> list[Part]:
    children = _logged_split(part, query, sample)
    if depth >= 8:  # a guard: each level pins one more digit
        return children
    asked: list[Part] = []
    for child in children:
        inside = [n for n in sample if holds(child, n)]
        if len(inside) >= cap:
            log.debug("sweep: %s holds %d of that answer: split unasked", describe(child, query),
                      len(inside))  # fmt: skip
            asked += _split_known_full(child, query, inside, cap, depth + 1) or [child]
        else:
            asked.append(child)
    return asked


def _logged_split(part: Part, query: SearchQuery, sample: list[str]) -> list[Part]:
    count = len(sample)
    children = split(part, query, sample)
    if log.isEnabledFor(logging.DEBUG):
        shown = ", ".join(describe(c, query) for c in children[:12])
        more = f", … ({len(children)} in all)" if len(children) > 12 else ""
        log.debug(
            "sweep: %s holds %d or more: split into %d: %s%s",
            describe(part, query), count, len(children), shown, more,
        )  # fmt: skip
    if not children:
        log.debug("sweep: %s cannot be narrowed further", describe(part, query))
    return children


def find_all(
    client: TwilioClient,
    query: SearchQuery,
    *,
    rank: bool,
    cap: int,
    max_requests: int = DEFAULT_MAX_REQUESTS,
    concurrency: int = 4,
    progress: Callable[[Progress], None] | None = None,
    warn: Callable[[str], None] | None = None,
) -> Sweep:
    """A sweep's numbers, marked and (with `rank`) ordered best first as a single search's
    are, then cut to `query.limit`."""
    try:
        result = sweep(
            client, query, cap=cap, max_requests=max_requests, concurrency=concurrency,
            progress=progress, warn=warn,
        )  # fmt: skip
    except NumsearchError as error:
        error.found = _cut(_marked(error.found, query, rank), query)
        raise
    numbers = _marked(result.numbers, query, rank)
    return result._replace(numbers=_cut(numbers, query), matched=len(numbers))


def _marked(
    numbers: list[AvailableNumber], query: SearchQuery, rank: bool
) -> list[AvailableNumber]:
    """A sweep's numbers marked (and with `rank` ordered) as a single search's are."""
    from numsearch.vanity import annotate

    if not (query.contains or rank):
        return numbers

    return annotate(
        numbers, pattern=query.contains, letters=query.letters, rank=rank,
        default_country=query.country,
    )  # fmt: skip


def _cut(numbers: list[AvailableNumber], query: SearchQuery) -> list[AvailableNumber]:
    return numbers if query.limit is None else numbers[: query.limit]
