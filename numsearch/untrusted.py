"""Text from outside (a server, a file, the command line) made harmless to show: the one
place that says which characters a terminal would obey or hide rather than show, and how
much of what someone typed a message quotes back."""

from __future__ import annotations

import re
import unicodedata

# What a terminal would obey, or what would hide or reorder what is shown, by Unicode
# general category: control (C0 and C1: ESC starts every escape sequence, 0x9b is a
# one-byte CSI; and DEL), format (Cf: every bidi control such as U+202E and U+2066-2069,
# U+061C, U+200B-200F, U+2060, U+FEFF, U+180E, soft hyphens, tags: Trojan Source and
# invisible text), lone surrogates (Cs: not even writable as UTF-8), and the line and
# paragraph separators (Zl, Zp).
UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
# How much of someone's input a message quotes back: enough to recognise it.
QUOTE_LIMIT = 40
# A message written elsewhere (Click's usage errors) that quotes input whole: its quoted
# parts ('...' or "..." as repr writes them), and any long run without a space.
_QUOTED = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"")
_LONG_WORD = re.compile(rf"[^\s'\"()]{{{QUOTE_LIMIT + 1},}}")
MESSAGE_LIMIT = 300  # characters of such a message, at most


def unsafe(ch: str) -> bool:
    """Whether the character `ch` is one a terminal would obey or not show."""
    return unicodedata.category(ch) in UNSAFE_CATEGORIES


def _escape(ch: str) -> str:
    code = ord(ch)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def _json_escape(ch: str) -> str:
    """`ch` as JSON writes it: \\u and four hex digits, a surrogate pair beyond U+FFFF."""
    code = ord(ch)
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def safe_text(text: str) -> str:
    """`text` as a terminal may show it: every control, format, bidi or separator
    character written as an escape (`\\u001b`, `\\u202e`), never obeyed nor hidden."""
    if text.isprintable():  # the common case: no character of an unsafe category
        return text
    return "".join(_escape(ch) if unsafe(ch) else ch for ch in text)


def safe_json(text: str) -> str:
    """JSON text (json.dumps with ensure_ascii=False, which escapes C0 controls within
    strings only) with every other unsafe character written as JSON's \\u escape: the
    same value, shown rather than obeyed. Its line breaks (an indent's) are kept."""
    if text.isprintable():
        return text
    return "".join(_json_escape(ch) if ch != "\n" and unsafe(ch) else ch for ch in text)


def clip(text: str, limit: int) -> str:
    """`text` cut to `limit` characters, the last one `…` when it was longer: outside text
    quoted in a message stays one short line."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def quoted(text: object, limit: int = QUOTE_LIMIT) -> str:
    """Input quoted in a message, `'+1510555…'`: its repr (escapes shown, not obeyed) of
    at most `limit` characters of it, `…` the last when it was longer. Every message that
    quotes what someone typed, or a value from outside, quotes it with this, so that a
    5,000-digit argument comes back as a short line."""
    return repr(clip(str(text), limit))


def clip_quotes(message: str) -> str:
    """A message written elsewhere that quotes input whole (Click's `Invalid value for
    '--limit': '1111…' is not a valid int`, `No such command '…'`), cut as `quoted`
    cuts: each quoted part and each long word to QUOTE_LIMIT characters, and the whole
    to MESSAGE_LIMIT."""

    def short(match: re.Match[str]) -> str:
        part = match.group()
        return part[0] + clip(part[1:-1], QUOTE_LIMIT) + part[-1]

    message = _QUOTED.sub(short, message)
    message = _LONG_WORD.sub(lambda m: clip(m.group(), QUOTE_LIMIT), message)
    return clip(message, MESSAGE_LIMIT)
