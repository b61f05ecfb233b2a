"""Buying a number safely: a validated form, one POST, and the truth after a failure.

The POST is never retried. Before it, the account is looked at: a number already there
is reported as yours and not bought again. When the POST fails after it may have
reached Twilio (a timeout, a reset, a 5xx, a garbled answer), or its answer does not
name the number, numsearch looks at the account again over a bounded window (a
purchase can take a while to show) and reports what really happened: bought, not
bought (and that it may still appear), or that it cannot tell, with the command to
check. It never suggests a retry that could buy a second number.
"""

from __future__ import annotations

import json
import re
import shlex
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Any, NamedTuple

from numsearch.errors import (
    CredentialsError,
    ExitCode,
    InvalidInput,
    NumsearchError,
    TwilioRefused,
    TwilioUnavailable,
)
from numsearch.number_types import type_of_area_code, type_of_number, types_of_number
from numsearch.numbering import NotANumber, e164, parse_number
from numsearch.purchase_fields import PURCHASE_FIELDS, checked_form
from numsearch.query import area_code as checked_area_code
from numsearch.untrusted import quoted

if TYPE_CHECKING:
    from numsearch.api import TwilioClient
    from numsearch.models import AvailableNumber, IncomingNumber
    from numsearch.number_types import NumberType


@dataclass(frozen=True)
class Purchase:
    """What to buy (a number, or any number in an area code) and how to set it up."""

    phone_number: str | None = None  # E.164
    area_code: str | None = None
    options: Mapping[str, str] = field(default_factory=dict)  # spec names -> values

    def form(self) -> dict[str, str]:
        """The exact form POSTed to IncomingPhoneNumbers.json."""
        target = {"PhoneNumber": self.phone_number} if self.phone_number else {}
        if self.area_code:
            target["AreaCode"] = self.area_code
        return {**target, **dict(self.options)}

    @property
    def what(self) -> str:
        """`+15105550100`, or `a number in area code 510`."""
        return self.phone_number or f"a number in area code {self.area_code}"

    @property
    def pattern(self) -> str:
        """What to look for on the account: the number, or `+1510` for an area code."""
        return self.phone_number or f"+1{self.area_code}"

    def kind(self) -> tuple[str | None, NumberType | None]:
        """The country and number type this purchase buys (its price and paperwork depend
        on them): from the number's plan, or the area code's."""
        if self.phone_number:
            return type_of_number(self.phone_number)
        return type_of_area_code(str(self.area_code))

    @property
    def check_command(self) -> str:
        """The command a user runs to see for themselves: `numsearch owned +15105550100`."""
        return f"numsearch owned {self.pattern}"

    @property
    def setup_flags(self) -> list[str]:
        """The setup options given (`--friendly-name`, ...), in the form's order."""
        flags = {f.form: f.flag for f in PURCHASE_FIELDS}
        return [flags.get(name, name) for name in self.options]

    def update_command(self, number: str) -> str:
        """The `numsearch update` line that applies this purchase's setup to `number`."""
        flags = {f.form: f.flag for f in PURCHASE_FIELDS}
        options = " ".join(
            f"{flags.get(name, name)} {shlex.quote(value)}" for name, value in self.options.items()
        )
        return f"numsearch update {number} {options}"


def build_purchase(
    number: str | None, area_code: str | None, setup: Mapping[str, str | None], country: str
) -> Purchase:
    """Validate a purchase before anything is sent; raise InvalidInput naming the flag.

    `setup` maps option names (friendly_name) to values, None where not given.
    """
    if bool(number) == bool(area_code):
        raise InvalidInput("give a NUMBER to buy or --area-code, one of the two")
    phone = _phone_number(number, country) if number else None
    code = checked_area_code(area_code) if area_code is not None else None
    return Purchase(phone, code, checked_form(dict(setup)))


def _phone_number(text: str, country: str) -> str:
    try:
        return e164(parse_number(text, country, valid=True))
    except NotANumber as exc:
        if exc.kind == "unparsable":
            raise InvalidInput(
                f"{quoted(text)} is not a phone number (write it as +15105550100)"
            ) from None
        raise InvalidInput(
            f"{quoted(text)} cannot be a real number in E.164 (+ country code and number, e.g."
            " +15105550100)"
        ) from None


@dataclass(frozen=True)
class Patience:
    """How long to keep looking for a purchase whose answer was lost, and the clock read.

    Checks come right after the failure and then after each pause: a purchase can take
    seconds to show on the account, so one look too early would say "not bought" of a
    number that was. Tests replace `sleep` and `now` (see PATIENCE).
    """

    pauses: tuple[float, ...] = (1.0, 2.0, 4.0, 8.0, 15.0)  # growing, 30 s in all
    sleep: Callable[[float], None] = time.sleep
    now: Callable[[], datetime] = lambda: datetime.now(UTC)

    @property
    def window(self) -> float:
        """Seconds from the first check to the last."""
        return sum(self.pauses)


class PurchaseUnknown(TwilioUnavailable):
    """A purchase that may have gone through: its answer was lost and the account did not
    show it (yet), or could not be checked (exit 5)."""


PATIENCE = Patience()
"""The patience `buy_safely` uses unless given one (module-level so tests can swap it)."""

# Twilio answers a purchase of a number the account already holds with 201 and the old
# resource, status "in-use" (reported in ex_twilio#116). A new number can say in-use too,
# so only one created well before this run counts: the margin covers skewed clocks.
CLOCK_SKEW = timedelta(minutes=15)


@dataclass(frozen=True)
class Outcome:
    """What a purchase came to: a number bought, one that already was the account's, or
    another number than asked (`asked` then says what was asked: the server is not doing
    what it was told)."""

    number: IncomingNumber
    already_owned: bool = False
    notes: tuple[str, ...] = ()  # said on stderr: how the truth was found, and surprises
    asked: str | None = None  # set when Twilio bought another number than asked

    @property
    def bought_other(self) -> bool:
        """Whether Twilio bought another number than the one asked (exit 5)."""
        return self.asked is not None

    @property
    def title(self) -> str:
        """The result table's title."""
        if self.bought_other:
            return f"Bought another number than asked: {self.number.phone_number}"
        verb = "Already yours" if self.already_owned else "Bought"
        return f"{verb}: {self.number.phone_number}"

    @property
    def summary(self) -> str:
        """The last line on stderr."""
        if self.bought_other:
            return (
                f"Twilio bought {self.number.phone_number} ({self.number.sid}), not"
                f" {self.asked} as asked"
            )
        verb = "already yours:" if self.already_owned else "bought"
        return f"{verb} {self.number.phone_number} ({self.number.sid})"


def _silent(message: str) -> None:
    pass


def buy_safely(
    client: TwilioClient,
    purchase: Purchase,
    *,
    tell: Callable[[str], None] = _silent,
    patience: Patience | None = None,
) -> Outcome:
    """POST the purchase once (never if the number is already the account's); after an
    ambiguous failure, or an answer that does not name the number, find out what happened.

    `tell` hears what is going on while it takes time (the checks). Raises TwilioRefused
    when Twilio says no, and TwilioUnavailable (exit 5) when the number was not bought or
    it cannot be told whether it was.
    """
    patience = patience or PATIENCE
    try:
        before = _owned(client, purchase)
    except TwilioUnavailable as failure:
        raise TwilioUnavailable(
            f"not bought (nothing was sent): the look at the account first failed:"
            f" {failure.message}"
        ) from None
    if purchase.phone_number and before:
        return _already_owned(purchase, before[0], certain=True)
    started = patience.now()
    try:
        answer = client.buy(purchase.form())
    except TwilioUnavailable as failure:
        if not failure.sent:
            raise TwilioUnavailable(f"not bought: {failure.message}") from None
        lost = f"the purchase's answer was lost ({_reason(failure)})"
        return _look_again(client, purchase, before, lost, tell, patience)
    if not (answer.sid and answer.phone_number and _E164.fullmatch(answer.phone_number)):
        unnamed = "Twilio's answer to the purchase did not say which number it was"
        return _look_again(client, purchase, before, unnamed, tell, patience)
    # Another number than asked is that, even when its record looks long owned.
    if _other_than_asked(purchase, answer) is None and _was_owned(answer, before, started):
        return _already_owned(purchase, answer, certain=False)
    return _bought(purchase, answer)


_E164 = re.compile(r"\+[1-9][0-9]{1,14}")


def _owned(client: TwilioClient, purchase: Purchase) -> list[IncomingNumber]:
    """The account's numbers that this purchase could produce (exact, or by area code)."""
    return [
        number
        for number in client.incoming_numbers(purchase.pattern)
        if number.phone_number
        and (number.phone_number == purchase.phone_number or not purchase.phone_number)
    ]


def held_already(client: TwilioClient, purchase: Purchase) -> IncomingNumber | None:
    """The account's own record of the number a purchase names, when the account already
    holds it (a purchase by area code: None). Raises as the account's listing does."""
    if not purchase.phone_number:
        return None
    held = _owned(client, purchase)
    return held[0] if held else None


def _key(number: IncomingNumber) -> str | None:
    return number.sid or number.phone_number


def _look_again(
    client: TwilioClient,
    purchase: Purchase,
    before: list[IncomingNumber],
    what_happened: str,
    tell: Callable[[str], None],
    patience: Patience,
) -> Outcome:
    """Check the account over the patience window; the number is bought once it shows."""
    tell(f"{what_happened}: checking the account for {patience.window:g} s…")
    known = {_key(n) for n in before}
    failure: NumsearchError | None = None
    checks = len(patience.pauses) + 1
    for check, pause in enumerate((0.0, *patience.pauses), start=1):
        if pause:
            patience.sleep(pause)
        try:
            after = _owned(client, purchase)
        except (CredentialsError, TwilioRefused) as exc:
            failure = exc  # asking again would get the same answer
            break
        except NumsearchError as exc:
            failure = exc
            continue
        failure = None
        new = [n for n in after if _key(n) not in known]
        if new:
            found = (
                f"the purchase went through: {new[0].phone_number} is on the account"
                f" (check {check} of {checks})"
            )
            return _bought(purchase, new[0], (found,))
    if failure is not None:
        raise PurchaseUnknown(
            f"cannot tell whether {purchase.what} was bought: {what_happened}, and checking"
            f" the account failed ({_reason(failure)}); check with"
            f" `{purchase.check_command}`"
        )
    raise PurchaseUnknown(
        f"not bought: {what_happened}, and {purchase.what} did not show on the account in"
        f" {patience.window:g} s of checking; the purchase may still appear: check with"
        f" `{purchase.check_command}`"
    )


def _reason(failure: NumsearchError) -> str:
    """The failure without its advice: after a purchase that may have gone through, a
    suggestion to try again (or with a longer --timeout) could buy a second number."""
    return re.sub(r";\s*try\b.*$", "", failure.message)


def _was_owned(answer: IncomingNumber, before: list[IncomingNumber], started: datetime) -> bool:
    """Whether a purchase's answer is a number the account held before this run."""
    if answer.sid and answer.sid in {n.sid for n in before}:
        return True
    if (answer.status or "").lower() != "in-use":
        return False
    created = _date(answer.date_created)
    return created is not None and created < started - CLOCK_SKEW


def _date(text: str | None) -> datetime | None:
    """Twilio's RFC 2822 date (`Fri, 27 Nov 2026 00:00:00 +0000`), or None."""
    if not text:
        return None
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def _already_owned(purchase: Purchase, number: IncomingNumber, *, certain: bool) -> Outcome:
    """The number was the account's before: say so, and what became of the setup options.

    `certain`: seen on the account before any POST (nothing was sent). Otherwise Twilio
    answered the POST with the old number, which may or may not have taken the options.
    """
    since = f", on the account since {number.date_created}" if number.date_created else ""
    if certain:
        notes = [f"{number.phone_number} is already yours{since}: it was not bought again"]
    else:
        notes = [
            f"Twilio answered as for a number already yours ({number.phone_number}, status"
            f" {number.status}{since}): nothing new was bought"
        ]
    flags = purchase.setup_flags
    if flags:
        given = ", ".join(flags)
        if certain:
            notes.append(
                f"the setup options ({given}) were NOT applied: apply them with"
                f" `{purchase.update_command(str(number.phone_number))}`"
            )
        else:
            notes.append(
                f"the setup options ({given}) may not have been applied: check with"
                f" `{purchase.check_command}`, and apply them with"
                f" `{purchase.update_command(str(number.phone_number))}`"
            )
    return Outcome(number, already_owned=True, notes=tuple(notes))


def _bought(purchase: Purchase, number: IncomingNumber, notes: tuple[str, ...] = ()) -> Outcome:
    """A number Twilio says it bought: what was asked, or another (said plainly)."""
    asked = _other_than_asked(purchase, number)
    if asked is None:
        return Outcome(number, notes=notes)
    got = number.phone_number
    where = f"which is not in area code {purchase.area_code}" if purchase.area_code else ""
    surprise = f"Twilio bought {got}, {where or f'not {asked} as asked'}"
    return Outcome(number, notes=(*notes, surprise), asked=asked)


def _other_than_asked(purchase: Purchase, number: IncomingNumber) -> str | None:
    """What was asked, when `number` is not it (None when it is)."""
    got = number.phone_number or ""
    if purchase.phone_number and got != purchase.phone_number:
        return purchase.phone_number
    if purchase.area_code and not got.startswith(f"+1{purchase.area_code}"):
        return purchase.what
    return None


# -- before the POST: the paperwork the number needs ---------------------------------------


def ready_purchase(
    client: TwilioClient,
    purchase: Purchase,
    choose: Callable[[str, list[tuple[str, str]]], str],
    *,
    address_need: str | None = None,
    tell: Callable[[str], None] = _silent,
    looked_up: dict[tuple[str, str], Any] | None = None,
    warn: Callable[[str], None] | None = None,
) -> Purchase:
    """The purchase with the AddressSid and BundleSid it needs (read-only lookups:
    the number's own listing, regulations, bundles, addresses). Raises NotReady (exit 4,
    nothing sent) with the fix when the account has nothing that fits; `choose` picks
    among several. `address_need`: the number's address_requirements when already known
    (a search's result), else it is looked up. A number not on sale, or whose country and
    type cannot be told, is left for Twilio to check (its refusal is explained); so is
    one whose lookups fail (any status, the network, an answer not understood): they are
    advice, said to `warn`, never a reason not to buy. `looked_up` keeps the regulations,
    bundles and addresses (or their failure) per country and type across calls (a bulk
    buy asks once for numbers alike)."""
    from numsearch.compliance import check_paperwork, known_need

    warn = warn or tell
    country, number_type = purchase.kind()
    if country is None or number_type is None:
        tell(f"cannot tell the country and type of {purchase.what}: its paperwork is not checked")
        return purchase
    if purchase.phone_number and address_need is None:
        try:
            offer, number_type = _listing(client, purchase.phone_number, country, number_type)
        except NumsearchError as failure:
            warn(_unchecked(purchase, "its listing (the address it needs)", failure))
            return purchase
        if offer is None:
            tell(
                f"{purchase.what} is not on sale (a search for it finds nothing), so the address"
                " and bundle it needs cannot be checked here: Twilio checks them, and refuses"
                " a purchase of a number not on sale"
            )
            return purchase
        address_need = offer.address_requirements or "none"
    if address_need is not None and known_need(address_need) is None:
        tell(
            f"{purchase.what}: its address_requirements {quoted(address_need)} is not one"
            " numsearch knows: no address is chosen for it, Twilio decides"
        )
    paperwork = _paperwork(client, country, number_type, looked_up)
    if isinstance(paperwork, NumsearchError):
        warn(_unchecked(purchase, "the regulations, bundles and addresses", paperwork))
        return purchase
    given = (purchase.options.get("AddressSid"), purchase.options.get("BundleSid"))
    choice = check_paperwork(client, country, number_type, address_need, given, choose, paperwork)
    for note in choice.notes:
        tell(f"{purchase.what}: using the {note}")
    options = dict(purchase.options)
    if choice.address_sid:
        options["AddressSid"] = choice.address_sid
    if choice.bundle_sid:
        options["BundleSid"] = choice.bundle_sid
    return replace(purchase, options=options)


def _listing(
    client: TwilioClient, e164: str, country: str, guess: NumberType
) -> tuple[AvailableNumber | None, NumberType]:
    """The number as Twilio lists it for sale, and so its type: looked for under each type
    its plan allows (fixed or mobile, where the plan cannot tell), the likeliest first."""
    from numsearch.compliance import offer_of

    kinds = types_of_number(e164)[1] or (guess,)
    for kind in kinds:
        offer = offer_of(client, e164, country, kind)
        if offer is not None:
            return offer, kind
    return None, guess


def _paperwork(
    client: TwilioClient,
    country: str,
    number_type: NumberType,
    looked_up: dict[tuple[str, str], Any] | None,
) -> Any:
    """What the account has for a country and type (compliance.Paperwork), or the
    failure of its lookup; asked once per country and type when `looked_up` keeps them."""
    from numsearch.compliance import look_up

    key = (country, number_type.command)
    if looked_up is not None and key in looked_up:
        return looked_up[key]
    try:
        found: Any = look_up(client, country, number_type)
    except NumsearchError as failure:
        found = failure
    if looked_up is not None:
        looked_up[key] = found
    return found


def _unchecked(purchase: Purchase, what: str, failure: NumsearchError) -> str:
    """The warning for paperwork that could not be looked up: the purchase goes on."""
    return (
        f"{purchase.what}: its paperwork is not checked: {what} could not be looked up"
        f" ({failure.message}); buying without choosing an address or bundle: Twilio checks"
        " them, and refuses a purchase that lacks them"
    )


# -- several numbers: each through the same safe path ---------------------------------------

CREDENTIALS_STOP = "the credentials were rejected: nothing more was tried"
OTHER_STOP = "not tried: Twilio bought another number than asked"


class BulkItem(NamedTuple):
    """One number of a bulk buy: its purchase (ready, with its paperwork), what it costs a
    month ({"monthly_price", "price_unit"}), and why it will not be bought, if it will not
    (found before anything was sent)."""

    purchase: Purchase
    price: Mapping[str, Any]
    refused: str | None = None


def buy_each(
    client: TwilioClient,
    items: Sequence[BulkItem],
    *,
    tell: Callable[[str], None] = _silent,
    patience: Patience | None = None,
) -> list[dict[str, Any]]:
    """Buy each item in turn through `buy_safely` (one POST each, never retried), and say
    what each came to: `bought`, `already-owned`, `failed` (with its reason: nothing was
    bought), `unknown` (it may have been: the reason says how to check) or `bought-other`
    (Twilio bought another number: `bought` names it). A failure does not stop the
    others, except rejected credentials (the rest `failed`, not tried) and a
    `bought-other` (the rest `skipped`: the server is not doing what was asked)."""
    results: list[dict[str, Any]] = []
    stopped: tuple[str, str] | None = None  # the outcome and reason of those not tried
    for item in items:
        number = item.purchase.phone_number
        if item.refused:
            results.append(_result(number, "failed", item.price, reason=item.refused))
            continue
        if stopped:
            results.append(_result(number, stopped[0], item.price, reason=stopped[1]))
            continue
        try:
            outcome = buy_safely(client, item.purchase, tell=tell, patience=patience)
        except CredentialsError as failure:
            stopped = ("failed", f"{CREDENTIALS_STOP} ({failure.message})")
            results.append(_result(number, "failed", item.price, reason=stopped[1]))
        except PurchaseUnknown as failure:
            results.append(_result(number, "unknown", item.price, reason=failure.message))
        except NumsearchError as failure:
            results.append(_result(number, "failed", item.price, reason=failure.message))
        else:
            for note in outcome.notes:
                tell(note)
            results.append(outcome_row(number, outcome, item.price))
            if outcome.bought_other:
                stopped = ("skipped", f"{OTHER_STOP} ({outcome.summary})")
    return results


def outcome_row(number: str | None, outcome: Outcome, price: Mapping[str, Any]) -> dict[str, Any]:
    """The row of a purchase that went through (or found the number already owned)."""
    sid = outcome.number.sid
    if outcome.already_owned:
        return _result(number, "already-owned", price, sid=sid)
    got = outcome.number.phone_number
    if outcome.bought_other:
        reason = f"{outcome.summary}: the server is not doing what was asked"
        return _result(number, "bought-other", price, reason=reason, sid=sid, bought=got)
    return _result(number, "bought", price, sid=sid, bought=got)


def _result(
    number: str | None,
    outcome: str,
    price: Mapping[str, Any],
    *,
    reason: str | None = None,
    sid: str | None = None,
    bought: str | None = None,
) -> dict[str, Any]:
    return {"phone_number": number, "outcome": outcome, "bought": bought, "reason": reason,
            "sid": sid, **price}  # fmt: skip


def bulk_exit_code(results: Sequence[Mapping[str, Any]]) -> ExitCode:
    """0 when every number was bought or already owned; else 5 if any outcome is unknown
    or bought-other, else 4 (some failed: nothing was bought for them)."""
    outcomes = {r["outcome"] for r in results}
    if outcomes <= {"bought", "already-owned"}:
        return ExitCode.FOUND
    if outcomes & {"unknown", "bought-other"}:
        return ExitCode.UNAVAILABLE
    return ExitCode.REFUSED


# -- which numbers: arguments, or stdin (lines, or a search's JSON / JSONL) -----------------

MAX_INPUT = 1024 * 1024  # bytes of stdin read for `buy -`
# A search's records are two levels deep; Python's parser gives up past a thousand or so.
TOO_DEEP = "nested too deeply to be numbers or a search's records"


class Wanted(NamedTuple):
    """A number asked for, as given (and what a search's record said about it)."""

    text: str
    where: str  # for messages: "argument 2", "line 3", "item 1"
    country: str | None = None  # iso_country of a search's record
    address_need: str | None = None  # address_requirements of a search's record


def numbers_in(text: str) -> list[Wanted]:
    """The numbers in `buy -`'s input: one a line (blank lines and # comments skipped), a
    JSON array a search printed (`-o json`), or its JSON lines (`-o jsonl`): records with
    a phone_number (their iso_country and address_requirements kept), or plain strings.
    InvalidInput (exit 2) naming the line or item that is neither."""
    stripped = text.lstrip()
    if stripped.startswith("["):
        try:
            items = json.loads(text)
        except RecursionError:
            raise InvalidInput(f"stdin's JSON is {TOO_DEEP}") from None
        except ValueError:
            raise InvalidInput("stdin starts like JSON but is not a JSON array") from None
        if not isinstance(items, list):
            raise InvalidInput("stdin's JSON is not an array of numbers or records")
        return [_wanted(item, f"item {i}") for i, item in enumerate(items, 1)]
    found = []
    for index, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("{"):
            try:
                found.append(_wanted(json.loads(line), f"line {index}"))
            except RecursionError:
                raise InvalidInput(f"stdin line {index} is JSON {TOO_DEEP}") from None
            except ValueError:
                raise InvalidInput(f"stdin line {index} starts like JSON but is not") from None
        else:
            found.append(Wanted(line, f"line {index}"))
    return found


def _wanted(item: Any, where: str) -> Wanted:
    from numsearch.compliance import known_need

    if isinstance(item, str):
        return Wanted(item, where)
    number = item.get("phone_number") if isinstance(item, dict) else None
    if not isinstance(number, str):
        raise InvalidInput(f"stdin {where} has no phone_number")
    country = item.get("iso_country")
    need = item.get("address_requirements")
    return Wanted(
        number,
        where,
        country.upper() if isinstance(country, str) and len(country) == 2 else None,
        known_need(need) if isinstance(need, str) else None,
    )


def checked_numbers(wanted: Sequence[Wanted], country: str) -> tuple[list[Wanted], int]:
    """Each wanted number checked and written in E.164 (read nationally in its record's
    country, else `country`), duplicates dropped (the first kept); InvalidInput naming the
    first that is not a number. Returns the numbers and how many duplicates were dropped."""
    seen: dict[str, Wanted] = {}
    for item in wanted:
        try:
            e164 = _phone_number(item.text, item.country or country)
        except InvalidInput as exc:
            raise InvalidInput(f"{item.where}: {exc.message}") from None
        seen.setdefault(e164, item._replace(text=e164))
    return list(seen.values()), len(wanted) - len(seen)
