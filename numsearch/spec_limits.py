"""What Twilio allows a search, beyond the parameter types: the Contains shapes its spec
describes, and the cap on an answer's size (pure; the sweep and the sandbox share both).

The spec's Contains: letters and digits, `*` (one character) and `%` (any run) only at
the start or the end ("wildcards cannot be used between non-meta-characters"), with at
least two non-meta characters when there are wildcards, `+` first and `$` last, and those
two never next to a wildcard. The live API has accepted older shapes such as
`866***EPIC`; a strict server refuses them, so a sweep never sends one.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping

from numsearch.errors import InvalidInput
from numsearch.untrusted import quoted

DEFAULT_ANSWER_CAP = 30  # numbers in one answer, whatever PageSize says (live API: about 30)
ANSWER_CAP_VARIABLE = "NUMSEARCH_SANDBOX_CAP"
WILDCARDS = "*%"
_INSIDE = re.compile(r"[0-9A-Za-z][*%]+[0-9A-Za-z]")


def answer_cap(environ: Mapping[str, str] | None = None) -> int:
    """The most numbers one answer holds: NUMSEARCH_SANDBOX_CAP (1 to 1000) or 30. The
    sandbox serves at most this many; a sweep calls an answer this long possibly cut."""
    text = (os.environ if environ is None else environ).get(ANSWER_CAP_VARIABLE, "").strip()
    if not text:
        return DEFAULT_ANSWER_CAP
    if not re.fullmatch(r"[0-9]{1,4}", text) or not 1 <= int(text) <= 1000:
        raise InvalidInput(
            f"{ANSWER_CAP_VARIABLE} must be a number from 1 to 1000, not {quoted(text)}"
        )
    return int(text)


def wildcards_inside(pattern: str) -> bool:
    """Whether `pattern` has a wildcard between two letters or digits (`510***8676`)."""
    return _INSIDE.search(pattern) is not None


def shape_problem(pattern: str) -> str | None:
    """Why `pattern` breaks the shape the spec's Contains description allows, or None.
    (Length and characters are checked elsewhere: this is about where wildcards sit.)"""
    body = pattern.removeprefix("+").removesuffix("$")
    if wildcards_inside(body):
        return "it has wildcards between characters (allowed only at the start or the end)"
    if pattern.startswith("+") and body[:1] in tuple(WILDCARDS):
        return "+ is next to a wildcard"
    if pattern.endswith("$") and body[-1:] in tuple(WILDCARDS):
        return "$ is next to a wildcard"
    plain = sum(ch.isalnum() for ch in body)
    if plain < 2 and any(ch in WILDCARDS for ch in body):
        return "with wildcards it needs at least two letters or digits"
    return None
