"""numsearch's speed, measured as whole processes against baselines in the same run.

    python benchmarks/run.py [--runs 25] [--venv .tools/bench-venv]

It builds (once) a virtualenv with numsearch installed from this checkout the way a
user installs it (`pip install .`, not editable) and the official helper library
(twilio==9.13.0), starts its own loopback servers, then times every case after a
warm-up, interleaved run by run with its baselines, and prints medians, min, max,
the ratios and whether each target is met. No timing is asserted in the tests.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

from timing import Case, machine, ms, peak_rss_kib, serve_json, time_interleaved

ROOT = Path(__file__).resolve().parent.parent
BASELINES = ROOT / "benchmarks" / "baselines"
SID = "AC" + "b" * 32
FAN_OUT_DELAY = 0.2  # seconds the slow server takes per answer
AREA_CODES_20 = [
    "201", "202", "203", "205", "206", "207", "208", "209", "210", "212",
    "213", "214", "215", "216", "217", "218", "219", "224", "225", "228",
]  # fmt: skip


def number(area_code: str, i: int) -> dict[str, Any]:
    return {
        "friendly_name": f"({area_code}) 555-01{i:02d}",
        "phone_number": f"+1{area_code}55501{i:02d}",
        "lata": "722", "rate_center": "OKLD", "latitude": "37.804400",
        "longitude": "-122.270800", "locality": "Oakland", "region": "CA",
        "postal_code": "94612", "iso_country": "US", "address_requirements": "none",
        "beta": False, "capabilities": {"voice": True, "SMS": True, "MMS": True},
    }  # fmt: skip


def serve(delay: float) -> ThreadingHTTPServer:
    """A loopback Twilio that answers every search with 30 numbers (after `delay`)."""

    def answer(path: str) -> bytes:
        url = urlsplit(path)
        area = parse_qs(url.query).get("AreaCode", ["510"])[0]
        numbers = [number(area, i) for i in range(30)]
        if delay:
            time.sleep(delay)
        return json.dumps({"available_phone_numbers": numbers, "uri": url.path}).encode()

    return serve_json(answer)


def url(server: ThreadingHTTPServer) -> str:
    host, port = server.server_address[:2]
    return f"http://{host}:{port}"


def ensure_venv(venv: Path) -> Path:
    """The benchmark's own environment: numsearch as users install it, plus twilio."""
    python = venv / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         f"{ROOT}[bench]"],
        check=True,
    )  # fmt: skip
    return python


SEARCH_ARGS = ["local", "US", "--area-code", "510", "-o", "json"]


def make_cases(python: Path, env: dict[str, str], slow_env: dict[str, str]) -> dict[str, Case]:
    """Every case by a short name: numsearch's and its baselines'."""
    numsearch = str(python.parent / "numsearch")
    minimal = [str(python), str(BASELINES / "minimal_typer.py")]
    # The sandbox answers the same search in-process, its purchases (none) in a state
    # directory of its own.
    sandbox_env = {**env, "XDG_STATE_HOME": tempfile.mkdtemp(prefix="numsearch-bench-")}
    area_codes = ",".join(AREA_CODES_20)
    return {
        "minimal": Case("minimal Typer app (one command)", minimal, env=env),
        "minimal_help": Case("minimal Typer app --help", [*minimal, "--help"], env=env),
        "version": Case("numsearch --version", [numsearch, "--version"], env=env),
        "help": Case("numsearch --help", [numsearch, "--help"], env=env),
        "vanity": Case("numsearch vanity STORM", [numsearch, "vanity", "STORM"], env=env),
        "search": Case(
            "numsearch local US --area-code 510 -o json", [numsearch, *SEARCH_ARGS], env=env
        ),
        "sandbox": Case(
            "numsearch --sandbox local US --area-code 510 -o json",
            [numsearch, "--sandbox", *SEARCH_ARGS],
            env=sandbox_env,
        ),
        "bare": Case(
            "bare script (Typer + requests + json)",
            [str(python), str(BASELINES / "bare_search.py"), "US", "--area-code", "510"],
            env=env,
        ),
        "helper": Case(
            "twilio helper library script",
            [str(python), str(BASELINES / "twilio_helper.py"), "510"],
            env=env,
        ),
        "fan_out": Case(
            "20 area codes, 200 ms each",
            [numsearch, "local", "--area-code", area_codes, "-o", "json"],
            env=slow_env,
        ),
    }


def median_rss_mib(case: Case, runs: int = 5) -> float:
    """The median peak resident memory of `case`, in MiB."""
    rss = sorted(
        peak_rss_kib(case.argv, env={**os.environ, **(case.env or {})}) for _ in range(runs)
    )
    return rss[len(rss) // 2] / 1024


def report(cases: dict[str, Case], runs: int) -> None:
    """The tables of benchmarks/README.md: times, then targets."""
    c = {name: case.median for name, case in cases.items()}
    print(f"machine: {machine()}")
    fan_runs = len(cases["fan_out"].times)
    print(f"runs: {runs} per case after 2 warm-ups, interleaved; fan-out {fan_runs} runs")
    print()
    print("| case | median | min | max |")
    print("| --- | --- | --- | --- |")
    for case in cases.values():
        print(
            f"| {case.name} | {ms(case.median)} | {ms(min(case.times))} | {ms(max(case.times))} |"
        )
    print()
    targets = [
        ("--version vs minimal Typer app", c["version"] / c["minimal"], "<= 1.20x"),
        ("--help vs minimal Typer app --help", c["help"] / c["minimal_help"], "<= 1.30x"),
        ("vanity STORM vs minimal Typer app", c["vanity"] / c["minimal"], "<= 1.30x"),
        ("search vs bare script", c["search"] / c["bare"], "<= 1.15x"),
        ("search vs twilio helper", c["search"] / c["helper"], "<= 0.90x"),
        ("sandbox search vs search", c["sandbox"] / c["search"], "<= 1.50x"),
    ]
    print("| target | measured | goal | met |")
    print("| --- | --- | --- | --- |")
    for name, ratio, goal in targets:
        limit = float(goal.strip("<=x "))
        print(f"| {name} | {ratio:.2f}x | {goal} | {'yes' if ratio <= limit else 'NO'} |")
    fan_met = "yes" if c["fan_out"] < 1.5 else "NO"
    print(f"| fan-out, 20 area codes at 200 ms | {ms(c['fan_out'])} | < 1500 ms | {fan_met} |")
    search_rss, sandbox_rss = median_rss_mib(cases["search"]), median_rss_mib(cases["sandbox"])
    rss_met = "yes" if search_rss < 60 else "NO"
    print(f"| peak RSS of a search | {search_rss:.1f} MiB | < 60 MiB | {rss_met} |")
    sandbox_met = "yes" if sandbox_rss < 1.5 * search_rss else "NO"
    print(
        f"| peak RSS of a sandbox search | {sandbox_rss:.1f} MiB | < 1.5x a search's"
        f" ({1.5 * search_rss:.0f} MiB) | {sandbox_met} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=25)
    parser.add_argument("--venv", type=Path, default=ROOT / ".tools" / "bench-venv")
    args = parser.parse_args()

    python = ensure_venv(args.venv)
    fast, slow = serve(0.0), serve(FAN_OUT_DELAY)
    env = {
        "TWILIO_ACCOUNT_SID": SID, "TWILIO_AUTH_TOKEN": "benchmark-token",
        "NUMSEARCH_API_URL": url(fast), "NO_COLOR": "1",
    }  # fmt: skip
    for name in ("NUMSEARCH_SANDBOX", "NUMSEARCH_DEBUG", "NUMSEARCH_PROFILE"):
        os.environ.pop(name, None)
    cases = make_cases(python, env, {**env, "NUMSEARCH_API_URL": url(slow)})
    timed = [case for name, case in cases.items() if name != "fan_out"]
    time_interleaved(timed, runs=args.runs)
    time_interleaved([cases["fan_out"]], runs=max(5, args.runs // 5), warmup=1)
    report(cases, args.runs)
    fast.shutdown()
    slow.shutdown()


if __name__ == "__main__":
    main()
