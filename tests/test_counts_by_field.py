"""`--by FIELD`: a search's numbers counted per area code, region, locality or rate
centre instead of listed: largest first, ties by name, `unknown` for numbers without the
field; the counts agree with the numbers `--all` lists; a bar chart on a terminal whose
title says what was counted and how whole the search was; rows in every other format."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from collections import Counter
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from numsearch.charts import EIGHTHS, FULL, bar
from numsearch.cli.search_options import COUNT_BY, complete_count_by
from numsearch.errors import InvalidInput
from numsearch.grouping import UNKNOWN, CountBy, Counts, Group, count_field, groups
from numsearch.models import AvailableNumber
from tests.support import CliRun
from tests.support.fake_twilio import FakeTwilio, available, numbers_page

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def number(phone: str, **fields: Any) -> AvailableNumber:
    return AvailableNumber(phone_number=phone, **fields)


# -- counting (pure) -------------------------------------------------------------------------


def test_largest_first_ties_by_name_and_unknown_for_a_missing_field() -> None:
    numbers = [
        number("+15105550100", region="CA"),
        number("+15105550101", region="TX"),
        number("+15105550102", region="CA"),
        number("+15105550103", region=None),
        number("+15105550104", region="  "),
        number("+15105550105", region="AZ"),
        number("+15105550106", region="TX"),
    ]
    assert groups(numbers, CountBy.region) == (
        Group("CA", 2), Group("TX", 2), Group(UNKNOWN, 2), Group("AZ", 1),
    )  # fmt: skip


def test_the_area_code_is_read_from_the_number() -> None:
    numbers = [number("+15105550100"), number("+14155550100"), number("+15105550199")]
    assert groups(numbers, CountBy.area_code) == (Group("510", 2), Group("415", 1))


@given(
    st.lists(
        st.tuples(st.sampled_from(["Oakland", "Fresno", "", None]), st.integers(0, 9999)),
        max_size=60,
    )
)
def test_the_counts_add_up_to_the_numbers_and_come_in_order(
    rows: list[tuple[str | None, int]],
) -> None:
    numbers = [number(f"+1510555{i:04d}", locality=place) for place, i in rows]
    counted = groups(numbers, CountBy.locality)
    assert sum(group.size for group in counted) == len(numbers)
    assert [(-g.size, g.name) for g in counted] == sorted((-g.size, g.name) for g in counted)
    expected = Counter(place or UNKNOWN for place, _ in rows)
    assert {group.name: group.size for group in counted} == expected


def test_rows_are_keyed_by_the_fields_json_name() -> None:
    counts = Counts(CountBy.rate_center, (Group("OKLD", 3), Group(UNKNOWN, 1)), swept=True)
    assert counts.records() == [
        {"rate_center": "OKLD", "count": 3},
        {"rate_center": "unknown", "count": 1},
    ]
    assert counts.fields == ("rate_center", "count") and counts.total == 4


@pytest.mark.parametrize(
    ("by", "country", "message"),
    [
        ("area-code", "GB", "--by area-code works only for US and CA numbers, not GB"),
        ("zip", "US", "--by takes area-code, region, locality, rate-center, not 'zip'"),
    ],
)
def test_a_field_that_cannot_be_counted_is_invalid(by: str, country: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        count_field(by, country)
    assert count_field("area_code", "CA") is CountBy.area_code  # the Python spelling too


def test_the_flag_offers_exactly_the_fields_that_can_be_counted() -> None:
    assert tuple(field.value for field in CountBy) == COUNT_BY
    assert complete_count_by("r") == ["region", "rate-center"]
    assert complete_count_by("") == list(COUNT_BY)


def test_a_bar_fills_the_room_for_the_largest_count_in_eighths() -> None:
    assert bar(10, 10, 20) == FULL * 20
    assert bar(5, 10, 20) == FULL * 10
    assert bar(1, 16, 4) == FULL * 0 + EIGHTHS[2]  # a quarter cell: 1/16 of 4 cells
    assert bar(1, 1000, 10) == EIGHTHS[1]  # never invisible
    assert bar(0, 10, 20) == ""


# -- the command line against the sandbox: the counts are --all's numbers, counted -------------


@pytest.fixture
def sandbox(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NUMSEARCH_SANDBOX", "1")


def every_number(cli: CliRun, *args: str) -> list[dict[str, Any]]:
    result = cli("local", *args, "--all", "-o", "json")
    assert result.exit_code == 0, result.stderr
    numbers: list[dict[str, Any]] = json.loads(result.stdout)
    return numbers


@pytest.mark.parametrize(
    ("field", "key"),
    [
        ("region", lambda n: n["region"]),
        ("locality", lambda n: n["locality"]),
        ("area-code", lambda n: n["phone_number"][2:5]),
        ("rate-center", lambda n: n["rate_center"]),
    ],
)
def test_the_counts_are_those_of_the_numbers_all_lists(
    field: str, key: Any, cli: CliRun, sandbox: None
) -> None:
    numbers = every_number(cli, "--contains", "STORM")
    result = cli("local", "--contains", "STORM", "--all", "--by", field, "-o", "json")
    assert result.exit_code == 0, result.stderr
    counted = json.loads(result.stdout)
    name = field.replace("-", "_")
    assert [list(row) for row in counted] == [[name, "count"]] * len(counted)
    assert {row[name]: row["count"] for row in counted} == Counter(
        key(n) or "unknown" for n in numbers
    )
    assert sum(row["count"] for row in counted) == len(numbers) == 90
    assert [row["count"] for row in counted] == sorted((r["count"] for r in counted), reverse=True)


def test_the_field_may_be_written_in_any_case(cli: CliRun, sandbox: None) -> None:
    lower = cli("local", "--area-code", "510", "--by", "locality", "-o", "json")
    upper = cli("local", "--area-code", "510", "--by", " LOCALITY ", "-o", "json")
    assert upper.exit_code == 0 and upper.stdout == lower.stdout


def test_csv_and_tsv_have_a_row_per_value(cli: CliRun, sandbox: None) -> None:
    numbers = every_number(cli, "--area-code", "510")
    result = cli("local", "--area-code", "510", "--all", "--by", "locality", "-o", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows and list(rows[0]) == ["locality", "count"]
    assert {r["locality"]: int(r["count"]) for r in rows} == Counter(n["locality"] for n in numbers)
    tsv = cli("local", "--area-code", "510", "--all", "--by", "locality", "-o", "tsv",
              "--no-header", "--fields", "count")  # fmt: skip
    assert [int(line) for line in tsv.stdout.split()] == [int(r["count"]) for r in rows]


def test_the_chart_on_a_terminal_says_every_number_was_counted(cli: CliRun, sandbox: None) -> None:
    numbers = every_number(cli, "--contains", "STORM")
    result = cli("local", "--contains", "STORM", "--all", "--by", "region", terminal=True,
                 env={"COLUMNS": "100"})  # fmt: skip
    assert result.exit_code == 0, result.stderr
    title, *rows = ANSI.sub("", result.stdout).rstrip("\n").splitlines()
    assert title == (
        "90 local numbers in US spelling STORM (78676), by region: every number (--all)"
        " [sandbox: not real numbers]"
    )
    regions = Counter(n["region"] for n in numbers)
    shown = [re.fullmatch(r"(\S+) +([0-9]+) ([█▏▎▍▌▋▊▉]+) *", row) for row in rows]
    assert all(shown), rows
    assert {m[1]: int(m[2]) for m in shown if m} == regions
    largest = max(regions.values())
    widest = next(m for m in shown if m and int(m[2]) == largest)
    assert len(widest[0].rstrip()) == 100  # the largest count's bar fills the line


def test_without_all_the_title_says_one_answer(cli: CliRun, sandbox: None) -> None:
    result = cli("local", "--in-region", "CA", "--by", "locality", terminal=True)
    assert result.exit_code == 0, result.stderr
    title = ANSI.sub("", result.stdout).splitlines()[0]
    assert title.startswith("30 local numbers in US, by locality: one answer, which Twilio cuts")
    assert "(--all counts them all)" in title
    piped = cli("local", "--in-region", "CA", "--by", "locality")
    assert sum(row["count"] for row in json.loads(piped.stdout)) == 30
    assert "counted one answer, which Twilio cuts at about 30 numbers" in piped.stderr


def test_a_sweep_cut_short_says_numbers_were_left_uncounted(cli: CliRun, sandbox: None) -> None:
    result = cli("local", "--area-code", "510", "--all", "--max-requests", "2", "--by", "region",
                 terminal=True)  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "by region: an incomplete sweep: numbers were left uncounted" in result.stdout


def test_a_narrow_terminal_keeps_every_row_within_its_width(cli: CliRun, sandbox: None) -> None:
    result = cli("local", "--in-region", "CA", "--by", "locality", terminal=True,
                 env={"COLUMNS": "40"})  # fmt: skip
    assert result.exit_code == 0, result.stderr
    rows = ANSI.sub("", result.stdout).splitlines()[1:]
    assert rows and max(len(row.rstrip()) for row in rows) <= 40


# -- against the fault server: what Twilio's answer holds is counted, and never obeyed ---------


def test_hostile_values_are_counted_as_text_and_shown_escaped(
    cli: CliRun, fake_twilio: FakeTwilio
) -> None:
    hostile = "[bold red]EVIL[/]\x1b[2J\u202e"
    fake_twilio.default = numbers_page([
        available("+15105550100", region=hostile),
        available("+15105550101", region=hostile),
        available("+15105550102", region=None),
        available("+15105550103", region="CA"),
        available("+19005550104", region="CA"),  # not in the US plan as a local number
    ])  # fmt: skip
    piped = cli("local", "--by", "region", "-o", "json")
    assert piped.exit_code == 0, piped.stderr
    assert json.loads(piped.stdout) == [
        {"region": hostile, "count": 2},
        {"region": "CA", "count": 1},
        {"region": "unknown", "count": 1},
    ]
    assert "left out" in piped.stderr  # the premium-rate stray is not counted
    shown = cli("local", "--by", "region", terminal=True)
    assert shown.exit_code == 0, shown.stderr
    assert "\x1b[2J" not in shown.stdout and "\u202e" not in shown.stdout
    assert "[bold red]EVIL[/]\\u001b[2J\\u2…" in shown.stdout  # escaped, cut at 30 cells
    assert len(fake_twilio.requests) == 2  # one search a run: no --all


def test_a_long_value_is_cut_in_the_chart_but_kept_whole_in_json(
    cli: CliRun, fake_twilio: FakeTwilio
) -> None:
    long_name = "Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch"
    fake_twilio.default = numbers_page([available("+15105550100", locality=long_name)])
    shown = cli("local", "--by", "locality", terminal=True)
    assert long_name[:29] + "…" in shown.stdout and long_name not in shown.stdout
    piped = cli("local", "--by", "locality", "-o", "json")
    assert json.loads(piped.stdout) == [{"locality": long_name, "count": 1}]


def test_nothing_found_is_exit_1_an_empty_list_and_a_title_on_stderr(
    cli: CliRun, fake_twilio: FakeTwilio
) -> None:
    piped = cli("local", "--by", "region", "-o", "json")
    assert (piped.exit_code, piped.stdout) == (1, "[]\n")
    shown = cli("local", "--by", "region", terminal=True)
    assert shown.exit_code == 1 and shown.stdout == ""
    assert "0 local numbers in US, by region" in shown.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("GB", "--by", "area-code"), "--by area-code works only for US and CA numbers, not GB"),
        (("--by", "region", "--rank"), "--by counts numbers and prints no number: drop --rank"),
        (("--by", "region", "--new-only"), "drop --new-only"),
        (("--by", "region", "--exec", "true"), "drop --exec"),
        (("--by", "region", "--fields", "phone_number"), "valid fields: region, count"),
        (("--by", "zip"), "--by takes area-code, region, locality, rate-center, not 'zip'"),
    ],
)
def test_what_cannot_be_counted_exits_2_and_sends_nothing(
    args: tuple[str, ...], message: str, cli: CliRun, fake_twilio: FakeTwilio
) -> None:
    result = cli("local", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert fake_twilio.requests == []


def test_the_python_api_counts_a_query(monkeypatch: pytest.MonkeyPatch) -> None:
    import numsearch

    account = numsearch.Account(sandbox=True)
    every = account.search("tollfree", contains="FLOWERS", all=True)
    counts = account.count_by(account.query("tollfree", contains="FLOWERS"), "area_code", all=True)
    assert isinstance(counts, numsearch.Counts) and counts.complete
    assert {g.name: g.size for g in counts.groups} == Counter(n.phone_number[2:5] for n in every)
    with pytest.raises(numsearch.InvalidInput, match=r"^by area-code works only for US and CA"):
        account.count_by(account.query("national", "GB"), "area-code")


@pytest.mark.parametrize(
    ("args", "loaded"),
    [
        (["local", "--area-code", "510", "-o", "json"], []),
        (["local", "--help"], []),
        (["local", "--area-code", "510", "--by", "region", "-o", "json"], ["numsearch.grouping"]),
        (["local", "--area-code", "510", "--by", "region", "-o", "table"],
         ["numsearch.charts", "numsearch.grouping"]),
    ],
)  # fmt: skip
def test_only_by_loads_the_counting_and_only_a_chart_the_charts(
    args: list[str], loaded: list[str]
) -> None:
    probe = (
        "import sys\n"
        "from numsearch.cli import main\n"
        f"sys.argv = ['numsearch', '--sandbox', *{args!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "wanted = ('numsearch.grouping', 'numsearch.charts')\n"
        "print(sorted(m for m in sys.modules if m in wanted), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=False, timeout=60
    )
    assert done.stderr.strip().splitlines()[-1] == repr(loaded), done.stderr
