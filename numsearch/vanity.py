"""Vanity numbers: letters to keypad digits, and numbers spelled back into words (pure).

The word index (`data/words.idx`, built by scripts/build_wordlist.py from SCOWL) maps
keypad digits to the words they spell, most common first; it is read once, on the
first spelling, and never for a plain `vanity WORD`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from typing import TYPE_CHECKING, Any, NamedTuple

from numsearch.errors import InvalidInput
from numsearch.keypad import keypad_digits, pattern_regex

if TYPE_CHECKING:
    from numsearch.models import AvailableNumber

MIN_WORD = 3  # shorter words make noise, not names
MAX_WORDS = 2  # in one spelling: FLOWERS, or GET-HELP; more reads as a puzzle
WORDS_PER_SLOT = 3  # alternatives kept for each run of digits
# SCOWL size level -> how common a word is (10 = the thousand most common words).
LEVEL_WEIGHT = {10: 1.0, 20: 0.95, 35: 0.85, 40: 0.8, 50: 0.7}


# -- the word index ------------------------------------------------------------------


class WordIndex:
    """Keypad digits -> the words they spell, as (WORD, level), most common first."""

    def __init__(self, entries: dict[str, str]) -> None:
        self._entries = entries  # digits -> "20flowers 35flower…", split on first use

    @classmethod
    def parse(cls, text: str) -> WordIndex:
        """Read the `data/words.idx` format: `DIGITS LEVELword LEVELword…` per line."""
        start = 0
        while text.startswith("#", start):  # the header names the source and licence
            start = text.index("\n", start) + 1
        return cls(dict(line.split(" ", 1) for line in text[start:].splitlines() if line))

    @classmethod
    def from_words(cls, words: Iterable[tuple[str, int]]) -> WordIndex:
        """Build from (word, level) pairs, e.g. for tests."""
        grouped: dict[str, list[str]] = {}
        for word, level in sorted(words, key=lambda item: (item[1], item[0])):
            grouped.setdefault(keypad_digits(word), []).append(f"{level}{word.lower()}")
        return cls({digits: " ".join(items) for digits, items in grouped.items()})

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, digits: object) -> bool:
        return digits in self._entries

    def words(self, digits: str) -> list[tuple[str, int]]:
        """The words `digits` spell, most common first: [("STORM", 20), …]."""
        raw = self._entries.get(digits)
        if not raw:
            return []
        out = []
        for item in raw.split(" "):
            level_end = next(i for i, ch in enumerate(item) if ch.isalpha())
            out.append((item[level_end:].upper(), int(item[:level_end])))
        return out

    def level(self, word: str) -> int | None:
        """The SCOWL level of `word`, or None when the list does not have it."""
        for candidate, level in self.words(keypad_digits(word)):
            if candidate == word.upper():
                return level
        return None


@cache
def word_index() -> WordIndex:
    """The bundled index (read once per process)."""
    from importlib.resources import files

    return WordIndex.parse(files("numsearch").joinpath("data/words.idx").read_text("utf-8"))


# -- numbers and their groups ----------------------------------------------------------


class NumberLayout(NamedTuple):
    """A number's national significant digits and how it is written, for spelling."""

    e164: str
    country_code: str
    national: str  # national significant number: 8003569377
    subscriber_start: int  # where the part after the area code begins (3 for NANP)
    group_starts: frozenset[int]  # digit positions that begin a written group
    written: str  # "800-356-9377": the international form without "+1 "

    @property
    def nanp(self) -> bool:
        return self.country_code == "1"


def layout(number: str, default_country: str = "US") -> NumberLayout:
    """Parse a phone number (letters allowed: 1-800-FLOWERS) into its layout.

    Raises InvalidInput when it cannot be read as a possible number.
    """
    import phonenumbers

    from numsearch.numbering import NotANumber, parse_number

    try:
        parsed = parse_number(number, default_country, extra_letters=True)
    except NotANumber as exc:
        # 1-800-HOTELS is a digit short: its digits read as some other, unassigned number.
        hint = ": too few or too many letters?" if exc.kind == "invalid" else ""
        raise InvalidInput(f"{exc}{hint}") from None
    national = str(phonenumbers.national_significant_number(parsed))
    country_code = str(parsed.country_code)
    international = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    written = international.removeprefix(f"+{country_code}").strip()
    starts, position, previous = set(), 0, " "
    for ch in written:
        if ch.isdigit():
            if not previous.isdigit():
                starts.add(position)
            position += 1
        previous = ch
    if position != len(national):  # an unusual format: fall back to plain digits
        written, starts = national, {0}
    return NumberLayout(
        e164=f"+{country_code}{national}",
        country_code=country_code,
        national=national,
        subscriber_start=phonenumbers.length_of_national_destination_code(parsed),
        group_starts=frozenset(starts),
        written=written,
    )


def spelled_form(
    number: NumberLayout, words: Sequence[tuple[int, str]], *, advertised: bool = False
) -> str:
    """The number written with `words` ((national position, WORD) pairs) over its digits.

    Each word stands as a group of its own: `+1 510-STORM-00`, `+1 800-FLOW-ERR`; the
    number's own separators inside a word go. `advertised` writes NANP numbers the way
    they are painted on vans: `1-800-FLOWERS`.
    """
    separator = next((ch for ch in number.written if not ch.isdigit()), "-")
    letter: dict[int, str] = {}
    word_of: dict[int, int] = {}
    for index, (start, word) in enumerate(words):
        for offset, ch in enumerate(word.upper()):
            letter[start + offset] = ch
            word_of[start + offset] = index
    out: list[str] = []
    position = 0
    pending = ""
    for ch in number.written:
        if not ch.isdigit():
            pending += ch
            continue
        here, before = word_of.get(position), word_of.get(position - 1)
        if position > 0 and not (here is not None and here == before):
            if pending:
                out.append(pending)
            elif here != before:
                out.append(separator)  # a word starts or ends inside a group
        pending = ""
        out.append(letter.get(position, ch))
        position += 1
    body = "".join(out)
    if advertised and number.nanp:
        return f"1-{body}"
    return f"+{number.country_code} {body}"


# -- spelling --------------------------------------------------------------------------


class Placement(NamedTuple):
    """A word laid over national digits [start, end)."""

    word: str
    start: int
    end: int
    weight: float  # how common the word is, 0..1


class Spelling(NamedTuple):
    """One way to read a number as words, with its score in 0..1."""

    text: str
    words: tuple[str, ...]
    score: float
    placements: tuple[Placement, ...]

    def to_json(self) -> dict[str, Any]:
        """`{"text": "1-800-FLOWERS", "words": ["FLOWERS"], "score": 0.95}`."""
        return {"text": self.text, "words": list(self.words), "score": self.score}


def score_placements(number: NumberLayout, placements: Sequence[Placement]) -> float:
    """How good a spelling is: covering more of the number after the area code, with
    fewer, longer, more common words, aligned to the number's groups, scores higher."""
    start = number.subscriber_start
    length = len(number.national) - start
    if not placements or length <= 0:
        return 0.0
    letters = sum(p.end - p.start for p in placements)
    coverage = min(letters / length, 1.0)
    common = sum((p.end - p.start) * p.weight for p in placements) / letters
    covered = {i for p in placements for i in range(p.start, p.end)}
    runs, in_run = 0, False
    for i in range(start, len(number.national)):
        if i not in covered and not in_run:
            runs += 1
        in_run = i not in covered
    pieces = len(placements) + runs
    fragmentation = 1.0 / (1.0 + 0.15 * (pieces - 1))
    ends = len(number.national)
    aligned = sum(
        1 for p in placements if p.start in number.group_starts or p.start == start or p.end == ends
    ) / len(placements)
    score: float = coverage**0.75 * common * fragmentation * (0.9 + 0.1 * aligned)
    return round(score, 2)


def _candidates(number: NumberLayout, index: WordIndex) -> list[Placement]:
    digits = number.national
    found: list[Placement] = []
    for start in range(number.subscriber_start, len(digits)):
        if digits[start] in "01":
            continue  # no letters on 0 and 1
        for end in range(start + MIN_WORD, len(digits) + 1):
            if digits[end - 1] in "01":
                break
            for word, level in index.words(digits[start:end])[:WORDS_PER_SLOT]:
                found.append(Placement(word, start, end, LEVEL_WEIGHT.get(level, 0.6)))
    return found


def spell(
    number: NumberLayout, index: WordIndex | None = None, *, limit: int = 5
) -> list[Spelling]:
    """The best ways to spell `number` with words, best first (at most `limit`)."""
    index = index or word_index()
    candidates = _candidates(number, index)
    options: list[tuple[Placement, ...]] = [(p,) for p in candidates]
    if MAX_WORDS >= 2:
        options += [(a, b) for a in candidates for b in candidates if a.end <= b.start]
    scored = sorted(
        ((score_placements(number, option), option) for option in options),
        key=lambda item: (-item[0], -sum(p.end - p.start for p in item[1]), item[1][0].start,
                          [p.word for p in item[1]]),
    )  # fmt: skip
    spellings: list[Spelling] = []
    seen: set[str] = set()
    for score, option in scored:
        text = spelled_form(number, [(p.start, p.word) for p in option], advertised=True)
        if text in seen:
            continue
        seen.add(text)
        spellings.append(Spelling(text, tuple(p.word for p in option), score, option))
        if len(spellings) >= limit:
            break
    return spellings


# -- a searched pattern in a result ----------------------------------------------------


def find_pattern(number: NumberLayout, digits_pattern: str) -> tuple[int, int] | None:
    """National positions [start, end) of the rightmost match of a Contains pattern."""
    regex = pattern_regex(digits_pattern)
    full = number.country_code + number.national
    offset = len(number.country_code)
    found: tuple[int, int] | None = None
    for start in range(offset, len(full)):
        match = regex.match(full, start) if not digits_pattern.startswith("+") else None
        if match and match.end() > match.start():
            found = (match.start() - offset, match.end() - offset)
    if digits_pattern.startswith("+"):
        match = regex.match(full)
        if match and match.end() > offset:
            found = (max(match.start(), offset) - offset, match.end() - offset)
    return found


class WordMatch(NamedTuple):
    """Where a searched word sits in a result, and how the result reads with it."""

    spelled: str  # "+1 510-STORM-00"
    span: tuple[int, int]  # national positions of the whole pattern
    score: float


def match_word(number: NumberLayout, digits_pattern: str, letters_pattern: str) -> WordMatch | None:
    """Lay the letters the user typed over the digits of `number` that match them.

    `letters_pattern` is the pattern as typed, aligned with `digits_pattern`:
    `866***EPIC` with `866***3742`.
    """
    span = find_pattern(number, digits_pattern)
    body = letters_pattern.removeprefix("+").removesuffix("$")
    if span is None or "%" in body or span[1] - span[0] != len(body):
        return None  # no match, or a variable-length pattern with no fixed place for letters
    placements = [
        Placement(m.group(0).upper(), span[0] + m.start(), span[0] + m.end(), 1.0)
        for m in re.finditer(r"[A-Za-z]+", body)
    ]  # the user's own word counts as common, whatever the word list says
    if not placements:
        return None
    return WordMatch(
        spelled=spelled_form(number, [(p.start, p.word) for p in placements]),
        span=span,
        score=score_placements(number, placements),
    )


def _mark(
    number: AvailableNumber,
    pattern: str | None,
    letters: str | None,
    rank: bool,
    index: WordIndex | None,
    default_country: str,
) -> AvailableNumber:
    """One result with its pattern's place, its spelled form and its score."""
    if not number.phone_number:
        return number
    try:
        shape = layout(number.phone_number, number.iso_country or default_country)
    except InvalidInput:
        return number  # a number phonenumbers cannot read keeps its plain form
    if pattern:
        number = number._replace(match_span=find_pattern(shape, pattern))
    if letters and pattern:
        match = match_word(shape, pattern, letters)
        if match:
            return number._replace(vanity=match.spelled, score=match.score)
        return number._replace(score=0.0) if rank else number
    if index is not None:
        best = spell(shape, index, limit=1)
        if not best:
            return number._replace(score=0.0)
        words = [(p.start, p.word) for p in best[0].placements]
        return number._replace(vanity=spelled_form(shape, words), score=best[0].score)
    return number


def annotate(
    numbers: Sequence[AvailableNumber],
    *,
    pattern: str | None,
    letters: str | None,
    rank: bool,
    default_country: str,
) -> list[AvailableNumber]:
    """Mark where the searched pattern sits in each result; spell the searched word over
    it (`vanity`); with `rank`, score every result and order them best first."""
    index = word_index() if rank and not letters else None
    marked = [_mark(n, pattern, letters, rank, index, default_country) for n in numbers]
    if not rank:
        return marked
    return sorted(marked, key=lambda n: -(n.score or 0.0))  # stable: ties keep Twilio's order


# -- what `numsearch vanity` was asked -------------------------------------------------

MAX_TOP = 50
MAX_DIGITS = 15  # E.164: no number is longer, so no longer word can be in one


class VanityRequest(NamedTuple):
    """Words to turn into patterns, or numbers to spell, checked."""

    words: tuple[str, ...] = ()
    numbers: tuple[str, ...] = ()
    top: int | None = None  # spellings per number

    @classmethod
    def build(
        cls, items: Sequence[str], *, spell: bool, top: int | None, read_stdin: Callable[[], str]
    ) -> VanityRequest:
        """Check the arguments of `numsearch vanity`; `-` with --spell reads numbers from
        `read_stdin()`, one a line (blank lines and # comments skipped). InvalidInput if not."""
        if not items:
            raise InvalidInput("give words (numsearch vanity STORM) or numbers with --spell")
        if not spell:
            if top is not None:
                raise InvalidInput("--top goes with --spell")
            return cls(words=tuple(items))
        if top is not None and not 1 <= top <= MAX_TOP:
            raise InvalidInput(f"--top must be 1 to {MAX_TOP}, not {top}")
        if list(items) == ["-"]:
            lines = [line.strip() for line in read_stdin().splitlines()]
            numbers = [line for line in lines if line and not line.startswith("#")]
            return cls(numbers=tuple(numbers), top=top)
        if "-" in items:
            raise InvalidInput("- (stdin) cannot be mixed with numbers on the command line")
        return cls(numbers=tuple(items), top=top)


def word_pattern(word: str) -> str:
    """A word's keypad pattern (`STORM` -> `78676`), or InvalidInput for one that no
    phone number could hold."""
    try:
        pattern = keypad_digits(word)
    except InvalidInput as exc:
        raise InvalidInput(f"vanity: {exc.message}") from None
    if not pattern:
        raise InvalidInput(f"vanity: {word!r} has no letters or digits to turn into a pattern")
    if len(pattern) > MAX_DIGITS:
        raise InvalidInput(
            f"vanity: {word!r} needs {len(pattern)} digits, but no phone number has more than"
            f" {MAX_DIGITS}"
        )
    return pattern
