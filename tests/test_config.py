"""Credentials and profiles: precedence, the 0600 file, warnings, and the profile commands."""

from __future__ import annotations

import json
import os
import stat
import tomllib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from numsearch import config
from numsearch.errors import CredentialsError, InvalidInput
from numsearch.transport import base_url_for
from tests.support import FAKE_TOKEN, CliRun
from tests.support.fake_twilio import FAKE_SID, FakeTwilio, available, numbers_page

OTHER_SID = "AC" + "b" * 32
KEY = "SK" + "c" * 32


def write_profiles(path: Path, text: str, mode: int = 0o600) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    path.chmod(mode)
    return path


def test_config_lives_in_the_platform_config_dir(isolated: Path) -> None:
    assert config.config_path() == isolated / "config" / "numsearch" / "config.toml"


def test_environment_credentials() -> None:
    creds = config.resolve_credentials(
        None, {"TWILIO_ACCOUNT_SID": FAKE_SID, "TWILIO_AUTH_TOKEN": FAKE_TOKEN}
    )
    assert (creds.account_sid, creds.username, creds.password) == (FAKE_SID, FAKE_SID, FAKE_TOKEN)
    assert FAKE_TOKEN not in repr(creds)
    assert creds.short_sid == "ACaaaa…aaaa"


def test_api_key_credentials_use_the_key_as_username() -> None:
    env = {"TWILIO_ACCOUNT_SID": FAKE_SID, "TWILIO_API_KEY": KEY, "TWILIO_API_SECRET": "s3"}
    creds = config.resolve_credentials(None, env)
    assert (creds.account_sid, creds.username, creds.password) == (FAKE_SID, KEY, "s3")


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({}, "set TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN"),
        (
            {"TWILIO_ACCOUNT_SID": FAKE_SID},
            "TWILIO_ACCOUNT_SID is set but TWILIO_AUTH_TOKEN is not",
        ),
        ({"TWILIO_ACCOUNT_SID": FAKE_SID, "TWILIO_API_KEY": KEY}, "TWILIO_API_SECRET is not"),
        ({"TWILIO_ACCOUNT_SID": "ACnope", "TWILIO_AUTH_TOKEN": "x"}, "32 hex digits"),
    ],
)
def test_missing_or_bad_credentials(env: dict[str, str], message: str) -> None:
    with pytest.raises(CredentialsError) as caught:
        config.resolve_credentials(None, env)
    assert message in str(caught.value)


def test_profile_flag_beats_environment_beats_default_profile() -> None:
    path = write_profiles(
        config.config_path(),
        f'default_profile = "home"\n[profiles.home]\naccount_sid = "{OTHER_SID}"\n'
        f'auth_token = "home-token"\n[profiles.work]\naccount_sid = "{FAKE_SID}"\n'
        'api_key = "' + KEY + '"\napi_secret = "work-secret"\nregion = "ie1"\nedge = "dublin"\n',
    )
    env = {"TWILIO_ACCOUNT_SID": FAKE_SID, "TWILIO_AUTH_TOKEN": "env-token"}
    assert config.resolve_credentials("work", env).password == "work-secret"
    assert config.resolve_credentials(None, env).password == "env-token"
    home = config.resolve_credentials(None, {})
    assert (home.account_sid, home.password, home.source) == (
        OTHER_SID,
        "home-token",
        "profile home",
    )
    work = config.resolve_credentials("work", {})
    assert (work.username, work.region, work.edge) == (KEY, "ie1", "dublin")
    assert path.exists()


def test_unknown_profile_lists_the_known_ones() -> None:
    write_profiles(
        config.config_path(), f'[profiles.home]\naccount_sid = "{OTHER_SID}"\nauth_token = "t"\n'
    )
    with pytest.raises(CredentialsError) as caught:
        config.resolve_credentials("work", {})
    assert "no profile 'work'" in str(caught.value) and "profiles: home" in str(caught.value)


def test_a_loose_config_file_is_warned_about() -> None:
    path = write_profiles(
        config.config_path(),
        f'[profiles.home]\naccount_sid = "{OTHER_SID}"\nauth_token = "t"\n',
        mode=0o644,
    )
    warnings: list[str] = []
    config.resolve_credentials("home", {}, warn=warnings.append)
    assert len(warnings) == 1 and "chmod 600" in warnings[0] and str(path) in warnings[0]
    assert "t\n" not in warnings[0]


def test_broken_toml_is_a_credentials_error() -> None:
    write_profiles(config.config_path(), "[profiles.home\n")
    with pytest.raises(CredentialsError, match="not valid TOML"):
        config.resolve_credentials("home", {})


def test_saved_file_is_0600_and_round_trips() -> None:
    path = config.add_profile("work", {"account_sid": FAKE_SID, "auth_token": 'to"ken\\'})
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    data = tomllib.loads(path.read_text())
    assert data == {
        "default_profile": "work",
        "profiles": {"work": {"account_sid": FAKE_SID, "auth_token": 'to"ken\\'}},
    }
    assert not list(path.parent.glob(".*.tmp"))


@given(st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), max_size=40))
def test_any_secret_survives_the_toml_writer(secret: str) -> None:
    text = config.dump_config({"profiles": {"p": {"account_sid": FAKE_SID, "auth_token": secret}}})
    saved = tomllib.loads(text)["profiles"]["p"]
    if secret:
        assert saved["auth_token"] == secret
    else:  # an empty secret is no secret: left out, so the profile asks for one
        assert saved == {"account_sid": FAKE_SID}


@pytest.mark.parametrize(
    ("name", "profile", "message"),
    [
        ("work space", {"account_sid": FAKE_SID, "auth_token": "t"}, "profile name"),
        ("w", {"account_sid": "AC1", "auth_token": "t"}, "--account-sid must be AC"),
        ("w", {"account_sid": FAKE_SID}, "needs an auth token"),
        (
            "w",
            {"account_sid": FAKE_SID, "api_key": "KEY", "api_secret": "s"},
            "--api-key must be SK",
        ),
        ("w", {"account_sid": FAKE_SID, "api_key": KEY}, "needs its secret"),
    ],
)
def test_profiles_are_validated_before_saving(
    name: str, profile: dict[str, str], message: str
) -> None:
    with pytest.raises(InvalidInput, match=message):
        config.add_profile(name, profile)
    assert not config.config_path().exists()


@pytest.mark.parametrize(
    ("region", "edge", "override", "url"),
    [
        (None, None, None, "https://api.twilio.com"),
        ("ie1", None, None, "https://api.ie1.twilio.com"),
        ("au1", "sydney", None, "https://api.sydney.au1.twilio.com"),
        (None, "dublin", None, "https://api.dublin.us1.twilio.com"),
        ("ie1", "dublin", "http://127.0.0.1:4010/", "http://127.0.0.1:4010"),
    ],
)
def test_base_url(region: str | None, edge: str | None, override: str | None, url: str) -> None:
    assert base_url_for(region, edge, override) == url


# -- through the CLI ---------------------------------------------------------------------


def test_profile_add_list_use_remove(cli: CliRun, monkeypatch: pytest.MonkeyPatch) -> None:
    added = cli("profile", "add", "work", "--account-sid", FAKE_SID, input="secret-token\n")
    assert added.exit_code == 0, added.stderr
    assert "secret-token" not in added.stdout + added.stderr
    path = config.config_path()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "secret-token" in path.read_text()

    listed = cli("profile", "list", "-o", "json")
    assert json.loads(listed.stdout) == [
        {
            "name": "work",
            "source": "numsearch",
            "account_sid": "ACaaaa…aaaa",
            "auth": "auth token",
            "region": None,
            "edge": None,
            "subaccount": None,
            "default": True,
        }
    ]
    assert "secret-token" not in listed.stdout

    with FakeTwilio() as server:
        monkeypatch.setenv("NUMSEARCH_API_URL", server.url)
        server.default = numbers_page([available("+15105550100")])
        found = cli("local", "--profile", "work")
        assert found.exit_code == 0, found.stderr
        assert server.requests[0].path.startswith(f"/2010-04-01/Accounts/{FAKE_SID}/")
        # The default profile is used with no flag and no TWILIO_* variables.
        assert cli("local").exit_code == 0

    assert cli("profile", "remove", "work").exit_code == 0
    assert cli("profile", "list").exit_code == 1
    assert cli("profile", "remove", "work").exit_code == 2


def test_profile_add_with_api_key_prompts_in_a_terminal(cli: CliRun) -> None:
    result = cli(
        "profile",
        "add",
        "ci",
        "--api-key",
        KEY,
        "--region",
        "ie1",
        terminal=True,
        input=f"{FAKE_SID}\nkey-secret\n",
    )
    assert result.exit_code == 0, result.stderr
    assert "key-secret" not in result.stdout
    saved = tomllib.loads(config.config_path().read_text())["profiles"]["ci"]
    assert saved == {
        "account_sid": FAKE_SID,
        "api_key": KEY,
        "api_secret": "key-secret",
        "region": "ie1",
    }


def test_the_readmes_ci_line_reads_only_the_secret_from_stdin(cli: CliRun) -> None:
    """`numsearch profile add ci --account-sid AC... --api-key SK... < secret`."""
    result = cli("profile", "add", "ci", "--account-sid", FAKE_SID, "--api-key", KEY,
                 input="key-secret\n")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""  # no prompt on stdout
    saved = config.load_config()["profiles"]["ci"]
    assert saved == {"account_sid": FAKE_SID, "api_key": KEY, "api_secret": "key-secret"}


def test_without_a_terminal_the_account_sid_is_never_read_from_stdin(cli: CliRun) -> None:
    result = cli("profile", "add", "ci", "--api-key", KEY, input=f"{FAKE_SID}\nkey-secret\n")
    assert result.exit_code == 2
    assert "--account-sid" in result.stderr and result.stderr.count("\n") == 1
    assert not config.config_path().exists()


def test_prompts_go_to_stderr(cli: CliRun) -> None:
    result = cli("profile", "add", "work", terminal=True, input=f"{FAKE_SID}\ntoken\n")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert "Account SID:" in result.stderr and "Auth token:" in result.stderr


def test_profile_add_without_a_secret_on_stdin(cli: CliRun) -> None:
    result = cli("profile", "add", "work", "--account-sid", FAKE_SID, input="")
    assert result.exit_code == 2
    assert "none on stdin" in result.stderr


def test_region_flag_and_environment_choose_the_host(
    cli: CliRun, credentials: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    # No server: the failure message names the host numsearch tried.
    monkeypatch.setattr("numsearch.transport.RETRIES", 0)
    monkeypatch.setattr(
        "socket.getaddrinfo",
        lambda *a, **k: (_ for _ in ()).throw(OSError("Name or service not known")),
    )
    result = cli("local", "--region", "au1", "--edge", "sydney")
    assert "api.sydney.au1.twilio.com" in result.stderr
    monkeypatch.setenv("TWILIO_REGION", "ie1")
    assert "api.ie1.twilio.com" in cli("local").stderr


def test_profile_path_prints_the_file(cli: CliRun) -> None:
    assert cli("profile", "path").stdout.strip() == str(config.config_path())


def test_a_link_planted_at_the_temporary_name_cannot_redirect_the_secrets(
    cli: CliRun, tmp_path: Path
) -> None:
    """The config used to be written through `.config.toml.<pid>.tmp`, a name anyone could
    plant a symbolic link at ahead of time."""
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n")
    directory = config.config_path().parent
    directory.mkdir(parents=True, exist_ok=True)
    (directory / f".config.toml.{os.getpid()}.tmp").symlink_to(victim)
    added = cli("profile", "add", "work", "--account-sid", FAKE_SID, input="secret-token\n")
    assert added.exit_code == 0, added.stderr
    assert victim.read_text() == "keep me\n"
    assert "secret-token" in config.config_path().read_text()
    assert not config.config_path().is_symlink()
