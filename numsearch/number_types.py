"""Twilio's number types: one table, from which commands, URLs, labels and lookups derive.

Each type has one record with every name Twilio and numsearch give it: the search
command, the URL path segment, the key in a country's `subresource_uris`, the label
in messages, the names Pricing v1 ("toll free") and Numbers v2 compliance
("toll-free") use, the phonenumbers metadata that describes its numbers, and whether
Twilio offers it in the North American countries (US, CA).
"""

from __future__ import annotations

from typing import NamedTuple

from numsearch.countries import US_CA


class NumberType(NamedTuple):
    """One kind of number Twilio sells, under each of its names."""

    command: str  # numsearch local
    resource: str  # .../AvailablePhoneNumbers/US/Local.json
    key: str  # subresource_uris key in the countries list: toll_free
    label: str  # for messages and tables: "toll-free"
    pricing_name: str  # Pricing v1 number_type: "toll free"
    compliance_name: str  # Numbers v2 NumberType: "toll-free"
    plan: str  # phonenumbers PhoneMetadata description of its ranges
    in_nanp: bool  # offered in US and CA


NUMBER_TYPES: dict[str, NumberType] = {
    t.command: t
    for t in (
        NumberType("local", "Local", "local", "local", "local", "local", "fixed_line", True),
        NumberType("tollfree", "TollFree", "toll_free", "toll-free", "toll free", "toll-free",
                   "toll_free", True),
        NumberType("mobile", "Mobile", "mobile", "mobile", "mobile", "mobile", "mobile", False),
        NumberType("national", "National", "national", "national", "national", "national",
                   "uan", False),
        NumberType("voip", "Voip", "voip", "VoIP", "voip", "voip", "voip", False),
        NumberType("shared-cost", "SharedCost", "shared_cost", "shared-cost", "shared cost",
                   "shared-cost", "shared_cost", False),
        # Machine-to-machine ranges have no description of their own in phonenumbers.
        NumberType("machine-to-machine", "MachineToMachine", "machine_to_machine",
                   "machine-to-machine", "machine to machine", "machine-to-machine",
                   "general_desc", False),
    )
}  # fmt: skip


def by_key(key: str) -> NumberType | None:
    """The type whose subresource key (or URL segment) is `key`: toll_free or TollFree."""
    for number_type in NUMBER_TYPES.values():
        if key in (number_type.key, number_type.resource):
            return number_type
    return None


def command_of_key(key: str) -> str:
    """What a country's subresource key is called in numsearch's output: the command that
    searches it (toll_free -> tollfree), so the value can be run; a key numsearch does not
    know, hyphenated as the commands are (new_kind -> new-kind)."""
    known = by_key(key)
    return known.command if known else key.replace("_", "-")


def by_pricing_name(name: str) -> NumberType | None:
    """The type Pricing v1 calls `name` ("toll free", any case and spacing)."""
    wanted = " ".join(name.lower().split())
    for number_type in NUMBER_TYPES.values():
        if number_type.pricing_name == wanted:
            return number_type
    return None


def by_compliance_name(name: str) -> NumberType | None:
    """The type Numbers v2 compliance calls `name` ("toll-free")."""
    wanted = name.strip().lower()
    for number_type in NUMBER_TYPES.values():
        if number_type.compliance_name == wanted:
            return number_type
    return None


# What each phonenumbers PhoneNumberType (by its name) may be among Twilio's types, most
# likely first: a plan that cannot tell fixed from mobile (FIXED_LINE_OR_MOBILE, as in
# Mexico or the US) has numbers of both. The one map; the sandbox derives its stock and
# its purchases from it too.
PLAN_TYPES: dict[str, tuple[str, ...]] = {
    "FIXED_LINE": ("local",),
    "FIXED_LINE_OR_MOBILE": ("local", "mobile"),
    "MOBILE": ("mobile",),
    "TOLL_FREE": ("tollfree",),
    "UAN": ("national",),
    "VOIP": ("voip",),
    "SHARED_COST": ("shared-cost",),
}


def types_of_plan(plan_type: object) -> tuple[NumberType, ...]:
    """The number types a phonenumbers PhoneNumberType value may be, most likely first."""
    import phonenumbers

    for name, commands in PLAN_TYPES.items():
        if getattr(phonenumbers.PhoneNumberType, name) == plan_type:
            return tuple(NUMBER_TYPES[c] for c in commands)
    return ()


def plan_types_of(number_type: NumberType) -> frozenset[object]:
    """The phonenumbers PhoneNumberType values whose numbers may be of `number_type`."""
    import phonenumbers

    return frozenset(
        getattr(phonenumbers.PhoneNumberType, name)
        for name, commands in PLAN_TYPES.items()
        if number_type.command in commands
    )


def types_of_number(e164: str) -> tuple[str | None, tuple[NumberType, ...]]:
    """The country (ISO alpha-2) of a number and the types it may be, most likely first,
    as its numbering plan says (phonenumbers); (None, ()) when the plan does not say."""
    import phonenumbers

    try:
        parsed = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return None, ()
    country = phonenumbers.region_code_for_number(parsed)
    kinds = types_of_plan(phonenumbers.number_type(parsed))
    if country in US_CA:  # Twilio offers only some types there
        kinds = tuple(kind for kind in kinds if kind.in_nanp)
    return (country if country and country != "ZZ" else None), kinds


def type_of_number(e164: str) -> tuple[str | None, NumberType | None]:
    """The country and the most likely number type of a number (`types_of_number`): what
    its price and paperwork depend on. A type numsearch cannot tell (fixed or mobile) is a
    best guess, checked where it matters against Twilio's answers."""
    country, kinds = types_of_number(e164)
    return country, (kinds[0] if kinds else None)


NANP_TOLL_FREE = ("800", "833", "844", "855", "866", "877", "888")
NANP_PREMIUM_RATE = ("900",)  # Twilio sells none


def type_of_area_code(npa: str) -> tuple[str | None, NumberType]:
    """The country (US, CA, ...) and type of numbers in North American area code `npa`."""
    if npa in NANP_TOLL_FREE:
        return "US", NUMBER_TYPES["tollfree"]
    import phonenumbers

    probe = phonenumbers.PhoneNumber(country_code=1, national_number=int(f"{npa}2000000"))
    country = phonenumbers.region_code_for_number(probe)
    return (country if country and country != "ZZ" else None), NUMBER_TYPES["local"]
