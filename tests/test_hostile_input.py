"""Input nobody means but anyone can type or pipe: JSON nested 100,000 deep on `buy -`'s
stdin is exit 2, not a RecursionError; an error about a 5,000-character argument quotes a
few dozen characters of it, not all of it."""

from __future__ import annotations

import ast
import json
import time
from pathlib import Path

import pytest

from numsearch.purchase import numbers_in
from numsearch.untrusted import QUOTE_LIMIT, clip_quotes, quoted
from tests.support import REPO, CliRun

DEEP = 100_000

# -- deeply nested JSON ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "[" * DEEP,
        "[" * DEEP + "]" * DEEP,
        '[{"phone_number": ' * (DEEP // 20),
        '{"a": ' + "[" * DEEP,
    ],
    ids=["array", "closed array", "records", "json line"],
)
def test_deeply_nested_json_on_stdin_is_exit_2_in_one_line(cli: CliRun, text: str) -> None:
    result = cli("--sandbox", "buy", "-", "--yes", input=text)
    assert result.exit_code == 2, result.stderr
    [line] = result.stderr.splitlines()
    assert "nested too deeply" in line and "RecursionError" not in line


def test_nesting_a_search_never_makes_is_refused_before_anything_is_parsed_further() -> None:
    with pytest.raises(Exception, match="stdin's JSON is nested too deeply") as caught:
        numbers_in("[" * DEEP)
    assert type(caught.value).__name__ == "InvalidInput"


def test_a_deeply_nested_price_cache_is_asked_again(cli: CliRun, isolated: Path) -> None:
    assert cli("--sandbox", "prices", "US", "-o", "json").exit_code == 0
    [cached] = (isolated / "cache" / "numsearch").rglob("US.json")
    cached.write_text("[" * DEEP)
    result = cli("--sandbox", "prices", "US", "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(cached.read_text())["fetched_at"] <= time.time()  # written afresh


# -- long input, quoted short ---------------------------------------------------------------

DIGITS = "1" * 5000
LETTERS = "x" * 5000
SID = "AC" + "a" * 32
CASES = {
    "vanity --spell": ["vanity", "--spell", DIGITS],
    "vanity --spell +1": ["vanity", "--spell", "+1" + DIGITS],
    "vanity word": ["vanity", "STORM" * 1000],
    "vanity bad character": ["vanity", "!" + LETTERS],
    "buy digits": ["--sandbox", "buy", DIGITS, "--yes"],
    "buy letters": ["--sandbox", "buy", LETTERS, "--yes"],
    "release": ["--sandbox", "release", LETTERS, "--yes"],
    "update --voice-url": ["--sandbox", "update", "+15105550100", "--voice-url", LETTERS],
    "update --clear": ["--sandbox", "update", "+15105550100", "--clear", LETTERS],
    "buy --address-sid": ["--sandbox", "buy", "+15105550100", "--address-sid", LETTERS, "--yes"],
    "buy --max-price": ["--sandbox", "buy", "+15105550100", "--max-price", LETTERS, "--yes"],
    "--area-code": ["--sandbox", "local", "US", "--area-code", DIGITS],
    "--contains": ["--sandbox", "local", "US", "--contains", LETTERS],
    "--starts-with": ["--sandbox", "local", "US", "--starts-with", "STORM" * 1000],
    "--starts-with bad": ["--sandbox", "local", "US", "--starts-with", "!" + LETTERS],
    "--near-lat-long": ["--sandbox", "local", "US", "--near-lat-long", LETTERS],
    "--near-lat-long latitude": ["--sandbox", "local", "US", "--near-lat-long", DIGITS + ",0"],
    "--near-number": ["--sandbox", "local", "US", "--near-number", LETTERS],
    "--fields": ["--sandbox", "local", "US", "--fields", LETTERS],
    "--state": ["--sandbox", "local", "US", "--new-only", "--state", LETTERS],
    "watch --every": ["--sandbox", "watch", "local", "US", "--every", LETTERS],
    "watch --max-wait": ["--sandbox", "watch", "local", "US", "--max-wait", LETTERS],
    "requirements TYPE": ["--sandbox", "requirements", "US", LETTERS],
    "--profile": ["local", "US", "--profile", LETTERS],
    "profile add": ["profile", "add", LETTERS, "--account-sid", SID],
    "profile remove": ["profile", "remove", LETTERS],
    "--subaccount": ["--sandbox", "local", "US", "--subaccount", LETTERS],
    "--show-completion": ["--show-completion", LETTERS],
    # Click's own usage errors
    "not an int": ["--sandbox", "local", "US", "--limit", DIGITS],
    "not a choice": ["--sandbox", "local", "US", "-o", LETTERS],
    "no such option": ["--sandbox", "local", "US", "--" + LETTERS],
    "no such command": [LETTERS],
    "extra argument": ["--sandbox", "local", "US", "a", LETTERS],
    "country": ["--sandbox", "local", LETTERS],
    "watch TYPE": ["--sandbox", "watch", LETTERS, "US"],
}


def assert_quoted_short(stderr: str) -> None:
    assert "…" in stderr, stderr[:300]
    for long in (DIGITS, LETTERS, "STORM" * 1000):
        assert long[: QUOTE_LIMIT + 5] not in stderr, stderr[:300]
    assert all(len(line) <= 300 for line in stderr.splitlines()), stderr[:300]


@pytest.mark.parametrize("args", list(CASES.values()), ids=list(CASES))
def test_an_error_quotes_a_few_dozen_characters_of_long_input(cli: CliRun, args: list[str]) -> None:
    result = cli(*args, input="a-token-for-tests\n")
    assert result.exit_code in (2, 3), result.stderr[:300]
    assert_quoted_short(result.stderr)


@pytest.mark.parametrize(
    ("variable", "value"),
    [("NUMSEARCH_SANDBOX_CAP", DIGITS), ("TWILIO_REGION", LETTERS)],
)
def test_an_error_quotes_a_few_dozen_characters_of_a_long_variable(
    cli: CliRun, monkeypatch: pytest.MonkeyPatch, variable: str, value: str
) -> None:
    monkeypatch.setenv("TWILIO_ACCOUNT_SID", SID)
    monkeypatch.setenv("TWILIO_AUTH_TOKEN", "a-token-for-tests")
    monkeypatch.setenv(variable, value)
    result = cli("--sandbox", "local", "US") if "SANDBOX" in variable else cli("local", "US")
    assert result.exit_code == 2, result.stderr[:300]
    assert_quoted_short(result.stderr)


def test_a_profile_named_in_the_config_file_is_quoted_short(cli: CliRun) -> None:
    from numsearch import config

    path = config.config_path()
    path.parent.mkdir(parents=True)
    path.write_text(f'default_profile = "{LETTERS}"\n[profiles.{LETTERS}]\nauth_token = "t"\n')
    path.chmod(0o600)
    result = cli("local", "US")
    assert result.exit_code == 3
    assert_quoted_short(result.stderr)


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("510", "'510'"),
        ("x" * QUOTE_LIMIT, repr("x" * QUOTE_LIMIT)),
        ("x" * (QUOTE_LIMIT + 1), repr("x" * (QUOTE_LIMIT - 1) + "…")),
        ("\x1b[2J" + "1" * 100, repr("\x1b[2J" + "1" * (QUOTE_LIMIT - 5) + "…")),
    ],
)
def test_quoted(text: str, shown: str) -> None:
    assert quoted(text) == shown


def test_clip_quotes_cuts_each_quoted_part_and_long_word() -> None:
    message = f"Invalid value for '--limit': {LETTERS!r} is not one of 'a', \"b\" ({DIGITS})"
    short = clip_quotes(message)
    assert short.startswith("Invalid value for '--limit': 'xxx")
    assert "…' is not one of 'a', \"b\" (111" in short and short.endswith("…)")
    assert len(short) < 160


# -- the rule: a message quotes input with quoted(), never with a bare !r -----------------

# `!r` that is not a user's or a server's input: Python's own wording, a value clipped
# before it is quoted, and the files other work is changing (until they use quoted()).
ALLOWED_REPR = {
    ("__init__.py", "name"),  # AttributeError for `numsearch.<name>`, as Python words it
    ("api.py", "_clip(sid, 40)"),
}


def bare_reprs(path: Path) -> list[tuple[str, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name == "__repr__":
            node.body = []  # a repr may repr
    for node in ast.walk(tree):
        if isinstance(node, ast.FormattedValue) and node.conversion == ord("r"):
            name = path.relative_to(REPO / "numsearch").as_posix()
            found.append((name, ast.unparse(node.value)))
    return found


def test_no_message_quotes_input_with_a_bare_repr() -> None:
    found = {item for path in (REPO / "numsearch").rglob("*.py") for item in bare_reprs(path)}
    assert found - ALLOWED_REPR == set(), "quote input with numsearch.untrusted.quoted()"
