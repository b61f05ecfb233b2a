"""Config files that are not files: a FIFO, a link to /dev/zero, a huge file. Each is one
line and exit 3 when the file is read, never a hang or a MemoryError; a run that does not
read it (--sandbox, vanity, credentials in the environment) never notices. Directories
numsearch creates are 0700 under any umask; twilio-cli's file, when it holds a secret
others can read, is warned about as numsearch's own is."""

from __future__ import annotations

import json
import os
import resource
import stat
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from numsearch import config
from numsearch.errors import CredentialsError
from tests.support import CliRun
from tests.support.fake_twilio import FAKE_SID

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX files only")

KEY = "SK" + "c" * 32
TOKEN = "a-token-for-tests"  # not a real secret: tests only
SECRET = "a-twilio-cli-secret-for-tests"  # not a real secret: tests only
PROFILE = f'[profiles.work]\naccount_sid = "{FAKE_SID}"\nauth_token = "{TOKEN}"\n'
# A hung read fails the test instead of the run; a read without end meets a memory limit.
PATIENCE = 30  # seconds
MEMORY = 1 << 30  # bytes of address space for the child


def numsearch(
    *args: str, home: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """numsearch in a child process (a hang is a TimeoutExpired, not a stuck test run),
    with its config under `home` and no credentials but those in `env`."""
    environ = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("TWILIO_", "NUMSEARCH_", "XDG_"))
    }
    environ |= {"HOME": str(home), "XDG_CONFIG_HOME": str(home / "config"), "COLUMNS": "120"}
    environ |= {"XDG_STATE_HOME": str(home / "state"), "XDG_CACHE_HOME": str(home / "cache")}

    def limit_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))

    return subprocess.run(
        [sys.executable, "-m", "numsearch", *args],
        env=environ | (env or {}),
        capture_output=True,
        text=True,
        timeout=PATIENCE,
        preexec_fn=limit_memory,  # the child has no threads yet
        check=False,
    )


def one_line(done: subprocess.CompletedProcess[str]) -> str:
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    return lines[0]


@pytest.fixture
def home(tmp_path: Path) -> Path:
    (tmp_path / "config").mkdir()
    return tmp_path


def fifo(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path, 0o600)
    return path


def numsearch_file(home: Path) -> Path:
    return home / "config" / "numsearch" / "config.toml"


def twilio_cli_file(home: Path) -> Path:
    return home / "config" / "twilio-cli" / "config.json"


def zero_link(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to("/dev/zero")
    return path


# -- numsearch's config.toml -------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [["local", "US", "--profile", "work"], ["local", "US"], ["profile", "list"]],
    ids=["--profile", "default profile", "profile list"],
)
def test_a_fifo_for_config_toml_is_one_line_not_a_hang(home: Path, args: list[str]) -> None:
    path = fifo(numsearch_file(home))
    done = numsearch(*args, home=home)
    assert done.returncode == 3, done.stderr
    line = one_line(done)
    assert str(path) in line and "FIFO" in line and "not a regular file" in line


def test_config_toml_linked_to_dev_zero_is_one_line_not_memory_error(home: Path) -> None:
    path = zero_link(numsearch_file(home))
    done = numsearch("local", "US", "--profile", "work", home=home)
    assert done.returncode == 3, done.stderr
    line = one_line(done)
    assert str(path) in line and "character device" in line
    assert "MemoryError" not in done.stderr


def test_a_config_toml_over_1_mib_is_refused_unread(home: Path) -> None:
    path = numsearch_file(home)
    path.parent.mkdir(parents=True)
    path.write_text(PROFILE + "#" * (1 << 20))
    path.chmod(0o600)
    done = numsearch("local", "US", "--profile", "work", home=home)
    assert done.returncode == 3, done.stderr
    assert "larger than 1 MiB" in one_line(done)


def test_a_directory_for_config_toml_is_one_line(home: Path) -> None:
    numsearch_file(home).mkdir(parents=True)
    done = numsearch("local", "US", "--profile", "work", home=home)
    assert done.returncode == 3, done.stderr
    assert "is a directory, not a regular file" in one_line(done)


def test_a_link_to_a_regular_file_is_read(home: Path) -> None:
    """A dotfiles manager's symbolic link is fine: the file it names is regular."""
    real = home / "dotfiles" / "numsearch.toml"
    real.parent.mkdir()
    real.write_text(PROFILE)
    real.chmod(0o600)
    path = numsearch_file(home)
    path.parent.mkdir(parents=True)
    path.symlink_to(real)
    assert config.load_config(path)["profiles"]["work"]["auth_token"] == TOKEN


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (["--sandbox", "local", "US", "--limit", "1"], {}),
        (["vanity", "--spell", "+18003569377"], {}),
        (
            ["--sandbox", "local", "US", "--limit", "1"],
            {"TWILIO_ACCOUNT_SID": FAKE_SID, "TWILIO_AUTH_TOKEN": TOKEN},
        ),
    ],
    ids=["--sandbox", "vanity", "environment"],
)
@pytest.mark.parametrize("kind", ["fifo", "dev zero"])
def test_runs_that_do_not_read_the_config_never_notice_it(
    home: Path, args: list[str], env: dict[str, str], kind: str
) -> None:
    for path in (numsearch_file(home), twilio_cli_file(home)):
        fifo(path) if kind == "fifo" else zero_link(path)
    done = numsearch(*args, home=home, env=env)
    assert done.returncode == 0, done.stderr


def test_environment_credentials_never_read_the_config_file(home: Path) -> None:
    """Checked in the process: resolving the environment's credentials opens no file."""
    fifo(numsearch_file(home))
    fifo(twilio_cli_file(home))
    env = {"TWILIO_ACCOUNT_SID": FAKE_SID, "TWILIO_AUTH_TOKEN": TOKEN}
    creds = config.resolve_credentials(None, env, config_file=numsearch_file(home))
    assert creds.source == "environment"


# -- twilio-cli's config.json --------------------------------------------------------------


@pytest.mark.parametrize("make", [fifo, zero_link], ids=["fifo", "dev zero"])
@pytest.mark.parametrize(
    "args", [["local", "US"], ["local", "US", "--profile", "theirs"], ["profile", "list"]]
)
def test_twilio_cli_config_that_is_not_a_file_is_one_line(
    home: Path, args: list[str], make: object
) -> None:
    path = twilio_cli_file(home)
    make(path)  # type: ignore[operator]
    done = numsearch(*args, home=home)
    assert done.returncode == 3, done.stderr
    line = one_line(done)
    assert f"twilio-cli's {path}" in line and "not a regular file" in line


@pytest.mark.parametrize("which", ["numsearch", "twilio-cli"])
def test_in_process_a_fifo_is_refused_without_waiting(isolated: Path, which: str) -> None:
    """Opening a FIFO for reading waits for a writer: numsearch never waits for one."""
    load: Callable[[], object]
    if which == "numsearch":
        path, load, name = config.config_path(), config.load_config, str(config.config_path())
    else:
        path, load = config.twilio_cli_config_path(), config.TwilioCliConfig.load
        name = f"twilio-cli's {path}"
    fifo(path)
    outcome: list[BaseException | None] = []

    def read() -> None:
        try:
            load()
        except BaseException as exc:  # handed to the test's thread
            outcome.append(exc)
        else:
            outcome.append(None)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(PATIENCE / 3)
    if reader.is_alive():  # stuck in open() or read(): a writer that closes at once frees it
        os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))
        reader.join(PATIENCE / 3)
        pytest.fail(f"reading the {which} config waited for a writer on its FIFO")
    [error] = outcome
    assert isinstance(error, CredentialsError)
    assert str(error) == f"{name} is a FIFO, not a regular file"


# -- directories created 0700, whatever the umask ---------------------------------------------


@pytest.fixture
def no_umask() -> Iterator[None]:
    before = os.umask(0)
    try:
        yield
    finally:
        os.umask(before)


@pytest.mark.usefixtures("no_umask")
def test_profile_add_under_umask_000_makes_its_directory_0700(cli: CliRun) -> None:
    result = cli("profile", "add", "work", "--account-sid", FAKE_SID, input=f"{TOKEN}\n")
    assert result.exit_code == 0, result.stderr
    path = config.config_path()
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


@pytest.mark.usefixtures("no_umask")
def test_every_directory_the_config_needs_is_made_0700(tmp_path: Path) -> None:
    path = tmp_path / "made" / "for" / "numsearch" / "config.toml"
    config.add_profile("work", {"account_sid": FAKE_SID, "auth_token": TOKEN}, path=path)
    for folder in (tmp_path / "made", tmp_path / "made" / "for", path.parent):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder


@pytest.mark.usefixtures("no_umask")
def test_an_existing_directory_keeps_its_mode(tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    folder.mkdir(mode=0o755)
    config.add_profile(
        "work", {"account_sid": FAKE_SID, "auth_token": TOKEN}, path=folder / "config.toml"
    )
    assert stat.S_IMODE(folder.stat().st_mode) == 0o755


# -- twilio-cli's secret, readable by others ---------------------------------------------------


def write_twilio_cli(content: dict[str, object], mode: int) -> Path:
    path = config.twilio_cli_config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(content))
    path.chmod(mode)
    return path


def their_profile(**extra: object) -> dict[str, object]:
    entry = {"accountSid": FAKE_SID, "apiKey": KEY, "apiSecret": SECRET} | extra
    return {"profiles": {"theirs": entry}, "activeProject": "theirs"}


def test_twilio_cli_secret_others_can_read_is_warned_about() -> None:
    path = write_twilio_cli(their_profile(), 0o644)
    warnings: list[str] = []
    assert config.resolve_credentials("theirs", {}, warn=warnings.append).password == SECRET
    assert warnings == [
        f"{path} can be read by others (mode 644); it holds secrets: chmod 600 {path}"
    ]


def test_twilio_cli_warning_reads_as_numsearch_own() -> None:
    """The same words for either file: only the path and mode differ."""
    theirs = write_twilio_cli(their_profile(), 0o640)
    ours = config.config_path()
    ours.parent.mkdir(parents=True)
    ours.write_text(PROFILE)
    ours.chmod(0o640)
    warnings: list[str] = []
    config.profile_summaries(warn=warnings.append)
    assert [w.replace(str(theirs), "PATH") for w in warnings if str(theirs) in w] == [
        w.replace(str(ours), "PATH") for w in warnings if str(ours) in w
    ]


def test_profile_list_warns_about_twilio_cli_secret_others_can_read(cli: CliRun) -> None:
    path = write_twilio_cli(their_profile(), 0o604)
    result = cli("profile", "list", "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert f"{path} can be read by others (mode 604)" in result.stderr
    assert SECRET not in result.stdout + result.stderr


@pytest.mark.parametrize(
    ("content", "mode"),
    [
        (their_profile(), 0o600),
        (their_profile(apiSecret=""), 0o644),  # the secret is in the keychain
        ({"projects": [{"id": "old", "accountSid": FAKE_SID}], "activeProject": "old"}, 0o644),
    ],
    ids=["0600", "no secret", "old format"],
)
def test_no_warning_without_a_secret_others_can_read(content: dict[str, object], mode: int) -> None:
    write_twilio_cli(content, mode)
    warnings: list[str] = []
    config.profile_summaries(warn=warnings.append)
    assert warnings == []
