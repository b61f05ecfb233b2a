"""Write the VCR cassettes of tests/search_cases.py (run from the repository root).

    python scripts/make_cassettes.py

There is no live recording: Twilio is not reachable from CI, and a recording would
carry real numbers and an account. Each cassette holds exactly the requests a case
must send, with bodies built from the OpenAPI file's examples; the Authorization
header is never written.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.fake_twilio import FAKE_SID  # noqa: E402
from tests.search_cases import CASES, Case  # noqa: E402

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


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for case in CASES:
        cassette = {
            "interactions": [interaction(case, i) for i in range(len(case.exchanges))],
            "version": 1,
        }
        text = yaml.dump(cassette, Dumper=_Dumper, sort_keys=False, allow_unicode=True)
        (OUT / f"{case.id}.yaml").write_text(text)
    print(f"wrote {len(CASES)} cassettes to {OUT.relative_to(ROOT)} for account {FAKE_SID}")


if __name__ == "__main__":
    main()
