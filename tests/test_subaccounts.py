"""--subaccount (twilio-cli's --account-sid): requests go to the subaccount's resources,
with the parent's credentials; the SID is checked before anything is sent."""

from __future__ import annotations

import base64
import json

import pytest

from numsearch import api, config
from numsearch.errors import InvalidInput
from numsearch.settings import ClientSettings
from tests.support import FAKE_TOKEN, CliRun
from tests.support.fake_twilio import (
    FAKE_SID,
    FakeTwilio,
    Recorded,
    Reply,
    available,
    incoming,
    incoming_page,
    json_reply,
    numbers_page,
)

SUB = "AC" + "e" * 32
OTHER_SUB = "AC" + "f" * 32
KEY = "SK" + "c" * 32
KEY_SECRET = "api-key-secret-for-tests"  # not a real secret: tests only
NUMBER = "+15105550100"


def basic_user(request: Recorded) -> str:
    scheme, _, encoded = request.headers["Authorization"].partition(" ")
    assert scheme == "Basic"
    return base64.b64decode(encoded).decode().partition(":")[0]


def account_of(request: Recorded) -> str:
    prefix = "/2010-04-01/Accounts/"
    assert request.path.startswith(prefix)
    return request.path[len(prefix) :].partition("/")[0]


def no_secret_in(*texts: str) -> None:
    for text in texts:
        assert FAKE_TOKEN not in text and KEY_SECRET not in text


@pytest.fixture
def numbers(fake_twilio: FakeTwilio) -> FakeTwilio:
    fake_twilio.default = numbers_page([available(NUMBER)])
    return fake_twilio


# -- a search ---------------------------------------------------------------------------------


@pytest.mark.parametrize("flag", ["--subaccount", "--account-sid"])
def test_a_search_goes_to_the_subaccount_with_the_parents_credentials(
    cli: CliRun, numbers: FakeTwilio, flag: str
) -> None:
    result = cli("local", "--area-code", "510", flag, SUB)
    assert result.exit_code == 0, result.stderr
    assert [n["phone_number"] for n in json.loads(result.stdout)] == [NUMBER]
    [request] = numbers.requests
    assert request.path == f"/2010-04-01/Accounts/{SUB}/AvailablePhoneNumbers/US/Local.json"
    assert basic_user(request) == FAKE_SID  # the parent's
    no_secret_in(result.stdout, result.stderr)


def test_with_an_api_key_the_key_authenticates(
    cli: CliRun, numbers: FakeTwilio, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TWILIO_AUTH_TOKEN")
    monkeypatch.setenv("TWILIO_API_KEY", KEY)
    monkeypatch.setenv("TWILIO_API_SECRET", KEY_SECRET)
    result = cli("--debug", "local", "--subaccount", SUB)
    assert result.exit_code == 0, result.stderr
    [request] = numbers.requests
    assert (account_of(request), basic_user(request)) == (SUB, KEY)
    no_secret_in(result.stdout, result.stderr)


def test_without_it_the_credentials_own_account(cli: CliRun, numbers: FakeTwilio) -> None:
    assert cli("local").exit_code == 0
    assert account_of(numbers.requests[0]) == FAKE_SID


def test_the_alias_is_hidden_and_the_option_documented(cli: CliRun) -> None:
    shown = cli("local", "--help").stdout
    assert "--subaccount" in shown and "--account-sid" not in shown


def test_the_environment_variable_and_the_flag_beating_it(
    cli: CliRun, numbers: FakeTwilio, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NUMSEARCH_SUBACCOUNT", SUB)
    assert cli("local").exit_code == 0
    assert cli("local", "--subaccount", OTHER_SUB).exit_code == 0
    assert cli("local", "--account-sid", OTHER_SUB).exit_code == 0
    assert [account_of(r) for r in numbers.requests] == [SUB, OTHER_SUB, OTHER_SUB]


@pytest.mark.parametrize(
    ("args", "env", "message"),
    [
        (("--subaccount", "ACnope"), None, "--subaccount 'ACnope' is not an account SID"),
        (("--account-sid", "SK" + "c" * 32), None, "--account-sid 'SKccc"),
        (("--subaccount", SUB + "/../x"), None, "AC followed by 32 hex digits"),
        ((), "AC123", "NUMSEARCH_SUBACCOUNT 'AC123' is not an account SID"),
        (("--subaccount", SUB, "--account-sid", OTHER_SUB), None, "name different accounts"),
    ],
)
def test_a_bad_subaccount_is_exit_2_and_sends_nothing(
    cli: CliRun,
    numbers: FakeTwilio,
    monkeypatch: pytest.MonkeyPatch,
    args: tuple[str, ...],
    env: str | None,
    message: str,
) -> None:
    if env is not None:
        monkeypatch.setenv("NUMSEARCH_SUBACCOUNT", env)
    result = cli("local", *args)
    assert result.exit_code == 2, result.stderr
    assert message in result.stderr and result.stderr.count("\n") == 1
    assert numbers.requests == []


def test_the_same_account_twice_is_fine(cli: CliRun, numbers: FakeTwilio) -> None:
    assert cli("local", "--subaccount", SUB, "--account-sid", SUB).exit_code == 0
    assert account_of(numbers.requests[0]) == SUB


# -- a profile's subaccount_sid -----------------------------------------------------------------


def test_a_profiles_subaccount_and_the_flag_beating_it(
    cli: CliRun, monkeypatch: pytest.MonkeyPatch
) -> None:
    added = cli("profile", "add", "kid", "--account-sid", FAKE_SID, "--subaccount", SUB,
                input="token-of-the-parent\n")  # fmt: skip
    assert added.exit_code == 0, added.stderr
    assert config.load_config()["profiles"]["kid"]["subaccount_sid"] == SUB
    listed = json.loads(cli("profile", "list", "-o", "json").stdout)
    assert listed[0]["subaccount"] == "ACeeee…eeee"
    with FakeTwilio() as server:
        monkeypatch.setenv("NUMSEARCH_API_URL", server.url)
        server.default = numbers_page([available(NUMBER)])
        assert cli("local", "--profile", "kid").exit_code == 0
        assert cli("local", "--profile", "kid", "--subaccount", OTHER_SUB).exit_code == 0
    assert [account_of(r) for r in server.requests] == [SUB, OTHER_SUB]
    assert {basic_user(r) for r in server.requests} == {FAKE_SID}


def test_a_bad_subaccount_in_a_profile(cli: CliRun) -> None:
    bad = cli("profile", "add", "kid", "--account-sid", FAKE_SID, "--subaccount", "AC1",
              input="t\n")  # fmt: skip
    assert bad.exit_code == 2 and "--subaccount 'AC1'" in bad.stderr
    path = config.config_path()
    path.parent.mkdir(parents=True)
    path.write_text(f'[profiles.kid]\naccount_sid = "{FAKE_SID}"\nauth_token = "t"\n'
                    'subaccount_sid = "AC1"\n')  # fmt: skip
    path.chmod(0o600)
    result = cli("local", "--profile", "kid")
    assert result.exit_code == 2 and "subaccount_sid of profile 'kid'" in result.stderr


# -- the client, buying and owned -----------------------------------------------------------------


def test_the_client_names_the_account_it_acts_on() -> None:
    env = {"TWILIO_ACCOUNT_SID": FAKE_SID, "TWILIO_AUTH_TOKEN": FAKE_TOKEN}
    own = api.open_client(ClientSettings(), environ=env)
    sub = api.open_client(ClientSettings(subaccount=f" {SUB} "), environ=env)
    assert (own.account_sid, own.short_account) == (FAKE_SID, "ACaaaa…aaaa")
    assert (sub.account_sid, sub.short_account) == (SUB, "ACeeee…eeee")
    assert sub.account_path == f"/2010-04-01/Accounts/{SUB}"
    assert sub.credentials.account_sid == FAKE_SID
    with pytest.raises(InvalidInput, match="--subaccount"):
        api.open_client(ClientSettings(subaccount="ACnope"), environ=env)


def test_buy_posts_to_the_subaccount(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    def answer(request: Recorded) -> Reply:
        if request.method == "POST":
            return json_reply(incoming(NUMBER), status=201)
        return incoming_page([])

    fake_twilio.responder = answer
    dry = cli("buy", NUMBER, "--account-sid", SUB, "--dry-run")
    assert dry.exit_code == 0, dry.stderr
    url = json.loads(dry.stdout)[0]["url"]
    assert url == f"{fake_twilio.url}/2010-04-01/Accounts/{SUB}/IncomingPhoneNumbers.json"
    # A dry run only looks: at the subaccount's numbers (is it held already?).
    assert {(r.method, account_of(r)) for r in fake_twilio.requests} == {("GET", SUB)}
    bought = cli("buy", NUMBER, "--subaccount", SUB, "--yes")
    assert bought.exit_code == 0, bought.stderr
    assert {account_of(r) for r in fake_twilio.requests} == {SUB}
    lookups = [r for r in fake_twilio.background_requests if r.path.startswith("/2010-04-01/")]
    assert {account_of(r) for r in lookups} == {SUB}  # the number's listing, the addresses
    assert {basic_user(r) for r in fake_twilio.requests} == {FAKE_SID}
    no_secret_in(bought.stdout, bought.stderr)


def test_owned_lists_the_subaccount(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    fake_twilio.default = incoming_page([incoming(NUMBER)])
    result = cli("owned", "--subaccount", SUB)
    assert result.exit_code == 0, result.stderr
    assert [account_of(r) for r in fake_twilio.requests] == [SUB]


def test_the_sandbox_takes_a_subaccount(cli: CliRun) -> None:
    result = cli("--sandbox", "local", "--area-code", "510", "-n", "1", "--subaccount", SUB)
    assert result.exit_code == 0, result.stderr
    assert len(json.loads(result.stdout)) == 1
