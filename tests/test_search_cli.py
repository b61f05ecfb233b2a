"""Every search command and filter through the CLI, replayed from cassettes: piped and
as a terminal. A request that differs from the recorded one fails the test."""

from __future__ import annotations

import csv
import io
import json
import re
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from numsearch.number_types import NUMBER_TYPES
from tests.support import CliRun
from tests.support.fake_twilio import FakeTwilio, available, numbers_page
from tests.support.search_cases import CASES, CASES_BY_ID, Case

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
TWILIO_FIELDS = [
    "phone_number",
    "friendly_name",
    "locality",
    "region",
    "postal_code",
    "iso_country",
    "lata",
    "rate_center",
    "latitude",
    "longitude",
    "address_requirements",
    "beta",
    "capabilities",
]


@pytest.fixture(scope="module")
def vcr_cassette_dir() -> str:
    return str(Path(__file__).parent / "cassettes" / "search")


@pytest.fixture
def default_cassette_name(request: pytest.FixtureRequest) -> str:
    return str(request.node.callspec.params["case"].id)


def plain(text: str) -> str:
    return ANSI.sub("", text)


def test_every_number_type_has_a_case() -> None:
    commands = {case.args[0] for case in CASES}
    assert commands == set(NUMBER_TYPES)


@pytest.mark.vcr
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_piped_search_prints_json(case: Case, cli: CliRun, credentials: object, vcr: Any) -> None:
    result = cli(*case.args)
    assert result.exit_code == case.exit_code, result.stderr
    records = json.loads(result.stdout)
    assert [r["phone_number"] for r in records] == case.expect_numbers
    assert vcr.play_count == len(case.exchanges)  # every recorded request, no other
    for record in records:
        assert list(record)[: len(TWILIO_FIELDS)] == TWILIO_FIELDS
        assert set(record["capabilities"]) == {"voice", "sms", "mms", "fax"}
        assert all(isinstance(v, bool) for v in record["capabilities"].values())
        for key in ("latitude", "longitude"):
            assert record[key] is None or isinstance(record[key], float)
    assert "\x1b[" not in result.stdout  # no colour in a pipe


@pytest.mark.vcr
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_terminal_search_prints_a_table(
    case: Case, cli: CliRun, credentials: object, vcr: Any
) -> None:
    result = cli(*case.args, terminal=True)
    assert result.exit_code == case.exit_code, result.stderr
    table = plain(result.stdout)
    assert not table.lstrip().startswith("[")
    noun = "number" if len(case.expect_numbers) == 1 else "numbers"
    title = f"{len(case.expect_numbers)} {case.resource_label} {noun} in {case.country}"
    if case.expect_numbers:
        assert title in table
    else:  # no table to draw: the title goes to stderr, stdout stays empty
        assert result.stdout == ""
        assert title in plain(result.stderr)
    for text in case.expect_in_table:
        assert text in table, f"{text!r} not in\n{table}"
    for text in case.expect_not_in_table:
        assert text not in table, f"{text!r} in\n{table}"


@pytest.mark.vcr
@pytest.mark.parametrize("case", [CASES_BY_ID["area-code"]], ids=lambda c: c.id)
def test_json_when_asked_on_a_terminal(case: Case, cli: CliRun, credentials: object) -> None:
    result = cli(*case.args, "-o", "json", terminal=True)
    assert [r["phone_number"] for r in json.loads(result.stdout)] == case.expect_numbers


@pytest.mark.vcr
@pytest.mark.parametrize("case", [CASES_BY_ID["area-code"]], ids=lambda c: c.id)
def test_jsonl_has_one_object_a_line(case: Case, cli: CliRun, credentials: object) -> None:
    result = cli(*case.args, "-o", "jsonl")
    lines = result.stdout.splitlines()
    assert [json.loads(line)["phone_number"] for line in lines] == case.expect_numbers


@pytest.mark.vcr
@pytest.mark.parametrize("case", [CASES_BY_ID["area-code"]], ids=lambda c: c.id)
def test_csv_has_a_header_and_flat_values(case: Case, cli: CliRun, credentials: object) -> None:
    result = cli(*case.args, "-o", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == TWILIO_FIELDS
    assert [r["phone_number"] for r in rows] == case.expect_numbers
    assert rows[0]["capabilities"] == "voice;sms;mms"
    assert rows[0]["latitude"] == "37.8044"
    assert rows[0]["beta"] == "false"


@pytest.mark.vcr
@pytest.mark.parametrize("case", [CASES_BY_ID["mobile-gb"]], ids=lambda c: c.id)
def test_null_fields_stay_null_in_csv_and_json(
    case: Case, cli: CliRun, credentials: object
) -> None:
    records = json.loads(cli(*case.args).stdout)
    assert records[0]["lata"] is None and records[0]["latitude"] is None
    rows = list(csv.DictReader(io.StringIO(cli(*case.args, "-o", "csv").stdout)))
    assert rows[0]["lata"] == "" and rows[0]["latitude"] == ""


@pytest.mark.vcr
@pytest.mark.parametrize("case", [CASES_BY_ID["area-code"]], ids=lambda c: c.id)
@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "table"])
def test_fields_select_in_every_format(
    case: Case, fmt: str, cli: CliRun, credentials: object
) -> None:
    result = cli(*case.args, "-o", fmt, "--fields", "phone_number,locality")
    assert result.exit_code == 0
    out = plain(result.stdout)
    if fmt == "json":
        assert json.loads(out)[0] == {"phone_number": "+15105550100", "locality": "Oakland"}
    elif fmt == "jsonl":
        assert json.loads(out.splitlines()[0]) == {
            "phone_number": "+15105550100",
            "locality": "Oakland",
        }
    elif fmt == "csv":
        assert out.splitlines()[:2] == ["phone_number,locality", "+15105550100,Oakland"]
    else:
        assert "Number" in out and "Locality" in out and "Postal" not in out


@pytest.mark.vcr
@pytest.mark.parametrize("case", [CASES_BY_ID["nothing-matched"]], ids=lambda c: c.id)
def test_nothing_matched_is_exit_1_and_an_empty_list(
    case: Case, cli: CliRun, credentials: object
) -> None:
    result = cli(*case.args)
    assert result.exit_code == 1
    assert json.loads(result.stdout) == []
    assert cli(*case.args, "-o", "csv").stdout.splitlines() == [",".join(TWILIO_FIELDS)]


@pytest.mark.vcr
@pytest.mark.parametrize("case", [CASES_BY_ID["area-code"]], ids=lambda c: c.id)
def test_terminal_colour_follows_no_color(
    case: Case, cli: CliRun, credentials: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert "\x1b[" in cli(*case.args, terminal=True).stdout
    assert "\x1b[" not in cli("--no-color", *case.args, terminal=True).stdout
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in cli(*case.args, terminal=True).stdout


@pytest.mark.vcr
@pytest.mark.parametrize("case", [CASES_BY_ID["area-code"]], ids=lambda c: c.id)
def test_narrow_terminal_still_shows_whole_numbers(
    case: Case, cli: CliRun, credentials: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "50")
    result = cli(*case.args, terminal=True)
    table = plain(result.stdout)
    assert "(510) 555-0100" in table
    assert max(len(line) for line in table.splitlines()) <= 50


# -- nothing reaches the network on bad input ------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("local", "UK"), "use GB"),
        (("local", "US", "--area-code", "5100"), "--area-code '5100' is not a 3-digit area code"),
        (("local", "US", "--area-code", "999"), "--area-code 999 cannot be a North American"),
        (("local", "--area-code", "510,011"), "--area-code 011 cannot be a North American"),
        (("buy", "--area-code", "911", "--yes"), "--area-code 911 cannot be a North American"),
        (("local", "--near-number", "5551234"), "'5551234' is not a whole phone number"),
        (("mobile", "GB", "--in-lata", "722"), "--in-lata works only for US and CA"),
        (("local", "--in-rate-center", "OKLD"), "--in-rate-center needs --in-lata"),
        (("local", "--distance", "20"), "--distance needs --near, --near-number"),
        (("local", "--near-lat-long", "37.8,-190"), "longitude -190 is outside -180..180"),
        (("local", "--near-number", "123"), "--near-number: '123' is not a possible"),
        (("local", "--contains", "x"), "Twilio takes 2 to 16"),
        (("local", "--contains", "55+5"), "+ only first"),
        (("local", "--limit", "0"), "--limit must be from 1 to 1000"),
        (("local", "--limit", "5000"), "--limit must be from 1 to 1000"),
        (("local", "--contains", "555", "--ends-with", "1"), "--contains and --ends-with"),
        (("local", "--starts-with", "12345678901"), "needs 11 digits"),
        (("local", "--fields", "phone_number,colour"), "unknown field 'colour'; valid fields:"),
        (("local", "--timeout", "0"), "--timeout must be more than 0"),
        (("local", "--concurrency", "0"), "--concurrency must be 1 to 32"),
    ],
)
def test_bad_input_exits_2_with_one_line_and_sends_nothing(
    args: tuple[str, ...], message: str, cli: CliRun, fake_twilio: FakeTwilio
) -> None:
    result = cli(*args)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], result.stderr
    assert lines[0].startswith("error: ")
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    assert fake_twilio.requests == []


def test_an_area_code_phonenumbers_does_not_know_is_searched_with_a_warning(
    cli: CliRun, fake_twilio: FakeTwilio
) -> None:
    """A code the plan could hold but phonenumbers does not know (its list lags new
    overlays) is asked of Twilio; when no number comes back, a warning says why that may be."""
    from numsearch.number_types import type_of_area_code

    unknown = next(c for c in ("729", "375", "200", "555") if type_of_area_code(c)[0] is None)
    fake_twilio.default = numbers_page([])
    result = cli("local", "US", "--area-code", f"510,{unknown}")
    assert result.exit_code == 1
    # The two area codes are asked concurrently: in either order.
    assert sorted(r.query["AreaCode"] for r in fake_twilio.requests) == sorted(["510", unknown])
    assert result.stderr.splitlines() == [
        f"warning: no numbers in area code {unknown}, which phonenumbers does not know: a typo,"
        " or an area code newer than its list"
    ]


def test_a_known_area_code_that_finds_nothing_is_not_doubted(
    cli: CliRun, fake_twilio: FakeTwilio
) -> None:
    fake_twilio.default = numbers_page([])
    result = cli("local", "US", "--area-code", "510")
    assert result.exit_code == 1 and result.stderr == ""


def test_the_word_searched_for_is_told_as_typed(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    """`--contains ST0RM` (a zero among the letters) is told as ST0RM, not `ST RM`."""
    fake_twilio.default = numbers_page([available("+15107807600")])
    result = cli("local", "US", "--contains", "ST0RM")
    assert fake_twilio.requests[0].query == {"Contains": "78076"}
    assert result.stderr.splitlines()[0] == "searching for ST0RM as the digits 78076"


@pytest.mark.parametrize(
    "args",
    [
        ("local", "--output", "xml"),
        ("local", "--limit", "many"),
        ("local", "--exclude-address-required", "some"),
        ("nosuchtype",),
    ],
)
def test_typer_usage_errors_exit_2_and_send_nothing(
    args: tuple[str, ...], cli: CliRun, fake_twilio: FakeTwilio
) -> None:
    result = cli(*args)
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr
    assert fake_twilio.requests == []


# -- fan-out ---------------------------------------------------------------------------


class InFlight:
    """A responder that holds each request a moment and counts how many overlap."""

    def __init__(self, answer: Any, hold: float = 0.3) -> None:
        self.answer = answer
        self.hold = hold
        self.now = self.most = 0
        self.lock = threading.Lock()

    def __call__(self, request: Any) -> Any:
        with self.lock:
            self.now += 1
            self.most = max(self.most, self.now)
        time.sleep(self.hold)  # long enough for the others to arrive, if they are sent
        with self.lock:
            self.now -= 1
        return self.answer(request)


def test_area_codes_run_concurrently_and_merge_in_order(
    cli: CliRun, fake_twilio: FakeTwilio
) -> None:
    def answer(request: Any) -> Any:
        code = request.query["AreaCode"]
        return numbers_page([available(f"+1{code}5550100"), available("+15105550142")])

    in_flight = InFlight(answer)
    fake_twilio.responder = in_flight
    codes = ["510", "415", "650", "925", "408", "707", "831", "209"]
    result = cli("local", "--area-code", ",".join(codes))
    assert result.exit_code == 0
    numbers = [r["phone_number"] for r in json.loads(result.stdout)]
    assert numbers == [f"+1{code}5550100" for code in codes[:1]] + ["+15105550142"] + [
        f"+1{code}5550100" for code in codes[1:]
    ]
    assert in_flight.most == 4  # default --concurrency 4: never more, and not one by one


def test_concurrency_one_runs_one_at_a_time(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    in_flight = InFlight(
        lambda request: numbers_page([available(f"+1{request.query['AreaCode']}5550100")])
    )
    fake_twilio.responder = in_flight
    result = cli("local", "--area-code", "510,415,650", "--concurrency", "1")
    assert result.exit_code == 0
    assert len(fake_twilio.requests) == 3 and in_flight.most == 1


def test_a_mistyped_command_gets_a_suggestion(cli: CliRun) -> None:
    result = cli("lokal")
    assert result.exit_code == 2
    assert "Did you mean 'local'?" in result.stderr


def test_spinner_only_when_stderr_is_a_terminal(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    fake_twilio.default = numbers_page([available("+15105550100")])
    piped = cli("local", "-o", "json")
    assert piped.stderr == ""
    shown = cli("local", "-o", "json", terminal=True)
    assert "Searching US local numbers" in shown.stderr
    assert json.loads(shown.stdout)[0]["phone_number"] == "+15105550100"


def test_python_dash_m_runs_the_cli() -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "numsearch", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    assert re.fullmatch(r"numsearch \d+\.\d+\.\d+\n", done.stdout)


def test_the_console_entry_point_searches_end_to_end(fake_twilio: FakeTwilio) -> None:
    """main() as the console script runs it: the collector paused for start-up and back on."""
    import os
    import subprocess
    import sys

    fake_twilio.default = numbers_page([available("+15105550100")])
    done = subprocess.run(
        [sys.executable, "-m", "numsearch", "local", "--area-code", "510", "-o", "jsonl"],
        capture_output=True, text=True, env=dict(os.environ), check=False, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["phone_number"] == "+15105550100"
    assert done.stderr == ""


def test_resume_gc_turns_the_collector_back_on() -> None:
    import gc

    from numsearch.cli.startup import resume_gc

    gc.disable()
    try:
        resume_gc()
        assert gc.isenabled()
    finally:
        gc.unfreeze()
        gc.enable()
