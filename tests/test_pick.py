"""`--pick` on the search commands and watch: the numbers found become a list on the
terminal itself (the `keyboard` fixture: real key sequences through prompt_toolkit's pipe
input; once, a pseudo-terminal as /dev/tty); what is taken is bought as `buy A B C` buys
it: one question with the total a month, each bought once, outcomes per -o and the bulk
exit codes. Without a terminal, exit 2 before anything is sent; watch --pick checks
before its first poll. The list itself: tests/test_pick_list.py."""

from __future__ import annotations

import json
import os
import pty
import threading
from collections.abc import Iterator
from typing import Any

import pytest

from tests.support import CliRun
from tests.support.fake_twilio import (
    FakeTwilio,
    Paperwork,
    available,
    incoming,
    json_reply,
    twilio_error,
)
from tests.support.terminal import KEYS, Keyboard

A, B, C = "+15105550100", "+15105550101", "+15105550102"
THREE = [available(A), available(B), available(C)]


@pytest.fixture
def tty(monkeypatch: pytest.MonkeyPatch) -> Iterator[int]:
    """A pseudo-terminal standing in for /dev/tty: its master end is the user's side."""
    from numsearch.cli import buying

    master, slave = pty.openpty()
    monkeypatch.setattr(buying, "TTY_PATH", os.ttyname(slave))
    yield master
    os.close(master)
    os.close(slave)


# -- the search commands ---------------------------------------------------------------------


def test_picked_numbers_are_bought_after_the_question(
    cli: CliRun, fake_twilio: FakeTwilio, keyboard: Keyboard
) -> None:
    account = Paperwork(fake_twilio, THREE)
    keyboard.press("space", "down", "down", "space", "enter")
    result = cli("--no-color", "local", "--pick", "-o", "json", terminal=True, input="y\n")
    assert result.exit_code == 0, result.stderr
    assert [(r["phone_number"], r["outcome"]) for r in json.loads(result.stdout)] == [
        (A, "bought"), (C, "bought")]  # fmt: skip
    assert [post.form["PhoneNumber"] for post in account.posts] == [A, C]
    assert result.stderr.count("[y/N]") == 1
    assert "Buy these 2 numbers for 2.30 USD a month on account ACaaaa…aaaa?" in result.stderr
    assert f"{A}  1.15 USD a month" in result.stderr


def test_the_list_shows_each_numbers_price_and_paperwork(
    cli: CliRun, fake_twilio: FakeTwilio, keyboard: Keyboard
) -> None:
    Paperwork(fake_twilio, [available(A), available(B, address_requirements="any")])
    keyboard.press("q")
    result = cli("local", "--pick", terminal=True)
    assert result.exit_code == 1
    assert "2 local numbers in US" in keyboard.drawn
    rows = [line for line in keyboard.drawn.splitlines() if "[ ]" in line]
    assert A in rows[0] and "Oakland, CA" in rows[0] and "1.15 USD" in rows[0]
    assert B in rows[1] and "needs an address" in rows[1]


def test_enter_with_nothing_marked_takes_the_highlighted_number(
    cli: CliRun, fake_twilio: FakeTwilio, keyboard: Keyboard
) -> None:
    account = Paperwork(fake_twilio, THREE)
    keyboard.press("j", "enter")
    result = cli("local", "--pick", "-o", "json", terminal=True, input="y\n")
    assert result.exit_code == 0, result.stderr
    assert [post.form["PhoneNumber"] for post in account.posts] == [B]
    assert f"{B}  1.15 USD a month" in result.stderr


@pytest.mark.parametrize(
    ("keys", "code", "says"),
    [(("esc",), 1, "cancelled"), (("q",), 1, "cancelled"), (("ctrl-c",), 130, "interrupted")],
)
def test_cancelled_or_interrupted_buys_nothing(
    cli: CliRun, fake_twilio: FakeTwilio, keyboard: Keyboard, keys: tuple[str, ...], code: int,
    says: str,
) -> None:  # fmt: skip
    account = Paperwork(fake_twilio, THREE)
    keyboard.press("space", *keys)
    result = cli("local", "--pick", terminal=True, input="y\n")
    assert result.exit_code == code
    assert f"{says}: nothing was bought" in result.stderr
    assert account.posts == [] and "[y/N]" not in result.stderr


def test_declining_the_question_buys_nothing(
    cli: CliRun, fake_twilio: FakeTwilio, keyboard: Keyboard
) -> None:
    account = Paperwork(fake_twilio, THREE)
    keyboard.press("enter")
    result = cli("local", "--pick", terminal=True, input="n\n")
    assert result.exit_code == 1
    assert "not bought" in result.stderr and account.posts == []


def test_outcomes_follow_the_bulk_rules(
    cli: CliRun, fake_twilio: FakeTwilio, keyboard: Keyboard
) -> None:
    """One of two refused by Twilio: a row each, exit 4, as `buy A B` would."""

    def post(request: Any) -> Any:
        if request.form["PhoneNumber"] == B:
            return twilio_error(400, 21422, f"PhoneNumber {B} is not available")
        return account.sell(request.form)

    account = Paperwork(fake_twilio, THREE, post_reply=post)
    keyboard.press("space", "down", "space", "enter")
    result = cli("local", "--pick", "-o", "csv", "--fields", "phone_number,outcome",
                 terminal=True, input="y\n")  # fmt: skip
    assert result.exit_code == 4, result.stderr
    assert result.stdout.splitlines() == ["phone_number,outcome", f"{A},bought", f"{B},failed"]
    assert "1 bought, 1 failed" in result.stderr


def test_a_lost_purchase_answer_is_unknown_and_exit_5(
    cli: CliRun, fake_twilio: FakeTwilio, keyboard: Keyboard
) -> None:
    """The answer to the POST never comes in time: numsearch does not retry it, looks at
    the account, and says it cannot tell (as `buy A B` does)."""

    def post(request: Any) -> Any:
        late = json_reply(incoming(request.form["PhoneNumber"]), status=201)
        late.delay = 2.0
        return late

    account = Paperwork(fake_twilio, THREE, post_reply=post)
    keyboard.press("enter")
    result = cli("local", "--pick", "-o", "json", "--timeout", "0.5", terminal=True,
                 input="y\n")  # fmt: skip
    assert result.exit_code == 5, result.stderr
    (outcome,) = json.loads(result.stdout)
    assert outcome["outcome"] == "unknown" and f"numsearch owned {A}" in outcome["reason"]
    assert len(account.posts) == 1


def test_a_number_without_its_paperwork_is_refused_before_any_post(
    cli: CliRun, fake_twilio: FakeTwilio, keyboard: Keyboard
) -> None:
    """The search's record says the number needs an address: the account has none, so it
    is not bought (and not sent); the other is."""
    account = Paperwork(fake_twilio, [available(A), available(B, address_requirements="any")])
    keyboard.press("space", "down", "space", "enter")
    result = cli("local", "--pick", "-o", "json", terminal=True, input="y\n")
    assert result.exit_code == 4, result.stderr
    assert [post.form["PhoneNumber"] for post in account.posts] == [A]
    assert {r["phone_number"]: r["outcome"] for r in json.loads(result.stdout)} == {
        A: "bought", B: "failed"}  # fmt: skip


def test_dry_run_shows_the_requests_and_buys_nothing(
    cli: CliRun, fake_twilio: FakeTwilio, keyboard: Keyboard
) -> None:
    account = Paperwork(fake_twilio, THREE)
    keyboard.press("down", "enter")
    result = cli("local", "--pick", "--dry-run", "-o", "json", terminal=True)
    assert result.exit_code == 0, result.stderr
    (request,) = json.loads(result.stdout)
    assert request["form"] == {"PhoneNumber": B} and request["method"] == "POST"
    assert account.posts == [] and "[y/N]" not in result.stderr


def test_stdout_may_be_a_pipe(cli: CliRun, fake_twilio: FakeTwilio, keyboard: Keyboard) -> None:
    """`numsearch local --pick | jq`: the list is on the terminal itself, the question on
    stderr, and stdout carries only the outcomes (JSON, a pipe's default)."""
    Paperwork(fake_twilio, THREE)
    keyboard.press("enter")
    result = cli("local", "--pick", terminal=True, stdout_terminal=False, input="y\n")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)[0]["outcome"] == "bought"
    assert "[y/N]" in result.stderr and "local numbers" not in result.stdout


def test_without_stdin_the_question_is_asked_on_the_terminal_itself(
    cli: CliRun, fake_twilio: FakeTwilio, keyboard: Keyboard, tty: int
) -> None:
    account = Paperwork(fake_twilio, THREE)
    keyboard.press("down", "enter")
    os.write(tty, b"y\n")
    result = cli("local", "--pick", "-o", "json", stderr_terminal=True, input="")
    assert result.exit_code == 0, result.stderr
    assert [post.form["PhoneNumber"] for post in account.posts] == [B]
    asked = os.read(tty, 65536).decode()
    assert f"{B}  1.15 USD a month" in asked and "[y/N]" in asked
    assert "[y/N]" not in result.stderr


def test_nothing_found_is_exit_1_and_no_list(
    cli: CliRun, fake_twilio: FakeTwilio, keyboard: Keyboard
) -> None:
    Paperwork(fake_twilio, [])
    result = cli("local", "--pick", terminal=True)
    assert result.exit_code == 1
    assert "nothing to pick from" in result.stderr
    assert keyboard.drawn == ""


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("local", "--dry-run"), "--dry-run shows what --pick would buy"),
        (("local", "--pick", "--fields", "locality"), "unknown field 'locality'"),
        (("local", "--pick", "--dry-run", "--fields", "outcome"), "unknown field 'outcome'"),
        (("watch", "local", "--pick", "--yes"), "it cannot go with --yes"),
        (("watch", "local", "--pick", "--buy", "--yes"), "it cannot go with --buy"),
        (("watch", "local", "--pick", "--forever"), "it cannot go with --forever"),
        (("local", "--pick", "--yes"), "No such option: --yes"),
        (("local", "--pick", "--by", "region"), "--pick chooses numbers and --by counts them"),
        (("local", "--by", "region", "--pick", "--all"), "--by counts them: use one"),
    ],
)
def test_flags_pick_cannot_go_with_send_nothing(
    cli: CliRun, fake_twilio: FakeTwilio, keyboard: Keyboard, args: tuple[str, ...], says: str
) -> None:
    result = cli(*args, terminal=True)
    assert result.exit_code == 2 and says in result.stderr
    assert fake_twilio.requests == [] and keyboard.drawn == ""


@pytest.mark.parametrize(
    "args",
    [("local", "--pick"), ("tollfree", "--contains", "FLOWERS", "--pick", "--dry-run"),
     ("watch", "local", "--pick", "--every", "1s")],
)  # fmt: skip
def test_without_a_terminal_pick_is_exit_2_and_nothing_is_sent(
    cli: CliRun, fake_twilio: FakeTwilio, args: tuple[str, ...]
) -> None:
    Paperwork(fake_twilio, THREE)
    result = cli("--no-color", *args, terminal=True)  # stdin and stderr are, /dev/tty is not
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        "error: --pick draws its list on a terminal, and there is none here (cron, CI, a"
        " service): leave --pick out, or run it in a terminal"
    ]
    assert fake_twilio.requests == []


# -- watch --pick ------------------------------------------------------------------------------


def test_watch_pick_lists_the_first_find_then_buys(
    cli: CliRun, fake_twilio: FakeTwilio, keyboard: Keyboard
) -> None:
    account = Paperwork(fake_twilio, THREE)
    keyboard.press("down", "down", "enter")
    result = cli("watch", "local", "--pick", "--every", "1s", "-o", "json",
                 terminal=True, input="y\n")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert [r["phone_number"] for r in json.loads(result.stdout)] == [C]
    assert [post.form["PhoneNumber"] for post in account.posts] == [C]
    assert "3 local numbers in US" in keyboard.drawn


# -- the sandbox, and the terminal itself ------------------------------------------------------


def test_in_the_sandbox_picked_numbers_are_then_the_accounts(
    cli: CliRun, keyboard: Keyboard
) -> None:
    found = json.loads(cli("--sandbox", "local", "--contains", "STORM", "--rank").stdout)
    keyboard.press("down", "space", "down", "space", "enter")
    result = cli("--sandbox", "local", "--contains", "STORM", "--rank", "--pick", "-o", "json",
                 terminal=True, input="y\n")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    wanted = [found[1]["phone_number"], found[2]["phone_number"]]  # ranked as searched
    assert [r["phone_number"] for r in json.loads(result.stdout)] == wanted
    owned = json.loads(cli("--sandbox", "owned", "-o", "json").stdout)
    assert sorted(n["phone_number"] for n in owned) == sorted(wanted)
    assert found[1]["vanity"] in keyboard.drawn


def test_the_list_is_drawn_on_the_terminal_itself(cli: CliRun, tty: int) -> None:
    """Real /dev/tty (a pseudo-terminal): the list is drawn there and the keys read from
    there, while stdout is a pipe; once it is drawn, the user takes the second number."""
    screen: list[bytes] = []
    drawn = threading.Event()

    def user() -> None:
        while not drawn.is_set():
            try:
                chunk = os.read(tty, 65536)
            except OSError:  # the run is over (it failed: the assertions below say how)
                return
            screen.append(chunk)
            if b"\x1b[6n" in chunk:  # where is the cursor? (as a terminal answers)
                os.write(tty, b"\x1b[1;1R")
            if b"Esc/q: cancel" in b"".join(screen):
                drawn.set()
                os.write(tty, (KEYS["down"] + KEYS["enter"]).encode())

    reading = threading.Thread(target=user, daemon=True)
    reading.start()
    never_drawn = threading.Timer(60, os.write, (tty, b"q"))  # a failure, not a hang
    never_drawn.start()
    result = cli("--sandbox", "local", "--contains", "STORM", "--pick", "--dry-run",
                 stderr_terminal=True)  # fmt: skip
    never_drawn.cancel()
    assert result.exit_code == 0, result.stderr
    shown = b"".join(screen).decode(errors="replace")
    assert "local numbers in US spelling STORM" in shown
    (request,) = json.loads(result.stdout)
    found = json.loads(cli("--sandbox", "local", "--contains", "STORM").stdout)
    assert request["form"]["PhoneNumber"] == found[1]["phone_number"]
