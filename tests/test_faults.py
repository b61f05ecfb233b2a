"""Failures against a real local server: each gives the right exit code, one clear line,
and the right number of requests (GETs retried up to 4 attempts, never a traceback)."""

from __future__ import annotations

import pytest

from tests.support import FAKE_TOKEN, CliRun
from tests.support.fake_twilio import (
    FakeTwilio,
    Reply,
    available,
    json_reply,
    numbers_page,
    twilio_error,
)

SEARCH = ("local", "US", "--area-code", "510", "-o", "json")


def one_line(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    assert len(lines) == 1, text
    assert "Traceback" not in text
    return lines[0]


def test_401_is_exit_3_naming_the_variable(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    fake_twilio.default = twilio_error(401, 20003, "Authenticate")
    result = cli(*SEARCH)
    assert result.exit_code == 3
    line = one_line(result.stderr)
    assert "TWILIO_ACCOUNT_SID" in line and "20003" in line
    assert "https://www.twilio.com/docs/errors/20003" in line
    assert FAKE_TOKEN not in result.stderr + result.stdout
    assert len(fake_twilio.requests) == 1  # 401 is not retried
    assert result.stdout == ""


def test_404_names_the_country_and_type(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    fake_twilio.default = twilio_error(404, 20404, "The requested resource was not found")
    result = cli("machine-to-machine", "GB", "-o", "json")
    assert result.exit_code == 4
    assert "GB has no machine-to-machine numbers on this account" in one_line(result.stderr)
    assert len(fake_twilio.requests) == 1


def test_400_with_a_twilio_code_is_exit_4_with_code_and_link(
    cli: CliRun, fake_twilio: FakeTwilio
) -> None:
    fake_twilio.default = twilio_error(400, 21452, "No phone numbers found in area code")
    result = cli(*SEARCH)
    assert result.exit_code == 4
    line = one_line(result.stderr)
    assert "21452" in line and "No phone numbers found in area code" in line
    assert "https://www.twilio.com/docs/errors/21452" in line
    assert len(fake_twilio.requests) == 1


def test_429_honours_retry_after_then_succeeds(
    cli: CliRun, fake_twilio: FakeTwilio, monkeypatch: pytest.MonkeyPatch
) -> None:
    slept: list[float] = []
    monkeypatch.setattr("numsearch.retries.Backoff.pause", staticmethod(slept.append))
    limited = twilio_error(429, 20429, "Too Many Requests")
    limited.headers["Retry-After"] = "7"
    fake_twilio.queue(limited)
    fake_twilio.default = numbers_page([available("+15105550100")])
    result = cli(*SEARCH)
    assert result.exit_code == 0, result.stderr
    assert '"+15105550100"' in result.stdout
    assert len(fake_twilio.requests) == 2
    assert slept == [pytest.approx(7.0, abs=0.5)]  # as Retry-After asked, before the second


@pytest.mark.parametrize("header", ["abc", "-5", "1e9", ""])
def test_429_with_a_malformed_retry_after_backs_off_as_usual(
    cli: CliRun, fake_twilio: FakeTwilio, monkeypatch: pytest.MonkeyPatch, header: str
) -> None:
    """A Retry-After that is neither seconds nor a date is ignored: the usual backoff,
    then the retry; never a "cannot reach" after one request."""
    slept: list[float] = []
    monkeypatch.setattr("numsearch.retries.Backoff.pause", staticmethod(slept.append))
    limited = twilio_error(429, 20429, "Too Many Requests")
    limited.headers["Retry-After"] = header
    fake_twilio.queue(limited)
    fake_twilio.default = numbers_page([available("+15105550100")])
    result = cli(*SEARCH)
    assert result.exit_code == 0, result.stderr
    assert len(fake_twilio.requests) == 2
    assert all(s < 2 for s in slept)  # the usual first backoff step, not 1e9 s


def test_503_then_success_is_retried(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    fake_twilio.queue(twilio_error(503, 20503, "Service Unavailable"))
    fake_twilio.default = numbers_page([available("+15105550100")])
    result = cli(*SEARCH)
    assert result.exit_code == 0
    assert len(fake_twilio.requests) == 2
    assert result.stderr == ""


def test_503_forever_gives_up_after_four_attempts(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    fake_twilio.default = twilio_error(503, 20503, "Service Unavailable")
    result = cli(*SEARCH)
    assert result.exit_code == 5
    line = one_line(result.stderr)
    assert "unavailable after 4 attempts" in line and "20503" in line
    assert len(fake_twilio.requests) == 4
    assert result.stdout == ""


def test_html_502_from_a_proxy(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    fake_twilio.default = Reply(
        status=502,
        body=b"<html><body><h1>502 Bad Gateway</h1></body></html>",
        headers={"Content-Type": "text/html"},
    )
    result = cli(*SEARCH)
    assert result.exit_code == 5
    line = one_line(result.stderr)
    assert "HTTP 502" in line and "HTML page" in line
    assert len(fake_twilio.requests) == 4


def test_html_200_from_a_captive_portal(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    fake_twilio.default = Reply(
        body=b"<!DOCTYPE html><html><body>Sign in to the Wi-Fi</body></html>",
        headers={"Content-Type": "text/html"},
    )
    result = cli(*SEARCH)
    assert result.exit_code == 5
    assert "HTML page instead of Twilio's JSON" in one_line(result.stderr)


def test_truncated_json_body(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    whole = json_reply({"available_phone_numbers": [available("+15105550100")], "uri": "/x"})
    fake_twilio.default = Reply(body=whole.body[:60], headers=whole.headers)
    result = cli(*SEARCH)
    assert result.exit_code == 5
    assert "cut off" in one_line(result.stderr)
    assert len(fake_twilio.requests) == 1


def test_body_shorter_than_its_content_length(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    whole = json_reply({"available_phone_numbers": [available("+15105550100")], "uri": "/x"})
    fake_twilio.default = Reply(
        body=whole.body[:60], headers=whole.headers, declared_length=len(whole.body)
    )
    result = cli(*SEARCH)
    assert result.exit_code == 5
    assert "cut off" in one_line(result.stderr)


def test_connection_reset_is_retried_then_reported(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    fake_twilio.default = Reply(reset=True)
    result = cli(*SEARCH)
    assert result.exit_code == 5
    line = one_line(result.stderr)
    assert "closed the connection" in line and "4 attempts" in line
    assert len(fake_twilio.requests) == 4


def test_connection_reset_once_then_success(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    fake_twilio.queue(Reply(reset=True))
    fake_twilio.default = numbers_page([available("+15105550100")])
    result = cli(*SEARCH)
    assert result.exit_code == 0
    assert len(fake_twilio.requests) == 2


def test_server_slower_than_timeout(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    slow = numbers_page([])
    slow.delay = 1.5
    fake_twilio.default = slow
    result = cli(*SEARCH, "--timeout", "0.3")
    assert result.exit_code == 5
    line = one_line(result.stderr)
    assert "did not answer within 0.3 s" in line and "--timeout" in line
    assert len(fake_twilio.requests) == 4  # each attempt gave up at the timeout, 4 in all


def test_nothing_listening(
    cli: CliRun, credentials: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with FakeTwilio() as server:
        url = server.url
    monkeypatch.setenv("NUMSEARCH_API_URL", url)  # the port is closed now
    result = cli(*SEARCH)
    assert result.exit_code == 5
    assert "connection refused" in one_line(result.stderr)


def test_missing_credentials_exit_3_before_any_request(cli: CliRun) -> None:
    result = cli(*SEARCH)
    assert result.exit_code == 3
    line = one_line(result.stderr)
    assert "TWILIO_ACCOUNT_SID" in line and "TWILIO_AUTH_TOKEN" in line


def test_malformed_account_sid_is_exit_3(cli: CliRun, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TWILIO_ACCOUNT_SID", "AC123")
    monkeypatch.setenv("TWILIO_AUTH_TOKEN", FAKE_TOKEN)
    result = cli(*SEARCH)
    assert result.exit_code == 3
    assert "TWILIO_ACCOUNT_SID must be AC followed by 32 hex digits" in one_line(result.stderr)


def test_debug_logs_each_attempt_without_secrets(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    fake_twilio.queue(twilio_error(503, 20503, "Service Unavailable"))
    fake_twilio.default = numbers_page([available("+15105550100")])
    result = cli("--debug", *SEARCH)
    assert result.exit_code == 0
    debug = [line for line in result.stderr.splitlines() if line.startswith("debug:")]
    statuses = [line for line in debug if '"GET /2010-04-01' in line]
    assert len(statuses) == 2 and " 503 " in statuses[0] and " 200 " in statuses[1]
    assert FAKE_TOKEN not in result.stderr
    assert "Authorization" not in result.stderr
    assert result.stdout.startswith("[")


def test_debug_from_the_environment(
    cli: CliRun, fake_twilio: FakeTwilio, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NUMSEARCH_DEBUG", "1")
    fake_twilio.default = numbers_page([available("+15105550100")])
    result = cli(*SEARCH)
    assert "-> 200 OK" in result.stderr


def test_basic_auth_is_sent(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    import base64

    cli(*SEARCH)
    expected = base64.b64encode(
        f"{fake_twilio.requests[0].path.split('/')[3]}:{FAKE_TOKEN}".encode()
    )
    assert fake_twilio.requests[0].headers["Authorization"] == f"Basic {expected.decode()}"


def test_api_key_auth(
    cli: CliRun, fake_twilio: FakeTwilio, monkeypatch: pytest.MonkeyPatch
) -> None:
    import base64

    key = "SK" + "b" * 32
    monkeypatch.setenv("TWILIO_API_KEY", key)
    monkeypatch.setenv("TWILIO_API_SECRET", "fake-api-secret")
    cli(*SEARCH)
    request = fake_twilio.requests[0]
    assert request.path.startswith("/2010-04-01/Accounts/AC")  # the account, not the key
    expected = base64.b64encode(f"{key}:fake-api-secret".encode()).decode()
    assert request.headers["Authorization"] == f"Basic {expected}"


def test_the_redacting_filter_hides_every_secret() -> None:
    import logging

    from numsearch.transport import RedactingFilter

    record = logging.LogRecord(
        "numsearch", logging.DEBUG, "x", 1, "auth %s and %s", (FAKE_TOKEN, "b64"), None
    )
    RedactingFilter(lambda: [FAKE_TOKEN, "b64", ""]).filter(record)
    assert record.getMessage() == "auth *** and ***"
