"""Contract tests: every search command and filter against Prism serving Twilio's own spec.

Prism validates each request against the OpenAPI file (types, limits, the AccountSid
pattern) and logs "Request did not pass the validation rules" for a bad one.
"""

from __future__ import annotations

import pytest
import requests

from tests.support import FAKE_TOKEN, CliRun
from tests.support.fake_twilio import FAKE_SID
from tests.support.prism import RECEIVED, REJECTED, Prism
from tests.support.search_cases import CASES, Case

pytestmark = pytest.mark.prism

EXTRA = [
    ("local", "CA", "--in-region", "ON", "--in-locality", "Toronto", "--limit", "30"),
    ("local", "US", "--near-number", "+15105550100", "--in-postal-code", "94612"),
    ("local", "US", "--area-code", "510", "--contains", "5%", "--beta", "--fax"),
    ("tollfree", "US", "--starts-with", "8**", "--ends-with", "WORD", "--no-voice"),
    ("mobile", "AU", "--contains", "+61%", "--exclude-address-required", "local"),
    ("national", "GB", "--in-locality", "London", "--sms", "--mms"),
]


def run_through_prism(cli: CliRun, prism: Prism, args: tuple[str, ...]) -> tuple[int, str]:
    mark = prism.mark()
    result = cli(*args, "-o", "json")
    return result.exit_code, prism.since(mark)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_every_case_passes_prism_validation(case: Case, cli: CliRun, via_prism: Prism) -> None:
    code, log = run_through_prism(cli, via_prism, case.args)
    assert REJECTED not in log, log
    assert log.count(RECEIVED) == len(case.exchanges)
    # Prism answers every search with the spec's example number (+18089251571), which
    # numsearch leaves out where it does not fit the search: found or not, never an error.
    assert code in (0, 1)


@pytest.mark.parametrize("args", EXTRA, ids=lambda a: " ".join(a))
def test_combined_filters_pass_prism_validation(
    args: tuple[str, ...], cli: CliRun, via_prism: Prism
) -> None:
    code, log = run_through_prism(cli, via_prism, args)
    assert REJECTED not in log, log
    assert code in (0, 1)  # Prism's example number, kept or left out as it fits


def test_prism_does_reject_a_bad_request(via_prism: Prism) -> None:
    """The check above can fail: a request that breaks the spec is caught in the log."""
    mark = via_prism.mark()
    response = requests.get(
        f"{via_prism.url}/2010-04-01/Accounts/{FAKE_SID}/AvailablePhoneNumbers/US/Local.json",
        params={"AreaCode": "five-ten", "PageSize": "5000"},
        auth=(FAKE_SID, FAKE_TOKEN),
        timeout=10,
    )
    assert response.status_code == 422
    assert REJECTED in via_prism.since(mark)


@pytest.mark.parametrize(
    "args",
    [
        ("countries",),
        ("countries", "GB"),
        ("owned",),
        ("owned", "+1510"),
        ("buy", "+15105550100", "--yes"),
        ("buy", "--area-code", "510", "--yes", "--friendly-name", "Main line",
         "--voice-url", "https://example.com/voice", "--voice-method", "GET",
         "--sms-url", "https://example.com/sms", "--status-callback", "https://example.com/s",
         "--address-sid", "AD" + "a" * 32, "--bundle-sid", "BU" + "b" * 32,
         "--emergency-address-sid", "AD" + "c" * 32, "--trunk-sid", "TK" + "d" * 32,
         "--identity-sid", "RI" + "e" * 32, "--voice-receive-mode", "voice"),
    ],
    ids=lambda a: " ".join(a[:3]),
)  # fmt: skip
def test_other_commands_pass_prism_validation(
    args: tuple[str, ...], cli: CliRun, via_prism: Prism
) -> None:
    code, log = run_through_prism(cli, via_prism, args)
    assert REJECTED not in log, log
    assert log.count(RECEIVED) >= 1
    # Prism answers a purchase with the spec's example record, another number than
    # asked: bought-other, exit 5.
    assert code == (5 if args[0] == "buy" else 0)
