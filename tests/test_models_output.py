"""Models built leniently from JSON, and the renderers (pure)."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from numsearch.errors import InvalidInput
from numsearch.models import (
    AVAILABLE_NUMBER_FIELDS,
    AvailableNumber,
    Country,
    IncomingNumber,
    capabilities_from_json,
)
from numsearch.output import OutputFormat, choose_format, plain_value, select_fields, write_data
from numsearch.terminal import Terminal


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            {"voice": True, "SMS": True, "MMS": False},
            {"voice": True, "sms": True, "mms": False, "fax": False},
        ),
        (
            {"voice": True, "sms": False, "mms": True, "fax": True},
            {"voice": True, "sms": False, "mms": True, "fax": True},
        ),
        (
            {"Voice": "true", "Fax": "false"},
            {"voice": True, "sms": False, "mms": False, "fax": False},
        ),
        ({}, {"voice": False, "sms": False, "mms": False, "fax": False}),
        (None, None),
        ("voice", None),
    ],
)
def test_capabilities_are_lower_case_booleans(raw: Any, expected: Any) -> None:
    assert capabilities_from_json(raw) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("37.804400", 37.8044),
        ("-122.2708", -122.2708),
        (19.72, 19.72),
        ("", None),
        (None, None),
        ("north", None),
        (True, None),
    ],
)
def test_latitude_becomes_a_number_or_null(value: Any, expected: float | None) -> None:
    assert AvailableNumber.from_json({"phone_number": "+1", "latitude": value}).latitude == expected


def test_missing_fields_stay_null() -> None:
    record = AvailableNumber.from_json({"phone_number": "+447400123456"}).to_json()
    assert record["phone_number"] == "+447400123456"
    assert all(record[k] is None for k in record if k != "phone_number")
    assert list(record) == list(AVAILABLE_NUMBER_FIELDS)


def test_vanity_and_score_only_when_asked() -> None:
    number = AvailableNumber(phone_number="+15107867600", vanity="+1 510-STORM-00", score=0.5)
    assert "vanity" not in number.to_json()
    assert number.to_json(vanity=True, score=True)["vanity"] == "+1 510-STORM-00"


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=10,
)
keys = st.sampled_from(
    [*AVAILABLE_NUMBER_FIELDS, "country_code", "country", "subresource_uris", "sid"]
)


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.dictionaries(keys, json_values, max_size=8))
def test_models_keep_their_types_on_odd_json(raw: dict[str, Any]) -> None:
    number = AvailableNumber.from_json(raw).to_json()
    json.dumps(number)
    assert isinstance(number["phone_number"], str)  # "" when none: the answer's check drops it
    for name in ("friendly_name", "locality", "region", "postal_code", "lata"):
        assert number[name] is None or (isinstance(number[name], str) and number[name] != "")
    for name in ("latitude", "longitude"):
        assert number[name] is None or isinstance(number[name], float)
    assert number["beta"] in (None, True, False)
    caps = number["capabilities"]
    assert caps is None or (
        set(caps) == {"voice", "sms", "mms", "fax"}
        and all(v in (True, False) for v in caps.values())
    )
    country = Country.from_json(raw).to_json()
    assert country["country_code"] == country["country_code"].upper()
    assert country["number_types"] is None or country["number_types"] == sorted(
        country["number_types"]
    )
    incoming = IncomingNumber.from_json(raw).to_json()
    assert all(v is None or isinstance(v, str | bool | dict) for v in incoming.values())
    json.dumps(country)
    json.dumps(incoming)


def test_country_number_types_come_from_subresource_uris() -> None:
    country = Country.from_json(
        {
            "country_code": "au",
            "country": "Australia",
            "beta": False,
            "subresource_uris": {
                "toll_free": "/x",
                "local": "/y",
                "shared_cost": "/z",
                "new_kind": "/w",
            },
        }
    )
    assert country.to_json() == {  # as the search commands name them; a new one hyphenated
        "country_code": "AU",
        "country": "Australia",
        "beta": False,
        "number_types": ["local", "new-kind", "shared-cost", "tollfree"],
    }


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, None),
        (True, "true"),
        (False, "false"),
        (37.8044, "37.8044"),
        (-122.0, "-122"),
        ({"voice": True, "sms": False, "mms": True}, "voice;mms"),
        (["local", "mobile"], "local;mobile"),
        ("x", "x"),
    ],
)
def test_plain_values(value: Any, text: str | None) -> None:
    assert plain_value(value) == text


def test_select_fields() -> None:
    assert select_fields(None, ["a", "b"], ["b"]) == ["b"]
    assert select_fields("b, a,b", ["a", "b"]) == ["b", "a"]
    with pytest.raises(InvalidInput, match="unknown field 'c'; valid fields: a, b"):
        select_fields("a,c", ["a", "b"])
    with pytest.raises(InvalidInput, match="at least one"):
        select_fields(",", ["a", "b"])


RECORDS = [
    {"n": "+1", "ok": True, "caps": {"sms": True}, "x": None},
    {"n": "+2", "ok": False, "caps": {}, "x": 1.5},
]


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        (
            OutputFormat.jsonl,
            '{"n": "+1", "ok": true, "caps": {"sms": true}, "x": null}\n'
            '{"n": "+2", "ok": false, "caps": {}, "x": 1.5}\n',
        ),
        (OutputFormat.csv, "n,ok,caps,x\n+1,true,sms,\n+2,false,,1.5\n"),
    ],
)
def test_render_formats(fmt: OutputFormat, expected: str) -> None:
    out = io.StringIO()
    write_data(RECORDS, fmt, ["n", "ok", "caps", "x"], Terminal(stdout=out))
    assert out.getvalue() == expected


def test_render_json_is_a_list_and_empty_is_brackets() -> None:
    out = io.StringIO()
    write_data(RECORDS, OutputFormat.json, ["n"], Terminal(stdout=out))
    assert json.loads(out.getvalue()) == [{"n": "+1"}, {"n": "+2"}]
    out = io.StringIO()
    write_data([], OutputFormat.json, ["n"], Terminal(stdout=out))
    assert out.getvalue() == "[]\n"


def test_a_table_on_a_terminal_json_in_a_pipe_unless_asked() -> None:
    assert choose_format(None, Terminal(stdout_isatty=True)) is OutputFormat.table
    assert choose_format(None, Terminal(stdout_isatty=False)) is OutputFormat.json
    assert choose_format(OutputFormat.csv, Terminal(stdout_isatty=True)) is OutputFormat.csv


def test_messages_are_plain_when_stderr_is_not_a_terminal() -> None:
    err = io.StringIO()
    env = Terminal(stderr=err, color=True, stderr_isatty=False)
    env.error("boom")
    env.warn("careful")
    assert err.getvalue() == "error: boom\nwarning: careful\n"
    err = io.StringIO()
    Terminal(stderr=err, color=True, stderr_isatty=True).error("boom")
    assert err.getvalue() == "\x1b[1;31merror:\x1b[0m boom\n"


def test_csv_quotes_what_needs_quoting_and_leaves_empty_cells_empty() -> None:
    out = io.StringIO()
    records: list[dict[str, Any]] = [
        {"n": "+15105550100", "name": 'Front desk, "east"', "note": "line one\nline two"},
        {"n": "+15105550101", "name": "", "note": None},
    ]
    write_data(records, OutputFormat.csv, ["n", "name", "note"], Terminal(stdout=out))
    assert out.getvalue() == (
        'n,name,note\n+15105550100,"Front desk, ""east""","line one\nline two"\n+15105550101,,\n'
    )
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows[1] == ["+15105550100", 'Front desk, "east"', "line one\nline two"]
    assert rows[2] == ["+15105550101", "", ""]


# -- the data formats, word for word -----------------------------------------------------


ZURICH = [{"phone_number": "+41445550100", "locality": "Zürich"}]
FIELDS = ["phone_number", "locality"]


def written(fmt: OutputFormat, *, tty: bool = False, header: bool = True) -> str:
    out = io.StringIO()
    terminal = Terminal(stdout=out, stdout_isatty=tty)
    write_data(ZURICH, fmt, FIELDS, terminal, header=header)
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
