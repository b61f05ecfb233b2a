"""Write the VCR cassettes of tests/search_cases.py (run from the repository root).

    python -m tests.support.make_cassettes

There is no live recording: Twilio is not reachable from CI, and a recording would
carry real numbers and an account. Each cassette holds exactly the requests a case
must send, with bodies built from the OpenAPI file's examples; the Authorization
header is never written.
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from tests.support import REPO as ROOT
from tests.support.fake_twilio import FAKE_SID
from tests.support.search_cases import CASES, Case
from tests.support.spec import example

COUNTRIES_PATH = "/2010-04-01/Accounts/{AccountSid}/AvailablePhoneNumbers.json"
COUNTRY_PATH = "/2010-04-01/Accounts/{AccountSid}/AvailablePhoneNumbers/{CountryCode}.json"

OUT = ROOT / "tests" / "cassettes" / "search"


class _Dumper(yaml.SafeDumper):
    """Multi-line strings (the JSON bodies) as readable literal blocks."""


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def interaction(case: Case, index: int) -> dict[str, object]:
    exchange = case.exchanges[index]
    path = case.uri(exchange.query).removeprefix("https://api.twilio.com")
    body = {"available_phone_numbers": exchange.numbers, "uri": path.split("?")[0]}
    return {
        "request": {
            "body": None,
            "headers": {"Accept": ["application/json"]},
            "method": "GET",
            "uri": case.uri(exchange.query),
        },
        "response": {
            "body": {"string": json.dumps(body, indent=2)},
            "headers": {
                "Content-Type": ["application/json;charset=utf-8"],
                "Twilio-Request-Id": [f"RQ{index:032x}"],
            },
            "status": {"code": exchange.status, "message": "OK"},
        },
    }


COUNTRIES_OUT = ROOT / "tests" / "cassettes" / "countries"
ACCOUNT = f"https://api.twilio.com/2010-04-01/Accounts/{FAKE_SID}"


def simple_interaction(uri: str, body: object, status: int = 200) -> dict[str, object]:
    message = {200: "OK", 404: "Not Found"}[status]
    return {
        "request": {"body": None, "headers": {"Accept": ["application/json"]}, "method": "GET",
                    "uri": uri},
        "response": {
            "body": {"string": json.dumps(body, indent=2)},
            "headers": {"Content-Type": ["application/json;charset=utf-8"]},
            "status": {"code": status, "message": message},
        },
    }  # fmt: skip


def country_cassettes() -> dict[str, list[dict[str, object]]]:
    """The spec's own examples of the countries list and one country, and a 404."""
    listing = example(COUNTRIES_PATH)
    fetched = example(COUNTRY_PATH, "fetch")
    missing = {
        "code": 20404,
        "message": "The requested resource /2010-04-01/Accounts/ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
        "/AvailablePhoneNumbers/XK.json was not found",
        "more_info": "https://www.twilio.com/docs/errors/20404",
        "status": 404,
    }
    return {
        "list": [simple_interaction(f"{ACCOUNT}/AvailablePhoneNumbers.json", listing)],
        "empty": [simple_interaction(f"{ACCOUNT}/AvailablePhoneNumbers.json",
                                     example(COUNTRIES_PATH, "readEmpty"))],
        "one": [simple_interaction(f"{ACCOUNT}/AvailablePhoneNumbers/US.json", fetched)],
        "missing": [simple_interaction(f"{ACCOUNT}/AvailablePhoneNumbers/XK.json", missing, 404)],
    }  # fmt: skip


def write(path: Path, interactions: list[dict[str, object]]) -> None:
    cassette = {"interactions": interactions, "version": 1}
    path.write_text(yaml.dump(cassette, Dumper=_Dumper, sort_keys=False, allow_unicode=True))


def main() -> None:
    COUNTRIES_OUT.mkdir(parents=True, exist_ok=True)
    for name, interactions in country_cassettes().items():
        write(COUNTRIES_OUT / f"{name}.yaml", interactions)
    OUT.mkdir(parents=True, exist_ok=True)
    for case in CASES:
        write(OUT / f"{case.id}.yaml", [interaction(case, i) for i in range(len(case.exchanges))])
    print(f"wrote {len(CASES)} cassettes to {OUT.relative_to(ROOT)} for account {FAKE_SID}")


if __name__ == "__main__":
    main()
