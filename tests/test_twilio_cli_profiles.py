"""twilio-cli's profiles: its config.json read after numsearch's own profiles, in both
of its formats, checked like numsearch's, listed without secrets."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import pytest

from numsearch import config
from numsearch.errors import CredentialsError, InvalidInput
from tests.support import CliRun
from tests.support.fake_twilio import FAKE_SID, FakeTwilio, Recorded, available, numbers_page

THEIR_SID = "AC" + "d" * 32
OTHER_SID = "AC" + "b" * 32
KEY = "SK" + "c" * 32
SECRET = "twilio-cli-api-secret-for-tests"  # not a real secret: tests only
HOME_TOKEN = "numsearch-home-token-for-tests"
ENV_TOKEN = "env-token-for-tests"


def current(**profiles: dict[str, Any]) -> dict[str, Any]:
    """A config.json as current twilio-cli writes it."""
    return {"profiles": profiles, "activeProject": next(iter(profiles), None)}


def profile(sid: str = THEIR_SID, **extra: Any) -> dict[str, Any]:
    return {"accountSid": sid, "apiKey": KEY, "apiSecret": SECRET, **extra}


def write_twilio_cli(content: dict[str, Any] | str, folder: Path | None = None) -> Path:
    path = folder / "config.json" if folder else config.twilio_cli_config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content if isinstance(content, str) else json.dumps(content))
    return path


def write_numsearch(text: str) -> None:
    path = config.config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    path.chmod(0o600)


def basic_user(request: Recorded) -> str:
    scheme, _, encoded = request.headers["Authorization"].partition(" ")
    assert scheme == "Basic"
    return base64.b64decode(encoded).decode().partition(":")[0]


# -- where the file is ---------------------------------------------------------------------


def test_the_file_is_in_xdg_config_home(isolated: Path) -> None:
    assert config.twilio_cli_config_path() == isolated / "config" / "twilio-cli" / "config.json"


def test_twilio_config_dir_beats_xdg_config_home(tmp_path: Path) -> None:
    environ = {"TWILIO_CONFIG_DIR": str(tmp_path / "tw"), "XDG_CONFIG_HOME": str(tmp_path)}
    assert config.twilio_cli_config_path(environ) == tmp_path / "tw" / "config.json"


def test_without_xdg_config_home_it_is_under_home(tmp_path: Path) -> None:
    expected = tmp_path / ".config" / "twilio-cli" / "config.json"
    assert config.twilio_cli_config_path({"HOME": str(tmp_path)}) == expected


def test_twilio_config_dir_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_twilio_cli(current(elsewhere=profile()), tmp_path / "tw")
    monkeypatch.setenv("TWILIO_CONFIG_DIR", str(tmp_path / "tw"))
    assert config.resolve_credentials("elsewhere", {}).source == "twilio-cli profile elsewhere"


# -- the current format ----------------------------------------------------------------------


def test_a_current_profile_gives_its_key_region_and_edge() -> None:
    write_twilio_cli(current(tw=profile(region="ie1", edge="dublin")))
    creds = config.resolve_credentials("tw", {})
    assert (creds.account_sid, creds.username, creds.password) == (THEIR_SID, KEY, SECRET)
    assert (creds.region, creds.edge, creds.source) == ("ie1", "dublin", "twilio-cli profile tw")
    assert SECRET not in repr(creds)


def test_an_account_sid_as_api_key_is_an_auth_token() -> None:
    write_twilio_cli(current(tw=profile(apiKey=THEIR_SID)))
    creds = config.resolve_credentials("tw", {})
    assert (creds.username, creds.password) == (THEIR_SID, SECRET)


def test_the_files_top_level_edge_applies_when_the_profile_has_none() -> None:
    write_twilio_cli({**current(tw=profile()), "edge": "sydney"})
    assert config.resolve_credentials("tw", {}).edge == "sydney"


# -- which credentials win -------------------------------------------------------------------

NUMSEARCH_HOME = f'[profiles.home]\naccount_sid = "{OTHER_SID}"\nauth_token = "{HOME_TOKEN}"\n'
ENVIRONMENT = {"TWILIO_ACCOUNT_SID": FAKE_SID, "TWILIO_AUTH_TOKEN": ENV_TOKEN}


@pytest.mark.parametrize(
    ("flag", "environ", "numsearch_default", "source"),
    [
        ("tw", ENVIRONMENT, "home", "twilio-cli profile tw"),  # --profile beats all
        ("home", {}, None, "profile home"),  # numsearch's profile of a name beats twilio-cli's
        (None, ENVIRONMENT, "home", "environment"),  # the variables beat both defaults
        (None, {}, "home", "profile home"),  # numsearch's default beats twilio-cli's
        (None, {}, None, "twilio-cli profile tw"),  # twilio-cli's activeProject comes last
    ],
)
def test_precedence(
    flag: str | None, environ: dict[str, str], numsearch_default: str | None, source: str
) -> None:
    default = f'default_profile = "{numsearch_default}"\n' if numsearch_default else ""
    write_numsearch(default + NUMSEARCH_HOME)
    write_twilio_cli(current(tw=profile(), home=profile(OTHER_SID)))
    assert config.resolve_credentials(flag, environ).source == source


def test_no_active_profile_and_nothing_else_is_no_credentials() -> None:
    write_twilio_cli({"profiles": {"tw": profile()}})
    with pytest.raises(CredentialsError, match="no Twilio credentials"):
        config.resolve_credentials(None, {})


def test_an_unknown_profile_lists_both_kinds() -> None:
    write_numsearch(NUMSEARCH_HOME)
    path = write_twilio_cli(current(tw=profile()))
    with pytest.raises(CredentialsError) as caught:
        config.resolve_credentials("work", {})
    message = str(caught.value)
    assert "no profile 'work'" in message and "profiles: home" in message
    assert f"twilio-cli's {path} (profiles: tw)" in message


def test_a_broken_twilio_cli_file_does_not_stop_numsearchs_own_profiles() -> None:
    write_numsearch(NUMSEARCH_HOME)
    write_twilio_cli("{not json")
    assert config.resolve_credentials("home", {}).source == "profile home"


# -- the old format: the secret is in the keychain -----------------------------------------

OLD = {
    "projects": [{"id": "old", "accountSid": THEIR_SID, "region": "us1"}],
    "activeProject": "old",
}


@pytest.mark.parametrize("flag", ["old", None])
def test_an_old_profile_says_its_secret_is_in_the_keychain(flag: str | None) -> None:
    path = write_twilio_cli(OLD)
    with pytest.raises(CredentialsError) as caught:
        config.resolve_credentials(flag, {})
    message = str(caught.value)
    assert "twilio-cli profile 'old'" in message and str(path) in message
    assert "OS keychain, which numsearch does not read" in message
    assert f"TWILIO_ACCOUNT_SID={THEIR_SID}" in message
    assert "TWILIO_API_KEY and TWILIO_API_SECRET" in message
    assert f"numsearch profile add old --account-sid {THEIR_SID}" in message


def test_a_current_profile_beats_an_old_one_of_the_same_name() -> None:
    write_twilio_cli({**OLD, "profiles": {"old": profile()}})
    assert config.resolve_credentials("old", {}).password == SECRET


def test_the_keychain_message_through_the_cli(cli: CliRun) -> None:
    write_twilio_cli(OLD)
    result = cli("local", "--profile", "old", "--area-code", "510")
    assert result.exit_code == 3
    assert "numsearch does not read" in result.stderr and "TWILIO_API_SECRET" in result.stderr
    assert result.stdout == ""


# -- a file that is not what twilio-cli writes ----------------------------------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"profiles": {"tw": {"apiSecret": "' + SECRET, "not valid JSON"),
        ("[]", "not a JSON object"),
        ("\xff", "not valid JSON"),
        ('{"profiles": []}', "profiles are not an object"),
        ('{"profiles": {"tw": "' + SECRET + '"}}', "profile 'tw' is not an object"),
        ('{"projects": {}}', "projects are not a list"),
        ('{"projects": [{"accountSid": "AC"}]}', "not an object with an id"),
        ('{"profiles": {"tw": {"accountSid": 1}}}', "accountSid of profile 'tw' is not text"),
        (
            json.dumps({"profiles": {"tw": profile(apiSecret=1)}}),
            "apiSecret of profile 'tw' is not text",
        ),
        ('{"profiles": null, "projects": null}', "no profile 'tw'"),
    ],
)
def test_a_malformed_file_is_exit_3_with_its_path(cli: CliRun, content: str, message: str) -> None:
    path = write_twilio_cli(current(tw=profile()))
    path.write_bytes(content.encode("latin-1"))
    result = cli("local", "--profile", "tw")
    assert result.exit_code == 3, result.stderr
    assert message in result.stderr and str(path) in result.stderr
    assert SECRET not in result.stdout + result.stderr


def test_a_huge_file_is_not_read_whole(cli: CliRun) -> None:
    path = write_twilio_cli(" " * (config.MAX_CONFIG + 1) + "{}")
    result = cli("profile", "list")
    assert result.exit_code == 3 and f"twilio-cli's {path} is larger than 1 MiB" in result.stderr


@pytest.mark.parametrize(
    ("changed", "error", "message"),
    [
        ({"accountSid": "ACnope"}, CredentialsError, "accountSid of twilio-cli profile 'tw'"),
        ({"apiKey": "KEY"}, CredentialsError, "apiKey of twilio-cli profile 'tw'"),
        ({"apiSecret": "sécret\u20ac"}, CredentialsError, "apiSecret of twilio-cli profile"),
        ({"apiSecret": ""}, CredentialsError, "has no secret in the file"),
        ({"region": "ie1.evil.example"}, InvalidInput, "not a Twilio region name"),
        ({"edge": "a/b"}, InvalidInput, "not a Twilio edge name"),
    ],
)
def test_values_are_checked_like_numsearchs_own(
    changed: dict[str, str], error: type[Exception], message: str
) -> None:
    write_twilio_cli(current(tw=profile(**changed)))
    with pytest.raises(error) as caught:
        config.resolve_credentials("tw", {})
    assert message in str(caught.value) and SECRET not in str(caught.value)


# -- through the CLI ---------------------------------------------------------------------------


def test_a_search_with_a_twilio_cli_profile(cli: CliRun, monkeypatch: pytest.MonkeyPatch) -> None:
    write_twilio_cli(current(tw=profile()))
    with FakeTwilio() as server:
        monkeypatch.setenv("NUMSEARCH_API_URL", server.url)
        server.default = numbers_page([available("+15105550100")])
        for args in (("--profile", "tw"), ()):  # named, then as twilio-cli's active profile
            found = cli("local", "--area-code", "510", *args)
            assert found.exit_code == 0, found.stderr
            assert SECRET not in found.stdout + found.stderr
    assert len(server.requests) == 2
    for request in server.requests:
        assert request.path.startswith(f"/2010-04-01/Accounts/{THEIR_SID}/")
        assert basic_user(request) == KEY


def test_profile_list_shows_twilio_clis_profiles_without_secrets(cli: CliRun) -> None:
    write_numsearch(NUMSEARCH_HOME)
    write_twilio_cli({**current(tw=profile(region="ie1")), **OLD})
    listed = cli("profile", "list", "-o", "json")
    assert listed.exit_code == 0, listed.stderr
    rows = json.loads(listed.stdout)
    assert [(row["name"], row["source"], row["auth"], row["default"]) for row in rows] == [
        ("home", "numsearch", "auth token", False),
        ("old", "twilio-cli", "keychain (not read)", True),  # its activeProject
        ("tw", "twilio-cli", "api key", False),
    ]
    assert rows[2]["account_sid"] == "ACdddd…dddd" and rows[2]["region"] == "ie1"
    for args in (("-o", "json"), ("-o", "csv"), ()):
        for terminal in (True, False):
            shown = cli("profile", "list", *args, terminal=terminal)
            assert shown.exit_code == 0
            assert SECRET not in shown.stdout + shown.stderr
            assert HOME_TOKEN not in shown.stdout + shown.stderr
            assert THEIR_SID not in shown.stdout  # shortened, like numsearch's own


def test_numsearchs_default_profile_is_the_default_in_the_list(cli: CliRun) -> None:
    write_numsearch('default_profile = "home"\n' + NUMSEARCH_HOME)
    write_twilio_cli(current(tw=profile()))
    rows = json.loads(cli("profile", "list", "-o", "json").stdout)
    assert [(row["name"], row["default"]) for row in rows] == [("home", True), ("tw", False)]


def test_profile_list_with_only_twilio_cli_profiles(cli: CliRun) -> None:
    write_twilio_cli(current(tw=profile()))
    listed = cli("profile", "list", "-o", "json")
    assert listed.exit_code == 0
    assert [row["source"] for row in json.loads(listed.stdout)] == ["twilio-cli"]


def test_removing_a_twilio_cli_profile_says_whose_it_is(cli: CliRun) -> None:
    path = write_twilio_cli(current(tw=profile()))
    before = path.read_bytes()
    result = cli("profile", "remove", "tw")
    assert result.exit_code == 2
    assert "twilio-cli's profile" in result.stderr and "twilio profiles:remove tw" in result.stderr
    assert path.read_bytes() == before and not config.config_path().exists()


# -- --profile NAME sends that profile's key, secret, region and edge, never the active one's

ACTIVE_KEY, ACTIVE_SECRET = "SK" + "1" * 32, "active-profile-secret-for-tests"
NAMED_KEY, NAMED_SECRET = "SK" + "2" * 32, "named-profile-secret-for-tests"
TWO_PROFILES = current(
    active=profile(THEIR_SID, apiKey=ACTIVE_KEY, apiSecret=ACTIVE_SECRET, region="ie1",
                   edge="dublin"),
    named=profile(OTHER_SID, apiKey=NAMED_KEY, apiSecret=NAMED_SECRET, region="au1",
                  edge="sydney"),
)  # fmt: skip


def basic(key: str, secret: str) -> str:
    """The whole Authorization header of HTTP basic auth."""
    return "Basic " + base64.b64encode(f"{key}:{secret}".encode()).decode()


@pytest.mark.parametrize(
    ("args", "sid", "key", "secret"),
    [
        (("--profile", "named"), OTHER_SID, NAMED_KEY, NAMED_SECRET),
        ((), THEIR_SID, ACTIVE_KEY, ACTIVE_SECRET),  # twilio-cli's activeProject
    ],
    ids=["named", "active"],
)
def test_a_profile_sends_its_own_key_with_its_own_secret(
    cli: CliRun, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...], sid: str, key: str,
    secret: str,
) -> None:  # fmt: skip
    write_twilio_cli(TWO_PROFILES)
    assert TWO_PROFILES["activeProject"] == "active"
    with FakeTwilio() as server:
        monkeypatch.setenv("NUMSEARCH_API_URL", server.url)
        server.default = numbers_page([available("+15105550100")])
        found = cli("local", "--area-code", "510", *args, "-o", "json")
    assert found.exit_code == 0, found.stderr
    [request] = server.requests
    assert request.headers["Authorization"] == basic(key, secret)
    assert request.path.startswith(f"/2010-04-01/Accounts/{sid}/")
    assert ACTIVE_SECRET not in found.stdout + found.stderr
    assert NAMED_SECRET not in found.stdout + found.stderr


@pytest.mark.parametrize(
    ("name", "key", "secret", "host"),
    [
        ("named", NAMED_KEY, NAMED_SECRET, "sydney.au1.twilio.com"),
        (None, ACTIVE_KEY, ACTIVE_SECRET, "dublin.ie1.twilio.com"),
    ],
    ids=["named", "active"],
)
def test_a_profile_reaches_twilio_in_its_own_region_and_edge(
    name: str | None, key: str, secret: str, host: str
) -> None:
    """Without NUMSEARCH_API_URL: every host the client talks to, and the Authorization
    its session would send there (nothing is sent)."""
    import requests

    from numsearch.api import open_client
    from numsearch.settings import ClientSettings

    write_twilio_cli(TWO_PROFILES)
    client = open_client(ClientSettings(profile=name), environ={})
    assert client.base_url == f"https://api.{host}"
    for product in ("pricing", "numbers"):
        assert client.on_host(product).base_url == f"https://{product}.{host}"
    prepared = client.session.prepare_request(requests.Request("GET", client.base_url + "/x"))
    assert prepared.headers["Authorization"] == basic(key, secret)


def test_region_and_edge_flags_beat_the_named_profiles() -> None:
    from numsearch.api import open_client
    from numsearch.settings import ClientSettings

    write_twilio_cli(TWO_PROFILES)
    settings = ClientSettings(profile="named", region="ie1", edge="dublin")
    client = open_client(settings, environ={})
    assert client.base_url == "https://api.dublin.ie1.twilio.com"
    assert client.credentials.password == NAMED_SECRET
