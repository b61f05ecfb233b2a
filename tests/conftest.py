"""Fixtures shared by every test: an isolated environment, the CLI runner, fake
credentials, the fake Twilio server, and the one VCR configuration."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from typer.testing import CliRunner, Result

from tests.support import FAKE_TOKEN, CliRun
from tests.support.fake_twilio import FAKE_SID, FakeTwilio
from tests.support.prism import Prism, PrismUnavailable, running_prism
from tests.support.terminal import Keyboard, fake_terminal

# Property tests: no per-example deadline (a shared CI machine is slow now and then,
# and a deadline would time the wall clock), and no "too slow" failure either; CI
# runs them derandomized, so a red run can be repeated exactly.
settings.register_profile("numsearch", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile(
    "ci", deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)
settings.load_profile("ci" if os.environ.get("CI") == "true" else "numsearch")


@pytest.fixture(autouse=True)
def isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No test sees the developer's credentials, config, state or terminal."""
    for name in list(os.environ):
        if name.startswith(("TWILIO_", "NUMSEARCH_")) or name in ("NO_COLOR", "FORCE_COLOR"):
            monkeypatch.delenv(name, raising=False)
    home = tmp_path / "home"
    # HOME too: `--install-completion` writes ~/.bashrc, and libraries fall back to ~.
    monkeypatch.setenv("HOME", str(home))
    for var, sub in (
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_STATE_HOME", "state"),
        ("XDG_DATA_HOME", "data"),
        ("XDG_CACHE_HOME", "cache"),
    ):
        (home / sub).mkdir(parents=True)
        monkeypatch.setenv(var, str(home / sub))
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.setenv("TERM", "xterm-256color")
    return home


@pytest.fixture(autouse=True)
def _no_tty(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A bulk buy asks on /dev/tty when stdin carries the numbers: no test may reach the
    developer's terminal (those about the question hand in a pseudo-terminal)."""
    from numsearch.cli import buying

    monkeypatch.setattr(buying, "TTY_PATH", str(tmp_path / "no-tty"))


@pytest.fixture
def keyboard(monkeypatch: pytest.MonkeyPatch) -> Iterator[Keyboard]:
    """The terminal --pick draws its list on, with keys to press before the run:
    `keyboard.press("down", "space", "enter")`."""
    from prompt_toolkit.input import create_pipe_input

    from numsearch import picker

    with create_pipe_input() as pipe:
        keys = Keyboard(pipe)
        monkeypatch.setattr(picker, "on_terminal", keys.terminal)
        yield keys


@pytest.fixture(autouse=True)
def _no_debug_logging_left() -> Iterator[None]:
    """--debug attaches a log handler to the run's stderr; later runs must not inherit it."""
    yield
    from numsearch.transport import disable_debug_logging

    disable_debug_logging()


@pytest.fixture(autouse=True)
def _purchases_do_not_wait(monkeypatch: pytest.MonkeyPatch) -> None:
    """After a lost purchase answer numsearch looks again for 30 s: tests do not wait
    (those about the pauses record them with their own PATIENCE)."""
    from dataclasses import replace

    from numsearch import purchase

    monkeypatch.setattr(purchase, "PATIENCE", replace(purchase.PATIENCE, sleep=lambda _: None))


@pytest.fixture
def vcr_config() -> dict[str, Any]:
    """Cassettes replay only (record_mode=none in pyproject), never hold credentials, and
    must match exactly the requests a test makes."""
    return {
        "filter_headers": ["authorization"],
        "match_on": ["method", "scheme", "host", "port", "path", "query"],
        "allow_playback_repeats": True,
    }


@pytest.fixture
def credentials(monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Fake credentials in the environment, as a user would export them."""
    monkeypatch.setenv("TWILIO_ACCOUNT_SID", FAKE_SID)
    monkeypatch.setenv("TWILIO_AUTH_TOKEN", FAKE_TOKEN)
    return {"sid": FAKE_SID, "token": FAKE_TOKEN}


@pytest.fixture
def fake_twilio(
    monkeypatch: pytest.MonkeyPatch, credentials: dict[str, str]
) -> Iterator[FakeTwilio]:
    """A fake Twilio on 127.0.0.1 that numsearch talks to through NUMSEARCH_API_URL."""
    with FakeTwilio() as server:
        monkeypatch.setenv("NUMSEARCH_API_URL", server.url)
        yield server


@pytest.fixture
def cli() -> CliRun:
    """Run numsearch in-process: `cli("local", "--area-code", "510", terminal=True)`.

    `terminal=True` hands numsearch a fake terminal (stdout, stderr and stdin look like
    one); otherwise they are pipes, as under cron or `| jq`; `stdout_terminal` and
    `stderr_terminal` set those two apart.
    """
    from numsearch.cli.app import app

    def run(
        *args: str,
        terminal: bool = False,
        stderr_terminal: bool | None = None,
        stdout_terminal: bool | None = None,
        input: str | None = None,
        **kw: Any,
    ) -> Result:
        runner = CliRunner()
        make = fake_terminal(tty=terminal, stderr_tty=stderr_terminal, stdout_tty=stdout_terminal)
        return runner.invoke(app, list(args), input=input, obj=make, **kw)

    return run


@pytest.fixture(scope="session")
def prism(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Prism]:
    """Prism serving Twilio's spec on 127.0.0.1, once for the run (contract tests). The
    tests never install it: without it they skip saying how, and fail under CI=true."""
    try:
        with running_prism(tmp_path_factory.mktemp("prism")) as server:
            yield server
    except PrismUnavailable as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{exc} (CI must run the contract tests)")
        pytest.skip(str(exc))


@pytest.fixture
def via_prism(prism: Prism, monkeypatch: pytest.MonkeyPatch, credentials: object) -> Prism:
    """numsearch pointed at Prism, with fake credentials."""
    monkeypatch.setenv("NUMSEARCH_API_URL", prism.url)
    return prism
