"""numsearch as a Python library: `numsearch.Account`, `spell`, `to_digits`, the records
and the errors, exactly as a script uses them (against the sandbox)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import numsearch
from numsearch.events import Event, EventKind
from tests.support import REPO


def test_the_top_level_names_load_on_first_use() -> None:
    code = (
        "import sys, numsearch; heavy = [m for m in ('numsearch.account', 'requests',"
        " 'rich', 'phonenumbers', 'numsearch.vanity') if m in sys.modules]; print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
    assert set(numsearch.__all__) <= set(dir(numsearch))
    with pytest.raises(AttributeError, match="no attribute 'Acount'"):
        numsearch.Acount  # noqa: B018 (a typo is an AttributeError, as for any module)


def test_spell_and_to_digits_need_no_account() -> None:
    best = numsearch.spell("+18003569377", top=2)
    assert best[0].text == "1-800-FLOWERS" and best[0].words == ("FLOWERS",)
    assert len(best) <= 2
    assert numsearch.to_digits("STORM") == "78676"
    with pytest.raises(numsearch.InvalidInput):
        numsearch.spell("not a number")


def test_a_search_in_the_sandbox_returns_checked_typed_records() -> None:
    events: list[Event] = []
    account = numsearch.Account(sandbox=True, on_event=events.append)
    found = account.search("local", "US", area_code="510", contains="STORM", rank=True, limit=5)
    assert found and all(isinstance(n, numsearch.AvailableNumber) for n in found)
    assert all("78676" in (n.phone_number or "") for n in found)
    assert found[0].to_json(vanity=True, score=True)["vanity"]
    assert "sandbox" in repr(account) and "AC" not in repr(account)


def test_a_sweep_reports_progress_and_its_summary_as_events() -> None:
    events: list[Event] = []
    account = numsearch.Account(sandbox=True, on_event=events.append)
    found = account.search("tollfree", contains="FLOWERS", all=True, price=True)
    assert found and all(n.monthly_price is not None for n in found)
    kinds = [e.kind for e in events]
    assert EventKind.progress in kinds
    assert any(e.kind is EventKind.note and e.message.startswith("sweep:") for e in events)


def test_bad_filters_raise_before_anything_is_sent() -> None:
    account = numsearch.Account(sandbox=True)
    with pytest.raises(numsearch.InvalidInput) as caught:
        account.search("local", "US", distance=5)
    assert caught.value.exit_code == numsearch.ExitCode.USAGE


def test_missing_credentials_are_a_credentials_error(monkeypatch: pytest.MonkeyPatch) -> None:
    account = numsearch.Account()
    with pytest.raises(numsearch.CredentialsError):
        account.search("local", "US", area_code="510")


def test_without_a_listener_events_go_to_the_numsearch_logger(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level("INFO", logger="numsearch"):
        numsearch.Account(sandbox=True).search("tollfree", contains="FLOWERS", all=True)
    assert any(r.name == "numsearch" and "sweep:" in r.getMessage() for r in caplog.records)


SCRIPT = """
    import numsearch

    def cheapest(word: str) -> str | None:
        account = numsearch.Account(sandbox=True)
        found = account.search("tollfree", contains=word, price=True, limit=10)
        priced = [n for n in found if n.monthly_price is not None]
        return min(priced, key=lambda n: n.monthly_price or 0).phone_number if priced else None

    spellings: list[numsearch.Spelling] = numsearch.spell("+18003569377")
    digits: str = numsearch.to_digits("STORM")
    try:
        print(cheapest("FLOWERS"), spellings[0].text, digits)
    except numsearch.NumsearchError as error:
        raise SystemExit(int(error.exit_code)) from None
"""


def test_a_script_using_the_api_passes_mypy_strict_and_runs(tmp_path: Path) -> None:
    script = tmp_path / "find.py"
    script.write_text(textwrap.dedent(SCRIPT))
    # An editable install hides the package from mypy behind an import hook: point mypy at
    # the checkout, which is what `pip install .` puts in site-packages (py.typed included).
    env = {**os.environ, "MYPYPATH": str(REPO)}
    checked = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(script)],
        capture_output=True, text=True, cwd=tmp_path, env=env,
    )  # fmt: skip
    assert checked.returncode == 0, checked.stdout + checked.stderr
    ran = subprocess.run([sys.executable, str(script)], capture_output=True, text=True)
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.split()[1:] == ["1-800-FLOWERS", "78676"]


def test_setup_has_one_field_per_purchase_field() -> None:
    from numsearch.purchase_fields import PURCHASE_FIELDS, Setup

    assert Setup._fields == tuple(f.name for f in PURCHASE_FIELDS)


def test_update_and_release_a_number_bought_in_the_sandbox() -> None:
    from numsearch.purchase_fields import Setup

    account = numsearch.Account(sandbox=True)
    number = account.search("local", "US", area_code="510", limit=1)[0].phone_number
    bought = account.buy(number, yes=True)
    assert bought is not None and bought.outcome == "bought"
    updated = account.update(number, setup=Setup(friendly_name="Front desk"))
    assert updated.number.friendly_name == "Front desk"
    asked: list[str] = []

    def decline(question: str) -> bool:
        asked.append(question)
        return False

    assert account.release(number, confirm=decline) is None
    assert number in asked[0] and "[sandbox" in asked[0]
    assert [n.phone_number for n in account.owned(number)] == [number]
    released = account.release(number, yes=True)
    assert released is not None and account.owned(number) == []


def test_release_needs_yes_or_a_question() -> None:
    with pytest.raises(numsearch.InvalidInput, match="yes=True or a confirm"):
        numsearch.Account(sandbox=True).release("+15105550100")


def test_buy_asks_the_command_lines_question_and_a_dry_run_buys_nothing() -> None:
    from numsearch.purchase_fields import Setup

    account = numsearch.Account(sandbox=True)
    number = account.search("tollfree", contains="FLOWERS", limit=1)[0].phone_number
    assert number is not None
    planned = account.buy(number, dry_run=True, setup=Setup(friendly_name="Shop"))
    assert planned is not None and planned.outcome == "dry-run"
    assert planned.form is not None  # with the address or bundle chosen, if it needs one
    assert {"PhoneNumber": number, "FriendlyName": "Shop"}.items() <= planned.form.items()
    assert planned.to_json()["monthly_price"] == 2.15
    asked: list[str] = []

    def decline(question: str) -> bool:
        asked.append(question)
        return False

    assert account.buy(number, confirm=decline) is None
    assert asked and asked[0].startswith(f"Buy {number}") and "2.15 USD a month" in asked[0]
    assert account.owned(number) == []
    with pytest.raises(numsearch.InvalidInput, match="yes=True or a confirm"):
        account.buy(number)
    bought = account.buy(number, yes=True, max_price="5")
    assert bought is not None and bought.to_json()["outcome"] == "bought"
    again = account.buy(number, yes=True)
    assert again is not None and again.outcome == "already-owned" and again.bought is None


def test_every_example_of_the_python_api_page_runs(capsys: pytest.CaptureFixture[str]) -> None:
    """docs/python-api.md's ```python blocks, top to bottom, in one namespace (the
    sandbox: the test's own state directory)."""
    import re

    page = (REPO / "docs" / "python-api.md").read_text()
    blocks = re.findall(r"```python\n(.*?)```", page, flags=re.S)
    assert len(blocks) >= 6
    namespace: dict[str, object] = {}
    for block in blocks:
        exec(compile(block, "docs/python-api.md", "exec"), namespace)  # noqa: S102 (our own docs)
    shown = capsys.readouterr().out
    assert "1-800-FLOWERS" in shown and "78676" in shown
    assert "bought +1" in shown and "bought-other" not in shown and "Front desk" in shown
    assert "2 " in shown  # the InvalidInput example prints its exit code
    assert "True 365 {'locality': 'Oakland', 'count': 126}" in shown  # count_by


def test_watch_yields_the_new_numbers_of_each_poll_until_max_wait() -> None:
    account = numsearch.Account(sandbox=True)
    query = account.query("tollfree", contains="FLOWERS")
    polls = list(account.watch(query, every=1, max_wait=1))
    assert len(polls) == 2  # the first poll, and the last at the deadline itself
    assert polls[0] and all("3569377" in (n.phone_number or "") for n in polls[0])
    assert polls[1] == []  # the same numbers again: nothing new
    with pytest.raises(numsearch.InvalidInput, match="every must be at least"):
        next(account.watch(query, every=0.1))


def test_buy_many_asks_once_and_says_what_each_number_came_to() -> None:
    account = numsearch.Account(sandbox=True)
    numbers = [
        n.phone_number or "" for n in account.search("local", "US", area_code="510", limit=3)
    ]
    asked: list[str] = []

    def agree(question: str) -> bool:
        asked.append(question)
        return True

    planned = account.buy_many(numbers, dry_run=True)
    assert planned is not None and {p.outcome for p in planned} == {"dry-run"}
    outcomes = account.buy_many([numbers[0], *numbers], confirm=agree)  # a duplicate: once
    assert outcomes is not None
    assert [(o.phone_number, o.outcome) for o in outcomes] == [(n, "bought") for n in numbers]
    assert len(asked) == 1 and asked[0].startswith("Buy these 3 numbers for 3.45 USD a month")
    again = account.buy_many(numbers[:1], yes=True)
    assert again is not None and again[0].outcome == "already-owned"
    with pytest.raises(numsearch.InvalidInput, match="max_count"):
        account.buy_many([f"+1510555{i:04d}" for i in range(101)], yes=True)


def test_buy_many_asks_once_with_the_total_and_says_each_outcome() -> None:
    account = numsearch.Account(sandbox=True)
    numbers = [n.phone_number for n in account.search("local", "US", area_code="510", limit=2)]
    planned = account.buy_many(numbers, dry_run=True)
    assert planned is not None and [p.outcome for p in planned] == ["dry-run", "dry-run"]
    asked: list[str] = []

    def agree(question: str) -> bool:
        asked.append(question)
        return True

    bought = account.buy_many([*numbers, numbers[0]], confirm=agree)  # the twin bought once
    assert bought is not None and [o.outcome for o in bought] == ["bought", "bought"]
    assert [o.bought for o in bought] == numbers
    assert len(asked) == 1 and asked[0].startswith("Buy these 2 numbers for")
    assert {n.phone_number for n in account.owned("+1510")} >= set(numbers)


def test_buy_many_in_an_area_code_searches_it_first() -> None:
    account = numsearch.Account(sandbox=True)
    outcomes = account.buy_many(area_code="510", count=2, yes=True)
    assert outcomes is not None and len(outcomes) == 2
    assert all(o.outcome == "bought" and (o.bought or "").startswith("+1510") for o in outcomes)


def test_a_purchase_step_by_step_as_the_command_line_makes_it() -> None:
    events: list[Event] = []
    account = numsearch.Account(sandbox=True, on_event=events.append)
    number = account.search("tollfree", contains="FLOWERS", limit=1)[0]
    plan = account.plan_purchase(number)  # a search's record: its address need is known
    assert plan.refused is None and plan.held is None and plan.cost.text == "2.15 USD a month"
    assert account.purchase_question(plan).startswith(f"Buy {number.phone_number}")
    outcome = account.make_purchase(plan)
    assert outcome.outcome == "bought" and outcome.record is not None
    assert outcome.title == f"Bought: {number.phone_number}"
    steps = [e.message for e in events if e.kind is EventKind.step]
    done = [e.message for e in events if e.kind is EventKind.step_done]
    assert f"Buying {number.phone_number}" in steps and steps == done  # each step ends
    held = account.plan_purchase(number.phone_number, dry_run=True)
    assert held.held == outcome.sid and held.outcome().outcome == "already-owned"


def test_a_number_found_on_the_account_is_released_or_shown_as_a_request() -> None:
    account = numsearch.Account(sandbox=True)
    number = account.search("local", "US", area_code="415", limit=1)[0].phone_number
    account.buy(number, yes=True)
    found = account.find_owned(number)
    request = account.release(found, dry_run=True)
    assert request.method == "DELETE" and request.url.endswith(f"/{found.sid}.json")
    change = account.update(found, setup=numsearch.Setup(voice_url="https://example.com/v"),
                            dry_run=True)  # fmt: skip
    assert change.form == {"VoiceUrl": "https://example.com/v"}
    assert account.owned(number)[0].voice_url is None  # a dry run changes nothing
    released = account.release(found, yes=True)
    assert released is not None and released.number.sid == found.sid


def test_errors_name_the_parameters_a_script_passes_not_the_flags() -> None:
    account = numsearch.Account(sandbox=True)
    with pytest.raises(numsearch.InvalidInput) as caught:
        account.search("local", "US", area_code="12")
    assert "area_code" in caught.value.message and "--" not in caught.value.message
    with pytest.raises(numsearch.InvalidInput) as caught:
        account.buy("+15105550100", yes=True, max_price="cheap")
    assert "max_price" in caught.value.message and "--" not in caught.value.message
