"""Vanity numbers: letters to keypad digits, numbers spelled back into words, and how
memorable a number's digits are (pure).

The word index (`data/words.idx`, built by scripts/build_wordlist.py) maps keypad
digits to the words they spell with their Zipf frequency (SCOWL decides what is a
word, wordfreq how common it is; brands and first names are marked), most common
first; it is read once, on the first spelling, and never for a plain `vanity WORD`.
`data/blocked.txt` holds the words no spelling may show, even across its words.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from itertools import pairwise
from typing import TYPE_CHECKING, Any, NamedTuple

from numsearch.errors import InvalidInput
from numsearch.keypad import keypad_digits, pattern_regex

if TYPE_CHECKING:
    from mmap import mmap

    from numsearch.models import AvailableNumber

MIN_WORD = 3  # a word standing alone; two-letter words only inside phrases
MAX_WORDS = 3  # in one spelling: FLOWERS, GET-HELP, GO-TO-BED; more reads as a puzzle
WORDS_PER_SLOT = 3  # alternatives kept for each run of digits
MIN_CUT = 6  # letters of a longer word that may end a number: MATTRES(S)
BUCKET = 4  # the index file's lines are bucketed by the first 4 characters of their key
# Closed-class words and how they may sit in a phrase: "lead" needs a word right after
# it (MY-APPLE, THE-CARD), "tail" a word right before it (CALL-ME), "both" either
# (GO-FEDEX, PICK-UP), "middle" both (CASH-AND-GO). They never stand alone, and they
# are the only two-letter words numsearch uses.
FUNCTION_WORDS: dict[str, str] = {
    "MY": "lead", "AN": "lead", "AT": "lead", "BY": "lead", "OF": "lead", "IF": "lead",
    "AS": "lead", "IS": "lead", "WE": "lead", "HE": "lead", "AM": "lead", "OR": "lead",
    "ME": "tail", "US": "tail", "UP": "tail", "IT": "tail",
    "TO": "both", "IN": "both", "ON": "both", "GO": "both", "NO": "both", "SO": "both",
    "DO": "both", "BE": "lead",
    "THE": "lead", "ITS": "lead", "HIS": "lead", "OUR": "lead", "YOUR": "lead",
    "THEIR": "lead", "FOR": "lead", "FROM": "lead", "WITH": "lead", "INTO": "lead",
    "ONTO": "lead", "AND": "middle", "BUT": "middle", "NOR": "middle", "THAN": "middle",
    "HAS": "middle", "HAD": "middle", "WAS": "middle", "WERE": "middle", "ARE": "middle",
}  # fmt: skip
# Two words side by side read as a phrase when the web uses them as one (the phrase
# list: PIT-BULL, CAR-RENT), when one is a function word (MY-APPLE), or when one is
# among the few hundred commonest words (Zipf 5.5, the bar for a two-letter word: GOT,
# NOW, GET in GOT-JUNK, CASH-NOW); other pairs (VAN-BOSS, HID-TERM, ARM-EASY) are more
# often a coincidence of the digits than a phrase, and cost LOOSE_PHRASE.
GLUE_ZIPF = 5.5
LOOSE_PHRASE = 0.85
COVERAGE_POWER = 0.5  # how much the digits left uncovered cost
PIECE_COST = 0.35  # what each further word or run of digits costs
FUNCTION_PIECE_SAVING = 0.5  # a function word costs half a piece
# A cut word drops letters a caller cannot dial: one, as ads do (MATTRES-S, HOME-CAR-E),
# costs like a two-letter word; each further one (FOR-CASU-AL) costs much more.
DROPPED_LETTER = 0.9
KNOWN_PIECE_SAVING = 0.5  # a pair of the phrase list (PIT-BULL, SO-EASY) reads as one
DIGIT_WORDS = {"2": "TO", "4": "FOR"}  # as ads use them: 1-800-2-DINERS, KARS-4-KIDS
PROPER_FLOOR = 0.9  # a listed brand or first name is well known, whatever its frequency


# -- the word index ------------------------------------------------------------------


class Word(NamedTuple):
    """A word the index knows: its letters, how common it is, and what kind it is."""

    text: str  # upper case: FLOWERS
    zipf: float  # wordfreq's Zipf frequency: 7 for THE, 4.6 for FLOWERS, 1 for the rarest
    # "word" (dictionary), "brand" (FEDEX), "name" (GARY); for two words (PIT_BULL),
    # "phrase" when they go together more often than chance, "pair" when the web's
    # list has them only as a function word and the word after it (THE_CARD).
    kind: str = "word"

    @property
    def proper(self) -> bool:
        """A brand or a first name rather than a dictionary word."""
        return self.kind in ("brand", "name")


def _parse_item(item: str) -> Word:
    text = item[2:]
    if "_" in text or "+" in text:
        kind = "phrase" if "_" in text else "pair"
        text = text.replace("+", "_")
    else:
        kind = "word" if text.islower() else "brand" if text.isupper() else "name"
    return Word(text.upper(), int(item[:2]) / 10, kind)


def _key_and_words(line: str) -> tuple[str, str]:
    key, _, words = line.partition(" ")
    return key, words


def index_item(word: str, zipf: float, kind: str = "word") -> str:
    """A word as the index file writes it: `46flowers`, `34FEDEX` (brand), `44Gary`
    (name), `22pit_bull` (a phrase, given as "pit bull"), `36the+card` (a pair)."""
    text = {
        "word": word.lower(),
        "brand": word.upper(),
        "name": word.capitalize(),
        "phrase": word.lower().replace(" ", "_"),
        "pair": word.lower().replace(" ", "+"),
    }[kind]
    return f"{round(min(max(zipf, 1.0), 9.9) * 10):02d}{text}"


def phrase_cut_key(first: str, second: str) -> str | None:
    """The index key under which the phrase FIRST SECOND is found cut, as ads cut it
    (`4663227+>` for HOME CARE: 1-800-HOME-CARE on 800-466-3227), or None when it is
    not cut: only its last letter goes, its last word is no function word, and 6+ of
    the letters left are those of words that carry the meaning (not AS-SOLI-D)."""
    meaning = sum(len(w) for w in (first, second) if w.upper() not in FUNCTION_WORDS)
    if second.upper() in FUNCTION_WORDS or meaning - 1 < MIN_CUT:
        return None
    return keypad_digits(first + second)[:-1] + "+>"


class WordIndex:
    """Keypad digits -> the words they spell, most common first.

    The bundled file is never split into all its lines, nor even decoded: a key is
    found by searching the bucket of lines that share its first BUCKET characters (the
    header lists where each bucket starts), so one spelling costs a few dozen short
    searches, not a parse of 200,000 lines.
    """

    def __init__(
        self,
        entries: dict[str, str] | None = None,
        *,
        body: bytes | mmap = b"",
        buckets: dict[str, tuple[int, int]] | None = None,
    ) -> None:
        self._entries = entries if entries is not None else {}  # digits -> "46flowers 20…"
        self._body = body  # "…\nKEY words\nKEY words…\n", searched within buckets
        self._buckets = buckets or {}  # a key's first BUCKET characters -> span of `body`
        self._parsed: dict[str, list[Word]] = {}

    @classmethod
    def parse(cls, data: str | bytes | mmap) -> WordIndex:
        """Read the `data/words.idx` format: `DIGITS ZZword ZZword…` per line, after a
        header of `#` lines (sources, licences, `# bucket keys KEY…` and `# bucket
        starts OFFSET…`, where each bucket's lines start in the body)."""
        body = data.encode() if isinstance(data, str) else data
        start = 0
        keys: list[str] = []
        offsets: list[int] = []
        while body[start : start + 1] == b"#":
            end = body.find(b"\n", start)
            line = body[start:end]
            if line.startswith(b"# bucket keys "):
                keys = line[14:].decode().split()
            elif line.startswith(b"# bucket starts "):
                offsets = list(map(int, line[16:].split()))
            start = end + 1
        if not keys:
            lines = body[start:].decode("utf-8").splitlines()
            return cls(dict(_key_and_words(line) for line in lines if line))
        # A bucket's span starts at the "\n" before its first line (the header's last one
        # for the first bucket), so that "\nKEY " finds whole keys only.
        starts = [start + offset - 1 for offset in offsets]
        spans = zip(starts, [*starts[1:], len(body)], strict=True)
        return cls(body=body, buckets=dict(zip(keys, spans, strict=True)))

    @classmethod
    def from_words(cls, words: Iterable[tuple[str, float] | tuple[str, float, str]]) -> WordIndex:
        """Build from (word, zipf) or (word, zipf, kind) tuples, e.g. for tests; words
        of MIN_CUT + 1 letters or more also get their cut forms. A two-word entry
        ("pit bull", 2.2) is a known phrase, ("the card", 3.6, "pair") a known pair
        (their words must be entries too)."""
        grouped: dict[str, list[tuple[float, str]]] = {}
        for entry in words:
            word, zipf = entry[0], float(entry[1])
            kind = str(entry[2]) if len(entry) > 2 else "phrase" if " " in word else "word"
            item = index_item(word, zipf, kind)
            rank = zipf - (0.5 if kind in ("brand", "name") else 0.0)
            digits = keypad_digits(word.replace(" ", ""))
            if kind in ("phrase", "pair"):
                grouped.setdefault(digits + "+", []).append((rank, item))
                cut = phrase_cut_key(*word.split(" "))
                if cut:
                    grouped.setdefault(cut, []).append((rank, item))
                continue
            grouped.setdefault(digits, []).append((rank, item))
            for length in range(MIN_CUT, len(word)):
                grouped.setdefault(digits[:length] + ">", []).append((rank, item))
        return cls(
            {key: " ".join(i for _, i in sorted(items, key=lambda x: (-x[0], x[1])))
             for key, items in grouped.items()}
        )  # fmt: skip

    def _raw(self, digits: str) -> str | None:
        if not self._buckets:
            return self._entries.get(digits)
        span = self._buckets.get(digits[:BUCKET])
        if span is None:
            return None
        found = self._body.find(b"\n" + digits.encode() + b" ", span[0], span[1])
        if found < 0:
            return None
        start = found + len(digits) + 2
        return self._body[start : self._body.find(b"\n", start)].decode("utf-8")

    def keys(self) -> list[str]:
        """Every key of the index (digits; digits> for cut forms, digits+ for phrases)."""
        if not self._buckets:
            return list(self._entries)
        start = min(span[0] for span in self._buckets.values())
        lines = self._body[start:].decode("utf-8").splitlines()
        return [line.partition(" ")[0] for line in lines if line]

    def __len__(self) -> int:
        """How many keys spell whole words (cut forms and phrases aside)."""
        return sum(1 for key in self.keys() if key.isdigit())

    def __bool__(self) -> bool:
        return bool(self._entries or self._buckets)

    def __contains__(self, digits: object) -> bool:
        return isinstance(digits, str) and self._raw(digits) is not None

    def words(self, digits: str) -> list[Word]:
        """The words `digits` spell, most common first: [Word("STORM", 4.2), …]."""
        found = self._parsed.get(digits)
        if found is None:
            raw = self._raw(digits)
            found = [_parse_item(item) for item in raw.split(" ")] if raw else []
            self._parsed[digits] = found
        return found

    def longer_words(self, digits: str) -> list[Word]:
        """Common words longer than `digits` that begin with them (MATTRESS for 628877)."""
        return self.words(digits + ">")

    def known_phrase(
        self, digits: str, first: str, second: str, *, cut: bool = False
    ) -> Word | None:
        """The index's entry for the phrase FIRST SECOND spelling `digits` (PIT_BULL), or
        for one that begins with `digits` when `cut` (HOME_CARE for 4663227), else None."""
        wanted = f"{first}_{second}"
        phrases = self.longer_phrases(digits) if cut else self.words(digits + "+")
        return next((phrase for phrase in phrases if phrase.text == wanted), None)

    def longer_phrases(self, digits: str) -> list[Word]:
        """Known phrases one letter longer than `digits` that begin with them
        (HOME_CARE for 4663227), most common first: see phrase_cut_key."""
        return self.words(digits + "+>")

    def lookup(self, word: str) -> Word | None:
        """The index's entry for `word`, or None when the index does not have it."""
        for candidate in self.words(keypad_digits(word)):
            if candidate.text == word.upper():
                return candidate
        return None


def _data_bytes(name: str) -> bytes:
    """A bundled data file's bytes, read beside this module when it is there (10 ms
    faster than importlib.resources, whose import alone costs that much)."""
    from pathlib import Path

    path = Path(__file__).parent / "data" / name
    if path.is_file():
        return path.read_bytes()
    from importlib.resources import files  # e.g. installed inside a zip

    return files("numsearch").joinpath(f"data/{name}").read_bytes()


def _data_text(name: str) -> str:
    """A bundled data file's text."""
    return _data_bytes(name).decode("utf-8")


@cache
def word_index() -> WordIndex:
    """The bundled index (read once per process, searched in place, never decoded whole).

    Mapped into memory when it is a file: a spelling reads only the pages of the buckets
    it searches, not all 5 MB."""
    from pathlib import Path

    path = Path(__file__).parent / "data" / "words.idx"
    if path.is_file():
        import mmap

        with path.open("rb") as file:
            return WordIndex.parse(mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ))
    return WordIndex.parse(_data_bytes("words.idx"))


# -- words no business wants ---------------------------------------------------------

# Endings that turn a word into another form of it: CUMS, HOOKERS, CUMMING.
_SUFFIXES = ("s", "es", "ed", "d", "er", "ers", "ing", "in", "y", "ies", "ier", "iest")


def inflection_bases(word: str) -> set[str]:
    """`word` and the words it may be a form of: HOOKERS -> {hookers, hookers' bases…}."""
    word = word.lower()
    bases = {word}
    for suffix in _SUFFIXES:
        if not word.endswith(suffix) or len(word) - len(suffix) < 2:
            continue
        stem = word[: -len(suffix)]
        bases.add(stem)
        if suffix.startswith("i"):
            bases.add(stem + "y")  # PANTIES -> PANTY
        if suffix in ("ed", "er", "ers", "ing", "in", "y"):
            bases.add(stem + "e")  # RAPING -> RAPE
            if len(stem) > 2 and stem[-1] == stem[-2]:
                bases.add(stem[:-1])  # CUMMING -> CUM
    return {b for b in bases if len(b) >= 3}


def blocked_by(word: str, blocked: Iterable[str] | frozenset[str]) -> str | None:
    """The blocked term `word` is, or is a form of (CUMS -> "cum"), else None."""
    terms = blocked if isinstance(blocked, set | frozenset) else frozenset(blocked)
    word = word.lower()
    if word in terms:
        return word
    return next((b for b in sorted(inflection_bases(word)) if b in terms), None)


@cache
def blocked_terms() -> frozenset[str]:
    """The bundled block list (data/blocked.txt), lower case."""
    text = _data_text("blocked.txt")
    return frozenset(line for line in text.splitlines() if line and not line.startswith("#"))


def reads_blocked(words: Sequence[str], blocked: frozenset[str]) -> bool:
    """Whether a spelling shows a blocked word: one of its words, or a blocked word of 4+
    letters across its words when they are read together (HOOK-ERS, MY-ASSHAT). Forms
    of blocked words (CUMS, HOOKERS) never reach a spelling: the index leaves them out.
    """
    if any(word.lower() in blocked for word in words):
        return True
    joined = "".join(words).lower()
    position = 0
    for word in words[:-1]:
        position += len(word)  # a boundary between two words
        for start in range(max(0, position - 14), position):
            for end in range(max(position + 1, start + 4), min(len(joined), start + 15) + 1):
                if joined[start:end] in blocked:
                    return True
    return False


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


_NANP_GROUPS = frozenset({0, 3, 6})


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
    if country_code == "1" and len(national) == 10:
        # Every NANP number is written 3-3-4 after a 3-digit area code; formatting it
        # through phonenumbers costs more than spelling it (a search ranks 1,000 at once).
        return NumberLayout(
            e164=f"+1{national}",
            country_code="1",
            national=national,
            subscriber_start=3,
            group_starts=_NANP_GROUPS,
            written=f"{national[:3]}-{national[3:6]}-{national[6:]}",
        )
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


_AS_SHAPE = str.maketrans("0123456789", "dddddddddd")


@cache
def _gaps(shape: str) -> tuple[tuple[str, ...], str]:
    """For a number written as `shape` (its digits as `d`): what is written before each
    digit, ("", "", "", "-", …) for "ddd-ddd-dddd", and its usual separator ("-")."""
    gaps: list[str] = []
    pending = ""
    for ch in shape:
        if ch == "d":
            gaps.append(pending)
            pending = ""
        else:
            pending += ch
    return tuple(gaps), next((ch for ch in shape if ch != "d"), "-")


def spelled_form(
    number: NumberLayout, words: Sequence[tuple[int, str]], *, advertised: bool = False
) -> str:
    """The number written with `words` ((national position, WORD) pairs) over its digits.

    Each word stands as a group of its own: `+1 510-STORM-00`, `+1 800-FLOW-ERR`; the
    number's own separators inside a word go. A last word longer than the number is
    written whole, as ads write it (`1-800-MATTRESS`). `advertised` writes NANP numbers
    the way they are painted on vans: `1-800-FLOWERS`.
    """
    gaps, separator = _gaps(number.written.translate(_AS_SHAPE))
    size = len(number.national)
    chars = list(number.national)
    owner = [-1] * size
    overflow = ""
    for index, (start, word) in enumerate(words):
        fits = word.upper()[: size - start]
        chars[start : start + len(fits)] = fits
        owner[start : start + len(fits)] = [index] * len(fits)
        overflow += word.upper()[len(fits) :]
    out = [chars[0]] if size else []
    for position in range(1, size):
        here, before = owner[position], owner[position - 1]
        if here < 0 or here != before:
            gap = gaps[position]
            if gap:
                out.append(gap)
            elif here != before:
                out.append(separator)  # a word starts or ends inside a group
        out.append(chars[position])
    body = "".join(out) + overflow
    if advertised and number.nanp:
        return f"1-{body}"
    return f"+{number.country_code} {body}"


# -- spelling --------------------------------------------------------------------------


class Placement(NamedTuple):
    """A word laid over national digits [start, end)."""

    word: str
    start: int
    end: int  # for a cut word, the number's end: the rest of its letters go beyond
    weight: float  # how common the word is, 0..1
    cut: bool = False  # the number holds only the first letters of `word` (MATTRES-S)
    zipf: float = 0.0  # its Zipf frequency, to break ties between equal weights
    kind: str = "word"  # "word", "brand" or "name"


class Spelling(NamedTuple):
    """One way to read a number as words, with its score in 0..1."""

    text: str
    words: tuple[str, ...]
    score: float
    placements: tuple[Placement, ...]

    @property
    def cut(self) -> bool:
        """Whether the last word runs past the number, as in 1-800-MATTRESS."""
        return any(p.cut for p in self.placements)

    def to_json(self) -> dict[str, Any]:
        """`{"text": "1-800-FLOWERS", "words": ["FLOWERS"], "score": 0.95, "cut": false}`."""
        return {"text": self.text, "words": list(self.words), "score": self.score, "cut": self.cut}


def word_weight(zipf: float, *, proper: bool = False) -> float:
    """How common a word reads, 0.55..1 from its Zipf frequency (2 or less -> 0.55, 5 or
    more -> 1); brands and first names count for less than dictionary words."""
    weight = 0.55 + 0.45 * min(max((zipf - 2.0) / 3.0, 0.0), 1.0)
    return max(weight, PROPER_FLOOR) * 0.9 if proper else weight


def phrase_reads(placements: Sequence[Placement]) -> bool:
    """Whether placements (in order) read as a phrase: function words (MY, THE, AND…)
    never alone and always touching the words they go with (MY-APPLE, CALL-ME), a first
    name only after another word (ASK-GARY), at least one word of three letters, and
    three words only when they follow each other with no digit between."""
    count = len(placements)
    if count == 0 or count > MAX_WORDS:
        return False
    if count < 3 and all(
        p.end - p.start >= MIN_WORD and p.kind != "name" and p.word not in FUNCTION_WORDS
        for p in placements
    ):
        return True  # the common case: words that read on their own
    if all(p.end - p.start < MIN_WORD and not p.cut for p in placements):
        return False
    if count == 3 and not (
        placements[0].end == placements[1].start and placements[1].end == placements[2].start
    ):
        return False
    for i, p in enumerate(placements):
        role = FUNCTION_WORDS.get(p.word)
        if role is None:
            if p.end - p.start < MIN_WORD and not p.cut:
                return False
            if p.kind == "name" and count > 1:
                role = "tail"  # ASK-GARY, CALL-SAM; not STAN-RAG
            else:
                continue
        follows = i + 1 < count and placements[i + 1].start == p.end
        if role == "lead" and follows and placements[i + 1].word in FUNCTION_WORDS:
            return False  # AT-ON-HOG: a lead word goes with a word that carries meaning
        after = i > 0 and placements[i - 1].end == p.start
        fits = {"lead": follows, "tail": after, "both": follows or after}
        if not fits.get(role, follows and after):  # "middle": both sides
            return False
    return True


def _raw_score(number: NumberLayout, placements: Sequence[Placement]) -> float:
    return _measure(number, placements)[0]


def _gaps_read(number: NumberLayout, placements: Sequence[Placement]) -> tuple[int, int]:
    """(runs of digits left between or around the words, lone 2s and 4s that read as
    TO and FOR: before a word that carries meaning, with only words after them to the
    end of the number, as in 1-800-2-DINERS and KARS-4-KIDS, not 2-SONG-90)."""
    digits = number.national
    runs = digit_words = 0
    previous = number.subscriber_start
    for p in placements:
        if p.start > previous:
            lone = p.start - previous == 1 and digits[previous] in DIGIT_WORDS
            if lone and p.word not in FUNCTION_WORDS:
                digit_words += 1
            else:
                runs += 1 + digit_words  # digits after them: the 2s and 4s are digits too
                digit_words = 0
        previous = p.end
    if previous < len(digits):
        runs += 1 + digit_words
        digit_words = 0
    return runs, digit_words


def _measure(
    number: NumberLayout, placements: Sequence[Placement], known: int = 0
) -> tuple[float, float, int]:
    """(score, how common the meaningful words are per letter, letters) of a spelling
    with `known` phrases of the phrase list in it (a pair, THE-CARD, is glued by its
    function word already)."""
    start = number.subscriber_start
    ends = len(number.national)
    length = ends - start
    if not placements or length <= 0:
        return 0.0, 0.0, 0
    group_starts = number.group_starts
    letters = meaning = aligned = 0
    weighted = frequency = 0.0
    costs = 0  # two-letter and cut words read a little less easily than whole, longer ones
    dropped = 0  # letters of cut words past the first that the number leaves out
    functions = 0
    glued = len(placements) == 1 or known > 0
    for p in placements:
        size = p.end - p.start
        letters += size
        if p.start in group_starts or p.start == start or p.end == ends:
            aligned += 1
        if p.cut:
            costs += 1
            dropped += len(p.word) - size - 1
        elif size < MIN_WORD:
            costs += 1
        if p.word in FUNCTION_WORDS:
            functions += 1
            glued = True
            continue
        # How common a spelling reads is how common its words that carry the meaning are
        # (BE-GOERS is no commoner than GOERS); ties break on them too.
        meaning += size
        weighted += size * p.weight
        frequency += size * p.zipf
        if p.zipf >= GLUE_ZIPF:
            glued = True
    if not meaning:  # function words only (GO-AND-GO): they are what it has
        meaning = letters
        weighted = sum((p.end - p.start) * p.weight for p in placements)
    runs, digit_words = _gaps_read(number, placements)
    coverage = min((letters + digit_words) / length, 1.0)
    # A function word reads as one with the word it goes with (MY-APPLE, GO-FEDEX), and
    # so does a lone 2 or 4 (2-DINERS); a known phrase reads as one too (PIT-BULL).
    pieces = (
        len(placements)
        + runs
        + digit_words
        - FUNCTION_PIECE_SAVING * (functions + digit_words)
        - KNOWN_PIECE_SAVING * known
    )
    fragmentation = 1.0 / (1.0 + PIECE_COST * (pieces - 1))
    alignment = 0.9 + 0.1 * aligned / len(placements)
    penalty = 0.97**costs * DROPPED_LETTER**dropped * (1.0 if glued else LOOSE_PHRASE)
    score: float = (
        coverage**COVERAGE_POWER * (weighted / meaning) * fragmentation * alignment * penalty
    )
    return score, frequency / letters, letters


def score_placements(number: NumberLayout, placements: Sequence[Placement]) -> float:
    """How good a spelling is, 0..1: covering more of the number after the area code,
    with fewer, longer, more common words, aligned to the number's groups, scores
    higher; two-letter words and cut words cost a little."""
    return round(_raw_score(number, placements), 2)


_WEIGHTS: dict[tuple[float, bool], float] = {}


def _placement(word: Word, start: int, end: int, cut: bool = False) -> Placement:
    weight = _WEIGHTS.get((word.zipf, word.proper))
    if weight is None:
        weight = _WEIGHTS[word.zipf, word.proper] = word_weight(word.zipf, proper=word.proper)
    return Placement(word.text, start, end, weight, cut, word.zipf, word.kind)


def _candidates(number: NumberLayout, index: WordIndex) -> list[Placement]:
    digits = number.national
    ends = len(digits)
    found: list[Placement] = []
    for start in range(number.subscriber_start, ends):
        if digits[start] in "01":
            continue  # no letters on 0 and 1
        for end in range(start + 2, ends + 1):
            if digits[end - 1] in "01":
                break
            words = index.words(digits[start:end])
            if end - start < MIN_WORD:
                words = [w for w in words if w.text in FUNCTION_WORDS]
            found.extend(_placement(w, start, end) for w in _best_of_each_kind(words))
            if end - start > MIN_WORD + 1:  # 5+ letters: MY-CAR, the shortest phrase
                found.extend(_phrase_words(index, digits[start:end], start))
        if ends - start >= MIN_CUT and "0" not in digits[start:] and "1" not in digits[start:]:
            for word in index.longer_words(digits[start:])[:WORDS_PER_SLOT]:
                found.append(_placement(word, start, ends, cut=True))
    unique = {(p.word, p.start, p.end, p.cut): p for p in found}
    return list(unique.values()) if len(unique) < len(found) else found


def _phrase_words(index: WordIndex, digits: str, start: int) -> list[Placement]:
    """The words of the known phrases `digits` spell, placed from `start`: a slot keeps
    only its commonest words, and CARD (of THE-CARD) is not among those of 2273."""
    found: list[Placement] = []
    for phrase in index.words(digits + "+")[:WORDS_PER_SLOT]:
        position = start
        for text in phrase.text.split("_"):
            word = index.lookup(text)
            if word is not None:
                found.append(_placement(word, position, position + len(text)))
            position += len(text)
    return found


def _best_of_each_kind(words: list[Word]) -> list[Word]:
    """The WORDS_PER_SLOT commonest dictionary words of a slot, and its commonest brand
    and first name: they play other parts (a name only follows a word), so a common
    name (IAN for 426) does not crowd out a brand (IBM)."""
    if len(words) <= WORDS_PER_SLOT:
        return words
    best: list[Word] = []
    counts = {"word": 0, "brand": WORDS_PER_SLOT - 1, "name": WORDS_PER_SLOT - 1}
    for word in words:
        if counts.get(word.kind, WORDS_PER_SLOT) < WORDS_PER_SLOT:
            best.append(word)
            counts[word.kind] += 1
    return best


def _cut_phrases(number: NumberLayout, index: WordIndex) -> list[tuple[Placement, ...]]:
    """Known phrases whose last word runs past the number (1-800-HOME-CARE on
    800-466-3227): the first word whole, 6+ letters of the phrase on the number."""
    digits = number.national
    ends = len(digits)
    found: list[tuple[Placement, ...]] = []
    for start in range(number.subscriber_start, ends - MIN_CUT + 1):
        if "0" in digits[start:] or "1" in digits[start:]:
            continue
        for phrase in index.longer_phrases(digits[start:])[:WORDS_PER_SLOT]:
            first, second = (index.lookup(word) for word in phrase.text.split("_"))
            if first is None or second is None:
                continue  # an index whose phrase lists a word it does not have
            middle = start + len(first.text)
            option = (_placement(first, start, middle), _placement(second, middle, ends, cut=True))
            if phrase_reads(option):
                found.append(option)
    return found


def _known_pairs(
    number: NumberLayout, index: WordIndex, option: Sequence[Placement]
) -> tuple[int, float]:
    """How many pairs of words side by side in `option` are known phrases (a cut phrase
    is one), and the Zipf frequencies of those and of its known pairs (THE-CARD)."""
    known, frequency = 0, 0.0
    for a, b in pairwise(option):
        if a.end != b.start or a.cut:
            continue
        digits = number.national[a.start : b.end]
        phrase = index.known_phrase(digits, a.word, b.word, cut=b.cut)
        if phrase is not None:
            known += phrase.kind == "phrase"
            frequency += phrase.zipf
    return known, frequency


def _phrases(candidates: list[Placement]) -> list[tuple[Placement, ...]]:
    """Every sequence of up to MAX_WORDS non-overlapping candidates that reads as a phrase."""
    by_start: dict[int, list[Placement]] = {}
    for p in candidates:
        by_start.setdefault(p.start, []).append(p)
    later = sorted(by_start)
    # Words that read on their own pair up without the phrase rules (the common case).
    plain = {
        id(p)
        for p in candidates
        if p.end - p.start >= MIN_WORD and p.kind != "name" and p.word not in FUNCTION_WORDS
    }
    options: list[tuple[Placement, ...]] = []
    for a in candidates:
        if id(a) in plain or phrase_reads((a,)):
            options.append((a,))
        if a.cut:
            continue
        for position in later[bisect_left(later, a.end) :]:
            for b in by_start[position]:
                if (id(a) in plain and id(b) in plain) or phrase_reads((a, b)):
                    options.append((a, b))
                if position == a.end and not b.cut:
                    for c in by_start.get(b.end, ()):
                        if phrase_reads((a, b, c)):
                            options.append((a, b, c))
    return options


def spell(
    number: NumberLayout,
    index: WordIndex | None = None,
    *,
    limit: int = 5,
    blocked: frozenset[str] | None = None,
) -> list[Spelling]:
    """The best ways to spell `number` with words, best first (at most `limit`).

    Single words of three letters or more, or phrases of up to three words (two-letter
    words inside phrases only); a last word may run past the number when 6+ of its
    letters fit. Nothing that shows a blocked word is offered.
    """
    index = word_index() if index is None else index
    blocked = blocked_terms() if blocked is None else blocked
    scored = []
    for option in _phrases(_candidates(number, index)) + _cut_phrases(number, index):
        known, common = _known_pairs(number, index, option)
        score, frequency, letters = _measure(number, option, known)
        # Best first; equal scores: the commoner phrase (HOME-CARE before GOOD-CARE), then
        # commoner words, more letters, earlier, then by word.
        scored.append((-score, -common, -frequency, -letters, option))
    scored.sort()
    spellings: list[Spelling] = []
    for negative, _, _, _, option in scored:
        words = tuple(p.word for p in option)
        if reads_blocked(words, blocked):
            continue
        text = spelled_form(number, [(p.start, p.word) for p in option], advertised=True)
        spellings.append(Spelling(text, words, round(-negative, 2), option))
        if len(spellings) >= limit:
            break
    return spellings


# -- memorable digits ------------------------------------------------------------------


class Memorability(NamedTuple):
    """How easy a number's digits are to remember, 0..1, and why."""

    score: float
    reasons: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        """`{"score": 0.68, "reasons": ["repeats 5555", "run 1234"]}`."""
        return {"score": self.score, "reasons": list(self.reasons)}


def _longest(digits: str, step: int) -> tuple[int, int]:
    """(start, length) of the longest run whose digits go up by `step` (0: repeat)."""
    best = (0, 1)
    start = 0
    for i in range(1, len(digits) + 1):
        if i < len(digits) and (int(digits[i]) - int(digits[i - 1])) % 10 == step % 10:
            continue
        if i - start > best[1]:
            best = (start, i - start)
        start = i
    return best


def memorability(number: NumberLayout) -> Memorability:
    """How memorable the digits after the area code are, from repeats (222-2222), runs
    (1234, 9876), years (2020), mirrored halves (1221), repeated pairs (4545), few
    distinct digits and round endings (7000); 836-4917 has none of them."""
    digits = number.national[number.subscriber_start :] or number.national
    size = len(digits)
    if size < 4:
        return Memorability(0.0, ())
    found: list[tuple[float, str]] = []

    def strength(length: int) -> float:
        share: float = ((length - 2) / (size - 2)) ** 0.7
        return min(1.0, share)

    zeros = size - len(digits.rstrip("0"))
    rounded = 2 <= zeros < size  # 7000: a round ending, said below rather than as a repeat
    start, length = _longest(digits[: size - zeros] if rounded else digits, 0)
    if length >= 3:
        found.append((strength(length), f"repeats {digits[start : start + length]}"))
    for step in (1, -1):
        start, length = _longest(digits, step)
        if length >= 3:
            found.append((0.9 * strength(length), f"run {digits[start : start + length]}"))
    tail = digits[-4:]
    if 1900 <= int(tail) <= 2039:
        found.append((0.35, f"year {tail}"))
    distinct = len(set(digits))
    if digits == digits[::-1] and distinct > 1:
        found.append((0.6, f"mirrored {digits}"))
    elif tail == tail[::-1] and len(set(tail)) > 1:
        found.append((0.3, f"mirrored {tail}"))
    if size >= 6 and digits[-6:-3] == digits[-3:] and len(set(digits[-3:])) > 1:
        found.append((0.45, f"pattern {digits[-6:]}"))
    elif tail[:2] == tail[2:] and tail[0] != tail[1]:
        found.append((0.35, f"pattern {tail}"))
    if 2 <= distinct <= 3:
        found.append(({2: 0.5, 3: 0.25}[distinct], f"{distinct} distinct digits"))
    if rounded:
        found.append((0.2 if zeros == 2 else 0.35, f"round {digits[-zeros - 1 :]}"))
    missing = 1.0
    for value, _ in found:
        missing *= 1.0 - value
    reasons = tuple(reason for _, reason in sorted(found, key=lambda f: -f[0]))
    return Memorability(round(1.0 - missing, 2), reasons)


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
    body = letters_pattern.removesuffix("$")
    if body.startswith("+"):  # anchored: its country code is not part of the span
        body = body[1 + len(number.country_code) :]
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
    """One result with its pattern's place, its spelled form, its score and (ranked)
    how memorable its digits are."""
    if not number.phone_number:
        return number
    try:
        shape = layout(number.phone_number, number.iso_country or default_country)
    except InvalidInput:
        return number  # a number phonenumbers cannot read keeps its plain form
    if rank:
        number = number._replace(memorability=memorability(shape).to_json())
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


def rank_value(number: AvailableNumber) -> float:
    """What `--rank` orders by: the better of the word score and the memorability score."""
    memo = number.memorability or {}
    memo_score: float = float(memo.get("score") or 0.0)
    return max(number.score or 0.0, memo_score)


def annotate(
    numbers: Sequence[AvailableNumber],
    *,
    pattern: str | None,
    letters: str | None,
    rank: bool,
    default_country: str,
) -> list[AvailableNumber]:
    """Mark where the searched pattern sits in each result; spell the searched word over
    it (`vanity`); with `rank`, score every result (`score` for words, `memorability`
    for digits) and order them by the better of the two, best first."""
    index = word_index() if rank and not letters else None
    marked = [_mark(n, pattern, letters, rank, index, default_country) for n in numbers]
    if not rank:
        return marked
    return sorted(marked, key=lambda n: -rank_value(n))  # stable: ties keep Twilio's order


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
