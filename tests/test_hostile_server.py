"""A server that lies, stalls, floods or fishes for the credentials: each run still ends in
time with one line and the right exit code, reads a bounded body, refuses answers it does
not understand, follows only pages on the same resource, sends nothing to a host typed
into a region, and never shows a secret.

Every server here listens on 127.0.0.1 and stops with its test; the hostile replies are in
tests/support/fake_twilio.py.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import pytest

from numsearch import config
from numsearch.errors import CredentialsError, InvalidInput
from numsearch.transport import MAX_BODY, base_url_for, checked_api_url
from tests.support import FAKE_TOKEN, CliRun
from tests.support.fake_twilio import (
    FAKE_SID,
    FakeTwilio,
    Recorded,
    Reply,
    available,
    endless_body,
    huge_body,
    incoming,
    incoming_page,
    json_reply,
    nested_json,
    numbers_page,
    trickle_body,
    trickle_headers,
    twilio_error,
)

SEARCH = ("local", "US", "--area-code", "510", "-o", "json")
QUICK = ("--timeout", "0.5")
INCOMING = f"/2010-04-01/Accounts/{FAKE_SID}/IncomingPhoneNumbers.json"
BASIC = base64.b64encode(f"{FAKE_SID}:{FAKE_TOKEN}".encode()).decode()


def one_line(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    assert len(lines) == 1, text
    assert "Traceback" not in text
    return lines[0]


def failed(result: Any, code: int) -> str:
    """The one error line of a run that exited with `code` and printed no data."""
    assert result.exit_code == code, (result.exit_code, result.stderr)
    assert result.stdout == ""
    return one_line(result.stderr)


# -- 1. bounded reads ---------------------------------------------------------------------


def test_a_body_that_never_ends_is_cut_at_the_cap(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    fake_twilio.default = endless_body()
    line = failed(cli(*SEARCH), 5)
    assert "larger than 4 MiB" in line
    assert len(fake_twilio.requests) == 1  # a body-level failure is not retried


@pytest.mark.parametrize("declared", [True, False], ids=["content-length", "chunked"])
def test_a_huge_body_is_refused(cli: CliRun, fake_twilio: FakeTwilio, declared: bool) -> None:
    # A valid page, padded: read whole, it would be one number and exit 0.
    fake_twilio.default = huge_body(4 * MAX_BODY, declared=declared)
    assert "larger than 4 MiB" in failed(cli(*SEARCH), 5)


@pytest.mark.parametrize("declared", [True, False], ids=["content-length", "chunked"])
def test_a_big_but_bounded_page_is_read(
    cli: CliRun, fake_twilio: FakeTwilio, declared: bool
) -> None:
    fake_twilio.default = huge_body(MAX_BODY - 1024, declared=declared)
    result = cli(*SEARCH)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)[0]["phone_number"] == "+15105550100"


def in_area_code(code: str, count: int) -> list[dict[str, Any]]:
    return [available(f"+1{code}{2_000_000 + n:07d}") for n in range(count)]


@pytest.mark.parametrize(
    ("args", "answered", "kept"),
    [((), 1500, 1000), (("--limit", "5"), 30, 5)],
    ids=["no PageSize sent: 1000", "PageSize 5"],
)
def test_an_answer_with_more_numbers_than_asked_is_cut_to_the_page_size(
    cli: CliRun, fake_twilio: FakeTwilio, args: tuple[str, ...], answered: int, kept: int
) -> None:
    many = in_area_code("510", answered)
    fake_twilio.default = numbers_page(many)
    result = cli(*SEARCH, *args)
    assert result.exit_code == 0, result.stderr
    printed = [r["phone_number"] for r in json.loads(result.stdout)]
    assert printed == [r["phone_number"] for r in many[:kept]]
    said = [line for line in result.stderr.splitlines() if line.strip()]
    assert said[0] == (
        f"warning: Twilio answered a search with {answered} numbers, more than the {kept}"
        f" asked (PageSize): kept the first {kept} of each such answer"
    )
    # An answer of at least Twilio's cap also says so (one line), whatever its size.
    assert said[1:] == ([f"{kept} found; Twilio returns at most 30 per search: --all finds"
                         " every one"] if kept >= 30 else [])  # fmt: skip


def test_answers_too_large_are_said_once_a_run(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    fake_twilio.responder = lambda request: numbers_page(
        in_area_code(request.query["AreaCode"], 1200)
    )
    result = cli("local", "US", "--area-code", "510,415,650", "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert len(fake_twilio.requests) == 3 and len(json.loads(result.stdout)) == 3000
    assert result.stderr.count("more than the 1000 asked") == 1


def test_a_trickling_body_ends_at_the_timeout(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    # One byte every 0.05 s: each read gets something, so only a deadline per attempt ends it.
    fake_twilio.default = trickle_body(numbers_page([available("+15105550100")]).body, 0.05)
    line = failed(cli(*SEARCH, *QUICK), 5)
    assert "did not finish its answer within 0.5 s" in line and "--timeout" in line
    assert len(fake_twilio.requests) == 1


def test_trickling_headers_time_out_each_attempt_and_are_retried(
    cli: CliRun, fake_twilio: FakeTwilio
) -> None:
    fake_twilio.default = trickle_headers(0.05)
    line = failed(cli(*SEARCH, *QUICK), 5)
    assert "did not answer within 0.5 s (4 attempts)" in line
    assert len(fake_twilio.requests) == 4


def test_a_slow_first_attempt_is_retried_into_a_good_one(
    cli: CliRun, fake_twilio: FakeTwilio
) -> None:
    fake_twilio.queue(trickle_headers(0.05))
    fake_twilio.default = numbers_page([available("+15105550100")])
    result = cli(*SEARCH, *QUICK)
    assert result.exit_code == 0, result.stderr
    assert len(fake_twilio.requests) == 2


def test_an_endless_error_body_keeps_the_status_exit_code(
    cli: CliRun, fake_twilio: FakeTwilio
) -> None:
    fake_twilio.default = endless_body(status=401)
    line = failed(cli(*SEARCH), 3)
    assert "HTTP 401" in line and "4 MiB" in line


def test_a_trickling_purchase_answer_is_checked_not_trusted(
    cli: CliRun, fake_twilio: FakeTwilio, monkeypatch: pytest.MonkeyPatch
) -> None:
    from numsearch import purchase

    def answer(request: Recorded) -> Reply:
        if request.method == "POST":
            return trickle_body(json.dumps(incoming("+15105550100")).encode(), 0.05, 201)
        return incoming_page([])

    fake_twilio.responder = answer
    result = cli("buy", "+15105550100", "--yes", *QUICK)
    assert result.exit_code == 5
    error = result.stderr.splitlines()[-1]
    assert error.startswith("error: not bought") and "within 0.5 s" in error
    assert "numsearch owned +15105550100" in error
    checks = 1 + len(purchase.PATIENCE.pauses)  # looked again over the whole window
    assert [r.method for r in fake_twilio.requests] == ["GET", "POST"] + ["GET"] * checks


# -- 4. answers that are not understood ---------------------------------------------------

MALFORMED_SEARCHES = [
    pytest.param({"available_phone_numbers": "oops"}, "is a string, not a list", id="string"),
    pytest.param({"uri": "/x"}, "available_phone_numbers is missing", id="missing"),
    pytest.param({"available_phone_numbers": [None]}, "item 1 ", id="null-record"),
    pytest.param(
        {"available_phone_numbers": [available("+15105550100"), "junk"]},
        "item 2 of its available_phone_numbers is a string, not an object",
        id="junk-record",
    ),
    pytest.param([available("+15105550100")], "its JSON is a list, not an object", id="list"),
]


@pytest.mark.parametrize(
    "bad",
    [
        pytest.param({"friendly_name": "(510) 555-0104"}, id="no-phone-number"),
        pytest.param(available("+15105550104", phone_number=15105550104), id="not-a-string"),
        pytest.param(available("+15105550104", phone_number=None), id="null"),
        pytest.param(available("+1 510 555 0104"), id="spaces"),
        pytest.param(available("+1-510-555-0104"), id="dashes"),
        pytest.param(available("tel:+15105550104"), id="tel-uri"),
        pytest.param(available("+15105550104x"), id="trailing-letter"),
        pytest.param(available("+1510555\x1b[2J0104"), id="escape"),
    ],
)
def test_a_record_whose_number_is_not_written_as_one_is_left_out(
    cli: CliRun, fake_twilio: FakeTwilio, bad: dict[str, Any]
) -> None:
    """One badly written number does not sink the answer: it is left out with a warning,
    and the good ones are printed, hooked and bought as usual."""
    good = [available("+15105550100"), available("+15105550101")]
    fake_twilio.default = numbers_page([good[0], bad, good[1]])
    result = cli("local", "--area-code", "510", "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert [r["phone_number"] for r in json.loads(result.stdout)] == [
        "+15105550100", "+15105550101",
    ]  # fmt: skip
    assert "held 1 number that the search did not ask for" in result.stderr
    assert "\x1b[2J" not in result.stderr


@pytest.mark.parametrize(("body", "said"), MALFORMED_SEARCHES)
def test_a_malformed_search_answer_is_exit_5(
    cli: CliRun, fake_twilio: FakeTwilio, body: Any, said: str
) -> None:
    fake_twilio.default = json_reply(body)
    line = failed(cli(*SEARCH), 5)
    assert "Twilio's answer was not understood" in line and said in line


def test_deeply_nested_json_is_not_understood(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    fake_twilio.default = nested_json()
    assert "Twilio's answer was not understood: its JSON is nested too deeply" in failed(
        cli(*SEARCH), 5
    )


def test_deeply_nested_error_body_keeps_its_status(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    fake_twilio.default = nested_json()
    fake_twilio.default.status = 400
    assert "HTTP 400" in failed(cli(*SEARCH), 4)


@pytest.mark.parametrize(
    ("args", "body", "said"),
    [
        (("countries",), {"countries": {"US": {}}}, "countries is an object, not a list"),
        (("countries",), {"countries": [{"country": "Nowhere"}]}, "usable country_code"),
        (("countries",), {"countries": [{"country_code": None}]}, "usable country_code"),
        (("countries", "GB"), {"country": "United Kingdom"}, "the country is an object without"),
        (("owned",), {"incoming_phone_numbers": None}, "incoming_phone_numbers is null"),
        (("owned",), {"incoming_phone_numbers": [{"sid": "PN" + "a" * 32}]}, "phone_number"),
        (("owned",), {"incoming_phone_numbers": [7]}, "item 1 of its incoming_phone_numbers"),
    ],
    ids=lambda v: "-".join(v) if isinstance(v, tuple) else None,
)
def test_every_resource_is_checked(
    cli: CliRun, fake_twilio: FakeTwilio, args: tuple[str, ...], body: Any, said: str
) -> None:
    fake_twilio.default = json_reply(body)
    line = failed(cli(*args, "-o", "json"), 5)
    assert "Twilio's answer was not understood" in line and said in line


def test_a_purchase_answered_with_junk_is_checked(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    def answer(request: Recorded) -> Reply:
        if request.method == "POST":
            return json_reply({"sid": "PN" + "a" * 32, "phone_number": None}, status=201)
        return incoming_page([])

    fake_twilio.responder = answer
    result = cli("buy", "+15105550100", "--yes")
    assert result.exit_code == 5
    buying, warning, error = result.stderr.splitlines()
    assert buying == "buying +15105550100 for 1.15 USD a month"
    assert "not understood" in warning and "checking the account" in warning
    assert error.startswith("error: not bought") and "numsearch owned +15105550100" in error


# -- 12. every page of `owned`, and only pages on the same resource ------------------------


def pages_of(numbers: list[str], per_page: int = 1) -> Any:
    """A responder serving `numbers` over pages linked by next_page_uri, as Twilio does."""

    def answer(request: Recorded) -> Reply:
        page = int(request.query.get("Page", "0"))
        chunk = numbers[page * per_page : (page + 1) * per_page]
        last = (page + 1) * per_page >= len(numbers)
        following = f"{INCOMING}?PageSize={per_page}&Page={page + 1}&PageToken=PA{page + 1}"
        return incoming_page(
            [incoming(n, str(i)) for i, n in enumerate(chunk)], None if last else following, page
        )

    return answer


def test_owned_follows_next_page_uri(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    wanted = ["+15105550100", "+15105550101", "+15105550102"]
    fake_twilio.responder = pages_of(wanted)
    result = cli("owned", "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert [n["phone_number"] for n in json.loads(result.stdout)] == wanted
    first, *others = fake_twilio.requests
    assert first.query == {"PageSize": "1000"}
    assert [r.query.get("PageToken") for r in others] == ["PA1", "PA2"]
    assert {r.path for r in fake_twilio.requests} == {INCOMING}


@pytest.mark.parametrize(
    "pointer",
    [
        "{attacker}" + INCOMING + "?Page=1",
        "//{attacker_host}" + INCOMING + "?Page=1",
        "/2010-04-01/Accounts/" + "AC" + "b" * 32 + "/IncomingPhoneNumbers.json?Page=1",
        "/2010-04-01/Accounts/" + FAKE_SID + "/Calls.json?Page=1",
        INCOMING.replace("/2010", "\\\\{attacker_host}/2010"),
    ],
    ids=["absolute", "scheme-relative", "other-account", "other-resource", "backslashes"],
)
def test_owned_never_follows_a_page_elsewhere(
    cli: CliRun, fake_twilio: FakeTwilio, pointer: str
) -> None:
    with FakeTwilio() as attacker:
        host = attacker.url.split("//", 1)[1]
        pointing = pointer.format(attacker=attacker.url, attacker_host=host)
        fake_twilio.default = incoming_page([incoming("+15105550100")], pointing)
        line = failed(cli("owned", "-o", "json"), 5)
        assert attacker.requests == []
    assert "Twilio's answer was not understood: next_page_uri" in line
    assert len(fake_twilio.requests) == 1


def test_a_page_that_leads_back_is_not_followed_round(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    def answer(request: Recorded) -> Reply:
        return incoming_page([incoming("+15105550100")], f"{INCOMING}?Page=1")

    fake_twilio.responder = answer
    assert "leads back" in failed(cli("owned"), 5)
    assert len(fake_twilio.requests) == 2


def test_paging_is_bounded(
    cli: CliRun, fake_twilio: FakeTwilio, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("numsearch.api.MAX_PAGES", 3)
    fake_twilio.responder = pages_of([f"+1510555{n:04d}" for n in range(10)])
    assert "past 3 pages" in failed(cli("owned"), 5)
    assert len(fake_twilio.requests) == 3


# -- 13. input refused before anything is sent ---------------------------------------------


@pytest.fixture
def attacker(credentials: object) -> Any:
    """A server that would like the credentials; no NUMSEARCH_API_URL points at it."""
    with FakeTwilio() as server:
        yield server


@pytest.mark.parametrize(
    ("args", "env", "named"),
    [
        (("--region", "x@{host}#"), {}, "--region / TWILIO_REGION"),
        (("--edge", "x@{host}#"), {}, "--edge / TWILIO_EDGE"),
        ((), {"TWILIO_REGION": "{host}/"}, "TWILIO_REGION"),
        ((), {"TWILIO_EDGE": "a.{host}"}, "TWILIO_EDGE"),
        (("--region", "ie1 "), {"TWILIO_EDGE": "dub lin"}, "TWILIO_EDGE"),
    ],
)
def test_region_and_edge_cannot_name_another_host(
    cli: CliRun,
    attacker: FakeTwilio,
    monkeypatch: pytest.MonkeyPatch,
    args: tuple[str, ...],
    env: dict[str, str],
    named: str,
) -> None:
    host = attacker.url.split("//", 1)[1]
    for name, value in env.items():
        monkeypatch.setenv(name, value.format(host=host))
    line = failed(cli(*SEARCH, *(a.format(host=host) for a in args)), 2)
    assert named in line and "e.g." in line
    assert attacker.requests == []


def test_a_profile_region_is_checked_too(cli: CliRun, attacker: FakeTwilio) -> None:
    host = attacker.url.split("//", 1)[1]
    path = config.config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f'[profiles.work]\naccount_sid = "{FAKE_SID}"\nauth_token = "{FAKE_TOKEN}"\n'
        f'region = "x@{host}#"\n'
    )
    path.chmod(0o600)
    line = failed(cli(*SEARCH, "--profile", "work"), 2)
    assert "region of profile 'work'" in line
    assert attacker.requests == []


def test_profile_add_refuses_a_bad_region(cli: CliRun) -> None:
    result = cli(
        "profile", "add", "work", "--account-sid", FAKE_SID, "--region", "a/b", input="t\n"
    )
    assert "--region 'a/b' is not a Twilio region name" in failed(result, 2)
    assert not config.config_path().exists()


@pytest.mark.parametrize(
    ("region", "edge", "url"),
    [
        ("IE1", None, "https://api.ie1.twilio.com"),
        ("au1", "sydney", "https://api.sydney.au1.twilio.com"),
        (None, "umatilla", "https://api.umatilla.us1.twilio.com"),
        ("jp1", "tokyo", "https://api.tokyo.jp1.twilio.com"),
    ],
)
def test_twilio_region_and_edge_names_pass(region: str | None, edge: str | None, url: str) -> None:
    assert base_url_for(region, edge) == url


@pytest.mark.parametrize(
    "url",
    [
        "ftp://127.0.0.1:4010",
        "127.0.0.1:4010",
        "http://",
        "http://:4010",
        "http://127.0.0.1:99999",
        "http://127.0.0.1:port",
        "http://127.0.0.1:4010/?x=1",
        "http://127.0.0.1:4010/#x",
        "http://exa mple.com",
        "http://127.0.0.1:4010/a\nb",
        "http://exa\x1bmple.com",
        "file:///etc/passwd",
    ],
)
def test_a_bad_api_url_is_exit_2_before_anything_is_sent(
    cli: CliRun, credentials: object, monkeypatch: pytest.MonkeyPatch, url: str
) -> None:
    monkeypatch.setenv("NUMSEARCH_API_URL", url)
    assert "NUMSEARCH_API_URL" in failed(cli(*SEARCH), 2)


@pytest.mark.parametrize(
    ("url", "base"),
    [
        ("http://127.0.0.1:4010/", "http://127.0.0.1:4010"),
        ("HTTPS://Example.com/twilio/", "https://example.com/twilio"),
        ("http://user:pass@127.0.0.1:4010", "http://127.0.0.1:4010"),
        ("http://[::1]:4010", "http://[::1]:4010"),
    ],
)
def test_a_good_api_url_is_used_without_credentials_in_it(url: str, base: str) -> None:
    assert checked_api_url(url) == base


@pytest.mark.parametrize(
    ("env", "named", "code"),
    [
        ({"TWILIO_AUTH_TOKEN": "токен"}, "TWILIO_AUTH_TOKEN has characters", 3),
        ({"TWILIO_AUTH_TOKEN": "tok€n"}, "TWILIO_AUTH_TOKEN has characters", 3),
        (
            {"TWILIO_API_KEY": "SK" + "c" * 32, "TWILIO_API_SECRET": "秘密"},
            "TWILIO_API_SECRET has characters",
            3,
        ),
        (
            {"TWILIO_API_KEY": "SKnope", "TWILIO_API_SECRET": "api-secret"},
            "TWILIO_API_KEY must be SK followed by 32 hex digits",
            3,
        ),
        (
            {"TWILIO_API_KEY": "SK" + "c" * 31 + "@", "TWILIO_API_SECRET": "api-secret"},
            "TWILIO_API_KEY must be SK",
            3,
        ),
    ],
)
def test_unsendable_credentials_are_exit_3_before_anything_is_sent(
    cli: CliRun,
    fake_twilio: FakeTwilio,
    monkeypatch: pytest.MonkeyPatch,
    env: dict[str, str],
    named: str,
    code: int,
) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    line = failed(cli(*SEARCH), code)
    assert named in line
    for name, value in env.items():
        if name != "TWILIO_API_KEY":
            assert value not in line  # a secret is never repeated
    assert fake_twilio.requests == []


def test_a_profile_with_a_malformed_key_or_secret_is_exit_3(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        f'[profiles.k]\naccount_sid = "{FAKE_SID}"\napi_key = "SK1"\napi_secret = "s"\n'
        f'[profiles.t]\naccount_sid = "{FAKE_SID}"\nauth_token = "Ω-token"\n'
    )
    with pytest.raises(CredentialsError, match="api_key of profile 'k'"):
        config.resolve_credentials("k", {}, config_file=path)
    with pytest.raises(CredentialsError, match="auth_token of profile 't' has characters"):
        config.resolve_credentials("t", {}, config_file=path)
    with pytest.raises(InvalidInput, match="paste it again"):
        config.validate_profile("t", {"account_sid": FAKE_SID, "auth_token": "Ω"})


def test_a_latin_1_secret_is_still_sent(
    cli: CliRun, fake_twilio: FakeTwilio, monkeypatch: pytest.MonkeyPatch
) -> None:
    # requests sends Basic credentials as latin-1: those characters can be sent.
    monkeypatch.setenv("TWILIO_AUTH_TOKEN", "tökèn-ß")
    assert cli(*SEARCH).exit_code == 1
    sent = base64.b64encode(f"{FAKE_SID}:tökèn-ß".encode("latin-1")).decode()
    assert fake_twilio.requests[0].headers["Authorization"] == f"Basic {sent}"


# -- 16. secrets and server text in messages ----------------------------------------------


def echoing(status: int) -> Any:
    """A server that repeats the request's Authorization header (and the token) back."""

    def answer(request: Recorded) -> Reply:
        header = request.headers.get("Authorization", "")
        message = f"Bad {header} (token {FAKE_TOKEN}; bare {header.split()[-1].rstrip('=')})"
        return twilio_error(status, 20003, message)

    return answer


@pytest.mark.parametrize(("status", "code"), [(401, 3), (400, 4), (503, 5)])
def test_an_echoed_authorization_is_redacted(
    cli: CliRun, fake_twilio: FakeTwilio, status: int, code: int
) -> None:
    fake_twilio.responder = echoing(status)
    result = cli("--debug", *SEARCH)
    assert result.exit_code == code
    assert BASIC.rstrip("=") not in result.stderr
    assert FAKE_TOKEN not in result.stderr
    assert "Bad Basic *** (token ***; bare ***)" in result.stderr


def test_a_password_in_the_api_url_is_never_shown(
    cli: CliRun, credentials: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    with FakeTwilio() as server:
        server.default = numbers_page([available("+15105550100")])
        monkeypatch.setenv("NUMSEARCH_API_URL", server.url.replace("//", "//me:hunter2pw@"))
        found = cli("--debug", *SEARCH)
        url = server.url
    assert found.exit_code == 0, found.stderr
    assert "-> 200 OK" in found.stderr and "hunter2pw" not in found.stderr
    assert "me:" not in found.stderr
    assert server.requests[0].headers["Authorization"] == f"Basic {BASIC}"
    # The port is closed now: the failure names the host, not the password.
    refused = cli("--debug", *SEARCH)
    line = [x for x in refused.stderr.splitlines() if x.startswith("error:")]
    assert refused.exit_code == 5 and "connection refused" in line[0]
    assert url.split("//", 1)[1] in line[0]
    assert "hunter2pw" not in refused.stderr


def test_a_bad_api_url_is_named_without_its_password(
    cli: CliRun, credentials: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NUMSEARCH_API_URL", "ftp://me:hunter2pw@127.0.0.1:4010")
    line = failed(cli(*SEARCH), 2)
    assert "ftp://***@127.0.0.1:4010" in line and "hunter2pw" not in line


@pytest.mark.parametrize(
    "error",
    [
        {"code": 21452, "message": "x" * 5000, "more_info": "https://t.co/" + "y" * 5000},
        {"code": "9" * 5000, "message": "no"},
        {"title": "t", "detail": "d" * 5000},
        {"code": 21452, "message": "first line\nsecond line\r\nthird"},
    ],
    ids=["message", "code", "problem-json", "newlines"],
)
def test_server_text_is_bounded_and_on_one_line(
    cli: CliRun, fake_twilio: FakeTwilio, error: dict[str, Any]
) -> None:
    fake_twilio.default = json_reply(error, status=400)
    line = failed(cli(*SEARCH), 4)
    assert len(line) < 800


def test_a_long_reason_phrase_is_bounded(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    def write(out: Any) -> None:
        out.write(b"HTTP/1.1 418 " + b"R" * 5000 + b"\r\nContent-Length: 0\r\n\r\n")

    fake_twilio.default = Reply(write=write)
    line = failed(cli(*SEARCH), 4)
    assert "HTTP 418 RRR" in line and len(line) < 400


def test_an_echoed_secret_in_a_record_is_never_printed(
    cli: CliRun, fake_twilio: FakeTwilio
) -> None:
    """A 200 whose records carry the token and the Authorization header back: the data
    printed on stdout holds neither."""
    echoed = available("+15105550100", friendly_name=f"Basic {BASIC}", locality=FAKE_TOKEN)
    fake_twilio.default = numbers_page([echoed])
    result = cli(*SEARCH)
    assert result.exit_code == 0, result.stderr
    assert FAKE_TOKEN not in result.stdout and BASIC.rstrip("=") not in result.stdout
    (record,) = json.loads(result.stdout)
    assert record["locality"] == "***" and record["friendly_name"].startswith("Basic ***")


def test_a_server_message_full_of_escapes_stays_one_short_line(
    cli: CliRun, fake_twilio: FakeTwilio
) -> None:
    fake_twilio.default = twilio_error(400, 21452, "\x1b[2J\x1b[31m" * 100)
    result = cli(*SEARCH)
    assert result.exit_code == 4
    (line,) = result.stderr.splitlines()
    assert "\x1b" not in line and "\\u001b[2J" in line
    assert len(line) < 400  # the server's part is cut to 300 characters after escaping
