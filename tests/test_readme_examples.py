"""Every example command line in README.md and docs/ does what it says, in the sandbox.

The pages read are README.md and every docs/*.md page (PAGES, in the order a reader
takes them; a test keeps every page of docs/ there). benchmarks/README.md and
CONTRIBUTING.md hold developer commands (python benchmarks/..., pip install, pytest), not
numsearch examples, and are not read. The examples are the lines of a page's fenced code
blocks that start with `numsearch ` once a leading `VAR=value ` environment prefix is
dropped, and each part of a line joined by ` && ` that does (`pip install . && numsearch
...`); a line ending in `\\` continues on the next. Lines that only run numsearch from
another program (the crontab entry, systemd's `ExecStart=`) are not examples of their
own: the same command line appears on its own on the same page.

Each page's examples run in order, top to bottom, in one isolated sandbox per page
(temporary XDG config, state and data dirs, no TWILIO_* or NUMSEARCH_* variables but
NUMSEARCH_SANDBOX=1), in-process through Typer's CliRunner with stdin, stdout and
stderr not terminals, as under a script. Running in order lets `owned` find what the
`buy` lines above it on its page bought, as a reader following the page would. Taken
from each line:
- a trailing `# comment`, and shell redirections and pipes (`>> file`, `2>> log`,
  `| jq ...`): what a redirection does is the shell's, not numsearch's;
- an environment prefix: `NUMSEARCH_SANDBOX=1` is set anyway, and
  `NUMSEARCH_API_URL=...` is ignored in the sandbox (that line's point, another tool
  talking to `sandbox serve`, is tested in test_sandbox.py); the sandbox's own settings
  (`NUMSEARCH_SANDBOX_STRICT`, `NUMSEARCH_SANDBOX_CAP`) are set for that line.

An example exits 0 unless it is in EXIT_CODES, with the docs' reason; lines that
cannot run here are in SKIPPED, with theirs. Both tables must name lines that are still
on a page read, so they cannot outlive the examples they excuse. An example on several
pages exits the same on each.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support import REPO, CliRun

README = REPO / "README.md"
DOCS = REPO / "docs"
# The pages read, in the order a reader takes them.
PAGES = [
    README,
    *(
        DOCS / name
        for name in (
            "commands.md",
            "sweep.md",
            "vanity.md",
            "configuration.md",
            "sandbox.md",
            "twilio-cli.md",
            "output.md",
            "exit-codes.md",
            "architecture.md",
            "python-api.md",  # its examples are Python: tests/test_python_api.py runs them
        )
    ),
]

# Example (as written, without its comment) -> exit code, when not 0.
EXIT_CODES = {
    # docs/sandbox.md: "The sandbox has no LATA or rate-centre data:
    # `--in-lata` finds nothing there" (exit 1: searched fine, nothing matched).
    "numsearch local US --in-lata +15016055555": 1,
    # docs/sandbox.md: "no machine-to-machine anywhere"; docs/commands.md, Countries: "A search
    # for a type a country does not have says so (... exit 4)".
    "numsearch machine-to-machine NO": 4,
    # docs/commands.md, Buying: "Without a terminal it refuses (exit 2) unless `--yes`" (the
    # README's and the page's own comment, "asks", is about a terminal).
    "numsearch buy +15105550100": 2,
    # docs/commands.md, Bulk buys: "One question lists every number ... without a terminal
    # ... exit 2".
    "numsearch buy +15105550100 +15105550101 +15105550102": 2,
    # docs/commands.md, Near a place: "otherwise it is exit 2 listing the states, and a
    # place not known is exit 2 with the closest names".
    "numsearch local --near Springfield": 2,
    'numsearch local --near "Oaklnd, CA"': 2,
    # docs/configuration.md: nothing to list, the `profile add` lines are skipped (below).
    "numsearch profile list": 1,
    # docs/commands.md, the help of `profile list`: likewise, in JSON.
    "numsearch profile list -o json": 1,
    # docs/commands.md, Choosing from a search: "Without a terminal (cron, CI, a service)
    # `--pick` is exit 2 with one line, before anything is sent" (tests/test_pick.py
    # drives the list with keys).
    "numsearch local --area-code 510 --contains STORM --pick": 2,
    "numsearch tollfree --contains FLOWERS --pick --dry-run -o json": 2,
    "numsearch watch local US --contains STORM --every 10m --pick": 2,
    # docs/sandbox.md: in strict mode the sandbox refuses wildcards between
    # characters with Twilio's 400 (exit 4: Twilio refused the request).
    "numsearch --sandbox tollfree --contains 866***EPIC": 4,
}

# Example -> why it cannot run in a test.
SKIPPED = {
    "numsearch watch tollfree --contains FLOWERS --every 30s --forever -o jsonl >> flowers.jsonl": (
        "--forever polls until Ctrl-C"
    ),
    "numsearch local US --contains STORM --all --new-only --exec 'notify-send \"Found "
    "$NUMSEARCH_PHONE_NUMBER\"'": "would pop up a desktop notification per number",
    "numsearch vanity --spell - < numbers.txt": "reads the reader's own numbers.txt on stdin",
    "numsearch buy - --yes < numbers.txt": "reads the reader's own numbers.txt on stdin",
    "numsearch profile add work --account-sid AC...": (
        "AC... stands for a real account SID, and it asks for the token on a terminal"
    ),
    "numsearch profile add ci --account-sid AC... --api-key SK... < secret": (
        "SK... stands for a real API key, and the secret comes on stdin"
    ),
    "numsearch profile remove ci": "removes the profile the line above (skipped) adds",
    "numsearch sandbox serve --port 4010": "serves until stopped (tested in test_sandbox.py)",
    "numsearch --install-completion": "writes to the reader's shell start-up files",
}

_ENV_PREFIX = re.compile(r"^(?:[A-Za-z_][A-Za-z0-9_]*=\S*\s+)+")
_REDIRECTIONS = {"|", "<", ">", ">>", "2>", "2>>", "&>"}
_SANDBOX_SETTINGS = {"NUMSEARCH_SANDBOX_STRICT", "NUMSEARCH_SANDBOX_CAP"}


@dataclass(frozen=True)
class Example:
    """One example command line of a page."""

    text: str  # as written, without its comment
    args: tuple[str, ...]  # numsearch's arguments, redirections and pipes dropped
    redirected: bool  # stdin comes from a file
    env: tuple[tuple[str, str], ...] = ()  # the sandbox's settings in its prefix


def _code_lines(markdown: str) -> list[str]:
    """The lines of the fenced code blocks, continuation lines joined."""
    lines: list[str] = []
    fenced = False
    pending = ""
    for line in markdown.splitlines():
        if line.lstrip().startswith("```"):
            fenced = not fenced
            continue
        if not fenced:
            continue
        if line.rstrip().endswith("\\"):
            pending += line.rstrip()[:-1].rstrip() + " "
            continue
        lines.append((pending + line.strip()).strip())
        pending = ""
    return lines


def readme_examples(markdown: str) -> list[Example]:
    """Every example command line of a page, in its order."""
    examples = []
    for line in _code_lines(markdown):
        for part in line.split(" && "):
            prefix = _ENV_PREFIX.match(part.strip())
            command = _ENV_PREFIX.sub("", part.strip())
            if not command.startswith("numsearch "):
                continue
            tokens = shlex.split(command, comments=True)
            cut = next((i for i, t in enumerate(tokens) if t in _REDIRECTIONS), len(tokens))
            text = re.sub(r"\s+#\s.*$", "", command).strip()
            pairs = [p.split("=", 1) for p in (prefix.group().split() if prefix else [])]
            env = tuple((k, v) for k, v in pairs if k in _SANDBOX_SETTINGS)
            examples.append(Example(text, tuple(tokens[1:cut]), "<" in tokens[cut:], env))
    return examples


PAGE_EXAMPLES = {page: readme_examples(page.read_text()) for page in PAGES}
EXAMPLES = [example for examples in PAGE_EXAMPLES.values() for example in examples]


def test_every_docs_page_is_read() -> None:
    assert sorted(DOCS.glob("*.md")) == sorted(PAGES[1:])


def test_the_examples_are_found() -> None:
    texts = [example.text for example in EXAMPLES]
    assert len(texts) > 40
    assert "numsearch --sandbox local US --contains STORM" in texts  # after `pip install . &&`
    assert "numsearch tollfree --contains FLOWERS -o json" in texts  # after NUMSEARCH_SANDBOX=1
    assert (
        'numsearch buy --area-code 510 --yes --friendly-name "Front desk"'
        " --voice-url https://example.com/voice --sms-url https://example.com/sms"
    ) in texts  # a continued line
    found = next(e for e in EXAMPLES if e.text.startswith("numsearch watch local US --area"))
    assert found.args[-1] == "Storm line"  # quotes read as the shell reads them


def test_the_tables_name_lines_still_on_a_page() -> None:
    texts = {example.text for example in EXAMPLES}
    assert set(EXIT_CODES) - texts == set()
    assert set(SKIPPED) - texts == set()
    assert set(EXIT_CODES) & set(SKIPPED) == set()
    stdin = {example.text for example in EXAMPLES if example.redirected}
    assert stdin <= set(SKIPPED), "an example reads stdin from a file: skip it, or feed it"


@pytest.mark.parametrize("page", PAGES, ids=lambda page: str(page.relative_to(REPO)))
def test_every_example_does_what_it_says(
    page: Path, cli: CliRun, monkeypatch: pytest.MonkeyPatch, tmp_path: object
) -> None:
    monkeypatch.setenv("NUMSEARCH_SANDBOX", "1")
    monkeypatch.chdir(str(tmp_path))  # anything an example writes lands here
    wrong = []
    for example in PAGE_EXAMPLES[page]:
        if example.text in SKIPPED:
            continue
        result = cli(*example.args, env=dict(example.env))
        expected = EXIT_CODES.get(example.text, 0)
        if result.exit_code != expected:
            crash = result.exception if not isinstance(result.exception, SystemExit) else None
            last = crash or (result.stderr.strip().splitlines() or [""])[-1]
            wrong.append(f"{example.text}\n    exit {result.exit_code}, not {expected}: {last}")
    assert wrong == [], "\n".join(wrong)


def test_the_documented_purchase_asks_and_buys_on_a_terminal(cli: CliRun) -> None:
    """`numsearch buy +15105550100  # shows what and on which account, asks`, answered yes."""
    example = next(e for e in EXAMPLES if e.text == "numsearch buy +15105550100")
    result = cli("--sandbox", *example.args, "-o", "json", terminal=True, input="y\n")
    assert result.exit_code == 0, result.stderr
    assert "+15105550100" in result.stderr and "(510) 555-0100" in result.stderr
    assert '"phone_number": "+15105550100"' in result.stdout


def test_the_quick_start_shows_what_the_sandbox_answers(
    cli: CliRun, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The table in "Quick start" is the sandbox's answer on a terminal 100 columns wide,
    cap included (30 numbers)."""
    monkeypatch.setenv("COLUMNS", "100")
    text = README.read_text()
    block = text[text.index("30 local numbers in US spelling STORM") :]
    rows = [line.strip() for line in block.split("```")[0].splitlines()[4:] if "(" in line]
    result = cli("--sandbox", "local", "US", "--contains", "STORM", "--no-color", terminal=True)
    assert result.exit_code == 0, result.stderr
    assert "30 local numbers in US spelling STORM (78676)" in result.stdout
    shown = [" ".join(line.split()) for line in result.stdout.splitlines()]
    assert rows and all(" ".join(row.split()) in shown for row in rows), rows
