"""Numbering-plan knowledge from phonenumbers: lengths, parsing and national formatting.

phonenumbers is imported inside each function: a JSON search should not pay for it.
"""

from __future__ import annotations

from functools import cache
from typing import Any

# Twilio's number types -> the phonenumbers metadata that describes them. "National"
# numbers are non-geographic national-rate ranges, which phonenumbers calls UAN;
# machine-to-machine ranges have no description there, so the general one stands in.
_TYPE_DESCS: dict[str, str] = {
    "local": "fixed_line",
    "toll_free": "toll_free",
    "mobile": "mobile",
    "national": "uan",
    "voip": "voip",
    "shared_cost": "shared_cost",
    "machine_to_machine": "general_desc",
}


class NotANumber(ValueError):
    """Text that cannot be a phone number in the given country."""


def _metadata(country: str) -> Any:
    from phonenumbers import PhoneMetadata

    return PhoneMetadata.metadata_for_region(country.upper())


def type_lengths(country: str, number_type: str) -> tuple[int, ...]:
    """National number lengths of `number_type` in `country` (e.g. US local -> (10,))."""
    meta = _metadata(country)
    if meta is None:
        return ()
    desc = getattr(meta, _TYPE_DESCS.get(number_type, "general_desc"), None)
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


def to_e164(text: str, country: str) -> str:
    """Parse `text` as a phone number (national numbers read in `country`) and return E.164.

    Raises NotANumber when phonenumbers cannot parse it or it is not a possible number.
    """
    import phonenumbers

    try:
        number = phonenumbers.parse(text, country.upper())
    except phonenumbers.NumberParseException:
        raise NotANumber(f"{text!r} is not a phone number") from None
    if not phonenumbers.is_possible_number(number):
        raise NotANumber(f"{text!r} is not a possible phone number")
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))


def format_national(e164: str, country: str | None = None) -> str:
    """`+15105551234` -> `(510) 555-1234`; text that does not parse comes back unchanged."""
    import phonenumbers

    try:
        number = phonenumbers.parse(e164, country.upper() if country else None)
    except phonenumbers.NumberParseException:
        return e164
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL))


def national_digits(e164: str) -> str:
    """The national significant number of an E.164 string: `+15105551234` -> `5105551234`."""
    import phonenumbers

    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return "".join(ch for ch in e164 if ch.isdigit())
    return str(phonenumbers.national_significant_number(number))


def example_number(country: str, number_type: str) -> str | None:
    """phonenumbers' example number of that type in `country`, in E.164, if it has one."""
    import phonenumbers

    meta = _metadata(country)
    desc = getattr(meta, _TYPE_DESCS.get(number_type, "general_desc"), None) if meta else None
    if desc is None or not desc.example_number:
        return None
    number = phonenumbers.parse(desc.example_number, country.upper())
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))
