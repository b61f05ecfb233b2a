"""The suite leaves the developer's home as it found it: every test runs with HOME and
the XDG directories in its own temporary directory (conftest's `isolated`)."""

from __future__ import annotations

import os
from pathlib import Path

from typer.testing import CliRunner


def test_home_and_xdg_dirs_are_temporary(tmp_path: Path) -> None:
    for var in ("HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        assert Path(os.environ[var]).is_relative_to(tmp_path), var
    assert Path.home().is_relative_to(tmp_path)


def test_installing_completion_writes_only_into_the_test_home(tmp_path: Path) -> None:
    from numsearch.cli.app import app

    result = CliRunner().invoke(app, ["--install-completion", "bash"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "home" / ".bashrc").is_file()
