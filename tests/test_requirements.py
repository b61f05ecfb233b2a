"""`numsearch requirements COUNTRY [TYPE]`: the address a number needs (seen on a small
search), whether a regulation asks for a bundle, and the account's addresses and
approved bundles that fit, with their SIDs, or the fix where none does."""

from __future__ import annotations

import json
from typing import Any

import pytest

from numsearch.compliance import Address, fitting_addresses, seen_needs
from numsearch.errors import TwilioUnavailable
from tests.support import NUMBERS_SPEC, SPEC, CliRun
from tests.support.fake_twilio import (
    ADDRESSES_PATH,
    BUNDLES_PATH,
    REGULATIONS_PATH,
    FakeTwilio,
    Paperwork,
    Reply,
    address,
    available,
    bundle,
    json_reply,
    meta_page,
    twilio_error,
)
from tests.support.hostile import ESCAPES, raw_controls
from tests.support.spec import response_errors

US_ADDRESS = address("1", "US", "Main office")
GB_ADDRESS = address("2", "GB", "London office")
GB_MOBILE_BUNDLE = bundle("3", "UK mobile")


@pytest.fixture(autouse=True)
def _answers_come_from_each_test(request: pytest.FixtureRequest) -> None:
    """Prices and paperwork are what these tests are about: the fake server's
    background answers are off."""
    if "fake_twilio" in request.fixturenames:
        request.getfixturevalue("fake_twilio").background = None


def gb_mobile(number: str = "+447400123456", need: str = "local") -> dict[str, Any]:
    return available(number, iso_country="GB", address_requirements=need, _type="mobile")


def de_local(number: str = "+4930123456", need: str = "local") -> dict[str, Any]:
    return available(number, iso_country="DE", address_requirements=need, _type="local")


def rows(result: Any) -> dict[str, dict[str, Any]]:
    assert result.exit_code == 0, result.stderr
    return {row["need"]: row for row in json.loads(result.stdout)}


# -- pure pieces ----------------------------------------------------------------------------

ADDRESSES = [Address("AD" + "1" * 32, "US"), Address("AD" + "2" * 32, "GB")]


@pytest.mark.parametrize(
    ("need", "country", "fits"),
    [
        ("none", "GB", []),
        ("any", "GB", ["GB", "US"]),  # those in the country first
        ("local", "GB", ["GB"]),
        ("foreign", "GB", ["US"]),
        ("local", "DE", []),
        ("foreign", "DE", ["US", "GB"]),
    ],
)
def test_which_addresses_fit(need: str, country: str, fits: list[str]) -> None:
    assert [a.iso_country for a in fitting_addresses(ADDRESSES, need, country)] == fits


def test_needs_are_listed_once_in_order() -> None:
    assert seen_needs(["local", None, "any", "local", "NONE"]) == ["none", "any", "local"]


@pytest.mark.parametrize("value", ["everywhere", "\x1b[2J", "locally"])
def test_an_unknown_address_requirement_is_kept_as_it_came(value: str) -> None:
    assert seen_needs(["Local", value, "any", value]) == ["any", "local", value]


@pytest.mark.parametrize("raw", [None, "AD1", {"sid": None}, {"sid": "BU" + "1" * 32}, []])
def test_an_address_without_a_sid_is_not_understood(raw: Any) -> None:
    with pytest.raises(TwilioUnavailable, match="not understood"):
        Address.from_twilio(raw)


# -- against a fake Twilio -----------------------------------------------------------------


def test_gb_mobile_names_the_bundle_and_the_addresses(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    Paperwork(
        fake_twilio,
        [gb_mobile("+447400123456", "local"), gb_mobile("+447400123457", "none")],
        addresses=[US_ADDRESS, GB_ADDRESS],
        bundles={("GB", "mobile"): [GB_MOBILE_BUNDLE]},
        regulated={("GB", "mobile")},
    )
    found = rows(cli("requirements", "gb", "mobile", "-o", "json"))
    assert set(found) == {"address-local", "bundle"}
    assert found["address-local"]["fits"] == [GB_ADDRESS["sid"]]
    assert found["bundle"] | {"seen": ""} == {
        "country": "GB", "number_type": "mobile", "need": "bundle", "required": True,
        "seen": "", "fits": [GB_MOBILE_BUNDLE["sid"]],
        "has": [f"{GB_MOBILE_BUNDLE['sid']} (UK mobile)"], "fix": None,
    }  # fmt: skip
    asked = {(r.path, r.query.get("EndUserType")): r.query for r in fake_twilio.requests}
    for end_user in ("individual", "business"):
        regulation = asked[(REGULATIONS_PATH, end_user)]
        assert (regulation["IsoCountry"], regulation["NumberType"]) == ("GB", "mobile")
    assert asked[(BUNDLES_PATH, None)]["Status"] == "twilio-approved"
    search = next(r for r in fake_twilio.requests if r.path.endswith("/GB/Mobile.json"))
    assert search.query["PageSize"] == "20"
    assert {r.method for r in fake_twilio.requests} == {"GET"}


def test_nothing_fits_in_de_says_what_to_create(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    Paperwork(
        fake_twilio, [de_local()], addresses=[US_ADDRESS, GB_ADDRESS], regulated={("DE", "local")}
    )
    found = rows(cli("requirements", "DE", "-o", "json"))
    assert found["address-local"]["fits"] == []
    assert "create an address in DE" in found["address-local"]["fix"]
    assert "Addresses.json" in found["address-local"]["fix"]
    assert found["bundle"]["required"] is True and found["bundle"]["fits"] == []
    assert "create a regulatory bundle for DE local numbers" in found["bundle"]["fix"]


def test_nothing_needed_in_the_us(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    Paperwork(fake_twilio, [available("+15105550100")], addresses=[US_ADDRESS])
    found = rows(cli("requirements", "US", "local", "-o", "json"))
    assert found["address"]["required"] is False
    assert found["bundle"] == found["bundle"] | {"required": False, "fits": [], "fix": None}


def test_toll_free_is_asked_by_compliances_name(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    Paperwork(fake_twilio, [available("+18005550100")])
    assert cli("requirements", "US", "tollfree", "-o", "json").exit_code == 0
    types = {r.query.get("NumberType") for r in fake_twilio.requests if r.path.startswith("/v2/")}
    assert types == {"toll-free"}


@pytest.mark.parametrize(
    ("args", "says"),
    [(("UK", "mobile"), "use GB"), (("GB", "cellphone"), "TYPE 'cellphone'")],
)
def test_bad_input_sends_nothing(
    cli: CliRun, fake_twilio: FakeTwilio, args: tuple[str, ...], says: str
) -> None:
    result = cli("requirements", *args)
    assert result.exit_code == 2 and says in result.stderr
    assert fake_twilio.requests == []


@pytest.mark.parametrize(
    ("path", "reply", "code", "says"),
    [
        (REGULATIONS_PATH, json_reply({"results": "none"}), 5, "not understood"),
        (REGULATIONS_PATH, meta_page("results", [{"sid": "RN1"}]), 5, "regulation without"),
        (BUNDLES_PATH, meta_page("results", [{"sid": None}]), 5, "bundle without"),
        (
            BUNDLES_PATH,
            meta_page("results", [], "https://numbers.twilio.com/v2/Other?x=1"),
            5,
            "next_page_url",
        ),
        (BUNDLES_PATH, twilio_error(401, 20003, "Authenticate"), 3, "rejected the credentials"),
        (ADDRESSES_PATH, json_reply({"addresses": [None]}), 5, "not understood"),
        (ADDRESSES_PATH, Reply(200, b"<html></html>", {"Content-Type": "text/html"}), 5, "HTML"),
        (REGULATIONS_PATH, twilio_error(500, 20500, "oops"), 5, "unavailable"),
    ],
    ids=["regs not list", "reg sid", "bundle sid", "next page", "401", "address", "html", "500"],
)
def test_a_hostile_answer_is_one_line_and_its_exit_code(
    cli: CliRun, fake_twilio: FakeTwilio, path: str, reply: Reply, code: int, says: str
) -> None:
    Paperwork(fake_twilio, [gb_mobile()], regulated={("GB", "mobile")}, replies={path: reply})
    result = cli("requirements", "GB", "mobile", "-o", "json", "--timeout", "2")
    assert result.exit_code == code, result.stderr
    assert says in result.stderr and result.stdout == ""
    assert "Traceback" not in result.stderr


def test_an_unknown_address_requirement_is_shown_escaped_and_marked_unknown(
    cli: CliRun, fake_twilio: FakeTwilio
) -> None:
    Paperwork(fake_twilio, [gb_mobile(need="\x1b[2JGalactic"), gb_mobile("+447400123457", "Local")])
    result = cli("requirements", "GB", "mobile", "-o", "json")
    found = rows(result)
    assert found["address-unknown"]["required"] is None
    assert "address_requirements '\\x1b[2JGalactic'" in found["address-unknown"]["seen"]
    assert "Twilio decides" in found["address-unknown"]["seen"]
    assert found["address-local"]["required"] is True  # read whatever its case
    table = cli("--no-color", "requirements", "GB", "mobile", terminal=True, stderr_terminal=False)
    assert table.exit_code == 0 and "unknown" in table.stdout
    assert raw_controls(table.stdout + table.stderr) == []


@pytest.mark.parametrize("escape", list(ESCAPES.values()), ids=list(ESCAPES))
def test_names_with_escapes_reach_the_terminal_harmless(
    cli: CliRun, fake_twilio: FakeTwilio, escape: str
) -> None:
    Paperwork(
        fake_twilio, [gb_mobile()], addresses=[address("2", "GB", f"Office{escape}")],
        bundles={("GB", "mobile"): [bundle("3", f"B{escape}")]}, regulated={("GB", "mobile")},
    )  # fmt: skip
    result = cli("--no-color", "requirements", "GB", "mobile", terminal=True, stderr_terminal=False)
    assert result.exit_code == 0, result.stderr
    assert raw_controls(result.stdout + result.stderr) == []


def test_the_table(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    Paperwork(fake_twilio, [gb_mobile()], addresses=[GB_ADDRESS], regulated={("GB", "mobile")})
    result = cli("--no-color", "requirements", "GB", "mobile", terminal=True)
    assert "What buying a mobile number in GB needs" in result.stdout
    assert "London office, GB" in result.stdout


def one_line(text: str) -> str:
    """A table's text with its wrapping undone: runs of spaces and line breaks as one space."""
    return " ".join(text.split())


@pytest.mark.parametrize("width", ["80", "120"])
def test_the_table_says_why_and_what_to_do_at_any_width(
    cli: CliRun, monkeypatch: pytest.MonkeyPatch, width: str
) -> None:
    monkeypatch.setenv("COLUMNS", width)
    result = cli("--no-color", "--sandbox", "requirements", "FR", terminal=True)
    assert result.exit_code == 0, result.stderr
    shown = one_line(result.stdout)
    assert "address-local Why: " in shown and "bundle Why: regulations RN" in shown
    assert "To do: create an address in FR in the Twilio Console" in shown
    assert "To do: create a regulatory bundle for FR local numbers" in shown
    assert max(len(line) for line in result.stdout.splitlines()) <= int(width)


def test_fields_are_honoured_in_the_table(cli: CliRun, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    args = ("--no-color", "--sandbox", "requirements", "FR", "--fields", "need,required,fix")
    shown = one_line(cli(*args, terminal=True).stdout)
    assert "To do: create an address in FR" in shown and "To do: create a regulatory" in shown
    assert "Why:" not in shown and "The account has" not in shown


def test_each_address_row_says_which_numbers_need_it(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    """Each number needs one kind of address: three rows that all say `yes` read as if a
    purchase needed three addresses."""
    needs = ["local", "local", "any", "none"]
    numbers = [gb_mobile(f"+44740012345{i}", need) for i, need in enumerate(needs)]
    Paperwork(fake_twilio, numbers, addresses=[GB_ADDRESS])
    found = rows(cli("requirements", "GB", "mobile", "-o", "json"))
    assert found["address-local"]["seen"] == (
        "2 of 4 available numbers (Address local in a search) need an address in GB"
    )
    assert found["address-any"]["seen"] == (
        "1 of 4 available numbers (Address any in a search) needs an address"
    )
    table = one_line(cli("--no-color", "requirements", "GB", "mobile", terminal=True).stdout)
    assert "address-any yes, if Address is any AD" in table
    assert "address-local yes, if Address is local AD" in table
    assert "bundle no -" in table


# -- the sandbox ------------------------------------------------------------------------------


def test_sandbox_gb_mobile_has_an_approved_bundle_and_addresses(cli: CliRun) -> None:
    found = rows(cli("--sandbox", "requirements", "GB", "mobile", "-o", "json"))
    assert found["bundle"]["required"] is True
    [sid] = found["bundle"]["fits"]
    assert sid.startswith("BU") and len(sid) == 34
    assert "UK mobile" in found["bundle"]["has"][0]
    if "address-local" in found:
        assert [h.endswith("GB)") for h in found["address-local"]["has"]] == [True]


def test_sandbox_us_local_needs_no_bundle(cli: CliRun) -> None:
    found = rows(cli("--sandbox", "requirements", "US", "-o", "json"))
    assert found["bundle"]["required"] is False


def test_sandbox_france_has_nothing_that_fits(cli: CliRun) -> None:
    found = rows(cli("--sandbox", "requirements", "FR", "local", "-o", "json"))
    assert found["bundle"]["required"] is True and found["bundle"]["fits"] == []
    assert found["bundle"]["fix"]
    if "address-local" in found:
        assert found["address-local"]["fits"] == []


def test_sandbox_reset_keeps_the_account_paperwork(cli: CliRun) -> None:
    before = cli("--sandbox", "requirements", "GB", "mobile", "-o", "json").stdout
    assert cli("--sandbox", "sandbox", "reset").exit_code == 0
    assert cli("--sandbox", "requirements", "GB", "mobile", "-o", "json").stdout == before


def test_sandbox_answers_are_shaped_as_the_specs_say() -> None:
    from numsearch.sandbox.api import SandboxApi

    api = SandboxApi()
    account = f"/2010-04-01/Accounts/AC{'5' * 32}/Addresses.json"
    status, body = api.handle("GET", account, {}, {})
    assert status == 200 and len(body["addresses"]) == 2
    assert (
        response_errors("/2010-04-01/Accounts/{AccountSid}/Addresses.json", body, document=SPEC)
        == []
    )
    for path, query in [
        (REGULATIONS_PATH, {"IsoCountry": "GB", "NumberType": "mobile", "EndUserType": "business"}),
        (BUNDLES_PATH, {"IsoCountry": "GB", "NumberType": "mobile", "Status": "twilio-approved"}),
    ]:
        status, body = api.handle("GET", path, query, {})
        assert status == 200 and len(body["results"]) == 1
        assert response_errors(path, body, document=NUMBERS_SPEC) == []
