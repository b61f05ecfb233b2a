"""Managing a number the account already has: change its setup, or release it, safely.

The number is found on the account first (by its number, or by its PN… SID): one that
is not there is refused before anything is changed, and only the record asked for is
acted on (the SID named, or the one record holding the number named; an answer about
another number is never taken for it). Each change is sent once. When its
answer is lost after it may have reached Twilio (a timeout, a reset, a 5xx, an answer
not understood), numsearch looks at the number and says what is true: an update is
there or not (running it again is safe: an update is idempotent), a released number is
gone, still yours, or it cannot be told, with the command to check.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from numsearch.errors import InvalidInput, NumsearchError, TwilioRefused, TwilioUnavailable
from numsearch.models import IncomingNumber
from numsearch.numbering import NotANumber, e164, format_national, parse_number
from numsearch.purchase_fields import PURCHASE_FIELDS, checked_form, cleared_form
from numsearch.untrusted import clip, quoted

if TYPE_CHECKING:
    from numsearch.api import TwilioClient

NUMBER_SID = re.compile(r"PN[0-9a-fA-F]{32}")
NOT_FOUND = 404
MISMATCH = "Twilio's answer does not match what was asked"


@dataclass(frozen=True)
class Target:
    """The number a command is about: its E.164 form, or its SID (PN…)."""

    phone_number: str | None = None
    sid: str | None = None

    @property
    def shown(self) -> str:
        """`+15105550100`, or the SID."""
        return self.phone_number or self.sid or ""

    @property
    def check_command(self) -> str:
        """What a user runs to look for themselves."""
        return f"numsearch owned {self.phone_number}" if self.phone_number else "numsearch owned"


def parse_target(text: str, country: str) -> Target:
    """A NUMBER argument (E.164, national with `country`, letters on the keypad, or a PN
    SID) as a Target; InvalidInput when it is none of them."""
    text = text.strip()
    if NUMBER_SID.fullmatch(text):
        return Target(sid="PN" + text[2:].lower())  # Twilio writes its hex digits lower-case
    try:
        return Target(phone_number=e164(parse_number(text, country)))
    except NotANumber:
        raise InvalidInput(
            f"{quoted(text)} is not a phone number or a number SID (write it as +15105550100,"
            " or PN followed by 32 hex digits)"
        ) from None


def find_number(client: TwilioClient, target: Target) -> IncomingNumber:
    """The account's number `target`; TwilioRefused (exit 4) when it is not on the account,
    TwilioUnavailable when the answer names no usable SID, or is not about what was asked
    (another SID; two records of the number): nothing is to be sent then."""
    if target.sid:
        try:
            number = client.incoming_number(target.sid)
        except TwilioRefused as exc:
            if exc.status == NOT_FOUND:
                raise exc.reworded(_not_here(target)) from None
            raise
    else:
        # The PhoneNumber filter matches partially: other numbers in the answer are not it.
        matches = [
            n
            for n in client.incoming_numbers(target.phone_number)
            if n.phone_number == target.phone_number
        ]
        if not matches:
            raise TwilioRefused(_not_here(target), status=NOT_FOUND)
        if len(matches) > 1:
            sids = ", ".join(clip(str(n.sid), 40) for n in matches[:3])
            raise TwilioUnavailable(
                f"{MISMATCH}: it lists {len(matches)} numbers {target.phone_number} ({sids});"
                " nothing was sent"
            )
        number = matches[0]
    if not (number.sid and NUMBER_SID.fullmatch(number.sid)):
        raise TwilioUnavailable(
            f"Twilio's answer was not understood: {target.shown} has no SID (PN…) in it"
        )
    if target.sid and number.sid != target.sid:
        raise TwilioUnavailable(
            f"{MISMATCH}: asked for {target.sid}, it answered {_named(number)}; nothing was sent"
        )
    return number


def _is(answer: IncomingNumber, number: IncomingNumber) -> bool:
    """Whether a record Twilio answered is `number` (its SID and its phone number)."""
    return answer.sid == number.sid and answer.phone_number == number.phone_number


def _named(number: IncomingNumber) -> str:
    """`+15105550111 (PNbbbb…)`, for a record that is not the one asked (outside text:
    clipped here, escaped where it is shown)."""
    return f"{clip(str(number.phone_number), 40)} ({clip(str(number.sid), 40)})"


def _not_here(target: Target) -> str:
    return f"{target.shown} is not on this account (see `numsearch owned`)"


def _reason(failure: NumsearchError) -> str:
    """A failure's message without its advice ("try a longer --timeout"): what comes next
    is a look at the account, not a retry."""
    return re.sub(r";\s*try\b.*$", "", failure.message)


def _silent(message: str) -> None:
    pass


# -- update --------------------------------------------------------------------------


@dataclass(frozen=True)
class Update:
    """What to change on a number: fields to set and fields to empty (form names)."""

    target: Target
    form: Mapping[str, str] = field(default_factory=dict)

    @property
    def flags(self) -> list[str]:
        """The fields changed, as their options (`--voice-url`), in the form's order."""
        flags = {f.form: f.flag for f in PURCHASE_FIELDS}
        return [flags.get(name, name) for name in self.form]


def build_update(
    number: str, setup: Mapping[str, str | None], clear: list[str], country: str
) -> Update:
    """Validate an update before anything is sent; InvalidInput naming the flag.

    `setup` maps option names (voice_url) to values, None where not given; `clear` holds
    the fields to empty, as the user named them (voice-url).
    """
    target = parse_target(number, country)
    given = checked_form(dict(setup))
    emptied = cleared_form(clear)
    both = [name for name in given if name in emptied]
    if both:
        flag = next(f.flag for f in PURCHASE_FIELDS if f.form == both[0])
        raise InvalidInput(f"{flag} and --clear {flag[2:]}: give one of the two")
    if not given and not emptied:
        raise InvalidInput(
            "nothing to change: give a setup option (--friendly-name, --voice-url, …) or"
            " --clear FIELD"
        )
    return Update(target, {**given, **emptied})


@dataclass(frozen=True)
class Updated:
    """A number after its update, and how that was found out."""

    number: IncomingNumber
    notes: tuple[str, ...] = ()

    @property
    def summary(self) -> str:
        """The last line on stderr."""
        return f"updated {self.number.phone_number} ({self.number.sid})"


def update_safely(
    client: TwilioClient,
    number: IncomingNumber,
    update: Update,
    *,
    tell: Callable[[str], None] = _silent,
) -> Updated:
    """POST the update of `number` (found with find_number) once; after an ambiguous
    failure, fetch the number and say whether the change is there.

    Raises TwilioRefused when Twilio says no (or the number left the account), and
    TwilioUnavailable (exit 5) when the change is not there or it cannot be told.
    """
    sid, shown = str(number.sid), number.phone_number or str(number.sid)
    try:
        answer = client.update_number(sid, update.form)
    except TwilioRefused as exc:
        if exc.status == NOT_FOUND:
            raise exc.reworded(f"{shown} is not on this account (any more): not updated") from None
        raise
    except TwilioUnavailable as failure:
        if not failure.sent:
            raise TwilioUnavailable(f"not updated (nothing was sent): {failure.message}") from None
        lost = f"the update's answer was lost ({_reason(failure)})"
    else:
        missed = _not_shown(answer.to_json(), update) if _is(answer, number) else None
        if missed == []:
            return Updated(answer)
        # An answer about another number says nothing of this one, and one that does not
        # show the change leaves it open: look at the number, as when the answer is lost.
        lost = (
            f"Twilio's answer named {_named(answer)}, not {shown}"
            if missed is None
            else f"Twilio's answer does not show the change ({', '.join(missed)})"
        )
    tell(f"{lost}: looking at {shown} to see whether the change is there…")
    return _check_update(client, number, update, lost)


def _check_update(
    client: TwilioClient, number: IncomingNumber, update: Update, lost: str
) -> Updated:
    """After an update's answer was `lost` (or named another number): the number as it is
    now, and whether it shows the change; TwilioUnavailable when it does not, or when that
    cannot be told."""
    sid, shown = str(number.sid), number.phone_number or str(number.sid)
    check = f"numsearch owned {shown}"

    try:
        resource = client.incoming_resource(sid)
        looked = IncomingNumber.from_twilio(resource)
        if not _is(looked, number):
            raise TwilioUnavailable(f"{MISMATCH}: it answered {_named(looked)}")
    except NumsearchError as exc:
        raise TwilioUnavailable(
            f"cannot tell whether {shown} was updated: {lost}, and looking at it failed"
            f" ({_reason(exc)}); check with `{check}`"
        ) from None
    unknown = [name for name in update.form if _json_key(name) not in resource]
    if unknown:
        raise TwilioUnavailable(
            f"cannot tell whether {shown} was updated: {lost}, and Twilio's answer does not"
            f" show {', '.join(unknown)}; check with `{check}`"
        )
    differ = _not_shown(resource, update)
    if differ:
        raise TwilioUnavailable(
            f"not updated: {lost}, and {shown} does not show the change ({', '.join(differ)});"
            " running the same update again is safe"
        )
    found = f"{lost}, but {shown} shows the change: the update went through"
    return Updated(looked, notes=(found,))


def _not_shown(shown: Mapping[str, Any], update: Update) -> list[str]:
    """The changed fields (as their flags) that a number's record shows otherwise; fields
    the record does not hold are not held against it."""
    return [
        flag
        for flag, (name, wanted) in zip(update.flags, update.form.items(), strict=True)
        if _json_key(name) in shown and not _same(shown[_json_key(name)], wanted)
    ]


def _json_key(form_name: str) -> str:
    """`VoiceUrl` -> `voice_url`, the resource's key (from the one table of fields)."""
    return next(f.name for f in PURCHASE_FIELDS if f.form == form_name)


def _same(actual: Any, wanted: str) -> bool:
    """Whether a resource's value is what the form set (an emptied field reads "" or null;
    a method in any case)."""
    if wanted == "":
        return actual in (None, "")
    if not isinstance(actual, str):
        return False
    return actual.upper() == wanted if wanted in ("GET", "POST") else actual == wanted


# -- release -------------------------------------------------------------------------


def release_question(number: IncomingNumber, account: str, sandbox: bool) -> str:
    """The question asked before a release: the number, its name and the account."""
    phone = number.phone_number or str(number.sid)
    name = f", {number.friendly_name}" if number.friendly_name else ""
    where = " [sandbox: nothing real is released]" if sandbox else ""
    return (
        f"Release {phone} ({format_national(phone)}{name}) from account {account}{where}?"
        " It goes back to Twilio"
    )


@dataclass(frozen=True)
class Released:
    """A number released, and how that was found out."""

    number: IncomingNumber
    notes: tuple[str, ...] = ()

    @property
    def summary(self) -> str:
        """The last line on stderr."""
        return f"released {self.number.phone_number} ({self.number.sid})"


def release_safely(
    client: TwilioClient, number: IncomingNumber, *, tell: Callable[[str], None] = _silent
) -> Released:
    """DELETE `number` (found with find_number) once; after an ambiguous failure, look
    for it on the account: gone is released, there is still yours (exit 5), and a look
    that fails cannot tell (exit 5). Neither suggests a retry."""
    sid, shown = str(number.sid), number.phone_number or str(number.sid)
    try:
        client.release_number(sid)
        return Released(number)
    except TwilioRefused as exc:
        if exc.status == NOT_FOUND:
            raise exc.reworded(
                f"{shown} is not on this account (any more): nothing was released"
            ) from None
        raise
    except TwilioUnavailable as failure:
        if not failure.sent:
            raise TwilioUnavailable(f"not released (nothing was sent): {failure.message}") from None
        lost = f"the release's answer was lost ({_reason(failure)})"
    tell(f"{lost}: looking for {shown} on the account…")
    check = f"numsearch owned {shown}"
    try:
        looked = client.incoming_number(sid)
    except TwilioRefused as exc:
        if exc.status == NOT_FOUND:
            gone = f"{lost}, but {shown} is no longer on the account: it was released"
            return Released(number, notes=(gone,))
        failed: NumsearchError = exc
    except NumsearchError as exc:
        failed = exc
    else:
        if not _is(looked, number):  # another record says nothing of this one
            raise TwilioUnavailable(
                f"cannot tell whether {shown} was released: {lost}, and looking for it"
                f" answered another number ({MISMATCH}: it answered {_named(looked)});"
                f" check with `{check}`"
            )
        raise TwilioUnavailable(
            f"{shown} is still yours: {lost}, and it is still on the account (not released,"
            f" or not yet); check with `{check}`"
        )
    raise TwilioUnavailable(
        f"cannot tell whether {shown} was released: {lost}, and looking for it failed"
        f" ({_reason(failed)}); check with `{check}`"
    )
