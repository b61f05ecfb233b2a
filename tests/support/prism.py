"""Prism, Stoplight's OpenAPI mock server, serving Twilio's spec on 127.0.0.1 for contract tests.

`.ci/run` installs it into `.tools/prism` (git-ignored), and so does the README's dev
command. The tests never install it: without it the contract tests skip with the
command to run, except under CI=true, where they fail (CI cannot pass by skipping).
"""

from __future__ import annotations

import os
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.support import REPO, SPEC

PRISM_DIR = REPO / ".tools" / "prism"
PRISM_BIN = PRISM_DIR / "node_modules" / ".bin" / "prism"
PRISM_PACKAGE = "@stoplight/prism-cli@5"
REJECTED = "Request did not pass the validation rules"
RECEIVED = "Request received"


class PrismUnavailable(RuntimeError):
    """Prism is not installed, or could not start."""


INSTALL_HINT = (
    f"npm install --prefix .tools/prism --no-audit --no-fund --loglevel=error {PRISM_PACKAGE}"
)


def installed() -> Path:
    """Prism's binary, as `.ci/run` (or the README's dev command) installs it. The tests
    never install anything themselves."""
    if not PRISM_BIN.exists():
        raise PrismUnavailable(f"Prism is not installed in .tools/prism: {INSTALL_HINT}")
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
    binary = installed()
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
