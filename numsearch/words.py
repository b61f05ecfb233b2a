"""The words numsearch spells with (pure): the word index and its data files, and
the words no business wants.

The word index (`data/words.idx`, built by scripts/build_wordlist.py) maps keypad
digits to the words they spell with their Zipf frequency (SCOWL decides what is a
word, wordfreq how common it is; brands and first names are marked), most common
first; it is read once, on the first spelling, and never for a plain `vanity WORD`.
`data/blocked.txt` holds the words no spelling may show, even across its words.
"""

from __future__ import annotations

import mmap
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import NamedTuple

from numsearch.keypad import keypad_digits

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
# The function words that open a phrase with nearly any word after them, whether or not
# the phrase list has the two (MY-APPLE, AT-WELLS, GO-FEDEX, DO-LUNCH): determiners,
# prepositions, and GO and DO. The others (HE, IS, OR, SO…) make a phrase only as the
# phrase list has it (SO-EASY, CALL-ME; not HE-THEFT).
OPEN_LEADS = frozenset({
    "THE", "MY", "YOUR", "OUR", "ITS", "HIS", "THEIR", "AN", "TO", "FOR", "AT", "BY",
    "FROM", "WITH", "IN", "ON", "OF", "INTO", "ONTO", "GO", "DO",
})  # fmt: skip


# -- the word index ------------------------------------------------------------------


PROPER_KINDS = ("brand", "name", "abbr")


class Word(NamedTuple):
    """A word the index knows: its letters, how common it is, and what kind it is."""

    text: str  # upper case: FLOWERS
    zipf: float  # wordfreq's Zipf frequency: 7 for THE, 4.6 for FLOWERS, 1 for the rarest
    # "word" (dictionary), "brand" (FEDEX), "name" (GARY), "abbr" (an acronym or
    # abbreviation people write: USA, FAQ, FEMA); for two words (PIT_BULL), "phrase" when
    # they go together more often than chance (or are a name of two words: HOME_DEPOT),
    # "pair" when the web's list has them only as a function word and the word after it
    # (THE_CARD).
    kind: str = "word"

    @property
    def proper(self) -> bool:
        """A brand, a first name or an acronym rather than a dictionary word."""
        return self.kind in PROPER_KINDS


def _parse_item(item: str) -> Word:
    text = item[2:]
    if "_" in text or "+" in text:
        kind = "phrase" if "_" in text else "pair"
        text = text.replace("+", "_")
    elif text.endswith("."):
        kind, text = "abbr", text[:-1]
    else:
        kind = "word" if text.islower() else "brand" if text.isupper() else "name"
    return Word(text.upper(), int(item[:2]) / 10, kind)


def _key_and_words(line: str) -> tuple[str, str]:
    key, _, words = line.partition(" ")
    return key, words


def index_item(word: str, zipf: float, kind: str = "word") -> str:
    """A word as the index file writes it: `46flowers`, `34FEDEX` (brand), `44Gary`
    (name), `52USA.` (abbr), `22pit_bull` (a phrase, given as "pit bull"), `36the+card`
    (a pair)."""
    text = {
        "word": word.lower(),
        "brand": word.upper(),
        "name": word.capitalize(),
        "abbr": word.upper() + ".",
        "phrase": word.lower().replace(" ", "_"),
        "pair": word.lower().replace(" ", "+"),
    }[kind]
    return f"{round(min(max(zipf, 1.0), 9.9) * 10):02d}{text}"


def phrase_cut_keys(first: str, second: str, *, name: bool = False) -> list[str]:
    """The index keys under which the phrase FIRST SECOND is found cut, as ads cut it:
    `4663227+>` for HOME CARE (1-800-HOME-CARE on 800-466-3227). The first word stays
    whole, the last word (no function word) loses its last letter, and 6+ of the letters
    left are those of words that carry the meaning (not AS-SOLI-D); a name of two words
    (`name`) may lose more of its last word, as ads cut it: `4663337+>` for HOME DEPOT
    (1-800-HOME-DEPOT on 800-466-3337). None for a phrase that cannot be cut."""
    if second.upper() in FUNCTION_WORDS:
        return []
    digits = keypad_digits(first + second)
    meaning_first = 0 if first.upper() in FUNCTION_WORDS else len(first)
    shortest = len(first) + 1 if name else len(digits) - 1
    return [
        digits[:kept] + "+>"
        for kept in range(shortest, len(digits))
        if meaning_first + kept - len(first) >= MIN_CUT
    ]


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
        body: bytes | mmap.mmap = b"",
        buckets: dict[str, tuple[int, int]] | None = None,
    ) -> None:
        self._entries = entries if entries is not None else {}  # digits -> "46flowers 20…"
        self._body = body  # "…\nKEY words\nKEY words…\n", searched within buckets
        self._buckets = buckets or {}  # a key's first BUCKET characters -> span of `body`
        self._parsed: dict[str, list[Word]] = {}

    @classmethod
    def parse(cls, data: str | bytes | mmap.mmap) -> WordIndex:
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
        (their words must be entries too), ("home depot", 2.3, "brand") a name of two
        words; ("usa", 5.3, "abbr") an acronym."""
        grouped: dict[str, list[tuple[float, str]]] = {}
        for entry in words:
            word, zipf = entry[0], float(entry[1])
            kind = str(entry[2]) if len(entry) > 2 else "phrase" if " " in word else "word"
            name = " " in word and kind == "brand"  # a name of two words: HOME DEPOT
            kind = "phrase" if name else kind
            item = index_item(word, zipf, kind)
            rank = zipf - (0.5 if kind in PROPER_KINDS else 0.0)
            digits = keypad_digits(word.replace(" ", ""))
            if kind in ("phrase", "pair"):
                grouped.setdefault(digits + "+", []).append((rank, item))
                for cut in phrase_cut_keys(*word.split(" "), name=name):
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
        """Known phrases longer than `digits` that begin with them (HOME_CARE for
        4663227), most common first: see phrase_cut_keys."""
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
    from importlib.resources import files

    path = Path(__file__).parent / "data" / name
    if path.is_file():
        return path.read_bytes()

    return files("numsearch").joinpath(f"data/{name}").read_bytes()


def _data_text(name: str) -> str:
    """A bundled data file's text."""
    return _data_bytes(name).decode("utf-8")


@cache
def word_index() -> WordIndex:
    """The bundled index (read once per process, searched in place, never decoded whole).

    Mapped into memory when it is a file: a spelling reads only the pages of the buckets
    it searches, not all 5 MB."""
    path = Path(__file__).parent / "data" / "words.idx"
    if path.is_file():
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
    """Whether a spelling shows a blocked word: one of its words, or a blocked word
    across its words when they are read together (HOOK-ERS, MY-ASSHAT, LLC-UMP). Forms
    of blocked words (CUMS, HOOKERS) never reach a spelling: the index leaves them out.
    """
    if any(word.lower() in blocked for word in words):
        return True
    joined = "".join(words).lower()
    position = 0
    for word in words[:-1]:
        position += len(word)  # a boundary between two words
        for start in range(max(0, position - 14), position):
            for end in range(max(position + 1, start + 3), min(len(joined), start + 15) + 1):
                if joined[start:end] in blocked:
                    return True
    return False
