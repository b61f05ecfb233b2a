"""The sandbox's stock as shipped (`stock.bin`, built by scripts/build_stock.py): every
number of each country and type, and the place of each North American exchange, read
in part and only when a search needs it; and a Stock, one country's numbers of one
type, searched in place by prefix or Contains pattern.

The file: a header of text lines (MAGIC, comments, then one line per part: name, offset,
length, how many numbers, where the national number starts), a blank line, then the
parts. A number part holds E.164 digits without `+`, sorted, one a line, compressed with
zlib. The `exchanges` part holds fixed-width records, `NPANXX` then the byte offset of
the exchange's place's line in places.tsv, sorted, as they are: a search reads the few
it needs in place.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import NamedTuple

from numsearch.keypad import pattern_regex

MAGIC = "numsearch sandbox stock 1"
EXCHANGES = "exchanges"
KEY = 6  # NPANXX
RECORD = KEY + 8  # and an offset of eight digits
PATH = Path(__file__).with_name("stock.bin")


class Part(NamedTuple):
    """Where one part of the file is, and what it holds."""

    offset: int
    length: int
    size: int  # how many numbers
    national_from: int  # where the national number starts in a number's digits


def exchange_record(exchange: str, offset: int) -> bytes:
    """One record of the exchanges part: `NPANXX` and an offset in places.tsv."""
    return f"{exchange}{offset:08d}".encode("ascii")


@cache
def _contents() -> tuple[bytes, int, dict[str, Part]]:
    """The file's bytes, where its parts begin, and its header."""
    data = PATH.read_bytes()
    end = data.index(b"\n\n")
    lines = data[:end].decode("ascii").splitlines()
    if not lines or lines[0] != MAGIC:
        raise ValueError(f"{PATH} is not a stock file of this numsearch ({MAGIC})")
    header = {}
    for line in lines[1:]:
        if not line.startswith("#"):
            name, *figures = line.split("\t")
            header[name] = Part(*map(int, figures))
    return data, end + 2, header


def parts() -> dict[str, Part]:
    """The file's parts by name: `US local`, `GB mobile`, ..., `exchanges`."""
    return _contents()[2]


def content(name: str) -> bytes:
    """One part, as written (decompressed: b"" for a part the file does not have)."""
    data, start, header = _contents()
    part = header.get(name)
    if part is None:
        return b""
    stored = data[start + part.offset : start + part.offset + part.length]
    return stored if name == EXCHANGES else zlib.decompress(stored)


def exchange_offset(exchange: str) -> int | None:
    """The byte offset in places.tsv of the line of the place of `exchange` (NPANXX), if
    the sandbox knows it: a binary search of the exchanges part, in place."""
    data, start, header = _contents()
    part = header[EXCHANGES]
    base = start + part.offset
    key = exchange.encode("ascii")
    low, high = 0, part.length // RECORD
    while low < high:
        middle = (low + high) // 2
        if data[base + middle * RECORD : base + middle * RECORD + KEY] < key:
            low = middle + 1
        else:
            high = middle
    at = base + low * RECORD
    if low == part.length // RECORD or data[at : at + KEY] != key:
        return None
    return int(data[at + KEY : at + RECORD])


@dataclass(frozen=True)
class Stock:
    """Every number the sandbox has of one country and type: E.164 digits (no `+`),
    sorted, one a line in `text` (searched with one regular expression per query)."""

    text: str
    national_from: int

    @cached_property
    def numbers(self) -> tuple[str, ...]:
        """The numbers, in order (split only for a search by prefix or a purchase)."""
        return tuple(self.text.split("\n")) if self.text else ()

    @cached_property
    def _framed(self) -> str:
        """The text with a newline before the first line and after the last."""
        return f"\n{self.text}\n"

    def _first_line_from(self, key: str) -> int:
        """Where in `_framed` the first number not below `key` starts (its length if
        none): a binary search of the sorted lines, in place (bisect_left's answer)."""
        text = self._framed
        low, high = 0, len(text) - 1
        while low < high:
            middle = (low + high) // 2
            start = text.find("\n", middle) + 1  # the first line starting after `middle`
            end = text.find("\n", start)
            if end < 0 or text[start:end] >= key:
                high = middle
            else:
                low = middle + 1
        return text.find("\n", low) + 1

    def _lines_starting(self, prefix: str) -> str:
        """The lines of the numbers that start with `prefix`: one run of the text."""
        start = self._first_line_from(prefix)
        end = self._first_line_from(prefix + ":")  # ":" sorts right after "9"
        return self._framed[start : end - 1] if end > start else ""

    def holds(self, digits: str) -> bool:
        """Whether `digits` (E.164 without `+`) is one of the numbers."""
        return self._lines_starting(digits).partition("\n")[0] == digits

    def starting(self, prefix: str) -> list[str]:
        """The numbers whose digits start with `prefix` (all of them for "")."""
        run = self._lines_starting(prefix) if prefix else self.text
        return run.split("\n") if run else []

    def matching(self, pattern: str | None, prefix: str = "") -> list[str]:
        """The numbers starting with `prefix` that Contains `pattern` (digits) matches,
        Twilio's way (see contains)."""
        if pattern and pattern.startswith("+"):
            literal = re.match(r"[0-9]*", pattern[1:])
            head = literal.group() if literal else ""
            if not (head.startswith(prefix) or prefix.startswith(head)):
                return []
            prefix = max(head, prefix, key=len)
        if not pattern:
            return self.starting(prefix)

        body = pattern_regex(pattern).pattern.removeprefix("^").removesuffix("$")
        where = "" if pattern.startswith("+") else rf"\d{{{self.national_from}}}\d*?"
        end = "$" if pattern.endswith("$") else ""
        text = self._lines_starting(prefix) if prefix else self.text
        line = rf"(?={where}{body}{end})\d+$"
        found = _few_lines_matching(text, re.compile(body), re.compile(line))
        return re.compile(f"^{line}", re.MULTILINE).findall(text) if found is None else found


SELECTIVE = 2000  # lines holding a pattern's body, past which each line is tried instead


def _few_lines_matching(
    text: str, body: re.Pattern[str], line: re.Pattern[str]
) -> list[str] | None:
    """The lines of `text` that `line` matches from their start, when few lines hold
    `body` (a word, say: a search for it skips the rest of the text far faster than
    trying `line` at each line); None when more than SELECTIVE do."""
    found = []
    at = tried = 0
    while at <= len(text) and (hit := body.search(text, at)) is not None:
        tried += 1
        if tried > SELECTIVE:
            return None
        start = text.rfind("\n", 0, hit.start()) + 1
        stop = text.find("\n", hit.start())
        stop = len(text) if stop < 0 else stop
        if line.match(text, start, stop):
            found.append(text[start:stop])
        at = stop + 1
    return found
