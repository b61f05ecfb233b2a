"""How well `--all` sweeps: requests against a perfect splitter, and wall time.

    python benchmarks/sweep.py [--delay-ms 100] [--concurrency 4] [--runs 3]

It starts `numsearch sandbox serve --delay MS` in strict mode (every answer late by
MS, as a distant API; Contains shapes the spec forbids refused) with a fresh state
directory, and runs whole `numsearch ... --all` processes against it, as a user would
(NUMSEARCH_API_URL). For each case it reports:

- requests sent, numbers found (checked equal to the oracle's answer: the sandbox's whole
  stock filtered by tests/support/oracle.py's brute-force matcher);
- the perfect splitter's minimum: a splitter that knew the inventory and asked, of the
  same narrower searches (at each split, the best of the sweep's ways to split), only the
  coarsest complete ones (no search that comes back full, none that comes back empty);
  and, for scale, the floor no splitter can beat,
  ceil(numbers / (cap - 1)), since a complete answer holds at most cap - 1 numbers;
- wall time of the whole process (median of --runs) against requests x delay / concurrency.

Goals: requests at most 1.5x the perfect splitter's; wall time within 1.3x of
requests x 0.1 s / 4 (for sweeps of more requests than levels of splitting).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from numsearch import sweep  # noqa: E402
from numsearch.query import SearchFilters, SearchQuery, build_query  # noqa: E402
from numsearch.sandbox import SANDBOX_ACCOUNT_SID  # noqa: E402
from numsearch.spec_limits import DEFAULT_ANSWER_CAP  # noqa: E402
from tests.support import oracle  # noqa: E402


class Case(NamedTuple):
    name: str
    args: tuple[str, ...]
    command: str
    country: str
    filters: dict[str, object]
    expect: dict[str, str]  # the oracle's filters


CASES = [
    Case("a whole area code: local --area-code 510", ("local", "--area-code", "510"),
         "local", "US", {"area_code": ["510"]}, {"area_code": "510"}),
    Case("a word across the US: local US --contains STORM", ("local", "US", "--contains", "STORM"),
         "local", "US", {"contains": "STORM"}, {"contains_pattern": "STORM"}),
    Case("all of toll-free: tollfree", ("tollfree",), "tollfree", "US", {}, {}),
    Case("a word in toll-free: tollfree --contains EPIC", ("tollfree", "--contains", "EPIC"),
         "tollfree", "US", {"contains": "EPIC"}, {"contains_pattern": "EPIC"}),
    Case("a whole country: mobile GB", ("mobile", "GB"), "mobile", "GB", {}, {}),
    Case("a state: local US --in-region AR", ("local", "US", "--in-region", "AR"),
         "local", "US", {"in_region": "AR"}, {"region": "AR"}),
]  # fmt: skip


def asked(query: SearchQuery, part: sweep.Part, numbers: list[str]) -> list[str]:
    """The numbers a part's search matches, read from what it sends (AreaCode, Contains)
    by the oracle's matcher."""
    params = sweep.params_of(part, query)
    code = oracle.country_code_of(query.country)
    prefix = f"+1{params['AreaCode']}" if "AreaCode" in params else "+"
    return [
        n
        for n in numbers
        if n.startswith(prefix)
        and ("Contains" not in params or oracle.contains(params["Contains"], n, code))
    ]


def perfect(query: SearchQuery, numbers: set[str], cap: int) -> int:
    """The fewest searches of the sweep's own trees (at each split, the best of its ways
    to split) whose answers are all complete and together hold `numbers`: a splitter
    that knew the inventory, asked no search that comes back full or empty."""

    def cost(part: sweep.Part, inside: list[str]) -> int:
        if not inside:
            return 0
        if len(inside) < cap:
            return 1
        return min(
            sum(cost(child, asked(query, child, inside)) for child in children)
            for children in sweep.candidates(part, query)
        )

    everything = sorted(numbers)
    return sum(cost(root, asked(query, root, everything)) for root in sweep.roots(query))


def serve(delay_ms: int, state: str) -> tuple[subprocess.Popen[str], str]:
    env = {**os.environ, "XDG_STATE_HOME": state, "NUMSEARCH_SANDBOX_STRICT": "1"}
    server = subprocess.Popen(
        [sys.executable, "-m", "numsearch", "sandbox", "serve", "--port", "0", "--quiet",
         "--delay", str(delay_ms)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env,
    )  # fmt: skip
    assert server.stdout is not None
    url = server.stdout.readline().strip()
    return server, url


def run(case: Case, url: str, concurrency: int, state: str) -> tuple[float, float, int, set[str]]:
    env = {
        **os.environ,
        "NUMSEARCH_API_URL": url,
        "TWILIO_ACCOUNT_SID": SANDBOX_ACCOUNT_SID,
        "TWILIO_AUTH_TOKEN": "sandbox",
        "XDG_STATE_HOME": state,
    }
    argv = [sys.executable, "-m", "numsearch", *case.args, "--all", "-o", "json",
            "--concurrency", str(concurrency), "--max-requests", "2000"]  # fmt: skip
    started = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, text=True, env=env, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise RuntimeError(f"{case.name}: exit {done.returncode}: {done.stderr}")
    summary = re.search(r"sweep: (\d+) requests?, .* complete in ([0-9.]+) s", done.stderr)
    if summary is None:
        raise RuntimeError(f"{case.name}: no complete sweep: {done.stderr}")
    found = {record["phone_number"] for record in json.loads(done.stdout)}
    return elapsed, float(summary.group(2)), int(summary.group(1)), found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delay-ms", type=int, default=100)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    cap = DEFAULT_ANSWER_CAP
    rows = []
    with tempfile.TemporaryDirectory() as state:
        server, url = serve(args.delay_ms, state)
        try:
            run(CASES[0], url, args.concurrency, state)  # the server makes its stock once
            for case in CASES:
                query = build_query(case.command, case.country, SearchFilters(**case.filters))  # type: ignore[arg-type]
                expected = oracle.answer(case.country, query.number_type.key, **case.expect)  # type: ignore[arg-type]
                times, own, requests = [], [], 0
                for _ in range(args.runs):
                    elapsed, swept, requests, found = run(case, url, args.concurrency, state)
                    if found != expected:
                        raise RuntimeError(
                            f"{case.name}: {len(found)} found, {len(expected)} exist"
                        )
                    times.append(elapsed)
                    own.append(swept)
                best = perfect(query, expected, cap)
                floor = math.ceil(len(expected) / (cap - 1))
                ideal = requests * args.delay_ms / 1000 / args.concurrency
                wall, sweeping = statistics.median(times), statistics.median(own)
                rows.append(
                    (case.name, requests, len(expected), best, floor, wall, sweeping, ideal)
                )
        finally:
            server.terminate()
            server.wait()
    print(f"delay {args.delay_ms} ms per request, --concurrency {args.concurrency}, cap {cap},"
          f" median of {args.runs} runs\n")  # fmt: skip
    print("| sweep | requests | numbers | perfect splitter | ratio | floor |"
          " requests x delay / concurrency | wall time (process) | ratio | the sweep alone |"
          " ratio |")  # fmt: skip
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for name, requests, count, best, floor, wall, sweeping, ideal in rows:
        print(f"| {name} | {requests} | {count} | {best} | {requests / best:.2f}x | {floor} |"
              f" {ideal:.2f} s | {wall:.2f} s | {wall / ideal:.2f}x | {sweeping:.2f} s |"
              f" {sweeping / ideal:.2f}x |")  # fmt: skip


if __name__ == "__main__":
    main()
