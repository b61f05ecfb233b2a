"""Numbering-plan knowledge from phonenumbers: the one phone-number parser, lengths,
and national formatting.

phonenumbers is imported inside each function: a JSON search should not pay for it.
"""

from __future__ import annotations

from functools import cache
from typing import Any, Literal

from numsearch.keypad import has_letters, keypad_digits
from numsearch.number_types import NUMBER_TYPES
from numsearch.untrusted import quoted

# Subresource key -> the phonenumbers description of that type's ranges.
_PLANS = {t.key: t.plan for t in NUMBER_TYPES.values()}

Failure = Literal["unparsable", "impossible", "invalid"]


class NotANumber(ValueError):
    """Text that cannot be a phone number in the given country; `kind` says why."""

    def __init__(self, message: str, kind: Failure = "unparsable") -> None:
        super().__init__(message)
        self.kind: Failure = kind


def parse_number(
    text: str,
    country: str,
    *,
    valid: bool = False,
    letters: bool = True,
    extra_letters: bool = False,
) -> Any:
    """Parse what a user typed as a phone number: E.164, national (read in `country`),
    with separators, or with letters read on the keypad (1-800-FLOWERS).

    Returns a phonenumbers PhoneNumber that is at least possible; `valid=True` also
    asks that it be a number the plan assigns, and so does a number written with
    letters (`letters=False` refuses them). `extra_letters=True` drops letters past
    the number's end, as ads do (1-800-PETSMART); never for a number about to be
    bought. Raises NotANumber.
    """
    import phonenumbers

    lettered = has_letters(text)
    if lettered and not letters:
        raise NotANumber(f"{quoted(text)} is not a phone number")
    digits = keypad_digits(text, keep="+") if lettered else text
    try:
        number = phonenumbers.parse(digits, country.upper())
    except phonenumbers.NumberParseException:
        raise NotANumber(f"{quoted(text)} is not a phone number") from None
    if lettered and extra_letters and not phonenumbers.is_possible_number(number):
        number = _drop_extra_digits(number)
    possible = phonenumbers.is_possible_number_with_reason(number)
    if possible == phonenumbers.ValidationResult.IS_POSSIBLE_LOCAL_ONLY:  # 555 1234 in the US
        raise NotANumber(
            f"{quoted(text)} is not a whole phone number (a local one needs its area code)",
            "impossible",
        )
    if possible != phonenumbers.ValidationResult.IS_POSSIBLE:
        raise NotANumber(f"{quoted(text)} is not a possible phone number", "impossible")
    if (valid or lettered) and not phonenumbers.is_valid_number(number):
        raise NotANumber(f"{quoted(text)} is not a valid number", "invalid")
    return number


def _drop_extra_digits(number: Any) -> Any:
    """1-800-PETSMART has one letter too many: vanity numbers ignore the extra ones."""
    import phonenumbers

    national = str(phonenumbers.national_significant_number(number))
    while len(national) > 1:
        national = national[:-1]
        shorter = phonenumbers.PhoneNumber(
            country_code=number.country_code, national_number=int(national)
        )
        if phonenumbers.is_possible_number(shorter):
            return shorter
    return number


def e164(number: Any) -> str:
    """A parsed number in E.164: `+15105550100`."""
    import phonenumbers

    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))


def to_e164(text: str, country: str) -> str:
    """`text` (digits only) parsed (see parse_number) and written in E.164; raises
    NotANumber."""
    return e164(parse_number(text, country, letters=False))


def _metadata(country: str) -> Any:
    from phonenumbers import PhoneMetadata

    return PhoneMetadata.metadata_for_region(country.upper())


def type_lengths(country: str, number_type: str) -> tuple[int, ...]:
    """National number lengths of `number_type` (a subresource key) in `country`."""
    meta = _metadata(country)
    if meta is None:
        return ()
    desc = getattr(meta, _PLANS.get(number_type, "general_desc"), None)
    lengths = tuple(n for n in (desc.possible_length if desc else ()) if n > 0)
    if not lengths and meta.general_desc is not None:
        lengths = tuple(n for n in meta.general_desc.possible_length if n > 0)
    return lengths


@cache
def national_length(country: str, number_type: str) -> int:
    """The length to anchor a pattern to: the longest national number of that type."""
    lengths = type_lengths(country, number_type)
    if not lengths:
        raise NotANumber(f"phonenumbers has no numbering plan for {country}")
    return max(lengths)


def format_national(e164_text: str, country: str | None = None) -> str:
    """`+15105551234` -> `(510) 555-1234`; text that does not parse, or is no possible
    number of its country (`+1000`, which would read `000`), comes back unchanged."""
    import phonenumbers

    try:
        number = phonenumbers.parse(e164_text, country.upper() if country else None)
    except phonenumbers.NumberParseException:
        return e164_text
    if not phonenumbers.is_possible_number(number):
        return e164_text
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL))


def national_digits(e164_text: str) -> str:
    """The national significant number of an E.164 string: `+15105551234` -> `5105551234`."""
    import phonenumbers

    try:
        number = phonenumbers.parse(e164_text, None)
    except phonenumbers.NumberParseException:
        return "".join(ch for ch in e164_text if ch.isdigit())
    return str(phonenumbers.national_significant_number(number))


def example_number(country: str, number_type: str) -> str | None:
    """phonenumbers' example number of that type in `country`, in E.164, if it has one."""
    import phonenumbers

    meta = _metadata(country)
    desc = getattr(meta, _PLANS.get(number_type, "general_desc"), None) if meta else None
    if desc is None or not desc.example_number:
        return None
    return e164(phonenumbers.parse(desc.example_number, country.upper()))
