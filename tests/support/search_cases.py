"""Search cases: the command line, the exact requests it must send, and Twilio's answers.

`scripts/make_cassettes.py` writes one VCR cassette per case from this table, with
bodies built from the OpenAPI file's examples (plus the live API's quirks: `SMS`/`MMS`
in upper case, latitude/longitude as strings). The CLI tests replay them with
`record_mode=none`: a request whose path or query differs from the recorded one
fails the test.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from tests.support.fake_twilio import FAKE_SID
from tests.support.spec import SEARCH_PATH, example

BASE = "https://api.twilio.com"


def spec_item(resource: str, **fields: Any) -> dict[str, Any]:
    """The spec's example number of `resource`, with `fields` replaced, as the live API sends it."""
    item: dict[str, Any] = copy.deepcopy(
        example(SEARCH_PATH % resource)["available_phone_numbers"][0]
    )
    item.update(fields)
    caps = item.get("capabilities") or {}
    # The live API spells these two in upper case in available-number lists.
    item["capabilities"] = {
        ("SMS" if k == "sms" else "MMS" if k == "mms" else k): v for k, v in caps.items()
    }
    for key in ("latitude", "longitude"):
        if isinstance(item.get(key), float | int):
            item[key] = f"{item[key]:.6f}"
    return item


def us_local(
    number: str,
    locality: str,
    region: str,
    postal: str,
    lata: str,
    rate_center: str,
    lat: float,
    lon: float,
    **extra: Any,
) -> dict[str, Any]:
    national = number[2:]
    extra.setdefault("capabilities", {"voice": True, "sms": True, "mms": True})
    return spec_item(
        "Local",
        phone_number=number,
        friendly_name=f"({national[:3]}) {national[3:6]}-{national[6:]}",
        locality=locality,
        region=region,
        postal_code=postal,
        lata=lata,
        rate_center=rate_center,
        latitude=f"{lat:.6f}",
        longitude=f"{lon:.6f}",
        iso_country="US",
        **extra,
    )


def oakland(number: str, **extra: Any) -> dict[str, Any]:
    return us_local(number, "Oakland", "CA", "94612", "722", "OKLD", 37.8044, -122.2708, **extra)


def berkeley(number: str, **extra: Any) -> dict[str, Any]:
    return us_local(
        number, "Berkeley", "CA", "94704", "722", "BERKELEY", 37.8716, -122.2727, **extra
    )


def san_francisco(number: str, **extra: Any) -> dict[str, Any]:
    return us_local(
        number, "San Francisco", "CA", "94103", "722", "SNFC CA", 37.7749, -122.4194, **extra
    )


def little_rock(number: str, **extra: Any) -> dict[str, Any]:
    return us_local(
        number, "Little Rock", "AR", "72201", "528", "LITTLEROCK", 34.7465, -92.2896, **extra
    )


def toll_free(number: str, **extra: Any) -> dict[str, Any]:
    national = number[2:]
    return spec_item(
        "TollFree",
        phone_number=number,
        friendly_name=f"({national[:3]}) {national[3:6]}-{national[6:]}",
        **extra,
    )


def other(resource: str, number: str, country: str, **extra: Any) -> dict[str, Any]:
    return spec_item(
        resource, phone_number=number, friendly_name=number, iso_country=country, **extra
    )


@dataclass
class Exchange:
    """One request the command must send, and what Twilio answers."""

    query: dict[str, str]
    numbers: list[dict[str, Any]]
    status: int = 200


@dataclass
class Case:
    """A search command line and its exchanges with Twilio, in order."""

    id: str
    args: tuple[str, ...]
    resource: str
    country: str
    exchanges: list[Exchange]
    expect_numbers: list[str] = field(default_factory=list)
    expect_in_table: list[str] = field(default_factory=list)
    expect_not_in_table: list[str] = field(default_factory=list)

    @property
    def resource_label(self) -> str:
        from numsearch.number_types import NUMBER_TYPES

        return NUMBER_TYPES[self.args[0]].label

    @property
    def exit_code(self) -> int:
        return 0 if self.expect_numbers else 1

    def uri(self, query: dict[str, str]) -> str:
        from urllib.parse import urlencode

        path = (SEARCH_PATH % self.resource).format(AccountSid=FAKE_SID, CountryCode=self.country)
        return BASE + path + (f"?{urlencode(query)}" if query else "")


def local(
    case_id: str,
    args: tuple[str, ...],
    query: dict[str, str],
    numbers: list[dict[str, Any]],
    **expect: Any,
) -> Case:
    return Case(
        id=case_id,
        args=("local", "US", *args),
        resource="Local",
        country="US",
        exchanges=[Exchange(query, numbers)],
        expect_numbers=[n["phone_number"] for n in numbers],
        **expect,
    )


CASES: list[Case] = [
    local(
        "area-code",
        ("--area-code", "510"),
        {"AreaCode": "510"},
        [oakland("+15105550100"), oakland("+15105550142"), berkeley("+15102231776")],
        expect_in_table=["(510) 555-0100", "Oakland", "94612", "722", "OKLD", "voice sms mms"],
    ),
    local(
        "contains-word",
        ("--contains", "STORM"),
        {"Contains": "78676"},
        [oakland("+15107867600"), san_francisco("+14157867612"), berkeley("+15102478676")],
        expect_in_table=["spelling STORM (78676)", "510-STORM-00", "415-STORM-12", "510-24-STORM"],
    ),
    local(
        "contains-digits",
        ("--contains", "555"),
        {"Contains": "555"},
        [oakland("+15105550100")],
        expect_not_in_table=["Vanity"],
    ),
    local(
        "starts-with",
        ("--starts-with", "510555"),
        {"Contains": "510555****"},
        [oakland("+15105550199"), oakland("+15105551234")],
    ),
    local(
        "ends-with",
        ("--ends-with", "1234"),
        {"Contains": "******1234"},
        [oakland("+15105551234"), san_francisco("+14155551234")],
    ),
    local(
        "in-region",
        ("--in-region", "AR"),
        {"InRegion": "AR"},
        [little_rock("+15016055555"), little_rock("+15013721234")],
        expect_in_table=["Little Rock", "AR", "528"],
    ),
    local(
        "in-postal-code",
        ("--in-postal-code", "94612"),
        {"InPostalCode": "94612"},
        [oakland("+15105550100")],
    ),
    local(
        "in-locality",
        ("--in-locality", "Oakland"),
        {"InLocality": "Oakland"},
        [oakland("+15105550100"), oakland("+15108320011")],
    ),
    local(
        "in-lata-rate-center",
        ("--in-lata", "722", "--in-rate-center", "OKLD"),
        {"InLata": "722", "InRateCenter": "OKLD"},
        [oakland("+15105550100")],
    ),
    local(
        "in-lata-template",
        ("--in-lata", "+15016055555"),
        {"InLata": "+15016055555"},
        [little_rock("+15016051111")],
    ),
    local(
        "near-number",
        ("--near-number", "(510) 555-0100", "--distance", "10"),
        {"NearNumber": "+15105550100", "Distance": "10"},
        [oakland("+15105550177"), berkeley("+15102231776")],
    ),
    local(
        "near-lat-long",
        ("--near-lat-long", "37.840699,-122.461853", "--distance", "50", "--contains", "555"),
        {"NearLatLong": "37.840699,-122.461853", "Distance": "50", "Contains": "555"},
        [san_francisco("+14155550123"), oakland("+15105550100")],
    ),
    local(
        "capabilities",
        ("--sms", "--mms", "--voice", "--no-fax"),
        {"SmsEnabled": "true", "MmsEnabled": "true", "VoiceEnabled": "true", "FaxEnabled": "false"},
        [oakland("+15105550100")],
    ),
    local(
        "no-sms",
        ("--no-sms",),
        {"SmsEnabled": "false"},
        [oakland("+15105550100", capabilities={"voice": True, "sms": False, "mms": False})],
        expect_in_table=["voice"],
    ),
    local(
        "exclude-all-address",
        ("--exclude-address-required", "all"),
        {"ExcludeAllAddressRequired": "true"},
        [oakland("+15105550100")],
    ),
    local(
        "exclude-local-foreign",
        ("--exclude-address-required", "local", "--exclude-address-required", "foreign"),
        {"ExcludeLocalAddressRequired": "true", "ExcludeForeignAddressRequired": "true"},
        [oakland("+15105550100")],
    ),
    local(
        "beta",
        ("--beta",),
        {"Beta": "true"},
        [oakland("+15105550100", beta=True)],
        expect_in_table=["beta"],
    ),
    local(
        "no-beta",
        ("--no-beta",),
        {"Beta": "false"},
        [oakland("+15105550100")],
        expect_not_in_table=["Beta"],
    ),
    local(
        "limit",
        ("--limit", "2"),
        {"PageSize": "2"},
        [oakland("+15105550100"), oakland("+15105550101")],
    ),
    local("nothing-matched", ("--contains", "99999"), {"Contains": "99999"}, []),
    Case(
        id="several-area-codes",
        args=("local", "us", "--area-code", "510,415", "--area-code", "510"),
        resource="Local",
        country="US",
        exchanges=[
            Exchange({"AreaCode": "510"}, [oakland("+15105550100"), oakland("+15105550142")]),
            # Twilio may list a number under two searches: it is shown once.
            Exchange({"AreaCode": "415"}, [san_francisco("+14155550123"), oakland("+15105550142")]),
        ],
        expect_numbers=["+15105550100", "+15105550142", "+14155550123"],
        expect_in_table=["area code 510, 415"],
    ),
    Case(
        id="tollfree-pattern",
        args=("tollfree", "US", "--contains", "866***EPIC"),
        resource="TollFree",
        country="US",
        exchanges=[Exchange({"Contains": "866***3742"}, [toll_free("+18662153742")])],
        expect_numbers=["+18662153742"],
        expect_in_table=["(866) 215-3742", "866-215-EPIC"],
        expect_not_in_table=["LATA", "Locality"],
    ),
    Case(
        id="tollfree-area-code-word",
        args=("tollfree", "--area-code", "800", "--contains", "JENNY"),
        resource="TollFree",
        country="US",
        exchanges=[
            Exchange(
                {"AreaCode": "800", "Contains": "53669"},
                [toll_free("+18005366901"), toll_free("+18007453669")],
            )
        ],
        expect_numbers=["+18005366901", "+18007453669"],
    ),
    Case(
        id="mobile-gb",
        args=("mobile", "gb"),
        resource="Mobile",
        country="GB",
        exchanges=[
            Exchange(
                {},
                [
                    other("Mobile", "+447400123456", "GB", address_requirements="any"),
                    other("Mobile", "+447400654321", "GB"),
                ],
            )
        ],
        expect_numbers=["+447400123456", "+447400654321"],
        expect_in_table=["07400 123456", "any", "2 mobile numbers in GB"],
        expect_not_in_table=["LATA", "Rate center", "Postal code"],
    ),
    Case(
        id="national-gb",
        args=("national", "GB", "--contains", "1234"),
        resource="National",
        country="GB",
        exchanges=[Exchange({"Contains": "1234"}, [other("National", "+443301234567", "GB")])],
        expect_numbers=["+443301234567"],
        expect_in_table=["0330 123 4567"],
    ),
    Case(
        id="voip-gb",
        args=("voip", "GB"),
        resource="Voip",
        country="GB",
        exchanges=[Exchange({}, [other("Voip", "+445612345678", "GB")])],
        expect_numbers=["+445612345678"],
        expect_in_table=["056 1234 5678"],
    ),
    Case(
        id="shared-cost-gb",
        args=("shared-cost", "GB", "--limit", "1"),
        resource="SharedCost",
        country="GB",
        exchanges=[Exchange({"PageSize": "1"}, [other("SharedCost", "+443456780123", "GB")])],
        expect_numbers=["+443456780123"],
    ),
    Case(
        id="machine-to-machine-no",
        args=("machine-to-machine", "NO"),
        resource="MachineToMachine",
        country="NO",
        # The spec's own example, unchanged but for the live API's quirks.
        exchanges=[Exchange({}, [spec_item("MachineToMachine")])],
        expect_numbers=["+4759440374"],
        expect_in_table=["59 44 03 74", "sms"],
    ),
]

CASES_BY_ID = {case.id: case for case in CASES}
