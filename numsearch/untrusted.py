"""Text from outside (a server, a file) made harmless to show: the one place that says
which characters a terminal would obey rather than show."""

from __future__ import annotations

import re

# C0 and C1 controls (ESC starts every escape sequence; 0x9b is a one-byte CSI), DEL,
# and the invisible direction marks that reorder what is shown (Trojan Source).
UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def safe_text(text: str) -> str:
    """`text` as a terminal may show it: every control character written as an escape
    (`\\u001b`), never obeyed."""
    return UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def clip(text: str, limit: int) -> str:
    """`text` cut to `limit` characters, the last one `…` when it was longer: outside text
    quoted in a message stays one short line."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
