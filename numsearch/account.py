"""numsearch's Python API: the Twilio account to search and buy on.

    import numsearch

    account = numsearch.Account(sandbox=True)
    for number in account.search("local", "US", contains="STORM", rank=True, limit=5):
        print(number.phone_number, number.vanity)

The command line is a thin layer over this: each command reads its flags, makes one call
here per step the user sees, and prints the result. Questions reach the caller through
`confirm`, and what the command line shows on stderr (a sweep's progress, warnings,
notes) through `on_event` (events.py; without it, the `numsearch` logger).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from typing import IO, TYPE_CHECKING, Any, Literal, NamedTuple

from numsearch.account_changes import AccountChanges
from numsearch.countries import SUPPORTED, country_name, normalize_country
from numsearch.errors import InvalidInput, NumsearchError, in_python_terms
from numsearch.events import OnEvent, Teller, to_log
from numsearch.models import Country
from numsearch.number_types import NUMBER_TYPES
from numsearch.query import AddressScope, SearchFilters, build_query
from numsearch.sandbox import NOTICE
from numsearch.search import Cut, find_numbers, unknown_empty_area_codes
from numsearch.settings import DEFAULT_CONCURRENCY, DEFAULT_TIMEOUT, ClientSettings
from numsearch.spec_limits import answer_cap
from numsearch.untrusted import quoted

if TYPE_CHECKING:
    from numsearch.api import TwilioClient
    from numsearch.compliance import Requirement
    from numsearch.grouping import Counts
    from numsearch.models import AvailableNumber, IncomingNumber
    from numsearch.pricing import (
        PriceFilter,
    )
    from numsearch.query import SearchQuery
    from numsearch.sweep import Sweep

AddressScopeName = Literal["all", "local", "foreign"]


class Account(AccountChanges):
    """A Twilio account (or the built-in sandbox) to search, price and buy numbers on.

    Credentials resolve as the command line's do when none are given: `profile` (a
    numsearch or twilio-cli profile), else the TWILIO_* environment variables, else the
    config file's default profile, else twilio-cli's active one. Nothing is sent, and no
    credential is looked for, until the first call that needs Twilio.
    """

    def __init__(
        self,
        *,
        profile: str | None = None,
        account_sid: str | None = None,
        auth_token: str | None = None,
        api_key: str | None = None,
        api_secret: str | None = None,
        subaccount: str | None = None,
        region: str | None = None,
        edge: str | None = None,
        timeout: float | None = None,
        sandbox: bool = False,
        on_event: OnEvent | None = None,
    ) -> None:
        self.settings = ClientSettings(
            profile=profile,
            timeout=DEFAULT_TIMEOUT if timeout is None else timeout,
            region=region,
            edge=edge,
            sandbox=sandbox,
            subaccount=subaccount,
        )
        given = {
            "TWILIO_ACCOUNT_SID": account_sid,
            "TWILIO_AUTH_TOKEN": auth_token,
            "TWILIO_API_KEY": api_key,
            "TWILIO_API_SECRET": api_secret,
        }
        self._given = {name: value for name, value in given.items() if value}
        self.tell = Teller(on_event or to_log)
        self._client: TwilioClient | None = None
        self._log_stream: IO[str] | None = None
        self._flags = False  # errors name parameters (the command line's: its flags)
        self._told: set[object] = set()  # what is told once a run (a watch polls again)

    def __repr__(self) -> str:  # never the credentials
        where = "the sandbox" if self.settings.sandbox else "Twilio"
        return f"<numsearch.Account on {where}>"

    @classmethod
    def from_settings(
        cls, settings: ClientSettings, on_event: OnEvent, *, log_stream: IO[str] | None = None
    ) -> Account:
        """The account the command line's options describe (--profile, --timeout, …);
        with `settings.debug`, each request is logged to `log_stream`."""
        account = cls(on_event=on_event)
        account._flags = True  # its errors name the command line's flags
        account.settings = settings
        account._log_stream = log_stream
        return account

    def client(self, *, concurrency: int | None = None) -> TwilioClient:
        """The HTTP client of this account (opened once): credentials resolved, the host
        chosen. CredentialsError when there are none; nothing is sent."""
        if self._client is None or (
            concurrency is not None and concurrency != self._client.settings.concurrency
        ):
            from numsearch.api import open_client

            settings = self.settings._replace(
                concurrency=concurrency or self.settings.concurrency or DEFAULT_CONCURRENCY
            )
            environ = {**os.environ, **self._given} if self._given else None
            opened = self._client is not None
            self._client = open_client(
                settings, environ=environ, warn=self.tell.warn, log_stream=self._log_stream
            )
            if self._client.sandbox and not opened:
                self.tell.note(NOTICE)
        return self._client

    # -- what the account can have ----------------------------------------------------------

    @in_python_terms
    def countries(self, country: str | None = None, *, offline: bool = False) -> list[Country]:
        """The countries this account can search, with the number types each offers (one
        country when `country` is given); `offline`: Twilio's published list, no account
        needed (beta marked, without number types)."""
        code = normalize_country(country) if country else None
        if offline:
            if code is not None and code not in SUPPORTED:
                raise InvalidInput(
                    f"{code} is not in Twilio's published list (try without --offline)"
                )
            codes = [code] if code else sorted(SUPPORTED, key=country_name)
            return [Country(country_code=c, country=country_name(c), beta=SUPPORTED[c])
                    for c in codes]  # fmt: skip
        client = self.client()
        with self.tell.step("Asking Twilio for countries"):
            if code:
                return [client.country(code)]
            return sorted(client.countries(), key=lambda c: c.country or c.country_code)

    @in_python_terms
    def prices(self, country: str | None = None, *, refresh: bool = False) -> list[dict[str, Any]]:
        """The monthly price of each number type in `country` (Pricing v1: number_type,
        base_price, current_price, price_unit), kept a day in the cache unless `refresh`;
        without a country, the countries Twilio prices numbers in."""
        from numsearch.pricing import country_prices, price_countries

        if country is None:
            client = self.client()
            with self.tell.step("Asking Twilio which countries it prices"):
                return price_countries(client)
        code = normalize_country(country)
        client = self.client()
        with self.tell.step(f"Asking Twilio for the prices of numbers in {code}"):
            prices = country_prices(client, code, refresh=refresh, warn=self.tell.warn)
        return prices.records()

    @in_python_terms
    def requirements(self, country: str, number_type: str = "local") -> list[Requirement]:
        """What buying a `number_type` number in `country` needs (an address, a bundle) and
        what the account has that fits, or what to create where nothing does."""
        from numsearch.compliance import requirements

        kind = NUMBER_TYPES.get(number_type.lower())
        if kind is None:
            raise InvalidInput(f"TYPE {quoted(number_type)}: use one of {', '.join(NUMBER_TYPES)}")
        code = normalize_country(country)
        client = self.client()
        with self.tell.step(f"Looking up what {code} {kind.label} numbers need"):
            return requirements(client, code, kind)

    @in_python_terms
    def owned(
        self, pattern: str | None = None, *, friendly_name: str | None = None
    ) -> list[IncomingNumber]:
        """The numbers on the account: those whose number holds `pattern` (Twilio's
        PhoneNumber filter, partial) and named `friendly_name` (exactly), every page."""
        client = self.client()
        with self.tell.step("Asking Twilio for the account's numbers"):
            return client.incoming_numbers(pattern.strip() if pattern else None, friendly_name)

    # -- searching --------------------------------------------------------------------------

    @in_python_terms
    def query(
        self,
        number_type: str,
        country: str = "US",
        *,
        area_code: str | Sequence[str] | None = None,
        contains: str | None = None,
        starts_with: str | None = None,
        ends_with: str | None = None,
        in_region: str | None = None,
        in_postal_code: str | None = None,
        in_locality: str | None = None,
        in_lata: str | None = None,
        in_rate_center: str | None = None,
        near_number: str | None = None,
        near_lat_long: str | None = None,
        near: str | None = None,
        distance: int | None = None,
        sms: bool | None = None,
        mms: bool | None = None,
        voice: bool | None = None,
        fax: bool | None = None,
        exclude_address_required: Sequence[AddressScopeName] = (),
        beta: bool | None = None,
        limit: int | None = None,
    ) -> SearchQuery:
        """The search of `number_type` (local, tollfree, mobile, national, voip,
        shared-cost, machine-to-machine) in `country` with these filters, checked
        (InvalidInput naming the filter, nothing sent): what `watch` polls."""
        codes = [area_code] if isinstance(area_code, str) else list(area_code or ())
        filters = SearchFilters(
            area_code=codes, contains=contains, starts_with=starts_with, ends_with=ends_with,
            in_region=in_region, in_postal_code=in_postal_code, in_locality=in_locality,
            in_lata=in_lata, in_rate_center=in_rate_center, near_number=near_number,
            near_lat_long=near_lat_long, near=near, distance=distance, sms=sms, mms=mms,
            voice=voice, fax=fax,
            exclude_address_required=[AddressScope(s) for s in exclude_address_required],
            beta=beta, limit=limit,
        )  # fmt: skip
        return build_query(number_type, country.upper(), filters)

    @in_python_terms
    def search(
        self,
        number_type: str,
        country: str = "US",
        *,
        area_code: str | Sequence[str] | None = None,
        contains: str | None = None,
        starts_with: str | None = None,
        ends_with: str | None = None,
        in_region: str | None = None,
        in_postal_code: str | None = None,
        in_locality: str | None = None,
        in_lata: str | None = None,
        in_rate_center: str | None = None,
        near_number: str | None = None,
        near_lat_long: str | None = None,
        near: str | None = None,
        distance: int | None = None,
        sms: bool | None = None,
        mms: bool | None = None,
        voice: bool | None = None,
        fax: bool | None = None,
        exclude_address_required: Sequence[AddressScopeName] = (),
        beta: bool | None = None,
        all: bool = False,  # named as the --all flag
        max_requests: int | None = None,
        concurrency: int | None = None,
        rank: bool = False,
        price: bool = False,
        max_price: str | None = None,
        refresh_prices: bool = False,
        limit: int | None = None,
    ) -> list[AvailableNumber]:
        """The numbers of `number_type` (local, tollfree, mobile, national, voip,
        shared-cost, machine-to-machine) in `country` that match every filter, checked
        against the search (numbers Twilio answers that do not match are left out, with
        a warning event). `all`: past Twilio's cap of about 30 by narrower searches, at
        most `max_requests` requests. `rank`: scored as vanity numbers, best first.
        `price` or `max_price` ("1.50", "150JPY"): with their monthly price, those above
        `max_price` left out. `near`: a place (`Oakland, CA`, a US ZIP, a Canadian postal
        district such as `M5V`) whose centre is sent as NearLatLong (numsearch.gazetteer).
        InvalidInput (nothing sent) for a filter Twilio would refuse.
        """
        query = self.query(
            number_type, country, area_code=area_code, contains=contains,
            starts_with=starts_with, ends_with=ends_with, in_region=in_region,
            in_postal_code=in_postal_code, in_locality=in_locality, in_lata=in_lata,
            in_rate_center=in_rate_center, near_number=near_number,
            near_lat_long=near_lat_long, near=near, distance=distance, sms=sms, mms=mms,
            voice=voice, fax=fax, exclude_address_required=exclude_address_required, beta=beta,
            limit=limit,
        )  # fmt: skip
        pricing = _pricing(price, max_price, refresh_prices)
        return self.find(
            query, all=all, max_requests=max_requests, concurrency=concurrency, rank=rank,
            pricing=pricing,
        )  # fmt: skip

    @in_python_terms
    def find(
        self,
        query: SearchQuery,
        *,
        all: bool = False,
        max_requests: int | None = None,
        concurrency: int | None = None,
        rank: bool = False,
        pricing: PriceFilter | None = None,
    ) -> list[AvailableNumber]:
        """`search` for a query already built (the command line builds it from its flags
        before anything is sent): one search, or a sweep with `all`; priced when
        `pricing` (a pricing.PriceFilter) says so. A note says when an answer is at
        Twilio's cap, a warning when an area code phonenumbers does not know found
        nothing: each once per account (a watch polls the same search)."""
        return self._find(
            query, all=all, max_requests=max_requests, concurrency=concurrency, rank=rank,
            pricing=pricing,
        ).numbers  # fmt: skip

    @in_python_terms
    def count_by(
        self,
        query: SearchQuery,
        by: str,
        *,
        all: bool = False,
        max_requests: int | None = None,
        concurrency: int | None = None,
        pricing: PriceFilter | None = None,
    ) -> Counts:
        """The numbers `find` finds for `query`, counted by `by` (area-code, region,
        locality, rate-center): largest first, those without it as `unknown`. Meant with
        `all` (every number); without it, the counts are of one answer, which Twilio cuts
        at about 30. InvalidInput (nothing sent) for area-code outside the US and Canada."""
        from numsearch.grouping import Counts, count_field, groups

        field = count_field(by, query.country)
        found = self._find(
            query, all=all, max_requests=max_requests, concurrency=concurrency, rank=False,
            pricing=pricing,
        )  # fmt: skip
        return Counts(field, groups(found.numbers, field), swept=all, complete=found.complete)

    def _find(
        self,
        query: SearchQuery,
        *,
        all: bool,
        max_requests: int | None,
        concurrency: int | None,
        rank: bool,
        pricing: PriceFilter | None,
    ) -> _Found:
        client = self.client(concurrency=concurrency)
        label = f"{query.country} {query.number_type.label} numbers"
        complete = False
        if all:
            with self.tell.step(f"Sweeping {label}"):
                sweep = self._sweep(client, query, rank=rank, max_requests=max_requests,
                                    concurrency=concurrency)  # fmt: skip
            numbers, complete = sweep.numbers, sweep.complete
        else:
            with self.tell.step(f"Searching {label}"):
                numbers = find_numbers(client, query, rank=rank, warn=self.tell.warn,
                                       cut=lambda cut: self._tell_cut(query, cut))  # fmt: skip
        for code in unknown_empty_area_codes(query, numbers):
            if self._first_time(("area code", code)):
                self.tell.warn(
                    f"no numbers in area code {code}, which phonenumbers does not know: a typo,"
                    " or an area code newer than its list"
                )
        if pricing is not None:
            from numsearch.pricing import price_numbers

            numbers = price_numbers(
                client, numbers, query.country, query.number_type, pricing, warn=self.tell.warn
            )
        return _Found(numbers, complete)

    def watch(
        self,
        query: SearchQuery,
        *,
        every: float = 600.0,
        max_wait: float | None = None,
        all: bool = False,
        max_requests: int | None = None,
    ) -> Iterator[list[AvailableNumber]]:
        """Poll `query` (from `query()`) every `every` seconds, for at most `max_wait`
        seconds (None: until the caller stops iterating), yielding after each poll the
        numbers not seen in an earlier poll (often none). A poll that fails for a passing
        reason (network, 5xx, rate limit) is a warning event and the watch goes on, with
        backoff; rejected credentials or a refusal end it by raising."""
        from numsearch.watch import MIN_EVERY, Schedule, Watcher

        if every < MIN_EVERY:
            raise InvalidInput(f"every must be at least {MIN_EVERY:g} s, not {every:g}")
        if max_wait is not None and max_wait <= 0:
            raise InvalidInput(f"max_wait must be more than 0 s, not {max_wait:g}")
        watcher = Watcher(
            lambda: self.find(query, all=all, max_requests=max_requests),
            Schedule(every=every, max_wait=max_wait, forever=max_wait is None),
        )
        seen: set[str] = set()
        for poll in watcher.polls():
            if poll.error is not None:
                self.tell.warn(f"poll {poll.number} failed: {poll.error.message}")
            new = [n for n in poll.found if n.phone_number not in seen]
            seen.update(n.phone_number or "" for n in new)
            yield new

    def _first_time(self, told: object) -> bool:
        """Whether `told` is told for the first time this run (a watch polls one search
        again and again: what its answers say is said once)."""
        first = told not in self._told
        self._told.add(told)
        return first

    def _tell_cut(self, query: SearchQuery, cut: Cut) -> None:
        """An answer at Twilio's cap: more numbers may match than it held (once a run)."""
        if not self._first_time(("cut", query)):
            return
        where = f" in area code {cut.area_code}" if cut.area_code else ""
        every = "--all" if self._flags else "all=True"
        self.tell.note(
            f"{cut.found} found{where}; Twilio returns at most {cut.cap} per search:"
            f" {every} finds every one"
        )

    def _sweep(
        self,
        client: TwilioClient,
        query: SearchQuery,
        *,
        rank: bool,
        max_requests: int | None,
        concurrency: int | None,
    ) -> Sweep:
        from numsearch.sweep import DEFAULT_MAX_REQUESTS, find_all

        try:
            result = find_all(
                client, query, rank=rank, cap=answer_cap(),
                max_requests=max_requests or DEFAULT_MAX_REQUESTS,
                concurrency=concurrency or DEFAULT_CONCURRENCY,
                progress=self.tell.progress, warn=self.tell.warn,
            )  # fmt: skip
        except NumsearchError as error:
            if error.found:
                self.tell.warn(
                    f"sweep stopped by an error: the {len(error.found)} numbers found before it"
                    " are kept (printed by the command line), and the error ends the run"
                )
            raise
        (self.tell.note if result.complete else self.tell.warn)(result.summary())
        return result


class _Found(NamedTuple):
    """What a search found, and whether it was a sweep that saw every number."""

    numbers: list[AvailableNumber]
    complete: bool


def _pricing(price: bool, max_price: str | None, refresh: bool) -> PriceFilter | None:
    """The pricing.PriceFilter the arguments ask for, or None."""
    from numsearch.pricing import PriceFilter, parse_limit

    if not (price or max_price):
        return None

    limit = parse_limit(max_price) if max_price else None
    return PriceFilter(max_price=limit, refresh=refresh)
