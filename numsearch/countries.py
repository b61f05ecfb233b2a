"""The countries Twilio publishes, and turning what a user types into an ISO 3166-1 alpha-2 code.

The list and its beta flags are Twilio's "Supported Countries" table (the seed page
of this project); country names come from phonenumbers' locale data, not from here.
"""

from __future__ import annotations

from functools import cache

from numsearch.errors import InvalidInput
from numsearch.untrusted import quoted

# Twilio's published table: ISO alpha-2 -> beta. Alpha-3 codes (ISO 3166-1) only to
# suggest the right code when someone types USA or GBR.
SUPPORTED: dict[str, bool] = {
    "AU": False, "AT": False, "BH": True, "BE": False, "BR": True, "BG": False,
    "CA": False, "CY": True, "CZ": False, "DK": False, "DO": True, "SV": True,
    "EE": True, "FI": False, "FR": False, "GR": False, "HK": False, "IE": False,
    "IL": False, "IT": False, "JP": False, "LV": True, "LT": True, "LU": True,
    "MT": True, "MX": False, "NL": False, "NZ": False, "PE": True, "PL": False,
    "PT": False, "PR": False, "RO": False, "SK": False, "ZA": True, "ES": False,
    "SE": False, "CH": False, "GB": False, "US": False,
}  # fmt: skip
ALPHA3: dict[str, str] = {
    "AUS": "AU", "AUT": "AT", "BHR": "BH", "BEL": "BE", "BRA": "BR", "BGR": "BG",
    "CAN": "CA", "CYP": "CY", "CZE": "CZ", "DNK": "DK", "DOM": "DO", "SLV": "SV",
    "EST": "EE", "FIN": "FI", "FRA": "FR", "GRC": "GR", "HKG": "HK", "IRL": "IE",
    "ISR": "IL", "ITA": "IT", "JPN": "JP", "LVA": "LV", "LTU": "LT", "LUX": "LU",
    "MLT": "MT", "MEX": "MX", "NLD": "NL", "NZL": "NZ", "PER": "PE", "POL": "PL",
    "PRT": "PT", "PRI": "PR", "ROU": "RO", "SVK": "SK", "ZAF": "ZA", "ESP": "ES",
    "SWE": "SE", "CHE": "CH", "GBR": "GB", "USA": "US",
}  # fmt: skip
# Codes people use that ISO does not: the UK is GB, Greece is GR (EL is the EU's code).
NOT_ISO: dict[str, str] = {"UK": "GB", "EL": "GR", "EN": "GB"}
# Countries whose numbers carry LATA, rate centre, region and postal code (NANP in Twilio).
US_CA = frozenset({"US", "CA"})


@cache
def all_region_codes() -> frozenset[str]:
    """Every ISO alpha-2 code that has a numbering plan (phonenumbers' regions)."""
    import phonenumbers

    return frozenset(phonenumbers.SUPPORTED_REGIONS)


@cache
def country_name(code: str) -> str:
    """The English name of an ISO alpha-2 country, from phonenumbers' locale data."""
    from phonenumbers.geodata.locale import LOCALE_DATA

    names = LOCALE_DATA.get(code.upper())
    if not names:
        return code.upper()
    name = names.get("en", "")
    # The data shares strings between languages: "*aa" means "the same as 'aa'".
    while name.startswith("*"):
        name = names.get(name[1:], "")
    return str(name) or code.upper()


def _code_for_name(text: str) -> str | None:
    wanted = text.strip().casefold()
    for code in sorted(all_region_codes()):
        if country_name(code).casefold() == wanted:
            return code
    return None


def normalize_country(text: str) -> str:
    """Return the upper-case ISO alpha-2 code for `text`, or raise InvalidInput with the fix."""
    code = text.strip().upper()
    if code in SUPPORTED:
        return code
    suggestion = NOT_ISO.get(code) or ALPHA3.get(code)
    if suggestion is None and len(code) == 2 and code.isalpha() and code in all_region_codes():
        return code
    if suggestion is None and len(code) > 3:
        suggestion = _code_for_name(text)
    if suggestion:
        raise InvalidInput(
            f"country {quoted(text)} is not an ISO 3166-1 alpha-2 code: use {suggestion}"
            f" ({country_name(suggestion)})"
        )
    raise InvalidInput(
        f"country {quoted(text)} is not an ISO 3166-1 alpha-2 code such as US, GB or AU"
        " (see `numsearch countries --offline`)"
    )


def complete_country(incomplete: str) -> list[tuple[str, str]]:
    """Shell completion: the countries of Twilio's table matching what is typed so far."""
    typed = incomplete.upper()
    return [
        (code, "beta" if beta else "")
        for code, beta in sorted(SUPPORTED.items())
        if code.startswith(typed)
    ]
