"""How long `numsearch vanity --spell -` takes for 1,000 numbers, as a whole process.

    python benchmarks/spell.py [--runs 15] [--numsearch PATH]

Baseline, measured in the same run and interleaved: the same command spelling one
number, which pays for start-up and for loading the word index. The difference of
the medians is the work of spelling the other 999 numbers. Goals (whole process):
one number under 120 ms, 1,000 numbers under 300 ms.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from timing import Case, machine, ms, time_interleaved

AREA_CODES = ["212", "415", "510", "617", "800", "833", "844", "855", "866", "877", "888"]


def numbers(count: int, seed: int = 7) -> bytes:
    """`count` deterministic, valid-looking NANP numbers, one a line."""
    rng = random.Random(seed)
    lines = [
        f"+1{rng.choice(AREA_CODES)}{rng.randint(2, 9)}{rng.randint(0, 99):02d}"
        f"{rng.randint(0, 9999):04d}"
        for _ in range(count)
    ]
    return ("\n".join(lines) + "\n").encode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--numsearch", help="the numsearch command to time (a work tree's venv)")
    args = parser.parse_args()
    # The benchmark venv of run.py when it exists (numsearch installed as users install
    # it), else whatever numsearch is on PATH.
    bench = Path(__file__).resolve().parent.parent / ".tools" / "bench-venv" / "bin" / "numsearch"
    numsearch = args.numsearch or (
        str(bench) if bench.exists() else shutil.which("numsearch") or "numsearch"
    )
    command = [numsearch, "vanity", "--spell", "-", "-o", "jsonl"]
    one = Case("1 number (start-up + word index)", command, numbers(1))
    thousand = Case("1,000 numbers", command, numbers(1000))
    time_interleaved([one, thousand], runs=args.runs)
    print(f"machine: {machine()}")
    print(f"{'case':36} {'median':>8} {'min':>8} {'max':>8}")
    for case in (one, thousand):
        print(
            f"{case.name:36} {ms(case.median):>8} {ms(min(case.times)):>8} {ms(max(case.times)):>8}"
        )
    work = thousand.median - one.median
    print(f"spelling 999 more numbers: {ms(work)} (ratio {thousand.median / one.median:.2f}x)")
    for case, goal in ((one, 0.120), (thousand, 0.300)):
        met = "met" if case.median < goal else "NOT met"
        print(f"goal {case.name}: under {ms(goal)}: {met}")


if __name__ == "__main__":
    main()
