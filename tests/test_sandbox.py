"""The sandbox: every filter with Twilio's meaning, determinism, purchases, and `serve`
answering in the spec's shapes."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from typing import Any

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from numsearch.keypad import pattern_regex
from numsearch.number_types import NANP_TOLL_FREE
from numsearch.sandbox import SANDBOX_ACCOUNT_SID, inventory
from numsearch.sandbox import places as placedata
from numsearch.sandbox.api import PurchaseStore, SandboxApi
from numsearch.sandbox.server import make_server
from tests.support import CliRun
from tests.support.spec import SEARCH_PATH, response_errors

ACCOUNT = f"/2010-04-01/Accounts/{SANDBOX_ACCOUNT_SID}"
PLACES = placedata.load()


def offers(country: str, type_key: str, **params: str) -> list[dict[str, Any]]:
    return [o.to_wire() for o in inventory.search(country, type_key, params, frozenset())]


def assert_satisfies(record: dict[str, Any], params: dict[str, str]) -> None:
    """Every returned number meets the query, read as Twilio reads it."""
    digits = record["phone_number"].lstrip("+")
    caps = record["capabilities"]
    if "AreaCode" in params:
        assert digits[1:4] == params["AreaCode"]
    if "Contains" in params:
        assert pattern_regex(params["Contains"]).search(digits), (params, digits)
    if "InRegion" in params and not params["InRegion"].startswith("+"):  # templates: below
        assert record["region"] == params["InRegion"]
    if "InPostalCode" in params:
        assert record["postal_code"] == params["InPostalCode"]
    if "InLocality" in params:
        assert record["locality"].casefold() == params["InLocality"].casefold()
    if "NearLatLong" in params:
        lat, lon = (float(v) for v in params["NearLatLong"].split(","))
        miles = placedata.miles(lat, lon, float(record["latitude"]), float(record["longitude"]))
        assert miles <= float(params.get("Distance", 25)) + 1e-6
    for flag, key in (("SmsEnabled", "SMS"), ("MmsEnabled", "MMS"), ("VoiceEnabled", "voice"),
                      ("FaxEnabled", "fax")):  # fmt: skip
        if flag in params:
            assert caps[key] == (params[flag] == "true")
    if params.get("ExcludeAllAddressRequired") == "true":
        assert record["address_requirements"] == "none"
    if params.get("ExcludeLocalAddressRequired") == "true":
        assert record["address_requirements"] != "local"
    if params.get("ExcludeForeignAddressRequired") == "true":
        assert record["address_requirements"] != "foreign"
    if params.get("Beta") == "false":
        assert record["beta"] is False


# -- filters: properties -------------------------------------------------------------------

US_PLACES = [p for p in PLACES.places if p.country == "US"]
bools = st.sampled_from(["true", "false"])


@st.composite
def us_queries(draw: st.DrawFn) -> dict[str, str]:
    place = draw(st.sampled_from(US_PLACES))
    npa = draw(st.sampled_from([npa for npa, _ in place.exchanges]))
    params: dict[str, str] = {}
    where = draw(st.sampled_from(["area", "region", "postal", "locality", "near", "none"]))
    if where == "area":
        params["AreaCode"] = npa
    elif where == "region":
        params["InRegion"] = place.region
    elif where == "postal":
        params["InPostalCode"] = draw(st.sampled_from(place.postals)).code
    elif where == "locality":
        params["InLocality"] = place.locality
    elif where == "near":
        centre = place.postals[0]
        params["NearLatLong"] = f"{centre.latitude},{centre.longitude}"
        params["Distance"] = str(draw(st.integers(1, 60)))
    if draw(st.booleans()):
        params["Contains"] = draw(st.from_regex(r"[2-9][0-9*]{1,3}", fullmatch=True))
    for flag in ("SmsEnabled", "MmsEnabled", "VoiceEnabled", "FaxEnabled", "Beta",
                 "ExcludeAllAddressRequired", "ExcludeLocalAddressRequired"):  # fmt: skip
        if draw(st.integers(0, 4)) == 0:
            params[flag] = draw(bools)
    params["PageSize"] = str(draw(st.integers(1, 20)))
    return params


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(params=us_queries())
def test_every_us_local_number_satisfies_its_query(params: dict[str, str]) -> None:
    records = offers("US", "local", **params)
    assert len(records) <= int(params["PageSize"])
    for record in records:
        assert_satisfies(record, params)
    assert len({r["phone_number"] for r in records}) == len(records)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    country=st.sampled_from(["GB", "AU", "FR", "JP", "NL", "SE", "ZA"]),
    type_key=st.sampled_from(["local", "mobile", "toll_free"]),
    contains=st.none() | st.from_regex(r"[2-9][0-9]{1,2}", fullmatch=True),
    sms=st.none() | bools,
)
def test_every_number_elsewhere_is_valid_and_satisfies_its_query(
    country: str, type_key: str, contains: str | None, sms: str | None
) -> None:
    import phonenumbers

    params = {"PageSize": "8"}
    if contains:
        params["Contains"] = contains
    if sms:
        params["SmsEnabled"] = sms
    assert inventory.sells(country, type_key)  # each of these countries sells each type
    records = offers(country, type_key, **params)
    assert records or contains or sms == "false"  # a pattern, or no SMS for mobiles
    for record in records:
        number = phonenumbers.parse(record["phone_number"], None)
        assert phonenumbers.is_valid_number_for_region(number, country)
        assert record["iso_country"] == country
        assert_satisfies(record, params)


@pytest.mark.parametrize(
    "params",
    [
        {"AreaCode": "510", "Contains": "78676"},
        {"InRegion": "AR"},
        {"InLocality": "Oakland"},
        {"InPostalCode": "94612"},
        {"NearLatLong": "37.840699,-122.461853", "Distance": "50", "Contains": "555"},
        {"NearNumber": "+15107867600", "Distance": "10"},
        {"InRegion": "+15016055555"},
        {"Contains": "510***2277"},  # 510***CARS, an older shape the sandbox still reads
        {"Contains": "+1510%"},
        {"Contains": "1234$"},
        {"SmsEnabled": "false", "VoiceEnabled": "true"},
        {"ExcludeAllAddressRequired": "true", "Beta": "false"},
    ],
)
def test_named_filters_find_numbers_that_match(params: dict[str, str]) -> None:
    records = offers("US", "local", **params)
    assert records, params
    for record in records:
        assert_satisfies(record, params)
    if "NearNumber" in params:  # 510-786 is a Hayward exchange (phonenumbers' geocoder)
        assert "Hayward" in {r["locality"] for r in records}
        centre = inventory.nanp_offer(params["NearNumber"])
        assert centre is not None and centre.postal is not None
        for r in records:
            assert placedata.miles(centre.postal.latitude, centre.postal.longitude,
                                   float(r["latitude"]), float(r["longitude"])) <= 10  # fmt: skip
    if params.get("InRegion") == "+15016055555":
        assert {r["region"] for r in records} == {"AR"}


def test_the_default_page_is_cut_to_the_cap_and_limit_is_respected(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert len(offers("US", "local")) == 30  # Twilio's default page is 50: the cap wins
    assert len(offers("US", "local", PageSize="1000")) == 30
    assert len(offers("US", "local", PageSize="7")) == 7
    monkeypatch.setenv("NUMSEARCH_SANDBOX_CAP", "12")
    assert len(offers("US", "local", PageSize="1000")) == 12


def test_same_query_same_answer_and_smaller_pages_are_prefixes() -> None:
    first = offers("US", "local", AreaCode="510", Contains="555")
    assert first == offers("US", "local", AreaCode="510", Contains="555")
    assert offers("US", "local", AreaCode="510", Contains="555", PageSize="5") == first[:5]
    assert first != offers("US", "local", AreaCode="415", Contains="555")


def test_a_number_looks_the_same_in_every_answer() -> None:
    by_area = offers("US", "local", AreaCode="510", PageSize="20")
    shared = 0
    for record in by_area:  # asked again by its own last seven digits
        again = offers("US", "local", Contains=record["phone_number"][-7:], PageSize="50")
        for other in (o for o in again if o["phone_number"] == record["phone_number"]):
            assert other == record  # every field: locality, capabilities, address needs...
            shared += 1
    assert shared >= 10, shared  # most of them came back, so the check above ran


def test_us_numbers_are_real_places() -> None:
    import phonenumbers
    from phonenumbers import geocoder

    for record in offers("US", "local", AreaCode="510", PageSize="20"):
        number = phonenumbers.parse(record["phone_number"])
        assert phonenumbers.is_valid_number(number)
        assert geocoder.description_for_number(number, "en") == f"{record['locality']}, CA"
        assert record["postal_code"].startswith("94")
        assert (
            37 < float(record["latitude"]) < 38.2 and -122.5 < float(record["longitude"]) < -121.7
        )


def test_toll_free_and_canada() -> None:
    toll_free = offers("US", "toll_free", Contains="FLOWERS")
    assert toll_free and all(r["phone_number"][2:5] in NANP_TOLL_FREE for r in toll_free)
    assert all(r["locality"] is None and r["latitude"] is None for r in toll_free)
    toronto = offers("CA", "local", InLocality="Toronto", PageSize="5")
    assert toronto and {r["region"] for r in toronto} == {"ON"}
    assert all(r["postal_code"].startswith("M") for r in toronto)


def test_what_the_sandbox_does_not_have() -> None:
    assert offers("US", "local", InLata="722") == []  # no LATA data
    assert offers("US", "toll_free", InRegion="CA") == []  # toll-free numbers have no place
    assert offers("US", "local", AreaCode="800") == []
    assert not inventory.sells("US", "mobile")
    assert not inventory.sells("GB", "machine_to_machine")
    assert not inventory.sells("DE", "local")  # not in Twilio's published table


def test_wire_format_has_the_live_quirks() -> None:
    record = offers("US", "local", AreaCode="510", PageSize="1")[0]
    assert set(record["capabilities"]) == {"voice", "SMS", "MMS", "fax"}
    assert isinstance(record["latitude"], str)


# -- the HTTP API ------------------------------------------------------------------------------


@pytest.fixture
def api() -> SandboxApi:
    return SandboxApi()


@pytest.mark.parametrize(
    ("country", "resource", "params"),
    [
        ("US", "Local", {"AreaCode": "510"}),
        ("US", "TollFree", {"Contains": "FLOWERS"}),
        ("CA", "Local", {"InRegion": "BC"}),
        ("GB", "Mobile", {}),
        ("AU", "Local", {"PageSize": "3"}),
        ("FR", "National", {}),
        ("NL", "Voip", {}),
        ("ZA", "SharedCost", {}),
    ],
)
def test_search_answers_match_the_spec_schema(
    api: SandboxApi, country: str, resource: str, params: dict[str, str]
) -> None:
    path = f"{ACCOUNT}/AvailablePhoneNumbers/{country}/{resource}.json"
    status, body = api.handle("GET", path, params, {})
    assert status == 200
    assert body["available_phone_numbers"]
    assert response_errors(SEARCH_PATH % resource, body) == []


def test_countries_and_country_match_the_spec(api: SandboxApi) -> None:
    status, body = api.handle("GET", f"{ACCOUNT}/AvailablePhoneNumbers.json", {}, {})
    assert status == 200 and len(body["countries"]) == 40
    assert (
        response_errors("/2010-04-01/Accounts/{AccountSid}/AvailablePhoneNumbers.json", body) == []
    )
    status, gb = api.handle("GET", f"{ACCOUNT}/AvailablePhoneNumbers/GB.json", {}, {})
    assert status == 200 and "mobile" in gb["subresource_uris"]
    path = "/2010-04-01/Accounts/{AccountSid}/AvailablePhoneNumbers/{CountryCode}.json"
    assert response_errors(path, gb) == []


def test_unknown_things_are_twilio_404s(api: SandboxApi) -> None:
    for path in (
        f"{ACCOUNT}/AvailablePhoneNumbers/GB/MachineToMachine.json",
        f"{ACCOUNT}/AvailablePhoneNumbers/DE/Local.json",
        f"{ACCOUNT}/Calls.json",
    ):
        status, body = api.handle("GET", path, {}, {})
        assert status == 404
        assert body["code"] == 20404 and body["more_info"].endswith("/20404")


def test_bad_parameters_are_400(api: SandboxApi) -> None:
    status, body = api.handle(
        "GET", f"{ACCOUNT}/AvailablePhoneNumbers/US/Local.json", {"PageSize": "5000"}, {}
    )
    assert status == 400 and "PageSize" in body["message"]


# -- purchases ---------------------------------------------------------------------------------


def test_a_purchase_leaves_the_inventory_and_persists(api: SandboxApi, cli: CliRun) -> None:
    first = offers("US", "local", AreaCode="510", PageSize="3")
    number = first[0]["phone_number"]
    status, bought = api.handle(
        "POST",
        f"{ACCOUNT}/IncomingPhoneNumbers.json",
        {},
        {"PhoneNumber": number, "FriendlyName": "Shop"},
    )
    assert status == 201 and bought["phone_number"] == number and bought["friendly_name"] == "Shop"
    path = "/2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers.json"
    assert response_errors(path, bought, method="post", status="201") == []

    # A new store, as a new process would see it: the number is gone from searches...
    again = SandboxApi(PurchaseStore())
    status, page = again.handle("GET", f"{ACCOUNT}/AvailablePhoneNumbers/US/Local.json",
                                {"AreaCode": "510", "PageSize": "3"}, {})  # fmt: skip
    assert number not in [r["phone_number"] for r in page["available_phone_numbers"]]
    # ...and on the account.
    status, listed = again.handle(
        "GET", f"{ACCOUNT}/IncomingPhoneNumbers.json", {"PhoneNumber": number}, {}
    )
    assert [n["phone_number"] for n in listed["incoming_phone_numbers"]] == [number]
    assert response_errors(path, listed) == []
    # Buying it twice is Twilio's 21422.
    status, body = again.handle(
        "POST", f"{ACCOUNT}/IncomingPhoneNumbers.json", {}, {"PhoneNumber": number}
    )
    assert status == 400 and body["code"] == 21422

    result = cli("sandbox", "reset")
    assert result.exit_code == 0 and "1 purchase(s) forgotten" in result.stderr
    status, page = SandboxApi().handle("GET", f"{ACCOUNT}/AvailablePhoneNumbers/US/Local.json",
                                       {"AreaCode": "510", "PageSize": "3"}, {})  # fmt: skip
    assert [r["phone_number"] for r in page["available_phone_numbers"]] == [
        r["phone_number"] for r in first
    ]


def test_buying_by_area_code_and_refusals(api: SandboxApi) -> None:
    incoming = f"{ACCOUNT}/IncomingPhoneNumbers.json"
    status, bought = api.handle("POST", incoming, {}, {"AreaCode": "510"})
    assert status == 201 and bought["phone_number"].startswith("+1510")
    status, body = api.handle("POST", incoming, {}, {"AreaCode": "999"})
    assert status == 400 and body["code"] == 21452
    status, body = api.handle("POST", incoming, {}, {"PhoneNumber": "+15005550006"})
    assert status == 400 and body["code"] == 21422
    status, body = api.handle("POST", incoming, {}, {})
    assert status == 400


# -- sandbox serve -------------------------------------------------------------------------------


@pytest.fixture
def served() -> Iterator[str]:
    server = make_server(SandboxApi(), port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    host, port = str(server.server_address[0]), int(server.server_address[1])
    yield f"http://{host}:{port}"
    server.shutdown()
    server.server_close()


def test_serve_answers_over_http_in_the_spec_shape(served: str) -> None:
    response = requests.get(
        f"{served}{ACCOUNT}/AvailablePhoneNumbers/US/Local.json",
        params={"AreaCode": "510", "PageSize": "5"},
        auth=(SANDBOX_ACCOUNT_SID, "anything"),
        timeout=10,
    )
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/json")
    body = response.json()
    assert len(body["available_phone_numbers"]) == 5
    assert response_errors(SEARCH_PATH % "Local", body) == []
    missing = requests.get(f"{served}/nope", timeout=10)
    assert missing.status_code == 404 and missing.json()["code"] == 20404


def test_numsearch_runs_against_sandbox_serve(
    served: str, cli: CliRun, credentials: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NUMSEARCH_API_URL", served)
    result = cli("local", "US", "--contains", "STORM", "-n", "3")
    assert result.exit_code == 0, result.stderr
    assert [r["vanity"] is not None for r in json.loads(result.stdout)] == [True] * 3


def test_sandbox_serve_command_prints_its_url_and_serves() -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "numsearch", "sandbox", "serve", "--port", "0", "--quiet"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        url = proc.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:")
        body = requests.get(f"{url}{ACCOUNT}/AvailablePhoneNumbers/GB.json", timeout=10).json()
        assert body["country_code"] == "GB"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


# -- through the CLI ----------------------------------------------------------------------


def test_quick_start_needs_no_account(cli: CliRun) -> None:
    result = cli("--sandbox", "local", "US", "--contains", "STORM")
    assert result.exit_code == 0
    records = json.loads(result.stdout)
    assert len(records) == 30 and all("78676" in r["phone_number"] for r in records)
    assert "not real" in result.stderr
    table = cli("--sandbox", "local", "US", "--contains", "STORM", "-n", "5", terminal=True)
    assert "[sandbox: not real numbers]" in table.stdout and "STORM" in table.stdout


def test_sandbox_from_the_environment(cli: CliRun, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NUMSEARCH_SANDBOX", "1")
    result = cli("tollfree", "--contains", "FLOWERS", "-o", "json")
    assert result.exit_code == 0
    assert all("FLOWERS" in r["vanity"] for r in json.loads(result.stdout))


def test_sandbox_errors_take_the_real_path(cli: CliRun) -> None:
    result = cli("--sandbox", "machine-to-machine", "GB")
    assert result.exit_code == 4
    assert "GB has no machine-to-machine numbers on this account" in result.stderr


def test_sandbox_never_touches_the_network(cli: CliRun, monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the sandbox opened a socket")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setenv("NUMSEARCH_API_URL", "http://127.0.0.1:9")  # ignored in the sandbox
    assert cli("--sandbox", "local", "--area-code", "510", "-n", "2").exit_code == 0


def test_a_mobile_number_where_the_plan_cannot_tell_fixed_from_mobile_can_be_bought(
    cli: CliRun,
) -> None:
    """Mexico's plan says FIXED_LINE_OR_MOBILE: such a number is offered as mobile, and the
    sandbox sells what it offers (one phonenumbers-to-type map, number_types.PLAN_TYPES)."""
    found = cli("--sandbox", "mobile", "MX", "--limit", "1", "-o", "json")
    number = json.loads(found.stdout)[0]["phone_number"]
    bought = cli("--sandbox", "buy", number, "--yes", "-o", "json")
    assert bought.exit_code == 0, bought.stderr
    assert json.loads(bought.stdout)[0]["phone_number"] == number
    assert "not on sale" not in bought.stderr  # its listing is found as a mobile number


def test_the_sandbox_knows_only_countries_twilio_publishes() -> None:
    from numsearch.countries import SUPPORTED
    from numsearch.sandbox import compliance, pricing

    named = {c for c, _ in compliance.REGULATED} | set(pricing.COUNTRY_PRICES)
    assert named <= set(SUPPORTED)
