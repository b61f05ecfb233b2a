"""`numsearch update` and `numsearch release`: only the number asked for, only what was
given, sent once, and the truth after a lost answer.

Against a local server that plays an account's IncomingPhoneNumbers (list, fetch,
update, release) and misbehaves on demand; and end to end in the sandbox."""

from __future__ import annotations

import json
import os
import re
from typing import TYPE_CHECKING, Any

import pytest

from numsearch.errors import InvalidInput, TwilioUnavailable
from numsearch.purchase_fields import cleared_form, field_named
from tests.support import CliRun
from tests.support.fake_twilio import (
    INCOMING_PATH,
    NUMBER_SID,
    OTHER_NUMBER,
    OTHER_SID,
    FakeTwilio,
    LooseListing,
    OwnedNumbers,
    Reply,
    another_number,
    incoming,
    json_reply,
    number_path,
    twilio_error,
    twins,
)

if TYPE_CHECKING:
    from numsearch.api import TwilioClient

NUMBER = "+15105550100"
HOOK = "https://example.com/voice"


def owned(fake_twilio: FakeTwilio, **faults: Any) -> OwnedNumbers:
    """An account holding NUMBER (SID NUMBER_SID) with a voice webhook set."""
    return OwnedNumbers(fake_twilio, [incoming(NUMBER, voice_url=HOOK)], **faults)


def malformed() -> Reply:
    """A 200 whose JSON breaks off: the update may or may not have been made."""
    return Reply(200, b'{"sid": "PN', {"Content-Type": "application/json"})


# -- update ------------------------------------------------------------------------------


def test_update_sends_only_the_fields_given_and_prints_the_number(
    cli: CliRun, fake_twilio: FakeTwilio
) -> None:
    account = owned(fake_twilio)
    result = cli("update", NUMBER, "--friendly-name", "Front desk", "--sms-method", "GET",
                 "--clear", "voice-url", "-o", "json")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    lookup = fake_twilio.requests[0]
    assert (lookup.method, lookup.path, lookup.query["PhoneNumber"]) == (
        "GET",
        INCOMING_PATH,
        NUMBER,
    )
    assert [(r.path, r.form) for r in account.updates] == [
        (number_path(), {"FriendlyName": "Front desk", "SmsMethod": "GET", "VoiceUrl": ""})
    ]
    [printed] = json.loads(result.stdout)
    assert (printed["sid"], printed["friendly_name"], printed["voice_url"]) == (
        NUMBER_SID,
        "Front desk",
        None,
    )
    assert f"updated {NUMBER} ({NUMBER_SID})" in result.stderr


def test_update_by_sid_fetches_that_number(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    account = owned(fake_twilio)
    result = cli("update", NUMBER_SID, "--sms-url", "https://example.com/sms", "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert [r.method for r in fake_twilio.requests] == ["GET", "POST"]
    assert account.fetches[0].path == number_path()
    assert account.updates[0].form == {"SmsUrl": "https://example.com/sms"}


@pytest.mark.parametrize("name", ["voice-url", "--voice-url", "voice_url", "VoiceUrl", "VOICE-URL"])
def test_clear_takes_a_field_in_any_of_its_spellings(name: str) -> None:
    assert field_named(name).form == "VoiceUrl"
    assert cleared_form([name, "sms-application-sid"]) == {"VoiceUrl": "", "SmsApplicationSid": ""}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "nothing to change"),
        (("--clear", "account-sid"), "'account-sid' is not a field of a number"),
        (("--clear", "nope"), "fields: voice-url, voice-fallback-url"),
        (("--clear", "voice-method"), "cannot be emptied; set it with --voice-method"),
        (("--clear", "friendly-name"), "cannot be emptied"),
        (("--voice-url", HOOK, "--clear", "voice-url"), "--voice-url and --clear voice-url"),
        (("--voice-url", "not a url"), "is not an http(s) URL"),
        (("--friendly-name", ""), "--friendly-name needs a value"),
    ],
)
def test_update_refuses_bad_usage_before_anything_is_sent(
    cli: CliRun, fake_twilio: FakeTwilio, args: tuple[str, ...], message: str
) -> None:
    result = cli("update", NUMBER, *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert fake_twilio.requests == []


def test_update_has_no_option_that_moves_a_number_to_another_account(cli: CliRun) -> None:
    help_text = cli("update", "--help").stdout
    assert "--voice-url" in help_text and "--clear" in help_text
    assert "--account-sid" not in help_text


def test_update_of_a_number_not_on_the_account_is_refused(
    cli: CliRun, fake_twilio: FakeTwilio
) -> None:
    account = owned(fake_twilio)
    result = cli("update", "+15105550199", "--friendly-name", "x")
    assert result.exit_code == 4
    assert "+15105550199 is not on this account" in result.stderr
    assert account.updates == []


def test_update_dry_run_prints_the_request_and_changes_nothing(
    cli: CliRun, fake_twilio: FakeTwilio
) -> None:
    account = owned(fake_twilio)
    result = cli("update", NUMBER, "--clear", "voice-url", "--dry-run", "-o", "json")
    assert result.exit_code == 0, result.stderr
    [request] = json.loads(result.stdout)
    assert request == {"method": "POST", "url": fake_twilio.url + number_path(),
                       "form": {"VoiceUrl": ""}}  # fmt: skip
    assert account.updates == []
    assert "nothing was changed" in result.stderr


def test_update_whose_answer_is_garbled_but_applied_is_found_done(
    cli: CliRun, fake_twilio: FakeTwilio
) -> None:
    account = owned(fake_twilio, update_fault=malformed())
    result = cli("update", NUMBER, "--voice-url", "https://example.com/new", "--voice-method",
                 "GET", "-o", "json")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert len(account.updates) == 1 and len(account.fetches) == 1
    assert "the update's answer was lost" in result.stderr
    assert f"{NUMBER} shows the change: the update went through" in result.stderr
    assert json.loads(result.stdout)[0]["voice_url"] == "https://example.com/new"


def test_update_whose_answer_is_lost_and_not_applied_says_so(
    cli: CliRun, fake_twilio: FakeTwilio
) -> None:
    account = owned(fake_twilio, update_fault=Reply(reset=True), applied=False)
    result = cli("update", NUMBER, "--clear", "voice-url", "--friendly-name", "Desk")
    assert result.exit_code == 5
    assert len(account.updates) == 1  # never sent again
    assert "not updated" in result.stderr
    assert "does not show the change (--friendly-name, --voice-url)" in result.stderr
    assert "running the same update again is safe" in result.stderr
    assert result.stdout == ""


def test_update_that_cannot_be_checked_says_it_cannot_tell(
    cli: CliRun, fake_twilio: FakeTwilio
) -> None:
    account = owned(
        fake_twilio,
        update_fault=twilio_error(503, 20503, "Service Unavailable"),
        fetch_fault=Reply(200, b"<html>busy</html>", {"Content-Type": "text/html"}),
    )
    result = cli("update", NUMBER, "--friendly-name", "Desk")
    assert result.exit_code == 5
    assert len(account.updates) == 1
    assert f"cannot tell whether {NUMBER} was updated" in result.stderr
    assert f"`numsearch owned {NUMBER}`" in result.stderr


def test_update_refused_by_twilio_is_exit_4(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    account = owned(fake_twilio, update_fault=twilio_error(400, 21402, "Invalid VoiceUrl"))
    result = cli("update", NUMBER, "--voice-url", HOOK)
    assert result.exit_code == 4
    assert "error 21402: Invalid VoiceUrl" in result.stderr
    assert account.fetches == []  # a refusal is not ambiguous: nothing to check


def test_update_of_a_number_released_meanwhile_is_exit_4(
    cli: CliRun, fake_twilio: FakeTwilio
) -> None:
    owned(fake_twilio, update_fault=twilio_error(404, 20404, "not found"))
    result = cli("update", NUMBER, "--friendly-name", "x")
    assert result.exit_code == 4
    assert "is not on this account (any more): not updated" in result.stderr


# -- release -----------------------------------------------------------------------------


def test_release_asks_naming_the_number_and_the_account(
    cli: CliRun, fake_twilio: FakeTwilio
) -> None:
    account = owned(fake_twilio)
    result = cli("release", NUMBER, "-o", "json", terminal=True, input="y\n")
    assert result.exit_code == 0, result.stderr
    assert f"Release {NUMBER} ((510) 555-0100, (510) 555-0100) from account ACaaaa…aaaa?" in (
        result.stderr
    )
    assert [r.path for r in account.releases] == [number_path()]
    assert account.numbers == []
    assert f"released {NUMBER} ({NUMBER_SID})" in result.stderr


def test_release_a_204_with_no_body_is_done(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    owned(fake_twilio)
    result = cli("release", NUMBER, "--yes", "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)[0]["phone_number"] == NUMBER


def test_release_declined_releases_nothing(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    account = owned(fake_twilio)
    result = cli("release", NUMBER, terminal=True, input="n\n")
    assert result.exit_code == 1
    assert account.releases == []
    assert "not released" in result.stderr


def test_release_without_a_terminal_needs_yes_and_sends_nothing(
    cli: CliRun, fake_twilio: FakeTwilio
) -> None:
    result = cli("release", NUMBER)
    assert result.exit_code == 2
    assert "refusing to release +15105550100 without asking" in result.stderr
    assert fake_twilio.requests == []


def test_release_dry_run_prints_the_delete(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    account = owned(fake_twilio)
    result = cli("release", NUMBER, "--dry-run", "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == [
        {"method": "DELETE", "url": fake_twilio.url + number_path(), "form": {}}
    ]
    assert account.releases == []


def test_release_of_a_number_not_on_the_account_is_refused(
    cli: CliRun, fake_twilio: FakeTwilio
) -> None:
    account = owned(fake_twilio)
    result = cli("release", "+15105550199", "--yes")
    assert result.exit_code == 4
    assert "+15105550199 is not on this account" in result.stderr
    assert account.releases == []


def test_release_answered_404_is_refused(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    owned(fake_twilio, release_fault=twilio_error(404, 20404, "not found"), applied=False)
    result = cli("release", NUMBER, "--yes")
    assert result.exit_code == 4
    assert "not on this account (any more): nothing was released" in result.stderr


def test_release_reset_after_sending_and_done_is_released(
    cli: CliRun, fake_twilio: FakeTwilio
) -> None:
    account = owned(fake_twilio, release_fault=Reply(reset=True))
    result = cli("release", NUMBER, "--yes", "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert len(account.releases) == 1 and len(account.fetches) == 1
    assert "the release's answer was lost" in result.stderr
    assert f"{NUMBER} is no longer on the account: it was released" in result.stderr


def test_release_reset_after_sending_and_not_done_is_still_yours(
    cli: CliRun, fake_twilio: FakeTwilio
) -> None:
    account = owned(fake_twilio, release_fault=Reply(reset=True), applied=False)
    result = cli("release", NUMBER, "--yes")
    assert result.exit_code == 5
    assert len(account.releases) == 1
    assert f"{NUMBER} is still yours" in result.stderr
    assert f"`numsearch owned {NUMBER}`" in result.stderr
    assert "again" not in result.stderr


def test_release_that_cannot_be_checked_cannot_tell(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    account = owned(
        fake_twilio,
        release_fault=twilio_error(502, 20502, "Bad Gateway"),
        fetch_fault=Reply(200, b'{"sid": ', {"Content-Type": "application/json"}),
    )
    result = cli("release", NUMBER, "--yes")
    assert result.exit_code == 5
    assert len(account.releases) == 1
    assert f"cannot tell whether {NUMBER} was released" in result.stderr
    assert f"`numsearch owned {NUMBER}`" in result.stderr


def test_release_never_sent_says_nothing_was_sent(
    cli: CliRun, credentials: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.support.prism import free_port

    monkeypatch.setenv("NUMSEARCH_API_URL", f"http://127.0.0.1:{free_port()}")
    result = cli("release", NUMBER, "--yes", "--timeout", "2")
    assert result.exit_code == 5
    assert "connection refused" in result.stderr


# -- the sandbox ---------------------------------------------------------------------------


def test_sandbox_updates_and_releases_and_the_number_goes_back_on_sale(cli: CliRun) -> None:
    found = json.loads(cli("--sandbox", "local", "US", "--area-code", "510", "-o", "json").stdout)
    number = found[0]["phone_number"]
    assert cli("--sandbox", "buy", number, "--yes", "--voice-url", HOOK).exit_code == 0
    updated = cli("--sandbox", "update", number, "--clear", "voice-url", "--friendly-name",
                  "Desk", "--sms-url", "https://example.com/sms", "-o", "json")  # fmt: skip
    assert updated.exit_code == 0, updated.stderr
    [record] = json.loads(updated.stdout)
    assert (record["friendly_name"], record["voice_url"], record["sms_url"]) == (
        "Desk",
        None,
        "https://example.com/sms",
    )
    listed = json.loads(cli("--sandbox", "owned", number, "-o", "json").stdout)
    assert listed[0]["friendly_name"] == "Desk"
    released = cli("--sandbox", "release", number, "--yes", "-o", "json")
    assert released.exit_code == 0, released.stderr
    assert cli("--sandbox", "owned", number).exit_code == 1
    again = json.loads(cli("--sandbox", "local", "US", "--area-code", "510", "-o", "json").stdout)
    assert number in [n["phone_number"] for n in again]
    assert cli("--sandbox", "release", number, "--yes").exit_code == 4


def test_sandbox_refuses_an_update_it_cannot_apply() -> None:
    from numsearch.sandbox.api import SandboxApi, available, incoming_resource

    api = SandboxApi()
    offer, kind = available("+15105550100") or pytest.fail("the sandbox sells it")
    sid = "AC" + "1" * 32
    bought = incoming_resource(sid, offer, kind, {})
    api.store.add(bought)
    path = f"/2010-04-01/Accounts/{sid}/IncomingPhoneNumbers/{bought['sid']}.json"
    assert api.handle("POST", path, {}, {"AccountSid": "AC" + "2" * 32})[0] == 400
    assert api.handle("POST", path, {}, {"VoiceMethod": "PUT"})[0] == 400
    other = f"/2010-04-01/Accounts/AC{'2' * 32}/IncomingPhoneNumbers/{bought['sid']}.json"
    assert api.handle("DELETE", other, {}, {})[0] == 404  # another account's number
    assert api.handle("DELETE", path, {}, {}) == (204, {})
    assert api.handle("GET", path, {}, {})[0] == 404


# -- completion ------------------------------------------------------------------------------


def complete(cli: CliRun, line: str) -> list[str]:
    words = line.split(" ")
    env = {"_NUMSEARCH_COMPLETE": "complete_bash", "COMP_WORDS": line,
           "COMP_CWORD": str(len(words) - 1)}  # fmt: skip
    result = cli(env=env)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    return result.stdout.split()


@pytest.mark.parametrize("command", ["update", "release"])
def test_completion_offers_the_accounts_numbers(
    cli: CliRun, fake_twilio: FakeTwilio, command: str
) -> None:
    OwnedNumbers(fake_twilio, [incoming(NUMBER), incoming("+14155550123", "b")])
    assert complete(cli, f"numsearch {command} +1510") == [NUMBER]
    assert sorted(complete(cli, f"numsearch {command} ")) == ["+14155550123", NUMBER]


def test_completion_offers_nothing_and_says_nothing_when_it_cannot_ask(
    cli: CliRun, fake_twilio: FakeTwilio
) -> None:
    fake_twilio.default = Reply(200, b"<html>", {"Content-Type": "text/html"})
    assert complete(cli, "numsearch release +1") == []
    assert complete(cli, "numsearch update --clear voice-") == [
        "voice-url", "voice-fallback-url", "voice-application-sid"
    ]  # fmt: skip


def test_completion_without_credentials_offers_nothing(cli: CliRun) -> None:
    assert complete(cli, "numsearch update +1") == []


def test_a_clear_of_an_unknown_field_is_invalid_input() -> None:
    with pytest.raises(InvalidInput):
        field_named("AccountSid")


def test_sandbox_serve_releases_with_204_and_no_body() -> None:
    """Over HTTP too (`numsearch sandbox serve`, for twilio-cli and the like)."""
    import threading

    import requests

    from numsearch.sandbox.api import SandboxApi
    from numsearch.sandbox.server import make_server

    httpd = make_server(SandboxApi(), host="127.0.0.1", port=0)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        host, port = str(httpd.server_address[0]), int(httpd.server_address[1])
        url = f"http://{host}:{port}/2010-04-01/Accounts/AC{'1' * 32}/IncomingPhoneNumbers"
        auth = ("AC" + "1" * 32, "any")
        bought = requests.post(f"{url}.json", data={"AreaCode": "510"}, auth=auth, timeout=30)
        assert bought.status_code == 201, bought.text
        one = f"{url}/{bought.json()['sid']}.json"
        updated = requests.post(one, data={"SmsUrl": HOOK}, auth=auth, timeout=30)
        assert (updated.status_code, updated.json()["sms_url"]) == (200, HOOK)
        released = requests.delete(one, auth=auth, timeout=30)
        assert (released.status_code, released.content) == (204, b"")
        assert requests.get(one, auth=auth, timeout=30).status_code == 404
    finally:
        httpd.shutdown()
        httpd.server_close()


# -- only the record asked for is acted on ---------------------------------------------------


def nothing_sent(fake_twilio: FakeTwilio) -> bool:
    """No update (POST) and no release (DELETE) reached the server."""
    return all(r.method == "GET" for r in fake_twilio.requests)


def one_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    return lines[0]


@pytest.mark.parametrize("command", [("release", "--yes"), ("update", "--friendly-name", "Desk")])
def test_a_sid_lookup_answered_with_another_number_changes_nothing(
    cli: CliRun, fake_twilio: FakeTwilio, command: tuple[str, ...]
) -> None:
    """`release PNaaaa… --yes` whose lookup answers PNbbbb…: that one is not released."""
    account = OwnedNumbers(
        fake_twilio,
        [incoming(NUMBER), incoming(OTHER_NUMBER, "b")],
        fetch_fault=another_number(),
    )
    result = cli(command[0], NUMBER_SID, *command[1:])
    assert result.exit_code == 5, result.stderr
    line = one_line(result.stderr)
    assert "Twilio's answer does not match what was asked" in line
    assert NUMBER_SID in line and OTHER_SID in line
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert nothing_sent(fake_twilio)
    assert account.updates == account.releases == []
    assert len(account.numbers) == 2


@pytest.mark.parametrize("command", [("release", "--yes"), ("update", "--friendly-name", "Desk")])
def test_a_number_listed_twice_changes_nothing(
    cli: CliRun, fake_twilio: FakeTwilio, command: tuple[str, ...]
) -> None:
    account = OwnedNumbers(fake_twilio, twins(NUMBER))
    result = cli(command[0], NUMBER, *command[1:])
    assert result.exit_code == 5, result.stderr
    line = one_line(result.stderr)
    assert "Twilio's answer does not match what was asked" in line
    assert f"2 numbers {NUMBER}" in line
    assert nothing_sent(fake_twilio)
    assert account.updates == account.releases == []


@pytest.mark.parametrize("command", [("release", "--yes"), ("update", "--friendly-name", "Desk")])
def test_other_numbers_a_number_lookup_answers_are_ignored(
    cli: CliRun, fake_twilio: FakeTwilio, command: tuple[str, ...]
) -> None:
    """The PhoneNumber filter matches partially: other numbers in the answer are not it."""
    account = LooseListing(fake_twilio, [incoming(OTHER_NUMBER, "b"), incoming(NUMBER)])
    result = cli(command[0], NUMBER, *command[1:], "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert [r.path for r in account.updates + account.releases] == [number_path()]
    assert json.loads(result.stdout)[0]["phone_number"] == NUMBER


def test_a_release_whose_check_answers_another_number_cannot_tell(
    cli: CliRun, fake_twilio: FakeTwilio
) -> None:
    """After a lost answer, a look that answers another record says nothing of this one."""
    account = owned(fake_twilio, release_fault=Reply(reset=True), fetch_fault=another_number())
    result = cli("release", NUMBER, "--yes")
    assert result.exit_code == 5
    assert len(account.releases) == 1
    [line] = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert f"cannot tell whether {NUMBER} was released" in line
    assert "does not match what was asked" in line and OTHER_SID in line
    assert "still yours" not in result.stderr


def test_an_update_whose_check_answers_another_number_cannot_tell(
    cli: CliRun, fake_twilio: FakeTwilio
) -> None:
    """Another record showing the change does not say this one has it."""
    account = owned(
        fake_twilio,
        update_fault=Reply(reset=True),
        applied=False,
        fetch_fault=another_number(friendly_name="Desk"),
    )
    result = cli("update", NUMBER, "--friendly-name", "Desk")
    assert result.exit_code == 5
    assert len(account.updates) == 1
    assert f"cannot tell whether {NUMBER} was updated" in result.stderr
    assert "does not match what was asked" in result.stderr
    assert "went through" not in result.stderr and result.stdout == ""


def test_an_update_answered_with_another_number_is_checked_on_the_number(
    cli: CliRun, fake_twilio: FakeTwilio
) -> None:
    """The update's answer names +1510…0111: the number asked is looked at instead, and
    only its own record is printed."""
    account = owned(fake_twilio, update_fault=another_number())
    result = cli("update", NUMBER, "--friendly-name", "Desk", "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert len(account.updates) == 1 and len(account.fetches) == 1
    assert f"Twilio's answer named {OTHER_NUMBER} ({OTHER_SID})" in result.stderr
    assert f"{NUMBER} shows the change: the update went through" in result.stderr
    [printed] = json.loads(result.stdout)
    assert (printed["phone_number"], printed["sid"]) == (NUMBER, NUMBER_SID)
    assert f"updated {NUMBER} ({NUMBER_SID})" in result.stderr
    assert OTHER_NUMBER not in result.stdout


def test_an_update_answered_with_another_number_not_applied_is_not_updated(
    cli: CliRun, fake_twilio: FakeTwilio
) -> None:
    owned(fake_twilio, update_fault=another_number(), applied=False)
    result = cli("update", NUMBER, "--friendly-name", "Desk")
    assert result.exit_code == 5
    assert f"not updated: Twilio's answer named {OTHER_NUMBER}" in result.stderr
    assert f"updated {NUMBER} (" not in result.stderr


@pytest.mark.parametrize("applied", [True, False], ids=["applied", "not-applied"])
def test_an_update_answered_without_the_change_is_checked_on_the_number(
    cli: CliRun, fake_twilio: FakeTwilio, applied: bool
) -> None:
    """The update's answer is the number, with its old friendly name: that is no proof,
    so the number is looked at; only a look that shows the change says "updated"."""
    old = json_reply(incoming(NUMBER, voice_url=HOOK, friendly_name="Old name"))
    account = owned(fake_twilio, update_fault=old, applied=applied)
    result = cli("update", NUMBER, "--friendly-name", "Desk", "-o", "json")
    assert "Twilio's answer does not show the change (--friendly-name)" in result.stderr
    assert len(account.fetches) == 1
    if applied:
        assert result.exit_code == 0, result.stderr
        assert json.loads(result.stdout)[0]["friendly_name"] == "Desk"
    else:
        assert result.exit_code == 5
        assert f"updated {NUMBER} (" not in result.stderr


# -- the same rules, through the domain module ---------------------------------------------


def client_of(fake_twilio: FakeTwilio) -> TwilioClient:
    from numsearch.api import open_client
    from numsearch.settings import ClientSettings

    return open_client(ClientSettings(api_url=fake_twilio.url), environ=dict(os.environ))


def test_find_number_believes_only_the_sid_asked(fake_twilio: FakeTwilio) -> None:
    from numsearch.manage import Target, find_number

    OwnedNumbers(fake_twilio, [incoming(NUMBER)], fetch_fault=another_number())
    with pytest.raises(TwilioUnavailable, match="does not match what was asked"):
        find_number(client_of(fake_twilio), Target(sid=NUMBER_SID))


def test_find_number_refuses_a_number_listed_twice_and_ignores_the_others(
    fake_twilio: FakeTwilio,
) -> None:
    from numsearch.manage import Target, find_number

    LooseListing(fake_twilio, [incoming(OTHER_NUMBER, "b"), *twins(NUMBER)])
    client = client_of(fake_twilio)
    with pytest.raises(TwilioUnavailable, match="does not match what was asked"):
        find_number(client, Target(phone_number=NUMBER))
    found = find_number(client, Target(phone_number=OTHER_NUMBER))
    assert (found.sid, found.phone_number) == (OTHER_SID, OTHER_NUMBER)


def test_release_safely_does_not_take_another_record_for_the_number(
    fake_twilio: FakeTwilio,
) -> None:
    from numsearch.manage import Target, find_number, release_safely

    account = owned(fake_twilio, release_fault=Reply(reset=True), applied=False)
    client = client_of(fake_twilio)
    number = find_number(client, Target(phone_number=NUMBER))
    account.fetch_fault = another_number()
    cannot_tell = re.escape(f"cannot tell whether {NUMBER} was released")
    with pytest.raises(TwilioUnavailable, match=cannot_tell):
        release_safely(client, number)


def test_update_safely_checks_the_answer_is_the_number(fake_twilio: FakeTwilio) -> None:
    from numsearch.manage import Target, Update, find_number, update_safely

    owned(fake_twilio, update_fault=another_number())
    client = client_of(fake_twilio)
    number = find_number(client, Target(phone_number=NUMBER))
    outcome = update_safely(client, number, Update(Target(NUMBER), {"FriendlyName": "Desk"}))
    assert (outcome.number.sid, outcome.number.phone_number) == (NUMBER_SID, NUMBER)
    assert any(OTHER_NUMBER in note for note in outcome.notes)


def test_a_sid_typed_in_capitals_is_the_same_number() -> None:
    from numsearch.manage import parse_target

    assert parse_target("PN" + "AB" * 16, "US").sid == "PN" + "ab" * 16
