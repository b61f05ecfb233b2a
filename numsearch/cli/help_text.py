"""What every command's `--help` ends with: the global flags, twilio-cli's spellings
where the command takes them, and two or three examples. Each is one line at 80 columns
(tests/test_help.py); docs/commands.md shows the help as printed
(scripts/help_docs.py)."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import Any

GLOBAL_FLAGS_LINE = "Global flags, before or after the command: --sandbox, --debug, --no-color."
TWILIO_CLI_LINE = "twilio-cli's spellings of these flags work too: see docs/twilio-cli.md."
EXAMPLES = "Examples:"
# What a line of help text holds at 80 columns: Typer pads it by a column each side, and
# keeps the line breaks of a description (a longer line wraps again, leaving a stub).
LINE = 78

# Hidden, and not twilio-cli's: numsearch's own way to point at a proxy or a mock (its
# variable, NUMSEARCH_API_URL, is in docs/configuration.md).
NOT_TWILIO_CLI = frozenset({"--api-url"})


def paragraph(text: str) -> str:
    """`text` in lines that read at 80 columns, for a description."""
    return textwrap.fill(text, LINE)


def examples(*lines: str) -> str:
    """A command's examples, for its `epilog`: command lines, each written as run.

    It starts with a blank line: Typer dedents help text (inspect.cleandoc), which keeps
    the examples' indent only when the first line is empty."""
    return "\n".join(["", EXAMPLES, *(f"  {line}" for line in lines)])


def takes_twilio_cli_spellings(params: Sequence[Any]) -> bool:
    """Whether a command takes twilio-cli's spellings of its flags (hidden options)."""
    return any(
        getattr(p, "hidden", False) and not NOT_TWILIO_CLI.intersection(p.opts) for p in params
    )


def command_epilog(params: Sequence[Any], given: str | None) -> str:
    """The end of a command's help: the global flags, twilio-cli's spellings when the
    command takes them, then the command's own examples (`given`, from `examples`)."""
    lines = ["", GLOBAL_FLAGS_LINE]
    if takes_twilio_cli_spellings(params):
        lines.append(TWILIO_CLI_LINE)
    return "\n".join(lines) + "\n" + (given or "")


# The examples of each search command (numsearch.cli.search makes the seven from one
# function); in the sandbox each finds numbers, but machine-to-machine's: the sandbox
# has none (docs/sandbox.md), and --pick's, which needs a terminal.
SEARCH_EXAMPLES: dict[str, tuple[str, ...]] = {
    "local": (
        "numsearch local US --contains STORM",
        'numsearch local --near "Oakland, CA" --distance 10 --sms',
        "numsearch local --ends-with 7777 --all --by region",
    ),
    "tollfree": (
        "numsearch tollfree --contains FLOWERS",
        "numsearch tollfree --area-code 888 --price",
        "numsearch tollfree --contains FLOWERS --pick  # choose, then buy",
    ),
    "mobile": ("numsearch mobile GB --limit 5", "numsearch mobile GB --max-price 1.50"),
    "national": (
        "numsearch national GB",
        "numsearch national GB --fields phone_number,region -o csv",
    ),
    "voip": ("numsearch voip GB", "numsearch voip GB --contains 333"),
    "shared-cost": ("numsearch shared-cost FR --limit 5", "numsearch shared-cost FR -o jsonl"),
    "machine-to-machine": (
        "numsearch machine-to-machine NO",
        "numsearch countries  # the types each country offers",
    ),
}
