"""What twilio-cli users bring with them: global flags after the command, TSV and
header-less output for shell pipelines, and twilio-cli's own flag spellings."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.support import CliRun
from tests.support.fake_twilio import FakeTwilio, available, numbers_page


@pytest.mark.parametrize(
    "args",
    [
        ("--sandbox", "local", "US", "--contains", "STORM", "-o", "json"),
        ("local", "US", "--contains", "STORM", "--sandbox", "-o", "json"),
        ("local", "US", "--contains", "STORM", "-o", "json", "--sandbox", "--no-color"),
    ],
)
def test_global_flags_before_or_after_the_command(cli: CliRun, args: tuple[str, ...]) -> None:
    result = cli(*args)
    assert result.exit_code == 0, result.stderr
    assert "sandbox: answers come from" in result.stderr
    assert all(r["phone_number"].startswith("+1") for r in json.loads(result.stdout))


def test_debug_after_the_command_logs_requests(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    fake_twilio.default = numbers_page([available("+15105550100")])
    result = cli("local", "--area-code", "510", "--debug")
    assert result.exit_code == 0
    assert "debug: GET" in result.stderr and "AreaCode=510" in result.stderr


def test_flags_after_a_double_dash_are_not_taken_for_global() -> None:
    from numsearch.cli.app import _hoist_globals

    assert _hoist_globals(["local", "US", "--debug", "--", "--sandbox"]) == [
        "--debug", "local", "US", "--", "--sandbox",
    ]  # fmt: skip


def test_tsv_escapes_tabs_and_newlines_and_neutralises_formulas(
    cli: CliRun, fake_twilio: FakeTwilio
) -> None:
    fake_twilio.default = numbers_page(
        [available("+15105550100", locality="Oak\tland\nCA", region="=cmd()")]
    )
    result = cli("local", "-o", "tsv", "--fields", "phone_number,locality,region")
    assert result.exit_code == 0
    assert result.stdout == (
        "phone_number\tlocality\tregion\n+15105550100\tOak\\tland\\nCA\t'=cmd()\n"
    )


def test_bare_numbers_one_a_line(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    numbers = ["+15105550100", "+15105550101", "+15105550102"]
    fake_twilio.default = numbers_page([available(n) for n in numbers])
    result = cli("local", "--fields", "phone_number", "-o", "tsv", "--no-header")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == numbers


@pytest.mark.parametrize("fmt", ["csv", "table"])
def test_no_header_for_csv_and_tables(cli: CliRun, fake_twilio: FakeTwilio, fmt: str) -> None:
    fake_twilio.default = numbers_page([available("+15105550100")])
    result = cli("local", "-o", fmt, "--no-header", "--fields", "phone_number,locality",
                 terminal=True)  # fmt: skip
    assert result.exit_code == 0
    assert "phone_number" not in result.stdout and "Locality" not in result.stdout
    assert "Oakland" in result.stdout
    if fmt == "csv":
        assert list(csv.reader(io.StringIO(result.stdout))) == [["+15105550100", "Oakland"]]
    else:
        assert "local number" not in result.stdout  # no title either: rows only


def test_no_header_with_json_is_a_usage_error(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    result = cli("local", "-o", "json", "--no-header")
    assert result.exit_code == 2 and "--no-header" in result.stderr
    assert fake_twilio.requests == []


def test_a_twilio_cli_search_line_works_with_its_command_replaced(
    cli: CliRun, fake_twilio: FakeTwilio
) -> None:
    """twilio api:core:available-phone-numbers:local:list --country-code CA ... ->
    numsearch local --country-code CA ..."""
    caps = {"voice": False, "SMS": True, "MMS": True, "fax": True}
    fake_twilio.default = numbers_page(
        [available("+14165550100", iso_country="CA", capabilities=caps)]
    )
    result = cli(
        "local", "--country-code", "CA", "--area-code", "416", "--sms-enabled",
        "--no-voice-enabled", "--mms-enabled", "--fax-enabled",
        "--exclude-all-address-required", "--exclude-foreign-address-required",
        "--in-locality", "Toronto", "--page-size", "20", "--properties", "phoneNumber,isoCountry",
        "-o", "json",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == [{"phone_number": "+14165550100", "iso_country": "CA"}]
    [request] = fake_twilio.requests
    assert "/AvailablePhoneNumbers/CA/Local.json" in request.path
    assert request.query == {
        "AreaCode": "416", "InLocality": "Toronto", "SmsEnabled": "true",
        "MmsEnabled": "true", "VoiceEnabled": "false", "FaxEnabled": "true",
        "ExcludeAllAddressRequired": "true", "ExcludeForeignAddressRequired": "true",
        "PageSize": "20",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("local", "FR", "--country-code", "GB"), "COUNTRY FR and --country-code disagree"),
        (("local", "--sms", "--no-sms-enabled"), "--sms and its twilio-cli spelling disagree"),
        (("local", "--limit", "5", "--page-size", "6"), "--limit and its twilio-cli spelling"),
        (("local", "--fields", "locality", "--properties", "region"), "--properties is"),
    ],
)
def test_the_two_spellings_must_agree(
    cli: CliRun, fake_twilio: FakeTwilio, args: tuple[str, ...], message: str
) -> None:
    result = cli(*args)
    assert result.exit_code == 2 and message in result.stderr
    assert fake_twilio.requests == []


def test_the_aliases_stay_out_of_the_help(cli: CliRun) -> None:
    help_text = cli("local", "--help").stdout
    assert "--sms-enabled" not in help_text and "--country-code" not in help_text
    assert "--no-header" in help_text and "tsv" in help_text


def test_owned_filters_by_friendly_name_in_every_format(
    cli: CliRun, fake_twilio: FakeTwilio
) -> None:
    from tests.support.fake_twilio import incoming, incoming_page

    fake_twilio.default = incoming_page([incoming("+15105550100", friendly_name="Desk")])
    result = cli("owned", "--friendly-name", "Desk", "-o", "tsv", "--no-header",
                 "--fields", "phone_number,friendly_name")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "+15105550100\tDesk\n"
    assert fake_twilio.requests[0].query["FriendlyName"] == "Desk"


def test_owned_by_friendly_name_in_the_sandbox(cli: CliRun) -> None:
    bought = cli("--sandbox", "buy", "+15105550100", "--friendly-name", "Desk", "--yes")
    assert bought.exit_code == 0, bought.stderr
    found = cli("--sandbox", "owned", "--friendly-name", "Desk", "-o", "json")
    assert [n["phone_number"] for n in json.loads(found.stdout)] == ["+15105550100"]
    assert cli("--sandbox", "owned", "--friendly-name", "Other").exit_code == 1


def test_profile_names_complete(cli: CliRun) -> None:
    from numsearch import config
    from tests.support.fake_twilio import FAKE_SID

    for name in ("work", "weekend", "ci"):
        config.add_profile(name, {"account_sid": FAKE_SID, "auth_token": "t"})
    line = "numsearch local --profile w"
    env = {"_NUMSEARCH_COMPLETE": "complete_bash", "COMP_WORDS": line, "COMP_CWORD": "3"}
    result = cli(env=env)
    assert result.exit_code == 0
    assert result.stdout.split() == ["weekend", "work"]
