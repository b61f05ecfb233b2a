"""`numsearch vanity WORD...` and `numsearch vanity --spell NUMBER...`: what they print
in each format, what they refuse, and their exit codes."""

from __future__ import annotations

import json
from typing import Any

import pytest

from numsearch import vanity
from numsearch.errors import InvalidInput
from tests.support import CliRun


def test_vanity_words_to_patterns_json(cli: CliRun) -> None:
    result = cli("vanity", "STORM", "866***EPIC", "-o", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == [
        {"word": "STORM", "pattern": "78676"},
        {"word": "866***EPIC", "pattern": "866***3742"},
    ]


def test_vanity_table_on_a_terminal(cli: CliRun) -> None:
    result = cli("vanity", "STORM", terminal=True)
    assert "STORM" in result.stdout and "78676" in result.stdout


def test_vanity_bad_word_is_exit_2(cli: CliRun) -> None:
    result = cli("vanity", "ST@RM")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: vanity: '@' in 'ST@RM'")
    assert result.stdout == ""


def test_vanity_without_words_is_exit_2(cli: CliRun) -> None:
    assert cli("vanity").exit_code == 2
    assert cli("vanity", "--spell").exit_code == 2


@pytest.mark.parametrize(
    ("word", "message"),
    [
        ("", "has no letters or digits"),
        ("( )", "has no letters or digits"),
        ("SUPERCALIFRAGILISTIC", "needs 20 digits, but no phone number has more than 15"),
    ],
)
def test_words_no_number_can_hold_are_refused(cli: CliRun, word: str, message: str) -> None:
    result = cli("vanity", "STORM", word)
    assert result.exit_code == 2 and message in result.stderr
    assert result.stdout == ""


def test_a_fifteen_digit_word_is_fine(cli: CliRun) -> None:
    result = cli("vanity", "ABCDEFGHIJKLMNO", "-o", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)[0]["pattern"] == "222333444555666"


SPELLING_SCHEMA_KEYS = {"text", "words", "score", "cut"}


def check_spell_json(records: list[dict[str, Any]]) -> None:
    for record in records:
        assert set(record) == {"number", "spellings", "memorability"}
        assert set(record["memorability"]) == {"score", "reasons"}
        assert record["number"].startswith("+")
        for spelling in record["spellings"]:
            assert set(spelling) == SPELLING_SCHEMA_KEYS
            assert isinstance(spelling["words"], list) and isinstance(spelling["score"], float)


def test_spell_puts_flowers_first(cli: CliRun) -> None:
    result = cli("vanity", "--spell", "+18003569377", "-o", "json")
    assert result.exit_code == 0
    records = json.loads(result.stdout)
    check_spell_json(records)
    assert records[0]["number"] == "+18003569377"
    assert records[0]["spellings"][0] == {
        "text": "1-800-FLOWERS",
        "words": ["FLOWERS"],
        "score": 0.94,
        "cut": False,
    }
    assert len(records[0]["spellings"]) == 5


def test_spell_reads_numbers_from_stdin(cli: CliRun) -> None:
    numbers = "+18003569377\n\n# a comment\n(800) 336-8478\n1-800-GOT-JUNK\n"
    result = cli("vanity", "--spell", "-", "-o", "jsonl", "--top", "1", input=numbers)
    assert result.exit_code == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    check_spell_json(lines)
    assert [line["spellings"][0]["text"] for line in lines] == [
        "1-800-FLOWERS",
        "1-800-DENTIST",
        "1-800-GOT-JUNK",
    ]


def test_spell_table_and_csv(cli: CliRun) -> None:
    table = cli("--no-color", "vanity", "--spell", "+18003569377", terminal=True)
    assert "1-800-FLOWERS" in table.stdout and "0.94" in table.stdout
    assert table.stdout.count("+18003569377") == 3  # the best few
    csv_out = cli("vanity", "--spell", "+18003569377", "-o", "csv", "--top", "2").stdout
    assert csv_out.splitlines() == [
        "number,rank,text,words,score,cut,memorability",
        "+18003569377,1,1-800-FLOWERS,FLOWERS,0.94,false,0",
        "+18003569377,2,1-800-FLOWER-7,FLOWER,0.62,false,0",
    ]


def test_spell_json_has_cut_and_memorability(cli: CliRun) -> None:
    result = cli("vanity", "--spell", "1-800-MATTRESS", "+18002222222", "-o", "json")
    assert result.exit_code == 0
    mattress, twos = json.loads(result.stdout)
    assert mattress["spellings"][0]["text"] == "1-800-MATTRESS"
    assert mattress["spellings"][0]["cut"] is True
    assert all(s["cut"] is False for s in mattress["spellings"][1:] if s["words"] != ["MATTRESSES"])
    assert twos["memorability"] == {"score": 1.0, "reasons": ["repeats 2222222"]}


def test_spell_csv_shows_memorability_even_without_a_spelling(cli: CliRun) -> None:
    result = cli("vanity", "--spell", "+15100000000", "-o", "csv")
    assert result.exit_code == 1  # nothing spelled: the exit rule stays
    assert result.stdout.splitlines() == [
        "number,rank,text,words,score,cut,memorability",
        "+15100000000,,,,,,1",
    ]


def test_spell_table_has_a_memorability_column(cli: CliRun) -> None:
    result = cli("--no-color", "vanity", "--spell", "+18002222222", terminal=True)
    assert "Memorable" in result.stdout and "1.00" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--spell", "12"), "--spell: '12' is not a possible phone number"),
        (("--spell", "5551234"), "--spell: '5551234' is not a whole phone number"),
        (("--spell", "555-HELP"), "--spell: '555-HELP' is not a whole phone number"),
        (("--spell", "call me"), "'call me' is not a possible phone number"),
        (("--spell", "1-800-HOTELS"), "not a valid number"),
        (("--spell", "-", "+18003569377"), "cannot be mixed"),
        (("--spell", "+18003569377", "--top", "0"), "--top must be 1 to 50"),
        (("--spell", "+18003569377", "--country", "UK"), "use GB"),
        (("STORM", "--top", "2"), "--top goes with --spell"),
    ],
)
def test_spell_bad_input_is_exit_2_without_traceback(
    args: tuple[str, ...], message: str, cli: CliRun
) -> None:
    result = cli("vanity", *args)
    assert result.exit_code == 2
    assert message in result.stderr and "Traceback" not in result.stderr
    assert result.stdout == ""


def test_a_number_without_its_area_code_is_not_spelled_as_another(cli: CliRun) -> None:
    """5551234 is dialled only locally: not `+15551234`, a number no one can call."""
    result = cli("vanity", "--spell", "5551234", "-o", "json")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "error: --spell: '5551234' is not a whole phone number (a local one needs its area code)"
    ]
    assert "+15551234" not in result.stdout + result.stderr


def test_a_bad_line_on_stdin_is_named(cli: CliRun) -> None:
    result = cli("vanity", "--spell", "-", input="+18003569377\nnope\n")
    assert result.exit_code == 2
    assert "(line 2 of stdin)" in result.stderr


def test_numbers_that_spell_nothing_exit_1(cli: CliRun) -> None:
    result = cli("vanity", "--spell", "+15100000000", "-o", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == [
        {
            "number": "+15100000000",
            "spellings": [],
            "memorability": {"score": 1.0, "reasons": ["repeats 0000000"]},
        }
    ]


def test_national_numbers_use_country(cli: CliRun) -> None:
    result = cli("vanity", "--spell", "020 7946 2253", "--country", "gb", "-o", "json")
    assert json.loads(result.stdout)[0]["number"] == "+442079462253"


def build(items: list[str], spell: bool, top: int | None = None, stdin: str = "") -> Any:
    return vanity.VanityRequest.build(items, spell=spell, top=top, read_stdin=lambda: stdin)


def test_vanity_request_messages() -> None:
    with pytest.raises(InvalidInput) as caught:
        build([], spell=False)
    assert str(caught.value) == "give words (numsearch vanity STORM) or numbers with --spell"
    with pytest.raises(InvalidInput) as caught:
        build(["STORM"], spell=False, top=3)
    assert str(caught.value) == "--top goes with --spell"
    with pytest.raises(InvalidInput) as caught:
        build(["-", "+18003569377"], spell=True)
    assert str(caught.value) == "- (stdin) cannot be mixed with numbers on the command line"


def test_vanity_request_top_bounds_and_stdin() -> None:
    assert build(["+18003569377"], spell=True, top=50).top == 50
    with pytest.raises(InvalidInput, match="--top must be 1 to 50, not 51"):
        build(["+18003569377"], spell=True, top=51)
    request = build(["-"], spell=True, top=2, stdin="+18003569377\n# note\n\n")
    assert request == vanity.VanityRequest(numbers=("+18003569377",), top=2)


def test_spell_keeps_memorable_digits_beside_a_strong_word(cli: CliRun) -> None:
    result = cli("vanity", "--spell", "+18004444357", "-o", "json", "--top", "3")
    assert result.exit_code == 0
    spellings = json.loads(result.stdout)[0]["spellings"]
    assert spellings[0]["text"] == "1-800-444-HELP"
    assert spellings[0]["score"] > spellings[1]["score"]
