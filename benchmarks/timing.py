"""Timing whole processes: warm-up, interleaved repeats, median/min/max; a loopback JSON
server for them to ask. No dependencies."""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any


@dataclass
class Case:
    """One command line to time, with what it reads on stdin."""

    name: str
    argv: Sequence[str]
    stdin: bytes = b""
    env: Mapping[str, str] | None = None
    times: list[float] = field(default_factory=list)
    peak_rss_kib: list[int] = field(default_factory=list)

    def run_once(self) -> float:
        env = {**os.environ, **(self.env or {})}
        started = time.perf_counter()
        done = subprocess.run(
            self.argv, input=self.stdin, env=env, capture_output=True, check=False
        )
        elapsed = time.perf_counter() - started
        if done.returncode not in (0, 1):
            raise RuntimeError(
                f"{self.name}: exit {done.returncode}\n{done.stderr.decode(errors='replace')}"
            )
        return elapsed

    @property
    def median(self) -> float:
        return statistics.median(self.times)


def time_interleaved(cases: Sequence[Case], *, runs: int, warmup: int = 2) -> None:
    """Run every case `warmup` times, then `runs` rounds of one run each, in turn, so that
    the machine's slow moments fall on all cases alike."""
    for case in cases:
        for _ in range(warmup):
            case.run_once()
    for _ in range(runs):
        for case in cases:
            case.times.append(case.run_once())


def peak_rss_kib(
    argv: Sequence[str], stdin: bytes = b"", env: Mapping[str, str] | None = None
) -> int:
    """Peak resident memory of one run of `argv`, in KiB (Linux/macOS, via wait4)."""
    proc = subprocess.Popen(
        argv,
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, **(env or {})},
    )
    assert proc.stdin is not None
    proc.stdin.write(stdin)
    proc.stdin.close()
    _, _, usage = os.wait4(proc.pid, 0)
    rss = usage.ru_maxrss
    return rss // 1024 if platform.system() == "Darwin" else rss


def machine() -> str:
    """One line about where the numbers were taken."""
    cpu = platform.processor() or platform.machine()
    try:
        lines = Path("/proc/cpuinfo").read_text().splitlines()
        names = [line.split(":", 1)[1].strip() for line in lines if line.startswith("model name")]
        if names:
            cpu = f"{names[0]} ({len(names)} cores)"
    except OSError:
        pass
    return f"{platform.system()} {platform.release()}, {cpu}, Python {platform.python_version()}"


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def serve_json(answer: Callable[[str], bytes]) -> ThreadingHTTPServer:
    """A loopback server on a free port answering every GET with `answer(path)` as JSON."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            pass

        def do_GET(self) -> None:
            body = answer(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
