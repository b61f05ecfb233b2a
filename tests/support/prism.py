"""Prism, Stoplight's OpenAPI mock server, serving Twilio's specs on 127.0.0.1 for contract tests.

Prism serves one document: the three specs (the 2010 API, Pricing v1, Numbers v2) are
merged into one for it. Their paths and component names do not overlap (checked), and
their `servers` (three hosts) are left out, as NUMSEARCH_API_URL stands in for them all.

`.ci/run` installs it into `.tools/prism` (git-ignored), and so does the dev command in
CONTRIBUTING.md. The tests never install it: without it the contract tests skip with the
command to run, except under CI=true, where they fail (CI cannot pass by skipping).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.support import REPO, SPECS

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
    """Prism's binary, as `.ci/run` (or CONTRIBUTING.md's dev command) installs it. The tests
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


def merged_spec(workdir: Path) -> Path:
    """The three specs as one document for Prism, written into `workdir`."""
    documents = [json.loads(path.read_text()) for path in SPECS]
    merged = dict(documents[0])
    merged["paths"], merged["components"] = {}, {}
    for document in documents:
        for path, item in document["paths"].items():
            assert path not in merged["paths"], f"{path} is in two specs"
            merged["paths"][path] = {k: v for k, v in item.items() if k != "servers"}
        for section, items in document["components"].items():
            into = merged["components"].setdefault(section, {})
            for name, value in items.items():
                assert into.get(name, value) == value, f"{section}/{name} differs between specs"
                into[name] = value
    merged.pop("servers", None)
    target = workdir / "twilio_merged.json"
    target.write_text(json.dumps(merged))
    return target


@contextmanager
def running_prism(workdir: Path) -> Iterator[Prism]:
    binary = installed()
    port = free_port()
    log = workdir / "prism.log"
    spec = merged_spec(workdir)
    env = dict(os.environ, FORCE_COLOR="0", NO_COLOR="1")
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [str(binary), "mock", "-h", "127.0.0.1", "-p", str(port), str(spec)],
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
