"""numsearch.Account's changes to the account: buying (a number, several, or any in an
area code: looked at first, asked, then made once each), updating and releasing a
number. The command line makes the same calls, one per step the user sees."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Literal, overload

from numsearch.countries import normalize_country
from numsearch.errors import InvalidInput, in_python_terms
from numsearch.events import Teller
from numsearch.models import Request
from numsearch.purchase_fields import Setup
from numsearch.query import area_code as checked_area_code

if TYPE_CHECKING:
    from numsearch.api import TwilioClient
    from numsearch.manage import Released, Updated
    from numsearch.models import AvailableNumber, IncomingNumber
    from numsearch.pricing import PriceLimit
    from numsearch.purchase import Wanted
    from numsearch.purchase_outcome import PurchaseOutcome
    from numsearch.purchase_plan import (
        Plan,
    )


Confirm = Callable[[str], bool]  # asked the command line's question; True goes on
# Which of several addresses (or bundles) that fit: (what, [(sid, label)]) -> the SID.
Choose = Callable[[str, list[tuple[str, str]]], str]


class AccountChanges:
    """What changes the account (numsearch.Account is one): buy, buy_many and their
    steps, find_owned, update, release, reset_sandbox."""

    tell: Teller  # the account's events

    def client(self, *, concurrency: int | None = None) -> TwilioClient:
        """The account's HTTP client (numsearch.Account's)."""
        raise NotImplementedError

    @in_python_terms
    def find_owned(self, number: str, *, country: str = "US") -> IncomingNumber:
        """The account's record of `number` (E.164, national in `country`, or its PN…
        SID): TwilioRefused (exit 4) when the account does not hold it, TwilioUnavailable
        when the answer is not about that number (nothing is to be sent then)."""
        from numsearch.manage import find_number, parse_target

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

    @in_python_terms
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
        from numsearch.manage import build_update, update_safely

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

    @in_python_terms
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
        from numsearch.manage import release_question, release_safely

        if not (yes or dry_run or confirm):
            raise InvalidInput("a release needs yes=True or a confirm callback to ask")
        found = self.find_owned(number, country=country) if isinstance(number, str) else number
        client = self.client()
        if dry_run:
            return Request("DELETE", client.base_url + client.number_path(str(found.sid)), {})
        if not yes and confirm is not None:
            asked = release_question(found, client.credentials.short_sid, client.sandbox)
            if not confirm(asked):
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

    @in_python_terms
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
        from numsearch.purchase import build_purchase
        from numsearch.purchase_plan import plan_one

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

    @in_python_terms
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
        from numsearch.bulk import MAX_BULK
        from numsearch.purchase import Wanted, checked_numbers
        from numsearch.purchase_plan import found_in_area, plan_each

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

    @in_python_terms
    def purchase_question(self, plans: Plan | Sequence[Plan]) -> str:
        """The question asked before spending money (what, for how much, on which
        account; for several, how many and the total a month)."""
        from numsearch.purchase_plan import question

        client = self.client()
        return question(plans, client.short_account, client.sandbox)

    def purchase_request(self, plan: Plan) -> Request:
        """The POST a plan's purchase would send (a dry run shows it; nothing is sent)."""
        client = self.client()
        url = f"{client.base_url}{client.account_path}/IncomingPhoneNumbers.json"
        return Request("POST", url, plan.purchase.form())

    @in_python_terms
    def make_purchase(self, plan: Plan) -> PurchaseOutcome:
        """The last step of `buy`: one POST, never retried blindly; after an ambiguous
        failure the account is looked at and the truth said (PurchaseUnknown,
        TwilioUnavailable when it cannot be told)."""
        from numsearch.purchase_plan import make_one

        return make_one(self.client(), plan, self.tell)

    @in_python_terms
    def make_purchases(self, plans: Sequence[Plan]) -> list[PurchaseOutcome]:
        """The last step of `buy_many`: each plan bought in turn, a PurchaseOutcome each,
        in order (refused plans `failed`; after rejected credentials the rest `failed`,
        after a number bought instead of another the rest `skipped`)."""
        from numsearch.purchase_plan import make_each

        return make_each(self.client(), plans, self.tell)

    @in_python_terms
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

    @in_python_terms
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

    @in_python_terms
    def reset_sandbox(self) -> int:
        """Forget the sandbox's purchases (its numbers are on sale again); how many."""
        from numsearch.sandbox.api import PurchaseStore

        return PurchaseStore(warn=self.tell.warn).reset()


def _no_choice(what: str, fits: list[tuple[str, str]]) -> str:
    listed = ", ".join(label for _, label in fits)
    plural = "addresses" if what == "address" else f"{what}s"
    raise InvalidInput(f"several {plural} fit ({listed}): choose one with {what}_sid")


def _limit(max_price: str | None) -> PriceLimit | None:
    from numsearch.pricing import parse_limit

    return parse_limit(max_price) if max_price else None
