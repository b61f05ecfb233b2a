"""Vanity numbers (pure): numbers spelled back into words, a searched word laid over
the results that hold it, search results marked and ranked, and what `numsearch vanity`
was asked.

Words come from the word index (`numsearch.words`), a number's groups from
`numsearch.number_layout`, and how memorable its digits are from `numsearch.memorability`.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Sequence
from functools import lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING, Any, NamedTuple

from numsearch.countries import normalize_country
from numsearch.errors import InvalidInput
from numsearch.keypad import keypad_digits, pattern_regex
from numsearch.memorability import memorability, memorable_run
from numsearch.number_layout import NumberLayout, layout, spelled_form
from numsearch.untrusted import quoted
from numsearch.words import (
    FUNCTION_WORDS,
    MIN_CUT,
    OPEN_LEADS,
    PROPER_KINDS,
    Word,
    WordIndex,
    blocked_terms,
    reads_blocked,
    word_index,
)

if TYPE_CHECKING:
    from numsearch.models import AvailableNumber

MIN_WORD = 3  # a word standing alone; two-letter words only inside phrases
MAX_WORDS = 3  # in one spelling: FLOWERS, GET-HELP, GO-TO-BED; more reads as a puzzle
WORDS_PER_SLOT = 3  # alternatives kept for each run of digits
# Words side by side read as a phrase when every two of them go together (see _links:
# the web's word-pair counts, PIT-BULL, HOME-DEPOT; a word that opens a phrase with
# nearly any word, MY-APPLE). Words that make no phrase (VAN-BOSS, GIG-HELP, MID-WHY)
# are more often a coincidence of the digits than a phrase: such a chain reads only as
# well as its weakest word, and costs LOOSE_PHRASE, so that one common word and digits
# (273-TALK, MID-9499) go before it.
LOOSE_PHRASE = 0.85
COVERAGE_POWER = 0.5  # how much the digits left uncovered cost
PIECE_COST = 0.35  # what each further word or run of digits costs
FUNCTION_PIECE_SAVING = 0.5  # a function word costs half a piece
# A memorable run of digits (444, 2345, 7000, 1990) reads as one chunk, as ads keep it:
# it costs half a piece (1-800-444-HELP, not GIG-HELP).
MEMORABLE_PIECE_SAVING = 0.5
# A cut word drops letters a caller cannot dial: one, as ads do (MATTRES-S, HOME-CAR-E),
# costs like a two-letter word; each further one (FOR-CASU-AL) costs much more.
DROPPED_LETTER = 0.9
KNOWN_PIECE_SAVING = 0.5  # a pair of the phrase list (PIT-BULL, SO-EASY) reads as one
DIGIT_WORDS = {"2": "TO", "4": "FOR"}  # as ads use them: 1-800-2-DINERS, KARS-4-KIDS
# Brands, first names and acronyms are admitted because a list names them, not for
# their frequency, which only ranks them. wordfreq counts one way of writing a name
# (ATT, not AT&T; UHAUL, not U-HAUL), so a name reads as common as a word one Zipf more
# frequent; it then weighs PROPER_WEIGHT of that word.
PROPER_ZIPF_BONUS = 1.0
PROPER_WEIGHT = 0.9


# -- spelling --------------------------------------------------------------------------


class Placement(NamedTuple):
    """A word laid over national digits [start, end)."""

    word: str
    start: int
    end: int  # for a cut word, the number's end: the rest of its letters go beyond
    weight: float  # how common the word is, 0..1
    cut: bool = False  # the number holds only the first letters of `word` (MATTRES-S)
    zipf: float = 0.0  # its Zipf frequency, to break ties between equal weights
    kind: str = "word"  # "word", "brand", "name" or "abbr"


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
    more -> 1); brands, first names and acronyms as PROPER_WEIGHT of a word
    PROPER_ZIPF_BONUS commoner."""
    if proper:
        return word_weight(zipf + PROPER_ZIPF_BONUS) * PROPER_WEIGHT
    return 0.55 + 0.45 * min(max((zipf - 2.0) / 3.0, 0.0), 1.0)


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
        if p.word == "AN" and follows and placements[i + 1].word[0] not in "AEIOU":
            return False  # AN-CALL: AN goes before a vowel
        after = i > 0 and placements[i - 1].end == p.start
        fits = {"lead": follows, "tail": after, "both": follows or after}
        if not fits.get(role, follows and after):  # "middle": both sides
            return False
    return True


def _raw_score(number: NumberLayout, placements: Sequence[Placement]) -> float:
    """The score of words the user chose: they read as the phrase they typed."""
    return _measure(number, placements, _TYPED)[0]


class Gaps(NamedTuple):
    """How a spelling leaves its digits: runs of digits (memorable ones among them), and
    lone 2s and 4s read as TO and FOR."""

    runs: int
    digit_words: int
    memorable: int = 0  # runs read as one chunk: 444, 2345, 7000, 1990
    memorable_digits: int = 0


def _gaps_read(number: NumberLayout, placements: Sequence[Placement]) -> Gaps:
    """The runs of digits left between or around the words (and which are memorable),
    and the lone 2s and 4s that read as TO and FOR: before a word that carries meaning,
    with only words after them to the end of the number, as in 1-800-2-DINERS and
    KARS-4-KIDS, not 2-SONG-90."""
    digits = number.national
    groups = number.group_starts
    runs = digit_words = memorable = memorable_digits = 0
    previous = number.subscriber_start
    for p in placements:
        if p.start > previous:
            lone = p.start - previous == 1 and digits[previous] in DIGIT_WORDS
            if lone and p.word not in FUNCTION_WORDS:
                digit_words += 1
            else:
                chunks, remembered = _digit_run(digits, groups, previous, p.start)
                runs += chunks + digit_words  # the 2s and 4s before them are digits too
                digit_words = 0
                memorable += remembered > 0
                memorable_digits += remembered
        previous = p.end
    if previous < len(digits):
        chunks, remembered = _digit_run(digits, groups, previous, len(digits))
        runs += chunks + digit_words
        digit_words = 0
        memorable += remembered > 0
        memorable_digits += remembered
    return Gaps(runs, digit_words, memorable, memorable_digits)


@lru_cache(maxsize=4096)  # a number's spellings leave the same few runs over and over
def _digit_run(digits: str, groups: frozenset[int], start: int, end: int) -> tuple[int, int]:
    """How a run of digits [start, end) left as digits reads: in how many chunks, and
    how many of its digits are one memorable chunk (0 when it is none). Digits are read
    in the number's groups, so a run across a break is two chunks (the 621 and the 3 of
    1-800-621-3-DOC, against 1-800-621-FEMA)."""
    chunks = 1 + sum(1 for g in groups if start < g < end)
    return chunks, end - start if memorable_run(digits[start:end]) else 0


def _measure(
    number: NumberLayout, placements: Sequence[Placement], links: Links | None = None
) -> tuple[float, float, int]:
    """(score, how common the meaningful words are per letter, letters) of a spelling
    whose words side by side go together as `links` says (see _links; None: none of
    them do)."""
    start = number.subscriber_start
    ends = len(number.national)
    length = ends - start
    if not placements or length <= 0:
        return 0.0, 0.0, 0
    letters = meaning = aligned = 0
    weighted = frequency = 0.0
    costs = 0  # two-letter and cut words read a little less easily than whole, longer ones
    dropped = 0  # letters of cut words past the first that the number leaves out
    functions = 0
    glued = len(placements) == 1 or (links is not None and links.phrase)
    weakest = 1.0
    group_starts = number.group_starts
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
            continue
        # How common a spelling reads is how common its words that carry the meaning are
        # (BE-GOERS is no commoner than GOERS); ties break on them too.
        meaning += size
        weighted += size * p.weight
        frequency += size * p.zipf
        if p.weight < weakest:
            weakest = p.weight
    if not meaning:  # function words only (GO-AND-GO): they are what it has
        meaning = letters
        weighted = sum((p.end - p.start) * p.weight for p in placements)
    # Words that make no phrase read only as well as the weakest of them.
    common = weighted / meaning if glued else weakest * LOOSE_PHRASE
    gaps = _gaps_read(number, placements)
    coverage = min((letters + gaps.digit_words) / length, 1.0)
    pieces = _pieces(len(placements), functions, gaps, links)
    fragmentation = 1.0 / (1.0 + PIECE_COST * (pieces - 1))
    alignment = 0.9 + 0.1 * aligned / len(placements)
    penalty = 0.97**costs * DROPPED_LETTER**dropped
    score: float = coverage**COVERAGE_POWER * common * fragmentation * alignment * penalty
    return score, frequency / letters, letters


def _pieces(words: int, functions: int, gaps: Gaps, links: Links | None) -> float:
    """How many pieces a spelling of `words` words (`functions` of them function words)
    reads in: each word and run of digits is one, but a function word that goes with its
    neighbour is half of one (MY-APPLE, GO-FEDEX), and so is a lone 2 or 4 (2-DINERS); a
    known phrase reads as one piece (PIT-BULL), and a memorable run of digits as half a
    piece (444-HELP)."""
    known = links.known if links else 0
    loose_functions = links.loose_functions if links else 0
    return (
        words
        + gaps.runs
        + gaps.digit_words
        - FUNCTION_PIECE_SAVING * (functions - loose_functions + gaps.digit_words)
        - MEMORABLE_PIECE_SAVING * gaps.memorable
        - KNOWN_PIECE_SAVING * known
    )


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
    """The WORDS_PER_SLOT commonest dictionary words of a slot, and its commonest brand,
    acronym and first name: they play other parts (a name only follows a word), so a
    common name (IAN for 426) does not crowd out a brand (IBM)."""
    if len(words) <= WORDS_PER_SLOT:
        return words
    best: list[Word] = []
    counts = {"word": 0, **dict.fromkeys(PROPER_KINDS, WORDS_PER_SLOT - 1)}
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


class Links(NamedTuple):
    """How a spelling's words side by side go together."""

    known: int  # pairs the phrase list has as phrases (PIT-BULL; a cut phrase is one)
    frequency: float  # the Zipf frequencies of its known phrases and pairs (THE-CARD)
    phrase: bool  # every two words side by side go together: it reads as one phrase
    loose_functions: int  # function words beside a word they make no phrase with


_ALONE = Links(0, 0.0, phrase=False, loose_functions=0)  # one word: nothing side by side
_TYPED = Links(0, 0.0, phrase=True, loose_functions=0)  # the user's own words: a phrase


def _links(number: NumberLayout, index: WordIndex, option: Sequence[Placement]) -> Links:
    """Which of `option`'s words side by side go together (see _goes_with), and so
    whether it reads as a phrase: words apart (digits between them) never do."""
    known, frequency = 0, 0.0
    linked = loose = 0
    for a, b in pairwise(option):
        if a.end != b.start or a.cut:
            continue
        digits = number.national[a.start : b.end]
        phrase = index.known_phrase(digits, a.word, b.word, cut=b.cut)
        if phrase is not None:
            known += phrase.kind == "phrase"
            frequency += phrase.zipf
            linked += 1
        elif _goes_with(a, b):
            linked += 1
        else:
            loose += (a.word in FUNCTION_WORDS) + (b.word in FUNCTION_WORDS)
    return Links(known, frequency, len(option) > 1 and linked == len(option) - 1, loose)


def _goes_with(a: Placement, b: Placement) -> bool:
    """Whether two words side by side that the phrase list does not have still make a
    phrase: a word that opens a phrase with nearly any word (a determiner, a preposition,
    GO or DO: MY-APPLE, AT-WELLS, GO-FEDEX, DO-LUNCH) before a word that carries
    meaning, or the same word twice (RING-RING). Other function words make a phrase
    only as the phrase list has them (CALL-ME, SO-EASY; not HE-THEFT, IS-GRANT)."""
    return a.word == b.word or (a.word in OPEN_LEADS and b.word not in FUNCTION_WORDS)


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
                # Two names and nothing else make no phrase (HEB-DHL, GARY-ANNE).
                names = a.kind in PROPER_KINDS and b.kind in PROPER_KINDS
                if not names and ((id(a) in plain and id(b) in plain) or phrase_reads((a, b))):
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
        links = _links(number, index, option) if len(option) > 1 else _ALONE
        score, frequency, letters = _measure(number, option, links)
        # Best first; equal scores: the commoner phrase (HOME-CARE before GOOD-CARE), then
        # commoner words, more letters, earlier, then by word.
        scored.append((-score, -links.frequency, -frequency, -letters, option))
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


def spell_number(number: str, *, top: int = 5, country: str = "US") -> list[Spelling]:
    """The best ways to spell a phone number with words, best first (at most `top`):
    `numsearch.spell("+18003569377")[0].text` is `1-800-FLOWERS`. `number` in E.164, or
    national in `country`; InvalidInput when it is not a number."""
    if not 1 <= top <= MAX_TOP:
        raise InvalidInput(f"top must be 1 to {MAX_TOP}, not {top}")
    return spell(layout(number, normalize_country(country)), limit=top)


def word_pattern(word: str) -> str:
    """A word's keypad pattern (`STORM` -> `78676`), or InvalidInput for one that no
    phone number could hold."""
    try:
        pattern = keypad_digits(word)
    except InvalidInput as exc:
        raise InvalidInput(f"vanity: {exc.message}") from None
    if not pattern:
        raise InvalidInput(
            f"vanity: {quoted(word)} has no letters or digits to turn into a pattern"
        )
    if len(pattern) > MAX_DIGITS:
        raise InvalidInput(
            f"vanity: {quoted(word)} needs {len(pattern)} digits, but no phone number has more than"
            f" {MAX_DIGITS}"
        )
    return pattern
