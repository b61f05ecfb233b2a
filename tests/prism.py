"""Prism, Stoplight's OpenAPI mock server, serving Twilio's spec on 127.0.0.1 for contract tests.

`.ci/run` installs it into `.tools/prism` (git-ignored); when it is missing the suite
installs it the same way, with npm, once.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import REPO, SPEC

PRISM_DIR = REPO / ".tools" / "prism"
PRISM_BIN = PRISM_DIR / "node_modules" / ".bin" / "prism"
PRISM_PACKAGE = "@stoplight/prism-cli@5"
REJECTED = "Request did not pass the validation rules"
RECEIVED = "Request received"


class PrismUnavailable(RuntimeError):
    """Prism could not be installed or started (the contract tests fail, never skip)."""


def ensure_installed() -> Path:
    if PRISM_BIN.exists():
        return PRISM_BIN
    npm = shutil.which("npm")
    if npm is None:
        raise PrismUnavailable("npm is not installed: the contract tests need Node.js and npm")
    done = subprocess.run(
        [
            npm,
            "install",
            "--prefix",
            str(PRISM_DIR),
            "--no-audit",
            "--no-fund",
            "--loglevel=error",
            PRISM_PACKAGE,
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    if done.returncode != 0 or not PRISM_BIN.exists():
        raise PrismUnavailable(f"npm install {PRISM_PACKAGE} failed:\n{done.stderr[-2000:]}")
    return PRISM_BIN


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Prism:
    url: str
    log: Path

    def mark(self) -> int:
        """Where the log ends now: read what comes after with `since()`."""
        return self.log.stat().st_size

    def since(self, mark: int) -> str:
        with self.log.open("rb") as f:
            f.seek(mark)
            return f.read().decode("utf-8", "replace")


@contextmanager
def running_prism(workdir: Path) -> Iterator[Prism]:
    binary = ensure_installed()
    port = free_port()
    log = workdir / "prism.log"
    env = dict(os.environ, FORCE_COLOR="0", NO_COLOR="1")
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [str(binary), "mock", "-h", "127.0.0.1", "-p", str(port), str(SPEC)],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
        )
    try:
        deadline = time.monotonic() + 90
        while "Prism is listening" not in log.read_text(errors="replace"):
            if proc.poll() is not None:
                raise PrismUnavailable(f"prism exited:\n{log.read_text()[-2000:]}")
            if time.monotonic() > deadline:
                raise PrismUnavailable("prism did not start within 90 s")
            time.sleep(0.2)
        yield Prism(url=f"http://127.0.0.1:{port}", log=log)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
