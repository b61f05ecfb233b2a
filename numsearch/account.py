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

import functools
import os
import re
from collections.abc import Callable, Iterator, Sequence
from typing import IO, TYPE_CHECKING, Any, Literal, ParamSpec, TypeVar, overload

from numsearch.api import open_client
from numsearch.bulk import MAX_BULK
from numsearch.compliance import requirements
from numsearch.countries import SUPPORTED, country_name, normalize_country
from numsearch.errors import InvalidInput, NumsearchError
from numsearch.events import OnEvent, Teller, to_log
from numsearch.manage import (
    build_update,
    find_number,
    parse_target,
    release_question,
    release_safely,
    update_safely,
)
from numsearch.models import Country, Request
from numsearch.number_types import NUMBER_TYPES
from numsearch.pricing import (
    PriceFilter,
    country_prices,
    parse_limit,
    price_countries,
    price_numbers,
)
from numsearch.purchase import Wanted, build_purchase, checked_numbers
from numsearch.purchase_fields import Setup
from numsearch.purchase_plan import (
    found_in_area,
    make_each,
    make_one,
    plan_each,
    plan_one,
    question,
)
from numsearch.query import AddressScope, SearchFilters, build_query
from numsearch.query import area_code as checked_area_code
from numsearch.sandbox import NOTICE
from numsearch.search import find_numbers
from numsearch.settings import DEFAULT_CONCURRENCY, DEFAULT_TIMEOUT, ClientSettings
from numsearch.spec_limits import answer_cap
from numsearch.sweep import DEFAULT_MAX_REQUESTS, find_all
from numsearch.watch import MIN_EVERY, Schedule, Watcher

if TYPE_CHECKING:
    from numsearch.api import TwilioClient
    from numsearch.compliance import Requirement
    from numsearch.manage import Released, Updated
    from numsearch.models import AvailableNumber, Country, IncomingNumber, Request
    from numsearch.pricing import PriceFilter, PriceLimit
    from numsearch.purchase import Wanted
    from numsearch.purchase_outcome import PurchaseOutcome
    from numsearch.purchase_plan import Plan
    from numsearch.query import SearchQuery

AddressScopeName = Literal["all", "local", "foreign"]
_FLAG = re.compile(r"(?<![\w-])--([a-z][a-z0-9]*(?:-[a-z0-9]+)*)")
Params = ParamSpec("Params")
Result = TypeVar("Result")


def _in_python_terms(method: Callable[Params, Result]) -> Callable[Params, Result]:
    """The method's errors name what a script passes (`area_code`), not the command
    line's flags (`--area-code`), unless the command line made the account."""

    @functools.wraps(method)
    def speaking_python(*args: Params.args, **kwargs: Params.kwargs) -> Result:
        try:
            return method(*args, **kwargs)
        except NumsearchError as error:
            if not getattr(args[0], "_flags", False):
                _reword(error)
            raise

    return speaking_python


def _reword(error: NumsearchError) -> None:
    """An error's flag names as parameter names, in place (its type and fields kept)."""

    def name(match: re.Match[str]) -> str:
        return match.group(1).replace("-", "_")

    error.message = _FLAG.sub(name, error.message)
    error.hint = _FLAG.sub(name, error.hint) if error.hint else error.hint
    error.args = (error.message,)


Confirm = Callable[[str], bool]  # asked the command line's question; True goes on
# Which of several addresses (or bundles) that fit: (what, [(sid, label)]) -> the SID.
Choose = Callable[[str, list[tuple[str, str]]], str]


class Account:
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

    @_in_python_terms
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

    @_in_python_terms
    def prices(self, country: str | None = None, *, refresh: bool = False) -> list[dict[str, Any]]:
        """The monthly price of each number type in `country` (Pricing v1: number_type,
        base_price, current_price, price_unit), kept a day in the cache unless `refresh`;
        without a country, the countries Twilio prices numbers in."""
        if country is None:
            client = self.client()
            with self.tell.step("Asking Twilio which countries it prices"):
                return price_countries(client)
        code = normalize_country(country)
        client = self.client()
        with self.tell.step(f"Asking Twilio for the prices of numbers in {code}"):
            prices = country_prices(client, code, refresh=refresh, warn=self.tell.warn)
        return prices.records()

    @_in_python_terms
    def requirements(self, country: str, number_type: str = "local") -> list[Requirement]:
        """What buying a `number_type` number in `country` needs (an address, a bundle) and
        what the account has that fits, or what to create where nothing does."""
        kind = NUMBER_TYPES.get(number_type.lower())
        if kind is None:
            raise InvalidInput(f"TYPE {number_type!r}: use one of {', '.join(NUMBER_TYPES)}")
        code = normalize_country(country)
        client = self.client()
        with self.tell.step(f"Looking up what {code} {kind.label} numbers need"):
            return requirements(client, code, kind)

    @_in_python_terms
    def owned(
        self, pattern: str | None = None, *, friendly_name: str | None = None
    ) -> list[IncomingNumber]:
        """The numbers on the account: those whose number holds `pattern` (Twilio's
        PhoneNumber filter, partial) and named `friendly_name` (exactly), every page."""
        client = self.client()
        with self.tell.step("Asking Twilio for the account's numbers"):
            return client.incoming_numbers(pattern.strip() if pattern else None, friendly_name)

    @_in_python_terms
    def find_owned(self, number: str, *, country: str = "US") -> IncomingNumber:
        """The account's record of `number` (E.164, national in `country`, or its PN…
        SID): TwilioRefused (exit 4) when the account does not hold it, TwilioUnavailable
        when the answer is not about that number (nothing is to be sent then)."""
        target = parse_target(number, normalize_country(country))
        client = self.client()
        with self.tell.step(f"Looking for {target.shown} on the account"):
            return find_number(client, target)

    @overload
    def update(
        self,
        number: str | IncomingNumber,
        *,
        setup: Setup | None = None,
        clear: Sequence[str] = (),
        country: str = "US",
        dry_run: Literal[False] = False,
    ) -> Updated: ...

    @overload
    def update(
        self,
        number: str | IncomingNumber,
        *,
        setup: Setup | None = None,
        clear: Sequence[str] = (),
        country: str = "US",
        dry_run: Literal[True],
    ) -> Request: ...

    @_in_python_terms
    def update(
        self,
        number: str | IncomingNumber,
        *,
        setup: Setup | None = None,
        clear: Sequence[str] = (),
        country: str = "US",
        dry_run: bool = False,
    ) -> Updated | Request:
        """Change the setup of a number on the account (by its number, its PN… SID, or
        the record find_owned gave): the fields `setup` sets, and those named in `clear`
        (voice_url, sms_application_sid, …) emptied. Sent once; after an answer lost or
        not showing the change, the number is looked at and what is true is said
        (TwilioUnavailable when the change is not there or it cannot be told). With
        `dry_run`, the request that would be sent (nothing is)."""
        given = dict((setup or Setup())._asdict())
        named = number if isinstance(number, str) else str(number.sid)
        change = build_update(named, given, list(clear), normalize_country(country))
        found = self.find_owned(number, country=country) if isinstance(number, str) else number
        client = self.client()
        shown = found.phone_number or change.target.shown
        if dry_run:
            return Request("POST", client.base_url + client.number_path(str(found.sid)),
                           dict(change.form))  # fmt: skip
        with self.tell.step(f"Updating {shown}"):
            updated = update_safely(client, found, change, tell=self._lost(f"Looking at {shown}"))
        self._said(updated.notes, updated.summary)
        return updated

    @overload
    def release(
        self,
        number: str | IncomingNumber,
        *,
        dry_run: Literal[False] = False,
        confirm: Confirm | None = None,
        yes: bool = False,
        country: str = "US",
    ) -> Released | None: ...

    @overload
    def release(
        self,
        number: str | IncomingNumber,
        *,
        dry_run: Literal[True],
        confirm: Confirm | None = None,
        yes: bool = False,
        country: str = "US",
    ) -> Request: ...

    @_in_python_terms
    def release(
        self,
        number: str | IncomingNumber,
        *,
        dry_run: bool = False,
        confirm: Confirm | None = None,
        yes: bool = False,
        country: str = "US",
    ) -> Released | Request | None:
        """Release a number from the account (by its number, its PN… SID, or the record
        find_owned gave), after `confirm` says yes to the question the command line asks
        (or with `yes=True`); None when declined. Sent once; the truth after a lost
        answer is looked up (TwilioUnavailable when it cannot be told). With `dry_run`,
        the request that would be sent (nothing is)."""
        if not (yes or dry_run or confirm):
            raise InvalidInput("a release needs yes=True or a confirm callback to ask")
        found = self.find_owned(number, country=country) if isinstance(number, str) else number
        client = self.client()
        if dry_run:
            return Request("DELETE", client.base_url + client.number_path(str(found.sid)), {})
        if not yes and confirm is not None:
            question = release_question(found, client.credentials.short_sid, client.sandbox)
            if not confirm(question):
                return None
        shown = found.phone_number or str(found.sid)
        with self.tell.step(f"Releasing {shown}"):
            released = release_safely(
                client, found, tell=self._lost(f"Looking for {shown} on the account")
            )
        self._said(released.notes, released.summary)
        return released

    def _lost(self, checking: str) -> Callable[[str], None]:
        """What a safe change tells when its answer was lost: a warning, and the step goes
        on as `checking`."""

        def lost(message: str) -> None:
            self.tell.warn(message)
            self.tell.doing(checking)

        return lost

    def _said(self, notes: Sequence[str], summary: str) -> None:
        for note in notes:
            self.tell.warn(note)
        self.tell.note(summary)

    # -- buying -------------------------------------------------------------------------------

    @_in_python_terms
    def plan_purchase(
        self,
        phone_number: str | AvailableNumber | None = None,
        *,
        area_code: str | None = None,
        country: str = "US",
        max_price: str | None = None,
        setup: Setup | None = None,
        choose: Choose | None = None,
        dry_run: bool = False,
    ) -> Plan:
        """The first step of `buy`, nothing sent: the number's (or area code's) monthly
        price (AboveMaxPrice above `max_price`, or when it cannot be checked against
        it), the address and bundle it needs (`choose` picks among several that fit,
        else InvalidInput naming them; NotReady when nothing fits); for a dry run, first
        whether the account already holds the number (`held`)."""
        need = None  # a search's record says what address its number needs
        if phone_number is not None and not isinstance(phone_number, str):
            need = phone_number.address_requirements or "none"
            phone_number = phone_number.phone_number
        purchase = build_purchase(
            phone_number, area_code, dict((setup or Setup())._asdict()), country.upper()
        )
        limit = _limit(max_price)
        return plan_one(self.client(), purchase, limit, choose=choose or _no_choice,
                        tell=self.tell, dry_run=dry_run, address_need=need)  # fmt: skip

    @_in_python_terms
    def plan_purchases(
        self,
        numbers: Sequence[str | Wanted] = (),
        *,
        area_code: str | None = None,
        count: int = 1,
        max_count: int | None = None,
        country: str = "US",
        max_price: str | None = None,
        setup: Setup | None = None,
        choose: Choose | None = None,
        dry_run: bool = False,
    ) -> list[Plan]:
        """The first step of `buy_many`, nothing sent: `numbers` (or the first `count`
        found in `area_code`), duplicates dropped, the first `max_count` kept (more than
        100 need it), each priced and its paperwork checked: a number above `max_price`
        or without the paperwork it needs is `refused`, the others go on."""
        if bool(numbers) == bool(area_code):
            raise InvalidInput("give numbers to buy or an area code, one of the two")
        form = (setup or Setup()).form()
        limit = _limit(max_price)
        asked = [Wanted(n, f"item {i}") if isinstance(n, str) else n
                 for i, n in enumerate(numbers, 1)]  # fmt: skip
        wanted, twice = checked_numbers(asked, country.upper())
        if twice:
            self.tell.note(f"{twice} number(s) given twice: each is bought once")
        if area_code:
            npa = str(checked_area_code(area_code))
            if not 1 <= count <= MAX_BULK:
                raise InvalidInput(f"count must be 1 to {MAX_BULK}, not {count}")
            wanted = found_in_area(self.client(), npa, count, self.tell)
        if max_count is None and len(wanted) > MAX_BULK:
            raise InvalidInput(f"{len(wanted)} numbers, more than {MAX_BULK}: give max_count")
        if max_count is not None and len(wanted) > max_count:
            self.tell.note(f"buying the first {max_count}; {len(wanted) - max_count} left")
            wanted = wanted[:max_count]
        return plan_each(self.client(), wanted, form, limit, choose=choose or _no_choice,
                         tell=self.tell, dry_run=dry_run)  # fmt: skip

    @_in_python_terms
    def purchase_question(self, plans: Plan | Sequence[Plan]) -> str:
        """The question asked before spending money (what, for how much, on which
        account; for several, how many and the total a month)."""
        client = self.client()
        return question(plans, client.short_account, client.sandbox)

    def purchase_request(self, plan: Plan) -> Request:
        """The POST a plan's purchase would send (a dry run shows it; nothing is sent)."""
        client = self.client()
        url = f"{client.base_url}{client.account_path}/IncomingPhoneNumbers.json"
        return Request("POST", url, plan.purchase.form())

    @_in_python_terms
    def make_purchase(self, plan: Plan) -> PurchaseOutcome:
        """The last step of `buy`: one POST, never retried blindly; after an ambiguous
        failure the account is looked at and the truth said (PurchaseUnknown,
        TwilioUnavailable when it cannot be told)."""
        return make_one(self.client(), plan, self.tell)

    @_in_python_terms
    def make_purchases(self, plans: Sequence[Plan]) -> list[PurchaseOutcome]:
        """The last step of `buy_many`: each plan bought in turn, a PurchaseOutcome each,
        in order (refused plans `failed`; after rejected credentials the rest `failed`,
        after a number bought instead of another the rest `skipped`)."""
        return make_each(self.client(), plans, self.tell)

    @_in_python_terms
    def buy(
        self,
        phone_number: str | AvailableNumber | None = None,
        *,
        area_code: str | None = None,
        country: str = "US",
        dry_run: bool = False,
        max_price: str | None = None,
        setup: Setup | None = None,
        confirm: Confirm | None = None,
        choose: Choose | None = None,
        yes: bool = False,
    ) -> PurchaseOutcome | None:
        """Buy `phone_number` (E.164, or national in `country`), or any number in
        `area_code`, as the command line does: plan_purchase (price, paperwork), the
        question (`confirm`, or `yes=True`; None when declined), then make_purchase.
        With `dry_run` nothing is bought: the outcome is `dry-run` with the `form` that
        would be sent (`already-owned` when the account holds the number)."""
        if not (yes or dry_run or confirm):
            raise InvalidInput("a purchase needs yes=True or a confirm callback to ask")
        plan = self.plan_purchase(phone_number, area_code=area_code, country=country,
                                  max_price=max_price, setup=setup, choose=choose,
                                  dry_run=dry_run)  # fmt: skip
        if dry_run:
            return plan.outcome()
        if not yes and confirm is not None and not confirm(self.purchase_question(plan)):
            return None
        return self.make_purchase(plan)

    @_in_python_terms
    def buy_many(
        self,
        numbers: Sequence[str] = (),
        *,
        area_code: str | None = None,
        count: int = 1,
        max_count: int | None = None,
        country: str = "US",
        dry_run: bool = False,
        max_price: str | None = None,
        setup: Setup | None = None,
        confirm: Confirm | None = None,
        choose: Choose | None = None,
        yes: bool = False,
    ) -> list[PurchaseOutcome] | None:
        """Buy several numbers (or the first `count` found in `area_code`) as `numsearch
        buy A B C` does: plan_purchases, one question for them all with the total a
        month (`confirm`, or `yes=True`; None when declined), then make_purchases: a
        PurchaseOutcome per number, in order. `dry_run` buys nothing (`dry-run` outcomes
        with their forms)."""
        if not (yes or dry_run or confirm):
            raise InvalidInput("a purchase needs yes=True or a confirm callback to ask")
        plans = self.plan_purchases(numbers, area_code=area_code, count=count,
                                    max_count=max_count, country=country, max_price=max_price,
                                    setup=setup, choose=choose, dry_run=dry_run)  # fmt: skip
        if dry_run:
            return [plan.outcome() for plan in plans]
        ready = any(plan.refused is None for plan in plans)
        asked = ready and not yes and confirm is not None
        if asked and confirm is not None and not confirm(self.purchase_question(plans)):
            return None
        return self.make_purchases(plans)

    @_in_python_terms
    def reset_sandbox(self) -> int:
        """Forget the sandbox's purchases (its numbers are on sale again); how many."""
        from numsearch.sandbox.api import PurchaseStore

        return PurchaseStore().reset()

    # -- searching --------------------------------------------------------------------------

    @_in_python_terms
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
            near_lat_long=near_lat_long, distance=distance, sms=sms, mms=mms, voice=voice,
            fax=fax, exclude_address_required=[AddressScope(s) for s in exclude_address_required],
            beta=beta, limit=limit,
        )  # fmt: skip
        return build_query(number_type, country.upper(), filters)

    @_in_python_terms
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
        `max_price` left out. InvalidInput (nothing sent) for a filter Twilio would refuse.
        """
        query = self.query(
            number_type, country, area_code=area_code, contains=contains,
            starts_with=starts_with, ends_with=ends_with, in_region=in_region,
            in_postal_code=in_postal_code, in_locality=in_locality, in_lata=in_lata,
            in_rate_center=in_rate_center, near_number=near_number,
            near_lat_long=near_lat_long, distance=distance, sms=sms, mms=mms, voice=voice,
            fax=fax, exclude_address_required=exclude_address_required, beta=beta,
            limit=limit,
        )  # fmt: skip
        pricing = _pricing(price, max_price, refresh_prices)
        return self.find(
            query, all=all, max_requests=max_requests, concurrency=concurrency, rank=rank,
            pricing=pricing,
        )  # fmt: skip

    @_in_python_terms
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
        `pricing` (a pricing.PriceFilter) says so."""
        client = self.client(concurrency=concurrency)
        label = f"{query.country} {query.number_type.label} numbers"
        if all:
            with self.tell.step(f"Sweeping {label}"):
                numbers = self._sweep(client, query, rank=rank, max_requests=max_requests,
                                      concurrency=concurrency)  # fmt: skip
        else:
            with self.tell.step(f"Searching {label}"):
                numbers = find_numbers(client, query, rank=rank, warn=self.tell.warn)
        if pricing is None:
            return numbers

        return price_numbers(
            client, numbers, query.country, query.number_type, pricing, warn=self.tell.warn
        )

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

    def _sweep(
        self,
        client: TwilioClient,
        query: SearchQuery,
        *,
        rank: bool,
        max_requests: int | None,
        concurrency: int | None,
    ) -> list[AvailableNumber]:
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
        return result.numbers


def _no_choice(what: str, fits: list[tuple[str, str]]) -> str:
    listed = ", ".join(label for _, label in fits)
    plural = "addresses" if what == "address" else f"{what}s"
    raise InvalidInput(f"several {plural} fit ({listed}): choose one with {what}_sid")


def _limit(max_price: str | None) -> PriceLimit | None:
    return parse_limit(max_price) if max_price else None


def _pricing(price: bool, max_price: str | None, refresh: bool) -> PriceFilter | None:
    """The pricing.PriceFilter the arguments ask for, or None."""
    if not (price or max_price):
        return None

    limit = parse_limit(max_price) if max_price else None
    return PriceFilter(max_price=limit, refresh=refresh)
