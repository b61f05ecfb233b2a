"""Hostile text a server may send, for the fake server's answers: terminal escapes,
Rich markup, spreadsheet formulas. Each is a field value a real Twilio would never
send, and each must reach the user harmless."""

from __future__ import annotations

ESCAPES = {
    "clear screen": "\x1b[2J\x1b[H",
    "window title": "\x1b]0;pwned\x07",
    "OSC 8 link": "\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\",
    "DCS": "\x1bP+q544e\x1b\\",
    "one-byte CSI": "\x9b31m",
    "NUL": "a\x00b",
    "bidi override": "\u202eevil",
}
MARKUP = {
    "bold red": "[bold red]alarm[/bold red]",
    "link": "[link=https://evil.example]click[/link]",
    "unbalanced close": "[/x] Sales line",
}
FORMULAS = {
    "equals": '=HYPERLINK("https://evil.example","x")',
    "plus": "+1+cmd|' /C calc'!A0",
    "minus": "-2+3",
    "at": "@SUM(1,1)",
    "tab": "\t=1",
    "carriage return": "\r=1",
}
# The terminal would obey these; none may reach stdout or stderr raw.
CONTROL = [chr(c) for c in (*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0))] + [
    "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069",
]  # fmt: skip


def raw_controls(text: str) -> list[str]:
    """The control characters in `text` (newlines between lines are fine)."""
    return sorted({ch for ch in text if ch in CONTROL and ch != "\n"})
