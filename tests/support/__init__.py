"""What the tests share besides fixtures: fake servers, the spec reader, cassette cases,
Prism, a fake terminal. `conftest.py` holds the fixtures only; see tests/README.md."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from typer.testing import Result

REPO = Path(__file__).resolve().parent.parent.parent
SPEC = REPO / "spec" / "twilio_api_v2010.json"
PRICING_SPEC = REPO / "spec" / "twilio_pricing_v1.json"
NUMBERS_SPEC = REPO / "spec" / "twilio_numbers_v2.json"
SPECS = (SPEC, PRICING_SPEC, NUMBERS_SPEC)  # three hosts, paths that do not overlap
FAKE_TOKEN = "fake-auth-token-for-tests"  # not a real secret: tests only

CliRun = Callable[..., Result]
