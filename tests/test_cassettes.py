"""No cassette may hold a credential: no Authorization header, no real-looking SID or token."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from tests.support.fake_twilio import FAKE_SID

CASSETTES = sorted((Path(__file__).parent / "cassettes").rglob("*.yaml"))
HEX32 = re.compile(r"(?<![0-9a-fA-F])[0-9a-fA-F]{32}(?![0-9a-fA-F])")
SID = re.compile(r"\b(AC|SK|PN|AD|BU|RI|TK)[0-9a-fA-F]{32}\b")


def looks_real(hex32: str) -> bool:
    """Fake IDs are a repeated letter or a counter; anything richer may be a real secret."""
    return len(set(hex32.lower())) > 4


def test_there_are_cassettes() -> None:
    assert len(CASSETTES) >= 20


@pytest.mark.parametrize("path", CASSETTES, ids=lambda p: p.stem)
def test_cassette_holds_no_credentials(path: Path) -> None:
    text = path.read_text()
    assert not re.search(r"authorization", text, re.IGNORECASE), "an Authorization header"
    assert not re.search(r"Basic [A-Za-z0-9+/=]{16,}", text), "a Basic credential"
    for match in SID.finditer(text):
        assert match.group(0) == FAKE_SID or not looks_real(match.group(0)[2:]), match.group(0)
    for match in HEX32.finditer(text):
        assert not looks_real(match.group(0)), f"real-looking token {match.group(0)}"
    for interaction in yaml.safe_load(text)["interactions"]:
        headers = {k.lower() for k in interaction["request"]["headers"]}
        assert "authorization" not in headers


def test_the_check_catches_a_real_looking_token() -> None:
    assert looks_real("5f3c9a7e1b2d4c6e8f0a1b2c3d4e5f60")
    assert not looks_real("a" * 32) and not looks_real(f"{7:032x}")
