"""State files and the state directory.
The directory is made however deep, checked for writing in itself (not in TMPDIR),
and refused in one sentence; names are checked; JSON files are written beside their
target, the same bytes every time."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from numsearch.errors import InvalidInput
from numsearch.state import checked_name, read_json, usable_state_dir, write_json


@pytest.fixture
def no_tmpdir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """TMPDIR names a directory that does not exist (a broken login environment)."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "no-such-tmp"))


def test_the_state_directory_is_made_however_deep(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "not" / "yet" / "there"))
    path = usable_state_dir()
    assert path == tmp_path / "not" / "yet" / "there" / "numsearch" and path.is_dir()


@pytest.mark.usefixtures("no_tmpdir")
def test_the_state_directory_is_probed_in_itself_not_in_tmpdir(isolated: Path) -> None:
    assert usable_state_dir() == isolated / "state" / "numsearch"


def test_an_unusable_state_directory_is_one_sentence_with_the_fix(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "a-file").write_text("")
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "a-file"))
    with pytest.raises(InvalidInput) as caught:
        usable_state_dir()
    assert str(caught.value) == (
        f"cannot keep numsearch's state in {tmp_path / 'a-file' / 'numsearch'} (Not a"
        " directory): set XDG_STATE_HOME to a writable directory"
    )


@pytest.mark.parametrize("name", ["../etc", "storm.json", ".hidden", "x" * 65])
def test_a_state_name_that_is_not_a_plain_file_name_is_refused(name: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        checked_name(name)
    shown = name if len(name) <= 40 else name[:39] + "…"  # long input is quoted short
    assert str(caught.value) == (
        f"--state {shown!r}: use letters, digits, '-', '_' and '.' (up to 64)"
    )


@pytest.mark.parametrize("name", ["storm", "storm.JSON.bak", "local-US-1a2b3c4d", "x" * 64])
def test_a_plain_state_name_is_kept(name: str) -> None:
    assert checked_name(name) == name


def test_a_corrupt_json_file_says_how_to_start_afresh(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text("{not json")
    with pytest.raises(InvalidInput) as caught:
        read_json(path, {})
    assert str(caught.value) == f"{path} is not valid JSON: remove it to start afresh"


@pytest.mark.usefixtures("no_tmpdir")
def test_json_is_written_beside_its_target_in_new_folders(tmp_path: Path) -> None:
    # The temporary file is in the target's folder, so the rename is atomic whatever
    # TMPDIR says (a rename cannot cross file systems).
    path = tmp_path / "new" / "deeper" / "x.json"
    write_json(path, {"a": 1})
    assert read_json(path, None) == {"a": 1}
    assert [p.name for p in path.parent.iterdir()] == ["x.json"]


def test_json_files_are_the_same_bytes_every_time(tmp_path: Path) -> None:
    # Sorted keys and a fixed indent: two runs with the same data write the same file.
    path = tmp_path / "x.json"
    write_json(path, {"b": 1, "a": ["é"]})
    assert path.read_bytes() == b'{\n "a": [\n  "\\u00e9"\n ],\n "b": 1\n}\n'
