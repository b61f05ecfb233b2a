"""What every command's `--help` ends with: the global flags, twilio-cli's spellings
where the command takes them, and two or three examples, each one line at 80
columns."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

GLOBAL_FLAGS_LINE = "Global flags, before or after the command: --sandbox, --debug, --no-color."
TWILIO_CLI_LINE = "twilio-cli's spellings of these flags work too: see docs/twilio-cli.md."
EXAMPLES = "Examples:"

# Hidden, and not twilio-cli's: numsearch's own way to point at a proxy or a mock (its
# variable, NUMSEARCH_API_URL, is in docs/configuration.md).
NOT_TWILIO_CLI = frozenset({"--api-url"})


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
