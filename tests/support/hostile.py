"""Hostile text a server may send, for the fake server's answers: terminal escapes,
Rich markup, spreadsheet formulas. Each is a field value a real Twilio would never
send, and each must reach the user harmless."""

from __future__ import annotations

import unicodedata

ESCAPES = {
    "clear screen": "\x1b[2J\x1b[H",
    "window title": "\x1b]0;pwned\x07",
    "OSC 8 link": "\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\",
    "DCS": "\x1bP+q544e\x1b\\",
    "one-byte CSI": "\x9b31m",
    "NUL": "a\x00b",
    "bidi override": "\u202eevil",
    "bidi isolate": "\u2066evil\u2069",
    "Arabic letter mark": "\u061cevil",
    "zero width space": "ev\u200bil",
    "byte order mark": "\ufeffevil",
    "word joiner": "ev\u2060il",
    "Mongolian vowel separator": "ev\u180eil",
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
# Characters a terminal would obey, or that hide or reorder what is shown: the control
# (Cc) and format (Cf: bidi controls, zero-width characters) categories, lone surrogates
# and the line and paragraph separators. Checked by category, not by a list.
UNSHOWABLE = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
# Some of them, for strategies to draw from often.
CONTROL = [chr(c) for c in (*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0))] + [
    "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069",
    "\u061c", "\u200b", "\u200e", "\u200f", "\ufeff", "\u2060", "\u180e", "\u00ad",
    "\u2028", "\u2029", "\U000e0001",
]  # fmt: skip


def raw_controls(text: str) -> list[str]:
    """The characters in `text` a terminal would obey or not show, by their Unicode
    category (newlines between lines are fine)."""
    return sorted({ch for ch in text if ch != "\n" and unicodedata.category(ch) in UNSHOWABLE})
