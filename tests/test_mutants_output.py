"""The data formats (pure): what `scripts/mutation.py` found no test for. JSON is
indented for a person and one line for a pipe, and keeps non-ASCII text as UTF-8;
CSV rows end in "\\n" even when quoted for a carriage return, and later batches can
leave the header out."""

from __future__ import annotations

import io

import pytest

from numsearch.errors import InvalidInput
from numsearch.output import OutputFormat, select_fields, write_data
from numsearch.terminal import Terminal

RECORDS = [{"phone_number": "+41445550100", "locality": "Zürich"}]
FIELDS = ["phone_number", "locality"]


def written(fmt: OutputFormat, *, tty: bool = False, header: bool = True) -> str:
    out = io.StringIO()
    terminal = Terminal(stdout=out, stdout_isatty=tty)
    write_data(RECORDS, fmt, FIELDS, terminal, header=header)
    return out.getvalue()


def test_json_on_a_terminal_is_indented_by_two_spaces_and_keeps_utf8() -> None:
    assert written(OutputFormat.json, tty=True) == (
        '[\n  {\n    "phone_number": "+41445550100",\n    "locality": "Zürich"\n  }\n]\n'
    )


def test_json_in_a_pipe_is_one_line_and_keeps_utf8() -> None:
    assert (
        written(OutputFormat.json) == '[{"phone_number": "+41445550100", "locality": "Zürich"}]\n'
    )


def test_jsonl_keeps_utf8() -> None:
    assert written(OutputFormat.jsonl) == '{"phone_number": "+41445550100", "locality": "Zürich"}\n'


def test_csv_without_header_is_the_rows_only() -> None:
    assert written(OutputFormat.csv) == "phone_number,locality\n+41445550100,Zürich\n"
    assert written(OutputFormat.csv, header=False) == "+41445550100,Zürich\n"


def test_a_csv_row_quoted_for_a_carriage_return_still_ends_in_a_newline() -> None:
    out = io.StringIO()
    write_data([{"name": "a\rb", "n": 1}], OutputFormat.csv, ["name", "n"], Terminal(stdout=out))
    assert out.getvalue() == 'name,n\n"a\rb","1"\n'


def test_a_table_is_not_this_modules_job() -> None:
    with pytest.raises(ValueError, match=r"^table is drawn by numsearch\.tables$"):
        written(OutputFormat.table)


def test_fields_with_no_names_lists_the_valid_ones() -> None:
    with pytest.raises(InvalidInput) as caught:
        select_fields(" , ", ["phone_number", "locality"])
    assert str(caught.value) == "--fields needs at least one of: phone_number, locality"


# -- TSV ------------------------------------------------------------------------------

HOSTILE = [{"phone_number": "+15105550100", "locality": "Oak\x1b[2Jland", "region": "C\u202eA"}]
HOSTILE_FIELDS = ["phone_number", "locality", "region"]


def tsv(*, tty: bool, header: bool = True) -> str:
    out = io.StringIO()
    write_data(HOSTILE, OutputFormat.tsv, HOSTILE_FIELDS, Terminal(stdout=out, stdout_isatty=tty),
               header=header)  # fmt: skip
    return out.getvalue()


def test_tsv_on_a_terminal_shows_control_characters_as_escapes() -> None:
    assert tsv(tty=True) == (
        "phone_number\tlocality\tregion\n+15105550100\tOak\\u001b[2Jland\tC\\u202eA\n"
    )


def test_tsv_in_a_pipe_keeps_the_text_as_it_came() -> None:
    # A pipe gets the data itself (only tabs, line breaks and backslashes are escaped).
    assert tsv(tty=False, header=False) == "+15105550100\tOak\x1b[2Jland\tC\u202eA\n"
