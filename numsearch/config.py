"""Credentials and named profiles: a --profile flag beats the environment beats the config file.

The config file is TOML in the platform's config directory (`numsearch profile path`
prints it), written with mode 0600; a file others can read is warned about.
twilio-cli's own profiles (its config.json) are read too, after numsearch's: see
`twilio_cli_config_path()`.

    default_profile = "work"

    [profiles.work]
    account_sid = "AC..."
    auth_token = "..."          # or api_key = "SK..." and api_secret = "..."
    region = "ie1"              # optional, like TWILIO_REGION
    edge = "dublin"             # optional, like TWILIO_EDGE
    subaccount_sid = "AC..."    # optional, like --subaccount: act on this subaccount
"""

from __future__ import annotations

import json
import os
import re
import stat
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, NamedTuple

from numsearch.errors import CredentialsError, InvalidInput
from numsearch.untrusted import quoted

ACCOUNT_SID = re.compile(r"AC[0-9a-fA-F]{32}")
API_KEY_SID = re.compile(r"SK[0-9a-fA-F]{32}")
MAX_PROFILE_NAME = 64
PROFILE_NAME = re.compile(rf"[A-Za-z0-9_-]{{1,{MAX_PROFILE_NAME}}}")
# Twilio's region and edge names (us1, ie1, au1; dublin, sydney, ashburn): they become part
# of the API's host name, so nothing else may pass.
HOST_LABEL = re.compile(r"[a-z](?:[a-z0-9-]{0,29}[a-z0-9])?")
PROFILE_KEYS = (
    "account_sid",
    "auth_token",
    "api_key",
    "api_secret",
    "region",
    "edge",
    "subaccount_sid",
)
CONFIG_FILE = "config.toml"
TWILIO_CLI_CONFIG_FILE = "config.json"

Warn = Callable[[str], None]


class Credentials(NamedTuple):
    """Who numsearch acts as. `repr()` never shows the secret."""

    account_sid: str
    username: str  # the account SID, or an API key SID
    password: str
    source: str  # where they came from, for messages: "environment", "profile work"
    region: str | None = None  # a profile's own; --region / TWILIO_REGION win over it
    edge: str | None = None
    subaccount_sid: str | None = None  # a profile's own; --subaccount wins over it

    def __repr__(self) -> str:
        return f"Credentials({self.account_sid!r}, {self.username!r}, ***, {self.source!r})"

    @property
    def short_sid(self) -> str:
        """`AC1234…cdef`: enough to recognise the account, not to copy it."""
        return short_sid(self.account_sid)


def short_sid(sid: str) -> str:
    """`AC1234…cdef`: enough to recognise an account, not to copy it."""
    return f"{sid[:6]}…{sid[-4:]}" if len(sid) > 10 else sid


def subaccount_sid(value: str, what: str) -> str:
    """An account SID to act on (`AC` and 32 hex digits); InvalidInput naming `what`
    (the flag, variable or profile it came from) when it cannot be one."""
    sid = value.strip()
    if not ACCOUNT_SID.fullmatch(sid):
        raise InvalidInput(
            f"{what} {quoted(value)} is not an account SID: AC followed by 32 hex digits"
        )
    return sid


def config_dir() -> Path:
    """The platform's config directory for numsearch (XDG_CONFIG_HOME on Linux)."""
    from platformdirs import user_config_path

    return user_config_path("numsearch", appauthor=False)


def config_path() -> Path:
    """The TOML file that holds the profiles."""
    return config_dir() / CONFIG_FILE


def load_config(path: Path | None = None, *, warn: Warn | None = None) -> dict[str, Any]:
    """Read the config file ({} when there is none); warn when others may read it."""
    import tomllib

    path = path or config_path()
    read = read_config_file(path, str(path))
    if read is None:
        return {}
    data, mode = read
    warn_if_loose(path, mode, warn)
    try:
        return tomllib.loads(data.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise CredentialsError(f"{path} is not valid TOML: {exc}") from None


# A config file is a few kilobytes; anything far larger is not one (twilio-cli's own
# config.json is read up to the same size).
MAX_CONFIG = 1 << 20
_FILE_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def read_config_file(path: Path, name: str) -> tuple[bytes, int] | None:
    """The bytes of a config file and its mode; None when there is none. Only a regular
    file is read (a link to one is fine), and at most MAX_CONFIG bytes of it: a FIFO, a
    device such as /dev/zero or a directory is a CredentialsError saying what it is,
    never a read that waits or never ends. `name` is how messages call the file."""
    try:
        mode = path.stat().st_mode
        if stat.S_ISREG(mode):  # a FIFO is never opened: opening one waits for a writer
            # O_NONBLOCK: were it swapped for a FIFO since, opening that would not wait.
            flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
            with os.fdopen(os.open(path, flags), "rb") as file:
                mode = os.fstat(file.fileno()).st_mode
                data = file.read(MAX_CONFIG + 1) if stat.S_ISREG(mode) else b""
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise CredentialsError(f"cannot read {name}: {exc.strerror}") from None
    if not stat.S_ISREG(mode):
        raise _not_a_file(name, mode)
    if len(data) > MAX_CONFIG:
        raise CredentialsError(f"{name} is larger than 1 MiB: it is not a config file")
    return data, mode


def _not_a_file(name: str, mode: int) -> CredentialsError:
    kind = next((kind for test, kind in _FILE_KINDS if test(mode)), "not a file")
    return CredentialsError(f"{name} is {kind}, not a regular file")


def warn_if_loose(path: Path, mode: int, warn: Warn | None) -> None:
    """Warn when a file that holds secrets can be read by others (any group or other bit)."""
    if warn and mode & (stat.S_IRWXG | stat.S_IRWXO):
        warn(
            f"{path} can be read by others (mode {stat.S_IMODE(mode):o}); it holds secrets:"
            f" chmod 600 {path}"
        )


def dump_config(config: Mapping[str, Any]) -> str:
    """Serialise the config (top-level strings and one table per profile, its known keys
    with a value) as TOML, with tomli-w (loaded only when a profile is written)."""
    import tomli_w

    document: dict[str, Any] = {k: v for k, v in config.items() if isinstance(v, str)}
    profiles = {
        name: {key: str(profile[key]) for key in PROFILE_KEYS if profile.get(key)}
        for name, profile in sorted(config.get("profiles", {}).items())
    }
    if profiles:
        document["profiles"] = profiles
    return tomli_w.dumps(document)


def save_config(config: Mapping[str, Any], path: Path | None = None) -> Path:
    """Write the config atomically with mode 0600 (never readable by others, even briefly)."""
    import tempfile

    path = path or config_path()
    private_dir(path.parent)
    # A fresh, unpredictable name made with O_EXCL (mode 0600): a link planted where the
    # temporary file will be cannot redirect the secrets.
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(dump_config(config))
        tmp.chmod(0o600)
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def private_dir(folder: Path) -> None:
    """Make `folder` and each missing folder above it with mode 0700, as the XDG base
    directory spec asks, whatever the umask (under `umask 000` mkdir -p would make them
    0777); a folder that exists keeps its mode."""
    missing = []
    while not folder.is_dir() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    for made in reversed(missing):
        try:
            made.mkdir(mode=0o700)
        except FileExistsError:
            if not made.is_dir():
                raise


def region_name(value: str, what: str) -> str:
    """A Twilio region name (us1, ie1, au1), lower-cased; InvalidInput naming `what`
    (the flag, variable or profile it came from) when it cannot be one."""
    return _host_label(value, what, "region", "us1, ie1, au1")


def edge_name(value: str, what: str) -> str:
    """A Twilio edge name (dublin, sydney, ashburn), lower-cased; InvalidInput naming
    `what` when it cannot be one."""
    return _host_label(value, what, "edge", "dublin, sydney, ashburn")


def _host_label(value: str, what: str, kind: str, examples: str) -> str:
    label = value.strip().lower()
    if not HOST_LABEL.fullmatch(label):
        raise InvalidInput(
            f"{what} {quoted(value)} is not a Twilio {kind} name: lower-case letters and digits,"
            f" e.g. {examples}"
        )
    return label


def sendable_secret(secret: str) -> bool:
    """Whether a secret can go into HTTP Basic authorization (requests encodes it as
    latin-1: anything beyond cannot be sent, and is a pasting mistake anyway)."""
    try:
        secret.encode("latin-1")
    except UnicodeEncodeError:
        return False
    return True


def validate_profile(name: str, profile: Mapping[str, Any]) -> None:
    """Check a profile before it is saved; raise InvalidInput with the fix."""
    if not PROFILE_NAME.fullmatch(name):
        raise InvalidInput(f"profile name {quoted(name)}: use letters, digits, - and _")
    sid = str(profile.get("account_sid") or "")
    if not ACCOUNT_SID.fullmatch(sid):
        raise InvalidInput("--account-sid must be AC followed by 32 hex digits")
    if profile.get("api_key"):
        if not API_KEY_SID.fullmatch(str(profile["api_key"])):
            raise InvalidInput("--api-key must be SK followed by 32 hex digits")
        if not profile.get("api_secret"):
            raise InvalidInput("an API key needs its secret")
    elif not profile.get("auth_token"):
        raise InvalidInput("a profile needs an auth token, or an API key and its secret")
    secret = str(profile.get("api_secret") or profile.get("auth_token") or "")
    if not sendable_secret(secret):
        raise InvalidInput("the secret has characters no Twilio secret has: paste it again")
    if profile.get("region"):
        region_name(str(profile["region"]), "--region")
    if profile.get("edge"):
        edge_name(str(profile["edge"]), "--edge")
    if profile.get("subaccount_sid"):
        subaccount_sid(str(profile["subaccount_sid"]), "--subaccount")


def resolve_credentials(
    profile: str | None,
    environ: Mapping[str, str],
    *,
    warn: Warn | None = None,
    config_file: Path | None = None,
) -> Credentials:
    """Find credentials; the first of these wins:

    1. --profile NAME (or NUMSEARCH_PROFILE): numsearch's profile NAME, else twilio-cli's;
    2. the TWILIO_* variables;
    3. the config file's `default_profile`;
    4. twilio-cli's active profile (its `activeProject`).

    twilio-cli's config.json is read only when it is needed. Raises CredentialsError with
    one line that says exactly what to set.
    """
    if profile is None and _has_env(environ):
        return _from_environment(environ)
    config = load_config(config_file, warn=warn)
    profiles = config.get("profiles", {})
    name = profile or config.get("default_profile")
    if name and name in profiles:
        return _from_profile(name, profiles[name])
    twilio_cli = TwilioCliConfig.load(warn=warn)  # found as numsearch's file is: not in environ
    if name:
        if twilio_cli and twilio_cli.has(name):
            return twilio_cli.credentials(name)
        known = ", ".join(sorted(profiles)) or "none yet"
        also = ""
        if twilio_cli:
            theirs = ", ".join(twilio_cli.names()) or "none"
            also = f" nor in twilio-cli's {twilio_cli.path} (profiles: {theirs})"
        where = config_file or config_path()
        raise CredentialsError(
            f"no profile {quoted(name)} in {where} (profiles: {known}){also};"
            " add one with `numsearch profile add NAME`"
        )
    if twilio_cli and twilio_cli.active:
        return twilio_cli.credentials(twilio_cli.active)
    raise CredentialsError(
        "no Twilio credentials: set TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN"
        " (or TWILIO_API_KEY and TWILIO_API_SECRET), use --profile NAME,"
        " or try it with no account: numsearch --sandbox ..."
    )


def _has_env(environ: Mapping[str, str]) -> bool:
    return bool((environ.get("TWILIO_ACCOUNT_SID") or "").strip())


def _from_environment(environ: Mapping[str, str]) -> Credentials:
    sid = environ["TWILIO_ACCOUNT_SID"].strip()
    key = (environ.get("TWILIO_API_KEY") or "").strip()
    secret = environ.get("TWILIO_API_SECRET") or ""
    token = environ.get("TWILIO_AUTH_TOKEN") or ""
    _check_sid(sid, "TWILIO_ACCOUNT_SID")
    if key:
        _check_key(key, "TWILIO_API_KEY")
        if not secret:
            raise CredentialsError("TWILIO_API_KEY is set but TWILIO_API_SECRET is not")
        username, password = key, secret
        _check_secret(password, "TWILIO_API_SECRET")
    elif token:
        username, password = sid, token
        _check_secret(password, "TWILIO_AUTH_TOKEN")
    else:
        raise CredentialsError(
            "TWILIO_ACCOUNT_SID is set but TWILIO_AUTH_TOKEN is not"
            " (or set TWILIO_API_KEY and TWILIO_API_SECRET)"
        )
    return Credentials(
        account_sid=sid,
        username=username,
        password=password,
        source="environment",
    )


def _from_profile(name: str, raw: Any) -> Credentials:
    if not isinstance(raw, dict):
        raise CredentialsError(f"profile {quoted(name)} in the config file is not a table")
    sid = str(raw.get("account_sid") or "")
    _check_sid(sid, f"account_sid of profile {quoted(name)} (TWILIO_ACCOUNT_SID)")
    if raw.get("api_key"):
        username, password = str(raw["api_key"]), str(raw.get("api_secret") or "")
        _check_key(username, f"api_key of profile {quoted(name)} (TWILIO_API_KEY)")
        holder = "api_secret"
    else:
        username, password = sid, str(raw.get("auth_token") or "")
        holder = "auth_token"
    if not password:
        raise CredentialsError(
            f"profile {quoted(name)} has no auth_token (or api_key and api_secret)"
        )
    _check_secret(password, f"{holder} of profile {quoted(name)}")
    region, edge, sub = raw.get("region"), raw.get("edge"), raw.get("subaccount_sid")
    return Credentials(
        account_sid=sid,
        username=username,
        password=password,
        source=f"profile {name}",
        region=region_name(str(region), f"region of profile {quoted(name)}") if region else None,
        edge=edge_name(str(edge), f"edge of profile {quoted(name)}") if edge else None,
        subaccount_sid=subaccount_sid(str(sub), f"subaccount_sid of profile {quoted(name)}")
        if sub
        else None,
    )


def _check_sid(sid: str, what: str) -> None:
    if not ACCOUNT_SID.fullmatch(sid):
        raise CredentialsError(f"{what} must be AC followed by 32 hex digits")


def _check_key(key: str, what: str) -> None:
    if not API_KEY_SID.fullmatch(key):
        raise CredentialsError(f"{what} must be SK followed by 32 hex digits")


def _check_secret(secret: str, what: str) -> None:
    # Said without the secret: only that it cannot be right.
    if not sendable_secret(secret):
        raise CredentialsError(
            f"{what} has characters no Twilio secret has (a pasting mistake?): set it again"
        )


def add_profile(
    name: str, profile: Mapping[str, str], *, make_default: bool = False, path: Path | None = None
) -> Path:
    """Validate and save a profile (replacing one of the same name); returns the file."""
    validate_profile(name, profile)
    config = load_config(path)
    profiles = dict(config.get("profiles", {}))
    profiles[name] = {key: value for key, value in profile.items() if value}
    config["profiles"] = profiles
    if make_default or len(profiles) == 1:
        config["default_profile"] = name
    return save_config(config, path)


def remove_profile(name: str, *, path: Path | None = None) -> Path:
    """Delete a profile; raise InvalidInput when there is none of that name."""
    config = load_config(path)
    profiles = dict(config.get("profiles", {}))
    if name not in profiles:
        twilio_cli = TwilioCliConfig.load()
        if twilio_cli and twilio_cli.has(name):
            raise InvalidInput(
                f"{quoted(name)} is twilio-cli's profile ({twilio_cli.path}), which numsearch only"
                f" reads: remove it with `twilio profiles:remove {name}`"
            )
        known = ", ".join(sorted(profiles)) or "none"
        raise InvalidInput(f"no profile {quoted(name)} (profiles: {known})")
    del profiles[name]
    config["profiles"] = profiles
    if config.get("default_profile") == name:
        config.pop("default_profile")
    return save_config(config, path)


def profile_summaries(*, warn: Warn | None = None) -> list[dict[str, Any]]:
    """Each profile without its secret: name, where it is kept (numsearch or twilio-cli),
    account (shortened), auth kind, region, edge, subaccount, and whether it is the one
    used when nothing else is given."""
    config = load_config(warn=warn)
    default = config.get("default_profile")
    rows = []
    for name, raw in sorted(config.get("profiles", {}).items()):
        sub = raw.get("subaccount_sid")
        rows.append(
            {
                "name": name,
                "source": "numsearch",
                "account_sid": short_sid(str(raw.get("account_sid") or "")),
                "auth": "api key" if raw.get("api_key") else "auth token",
                "region": raw.get("region"),
                "edge": raw.get("edge"),
                "subaccount": short_sid(str(sub)) if sub else None,
                "default": name == default,
            }
        )
    twilio_cli = TwilioCliConfig.load(warn=warn)
    if twilio_cli:
        rows.extend(twilio_cli.summaries(default_is_theirs=not default))
    return rows


# -- twilio-cli's profiles ----------------------------------------------------------------

KEYCHAIN = "keychain (not read)"


def twilio_cli_config_path(environ: Mapping[str, str] | None = None) -> Path:
    """Where twilio-cli keeps its config.json: $TWILIO_CONFIG_DIR, else
    $XDG_CONFIG_HOME/twilio-cli, else ~/.config/twilio-cli (as its oclif base does)."""
    env = os.environ if environ is None else environ
    if env.get("TWILIO_CONFIG_DIR"):
        folder = Path(env["TWILIO_CONFIG_DIR"])
    elif env.get("XDG_CONFIG_HOME"):
        folder = Path(env["XDG_CONFIG_HOME"]) / "twilio-cli"
    else:
        folder = Path(env.get("HOME") or Path.home()) / ".config" / "twilio-cli"
    return folder / TWILIO_CLI_CONFIG_FILE


class TwilioCliConfig:
    """twilio-cli's profiles, read from its config.json (never written).

    Current twilio-cli keeps `profiles.NAME.{accountSid, apiKey, apiSecret, region, edge}`
    and names its default in `activeProject`. Older versions listed `projects` (a list of
    {id, accountSid, region}) and kept the secret in the OS keychain, which numsearch does
    not read: such a profile is named, with how to give its secret instead.
    """

    def __init__(self, path: Path, raw: Mapping[str, Any]) -> None:
        self.path = path
        self.edge = raw.get("edge")  # older versions kept one edge for every profile
        profiles = raw.get("profiles")
        profiles = {} if profiles is None else profiles
        projects = raw.get("projects")
        projects = [] if projects is None else projects
        if not isinstance(profiles, dict):
            raise self._malformed("its profiles are not an object")
        if not isinstance(projects, list):
            raise self._malformed("its projects are not a list")
        self.profiles: dict[str, Mapping[str, Any]] = {}
        for name, entry in profiles.items():
            if not isinstance(entry, dict):
                raise self._malformed(f"profile {quoted(name)} is not an object")
            self.profiles[name] = entry
        self.projects: dict[str, Mapping[str, Any]] = {}  # the old format, by id
        for entry in projects:
            if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
                raise self._malformed("an entry of its projects is not an object with an id")
            self.projects.setdefault(entry["id"], entry)
        active = raw.get("activeProject")
        self.active = active if isinstance(active, str) and self.has(active) else None

    @classmethod
    def load(
        cls, environ: Mapping[str, str] | None = None, *, warn: Warn | None = None
    ) -> TwilioCliConfig | None:
        """twilio-cli's config (None when there is none); CredentialsError naming the file
        when it cannot be read or is not what twilio-cli writes. `warn` is told when it
        holds an apiSecret that others can read, as for numsearch's own file."""
        path = twilio_cli_config_path(environ)
        read = read_config_file(path, f"twilio-cli's {path}")
        if read is None:
            return None
        data, mode = read
        try:
            raw = json.loads(data.decode("utf-8"))
        except (ValueError, UnicodeDecodeError, RecursionError):
            # The parser's message could quote the file, secrets and all: say only where.
            raise CredentialsError(f"twilio-cli's {path} is not valid JSON") from None
        if not isinstance(raw, dict):
            raise CredentialsError(f"twilio-cli's {path} is not a JSON object")
        loaded = cls(path, raw)
        if loaded.holds_secrets():
            warn_if_loose(path, mode, warn)
        return loaded

    def _malformed(self, what: str) -> CredentialsError:
        return CredentialsError(f"twilio-cli's {self.path} is not what twilio-cli writes: {what}")

    def holds_secrets(self) -> bool:
        """Whether some profile keeps its apiSecret in the file (not in the keychain)."""
        return any(entry.get("apiSecret") for entry in self.profiles.values())

    def has(self, name: str) -> bool:
        """Whether twilio-cli has a profile of that name (in either format)."""
        return name in self.profiles or name in self.projects

    def names(self) -> list[str]:
        """Every profile name, sorted."""
        return sorted(set(self.profiles) | set(self.projects))

    def _text(self, entry: Mapping[str, Any], key: str, name: str) -> str:
        value = entry.get(key)
        if value is None:
            return ""
        if not isinstance(value, str):
            raise self._malformed(f"{key} of profile {quoted(name)} is not text")
        return value.strip()

    def credentials(self, name: str) -> Credentials:
        """The credentials of twilio-cli's profile `name`, checked as numsearch's own are."""
        entry = self.profiles.get(name)
        if entry is None:
            raise self._in_keychain(name, self.projects[name])
        what = f"twilio-cli profile {quoted(name)} ({self.path})"
        sid = self._text(entry, "accountSid", name)
        _check_sid(sid, f"accountSid of {what}")
        key = self._text(entry, "apiKey", name)
        secret = entry.get("apiSecret") or ""
        if not isinstance(secret, str):
            raise self._malformed(f"apiSecret of profile {quoted(name)} is not text")
        if not key or not secret:
            raise self._in_keychain(name, entry)
        if key != sid:  # twilio-cli writes an API key; an account SID goes with an auth token
            _check_key(key, f"apiKey of {what}")
        _check_secret(secret, f"apiSecret of {what}")
        region = self._text(entry, "region", name)
        edge = self._text(entry, "edge", name) or (self.edge if isinstance(self.edge, str) else "")
        return Credentials(
            account_sid=sid,
            username=key,
            password=secret,
            source=f"twilio-cli profile {name}",
            region=region_name(region, f"region of {what}") if region else None,
            edge=edge_name(edge, f"edge of {what}") if edge else None,
        )

    def _in_keychain(self, name: str, entry: Mapping[str, Any]) -> CredentialsError:
        given = entry.get("accountSid")
        sid = given.strip() if isinstance(given, str) else ""
        sid = sid if ACCOUNT_SID.fullmatch(sid) else "AC..."
        return CredentialsError(
            f"twilio-cli profile {quoted(name)} ({self.path}) has no secret in the file: older"
            " twilio-cli versions keep it in the OS keychain, which numsearch does not read;"
            f" give it with TWILIO_ACCOUNT_SID={sid} and TWILIO_API_KEY and TWILIO_API_SECRET"
            f" (without --profile), or save it once: numsearch profile add {name}"
            f" --account-sid {sid} --api-key SK..."
        )

    def summaries(self, *, default_is_theirs: bool) -> list[dict[str, Any]]:
        """Each profile as `profile list` shows it, without its secret."""
        rows = []
        for name in self.names():
            entry = self.profiles.get(name) or self.projects[name]
            sid, key = entry.get("accountSid"), entry.get("apiKey")
            if name not in self.profiles or not entry.get("apiSecret"):
                auth = KEYCHAIN
            else:
                auth = "auth token" if key == sid else "api key"
            edge = entry.get("edge") or self.edge
            rows.append(
                {
                    "name": name,
                    "source": "twilio-cli",
                    "account_sid": short_sid(sid.strip()) if isinstance(sid, str) else None,
                    "auth": auth,
                    "region": entry.get("region") if isinstance(entry.get("region"), str) else None,
                    "edge": edge if isinstance(edge, str) else None,
                    "subaccount": None,
                    "default": default_is_theirs and name == self.active,
                }
            )
        return rows
