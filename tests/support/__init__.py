"""What the tests share besides fixtures: fake servers, the spec reader, cassette cases,
Prism, a fake terminal. `conftest.py` holds the fixtures only; see tests/README.md."""

from __future__ import annotations

import signal
import subprocess
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from typer.testing import Result

REPO = Path(__file__).resolve().parent.parent.parent
SPEC = REPO / "spec" / "twilio_api_v2010.json"
PRICING_SPEC = REPO / "spec" / "twilio_pricing_v1.json"
NUMBERS_SPEC = REPO / "spec" / "twilio_numbers_v2.json"
SPECS = (SPEC, PRICING_SPEC, NUMBERS_SPEC)  # three hosts, paths that do not overlap
FAKE_TOKEN = "fake-auth-token-for-tests"  # not a real secret: tests only

CliRun = Callable[..., Result]


def start_interruptible(args: Sequence[str], **popen: Any) -> subprocess.Popen[str]:
    """A child the test will interrupt (SIGINT), with SIGINT's default disposition
    whatever the suite inherited: started as a background job of a non-interactive shell
    (`(pytest &)`), the suite ignores SIGINT, and so would its children."""
    return subprocess.Popen(
        args, text=True, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        **popen,
    )  # fmt: skip


@contextmanager
def sigint_ignored() -> Iterator[None]:
    """The suite as a background job of a non-interactive shell starts it: SIGINT ignored
    (a test that interrupts a child checks that the child still hears it)."""
    before = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, before)
