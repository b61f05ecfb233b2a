"""Text from a server never paints the terminal, never reads as Rich markup, and never
runs as a spreadsheet formula; JSON keeps every value exactly."""

from __future__ import annotations

import csv
import io
import json
import sys
import unicodedata
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from numsearch.cli.options import Output
from numsearch.cli.printing import print_records
from numsearch.models import (
    AVAILABLE_NUMBER_FIELDS,
    COUNTRY_FIELDS,
    INCOMING_NUMBER_FIELDS,
    AvailableNumber,
    Country,
    IncomingNumber,
)
from numsearch.output import OutputFormat, spreadsheet_cell
from numsearch.terminal import Terminal
from tests.support import CliRun
from tests.support.fake_twilio import (
    FakeTwilio,
    OwnedNumbers,
    Paperwork,
    address,
    available,
    incoming,
    numbers_page,
    twilio_error,
)
from tests.support.hostile import CONTROL, ESCAPES, FORMULAS, MARKUP, raw_controls

TEXT = st.text(st.characters(codec="utf-8") | st.sampled_from(CONTROL + list("[]/=+-@")))


def terminal(*, tty: bool) -> tuple[Terminal, io.StringIO, io.StringIO]:
    out, err = io.StringIO(), io.StringIO()
    return (
        Terminal(stdout_isatty=tty, stderr_isatty=tty, stdout=out, stderr=err, width=100),
        out,
        err,
    )


def number_record(text: str) -> dict[str, Any]:
    raw: dict[str, Any] = {n: text for n in AVAILABLE_NUMBER_FIELDS if n != "capabilities"}
    raw["capabilities"] = {"voice": True, text: True}
    return AvailableNumber.from_json(raw).to_json(vanity=True, score=True) | {"vanity": text}


def records_of(kind: str, text: str) -> tuple[list[dict[str, Any]], tuple[str, ...]]:
    if kind == "number":
        return [number_record(text)], (*AVAILABLE_NUMBER_FIELDS, "vanity")
    if kind == "country":
        raw = {"country_code": text, "country": text, "beta": text, "subresource_uris": {text: ""}}
        return [Country.from_json(raw).to_json()], COUNTRY_FIELDS
    if kind == "incoming":
        raw = {name: text for name in INCOMING_NUMBER_FIELDS}
        return [IncomingNumber.from_json(raw).to_json()], INCOMING_NUMBER_FIELDS
    if kind == "spelling":
        row = {"number": text, "rank": 1, "text": text, "words": [text, text], "score": 0.5}
        return [row], ("number", "rank", "text", "words", "score")
    return [{"method": text, "url": text, "form": text}], ("method", "url", "form")


KINDS = ["number", "country", "incoming", "spelling", "request"]


@pytest.mark.parametrize("kind", KINDS)
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=60)
@given(text=TEXT)
def test_any_text_in_any_field_is_shown_not_obeyed(kind: str, text: str) -> None:
    records, fields = records_of(kind, text)
    for fmt in (OutputFormat.table, OutputFormat.csv):
        term, out, err = terminal(tty=True)
        print_records(records, Output(fmt, None), term, fields=fields, table=kind, title=text)
        assert raw_controls(out.getvalue()) == [], (fmt, out.getvalue())
        assert raw_controls(err.getvalue()) == []
    for fmt in (OutputFormat.json, OutputFormat.jsonl):
        term, out, _ = terminal(tty=True)
        print_records(records, Output(fmt, None), term, fields=fields, table=kind)
        lines = out.getvalue().splitlines() if fmt is OutputFormat.jsonl else [out.getvalue()]
        parsed = [json.loads(line) for line in lines]
        rows = parsed if fmt is OutputFormat.jsonl else parsed[0]
        assert rows == [{f: r.get(f) for f in fields} for r in records]  # the exact values
        assert raw_controls(out.getvalue()) == []


@given(text=TEXT)
def test_messages_show_control_characters_as_escapes(text: str) -> None:
    term, _, err = terminal(tty=True)
    term.error(text)
    term.warn(text)
    term.info(text)
    term.status(text)
    written = err.getvalue().replace("\r\x1b[2K", "")  # the status line's own control
    assert raw_controls(written) == []


@pytest.mark.parametrize("value", list(ESCAPES.values()) + list(MARKUP.values()))
def test_hostile_fields_from_the_server_reach_a_terminal_harmless(
    cli: CliRun, fake_twilio: FakeTwilio, value: str
) -> None:
    fake_twilio.default = numbers_page([available("+15105550100", locality=value, region=value)])
    result = cli("--no-color", "local", terminal=True, stderr_terminal=False)  # no spinner
    assert result.exit_code == 0, result.stderr
    assert raw_controls(result.stdout + result.stderr) == []
    if value in MARKUP.values():
        assert value.split("]")[0] + "]" in result.stdout  # the markup is shown as text


def test_a_twilio_message_with_escapes_is_one_harmless_line(
    cli: CliRun, fake_twilio: FakeTwilio
) -> None:
    fake_twilio.default = twilio_error(400, 21452, "No numbers\x1b[2J\x1b]0;pwned\x07 [bold]x[/]")
    result = cli("--no-color", "local", terminal=True, stderr_terminal=False)
    assert result.exit_code == 4
    assert raw_controls(result.stderr) == []
    assert result.stderr.count("\n") == 1 and "[bold]x[/]" in result.stderr


def test_a_friendly_name_with_markup_does_not_break_owned(cli: CliRun) -> None:
    """`buy N --friendly-name '[/x] Sales line'` then `owned` on a terminal: exit 70 before."""
    found = cli("--sandbox", "local", "US", "-o", "json", "--limit", "1")
    number = json.loads(found.stdout)[0]["phone_number"]
    bought = cli("--sandbox", "buy", number, "--friendly-name", "[/x] Sales line", "--yes")
    assert bought.exit_code == 0, bought.stderr
    owned = cli("--sandbox", "owned", terminal=True)
    assert owned.exit_code == 0, owned.stderr
    assert "[/x] Sales line" in owned.stdout


@pytest.mark.parametrize("value", list(FORMULAS.values()))
def test_csv_neutralises_formulas(value: str) -> None:
    assert spreadsheet_cell(value) == "'" + value
    term, out, _ = terminal(tty=False)
    row = {"friendly_name": value, "longitude": -122.27, "phone_number": "+15105550100"}
    fields = ("friendly_name", "longitude", "phone_number")
    print_records([row], Output(OutputFormat.csv, None), term, fields=fields)
    parsed = list(csv.reader(io.StringIO(out.getvalue())))
    assert parsed[1] == ["'" + value, "-122.27", "+15105550100"]


@pytest.mark.parametrize(
    "value", ["+4759440374", "+1 510-STORM-00", "+44 20 7946 0018", "Oakland", "", "94612"]
)
def test_numbers_spellings_and_plain_text_are_left_alone(value: str) -> None:
    assert spreadsheet_cell(value) == value


# -- invisible characters: every format (Cf) character, bidi controls among them ---------------

# The ones a server sent that passed into tables, and a few others of the Cf category.
INVISIBLE = ["\u061c", "\u200b", "\ufeff", "\u2060", "\u180e", "\u202e", "\u2066", "\u00ad",
             "\U000e0041", "\U0001d173"]  # fmt: skip
EVERY_FORMAT_CHARACTER = [chr(c) for c in range(sys.maxunicode + 1)
                          if unicodedata.category(chr(c)) == "Cf"]  # fmt: skip


def test_the_invisible_ones_are_all_format_characters() -> None:
    assert {unicodedata.category(ch) for ch in INVISIBLE} == {"Cf"}
    assert set(INVISIBLE) <= set(EVERY_FORMAT_CHARACTER)
    assert len(EVERY_FORMAT_CHARACTER) > 150  # Unicode 14 has 163


def shown_format_characters(text: str) -> list[str]:
    return sorted({ch for ch in text if unicodedata.category(ch) == "Cf"})


@pytest.mark.parametrize("ch", INVISIBLE, ids=lambda ch: f"U+{ord(ch):04X}")
def test_an_invisible_character_from_the_server_is_shown_in_a_table(ch: str) -> None:
    records, fields = records_of("number", f"Oak{ch}land")
    term, out, err = terminal(tty=True)
    print_records(records, Output(OutputFormat.table, None), term, fields=fields, table="number")
    assert shown_format_characters(out.getvalue() + err.getvalue()) == []
    escape = f"\\u{ord(ch):04x}" if ord(ch) <= 0xFFFF else f"\\U{ord(ch):08x}"
    assert f"Oak{escape}land" in out.getvalue()


@pytest.mark.parametrize("ch", INVISIBLE, ids=lambda ch: f"U+{ord(ch):04X}")
def test_an_invisible_character_in_a_message_is_shown(ch: str) -> None:
    term, _, err = terminal(tty=True)
    term.error(f"Twilio says: No{ch} numbers")
    assert shown_format_characters(err.getvalue()) == []
    assert "\\u" in err.getvalue() or "\\U" in err.getvalue()


def test_every_format_character_is_escaped_everywhere_text_is_shown() -> None:
    """All of the Cf category at once: a table cell, a title, CSV on a terminal, JSON, and
    each kind of message."""
    text = "".join(EVERY_FORMAT_CHARACTER)
    records, fields = records_of("number", text)
    for fmt in OutputFormat:
        term, out, err = terminal(tty=True)
        print_records(records, Output(fmt, None), term, fields=fields, table="number", title=text)
        assert shown_format_characters(out.getvalue() + err.getvalue()) == [], fmt
    term, _, err = terminal(tty=True)
    for say in (term.error, term.warn, term.info, term.status):
        say(text)
    assert shown_format_characters(err.getvalue()) == []


@pytest.mark.parametrize("ch", INVISIBLE, ids=lambda ch: f"U+{ord(ch):04X}")
def test_an_invisible_character_from_the_server_reaches_a_table_escaped(
    cli: CliRun, fake_twilio: FakeTwilio, ch: str
) -> None:
    fake_twilio.default = numbers_page([available("+15105550100", locality=f"Oak{ch}land")])
    result = cli("--no-color", "local", terminal=True, stderr_terminal=False)
    assert result.exit_code == 0, result.stderr
    assert shown_format_characters(result.stdout + result.stderr) == []
    assert "Oak\\u" in result.stdout or "Oak\\U" in result.stdout


def test_json_keeps_an_invisible_character_as_the_same_value() -> None:
    text = "".join(INVISIBLE) + "\ud800"  # a lone surrogate too: not even UTF-8
    term, out, _ = terminal(tty=True)
    row = {"friendly_name": text}
    print_records([row], Output(OutputFormat.json, None), term, fields=("friendly_name",))
    assert raw_controls(out.getvalue()) == []
    assert json.loads(out.getvalue()) == [row]


# -- questions: what came from outside is shown, never obeyed -------------------------------

# A friendly_name that erases the real question and draws one about another number.
FAKE_QUESTION = (
    "\x1b[2K\r\x1b[1ARelease +19005550123 ((900) 555-0123) from account ACbbbb…bbbb?"
    " It goes back to Twilio [y/N]: "
)


def asking(answers: str) -> tuple[Terminal, io.StringIO]:
    err = io.StringIO()
    term = Terminal(stdin_isatty=True, stderr_isatty=True, stderr=err, stdin=io.StringIO(answers))
    return term, err


@given(text=TEXT)
def test_questions_show_control_characters_as_escapes(text: str) -> None:
    term, err = asking("n\nanswer\nsecret\n")
    assert term.confirm(text) is False
    assert term.prompt(text) == "answer"
    assert term.prompt(text, secret=True) == "secret"
    assert raw_controls(err.getvalue()) == []


@pytest.mark.parametrize("value", list(MARKUP.values()))
def test_questions_show_markup_as_text(value: str) -> None:
    term, err = asking("y\n")
    assert term.confirm(f"Release {value}?") is True
    assert err.getvalue() == f"Release {value}? [y/N]: "


def test_a_question_asked_on_the_terminal_itself_is_escaped_line_by_line() -> None:
    from numsearch.terminal import question_text

    asked = question_text("Buy\x1b[1A these?", ["  +15105550100  \x9b31m", "  \u202eevil"])
    assert asked.count("\n") == 2 and asked.endswith("these? [y/N]: ")
    assert raw_controls(asked) == []


@pytest.mark.parametrize("value", [FAKE_QUESTION, *ESCAPES.values(), *MARKUP.values()])
def test_release_asks_with_a_hostile_friendly_name_shown_harmless(
    cli: CliRun, fake_twilio: FakeTwilio, value: str
) -> None:
    number = "+15105550100"
    account = OwnedNumbers(fake_twilio, [incoming(number, friendly_name=value)])
    result = cli("--no-color", "release", number, terminal=True, stderr_terminal=False,
                 input="n\n")  # fmt: skip
    assert result.exit_code == 1, result.stderr
    assert raw_controls(result.stderr) == []
    [question] = [line for line in result.stderr.splitlines() if line.startswith("Release ")]
    assert question.startswith(f"Release {number} ((510) 555-0100, ")
    assert question.count("[y/N]: ") == (2 if value == FAKE_QUESTION else 1)
    if value in MARKUP.values():
        assert value in question  # shown as text, not read as markup
    assert account.releases == [] and all(r.method == "GET" for r in fake_twilio.requests)


@pytest.mark.parametrize("value", [FAKE_QUESTION, *ESCAPES.values(), *MARKUP.values()])
def test_buy_asks_with_hostile_paperwork_names_shown_harmless(
    cli: CliRun, fake_twilio: FakeTwilio, value: str
) -> None:
    """Buy's questions (which address, then whether to buy) with the account's addresses
    named by the server."""
    mobile = "+447400123456"
    offer = available(mobile, iso_country="GB", address_requirements="local", _type="mobile")
    account = Paperwork(
        fake_twilio, [offer], addresses=[address("2", "GB", value), address("4", "GB", value)]
    )
    result = cli("--no-color", "buy", mobile, terminal=True, stderr_terminal=False,
                 input="2\nn\n")  # fmt: skip
    assert result.exit_code == 1, result.stderr
    assert raw_controls(result.stderr) == []
    assert "Which address should the number use? 1-2: " in result.stderr
    assert f"Buy {mobile} (07400 123456)" in result.stderr
    if value in MARKUP.values():
        assert value in result.stderr
    assert account.posts == []
