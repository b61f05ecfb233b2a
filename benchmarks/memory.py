"""How much memory `--all` takes when the answers are far larger than asked.

    python benchmarks/memory.py [--records 20000] [--budgets 10,50,300]

It starts a loopback server that answers every search with `--records` numbers (20,000
by default, as small as records go, so that a page stays under numsearch's 4 MiB bound
on one answer), each answer new numbers of area code 510, so that every one of them
holds what the search asked and a sweep keeps splitting. Then, for each budget, it runs
a whole `numsearch local --area-code 510 --all --max-requests N -o json` process against
it (NUMSEARCH_API_URL), as a user would, and reports its exit code, the requests the
server saw, the numbers printed and the process's peak resident memory (wait4).

Goal: a sweep of 50 requests under 250 MiB; docs/sweep.md gives the peak at the
default budget (300).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from timing import machine, serve_json

REPO = Path(__file__).resolve().parent.parent
SID = "AC" + "c" * 32


class Inventory:
    """Answers of `size` numbers each, never the same number twice."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.requests = 0
        self._lock = threading.Lock()

    def page(self) -> bytes:
        with self._lock:
            first = 2_000_000 + self.requests * self.size
            self.requests += 1
        numbers = [f"+1510{(first + i) % 8_000_000 + 2_000_000:07d}" for i in range(self.size)]
        records = [
            {"phone_number": n, "friendly_name": f"(510) {n[5:8]}-{n[8:]}", "iso_country": "US",
             "region": "CA", "locality": "Oakland", "beta": False,
             "capabilities": {"voice": True, "SMS": True, "MMS": True}}
            for n in numbers
        ]  # fmt: skip
        return json.dumps({"available_phone_numbers": records}).encode()


def serve(inventory: Inventory) -> ThreadingHTTPServer:
    return serve_json(lambda _path: inventory.page())


def run(url: str, budget: int, home: str) -> tuple[int, int, int, str]:
    """Exit code, numbers printed, peak RSS (KiB) and the last line on stderr."""
    env = {
        **os.environ,
        "NUMSEARCH_API_URL": url,
        "TWILIO_ACCOUNT_SID": SID,
        "TWILIO_AUTH_TOKEN": "benchmark",
        "XDG_STATE_HOME": home,
        "XDG_CACHE_HOME": home,
        "XDG_CONFIG_HOME": home,
    }
    argv = [sys.executable, "-m", "numsearch", "local", "--area-code", "510", "--all",
            "--max-requests", str(budget), "-o", "json"]  # fmt: skip
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(argv, stdout=out, stderr=err, env=env, cwd=REPO)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        printed = out.read()
        said = err.read().decode(errors="replace").strip().splitlines()
    count = len(json.loads(printed)) if printed.strip() else 0
    return process.returncode, count, usage.ru_maxrss, said[-1] if said else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=20_000)
    parser.add_argument("--budgets", default="10,50,300")
    args = parser.parse_args()
    print(f"{machine()}; {args.records} records an answer\n")
    print("| --max-requests | exit | requests sent | numbers printed | peak RSS |"
          " stderr's last line |")  # fmt: skip
    print("| --- | --- | --- | --- | --- | --- |")
    for budget in (int(b) for b in args.budgets.split(",")):
        inventory = Inventory(args.records)
        server = serve(inventory)
        host, port = server.server_address[:2]
        try:
            with tempfile.TemporaryDirectory() as home:
                code, count, rss, last = run(f"http://{host!s}:{port}", budget, home)
        finally:
            server.shutdown()
            server.server_close()
        print(f"| {budget} | {code} | {inventory.requests} | {count} | {rss / 1024:.0f} MiB |"
              f" {last[:100]} |")  # fmt: skip


if __name__ == "__main__":
    main()
