"""`numsearch profile ...`: named credentials in the config file (written 0600); `list`
shows twilio-cli's profiles too."""

from __future__ import annotations

from typing import Annotated

import typer

from numsearch import config
from numsearch.cli.app import state_of
from numsearch.cli.help_text import examples
from numsearch.cli.options import Output, output_options
from numsearch.cli.printing import print_records
from numsearch.cli.startup import command_app
from numsearch.errors import InvalidInput
from numsearch.terminal import Terminal
from numsearch.untrusted import quoted

profile_app = command_app(
    help="Save credentials under a name.\n\nFor --profile; stored with mode 0600 in the"
    " platform config dir.",
    epilog=examples("numsearch profile add work --account-sid AC...", "numsearch profile list"),
    no_args_is_help=True,
)
COMMANDS = {"profile": profile_app}

PROFILE_FIELDS = (
    "name",
    "source",
    "account_sid",
    "auth",
    "region",
    "edge",
    "subaccount",
    "default",
)


def _account_sid(given: str | None, terminal: Terminal) -> str:
    if given:
        return given.strip()
    if not terminal.stdin_isatty:
        # stdin carries the secret when it is not a terminal: never read the SID from it.
        raise InvalidInput(
            "give the account SID with --account-sid AC... (stdin is not a terminal)"
        )
    return terminal.prompt("Account SID")


def _secret(what: str, terminal: Terminal) -> str:
    if terminal.stdin_isatty:
        secret = terminal.prompt(what, secret=True)
        where = "none typed"
    else:  # not a terminal: the secret comes on stdin, e.g. from a password manager
        secret = terminal.stdin.readline().strip()
        where = "none on stdin (pipe it in, or run in a terminal)"
    if not secret:
        raise InvalidInput(f"{what.lower()}: {where}")
    return secret


@profile_app.command(
    "add",
    epilog=examples(
        "numsearch profile add work --account-sid AC...",
        "numsearch profile add ci --account-sid AC... --api-key SK... < secret",
    ),
)
def add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Profile name, e.g. work.", metavar="NAME")],
    account_sid: Annotated[
        str | None,
        typer.Option("--account-sid", metavar="AC_SID", help="Account SID; asked if missing."),
    ] = None,
    api_key: Annotated[
        str | None,
        typer.Option("--api-key", metavar="SK_SID", help="An API key, not the auth token."),
    ] = None,
    region: Annotated[
        str | None, typer.Option("--region", metavar="REGION", help="Twilio region, e.g. ie1.")
    ] = None,
    edge: Annotated[
        str | None, typer.Option("--edge", metavar="EDGE", help="Twilio edge, e.g. dublin.")
    ] = None,
    subaccount: Annotated[
        str | None,
        typer.Option("--subaccount", metavar="AC_SID", help="Act on this subaccount."),
    ] = None,
    default: Annotated[
        bool, typer.Option("--default", help="Use it when --profile is not given.")
    ] = False,
) -> None:
    """Add or replace a profile.

    The secret is asked for (hidden) or read from stdin, never taken as a flag,
    so it stays out of shell history and process lists.
    """
    terminal = state_of(ctx).terminal
    sid = _account_sid(account_sid, terminal)
    secret = _secret("API secret" if api_key else "Auth token", terminal)
    profile = {
        "account_sid": sid,
        "region": region or "",
        "edge": edge or "",
        "subaccount_sid": (subaccount or "").strip(),
    }
    if api_key:
        profile.update(api_key=api_key, api_secret=secret)
    else:
        profile.update(auth_token=secret)
    path = config.add_profile(name, profile, make_default=default)
    terminal.info(f"saved profile {quoted(name, config.MAX_PROFILE_NAME)} in {path} (mode 600)")


@profile_app.command(
    "list", epilog=examples("numsearch profile list", "numsearch profile list -o json")
)
@output_options
def list_profiles(ctx: typer.Context, *, out: Output) -> None:
    """List profiles, numsearch's then twilio-cli's, without secrets."""
    terminal = state_of(ctx).terminal
    rows = config.profile_summaries(warn=terminal.warn)
    print_records(rows, out, terminal, fields=PROFILE_FIELDS)
    if not rows:
        terminal.info("no profiles yet: numsearch profile add NAME")
        raise typer.Exit(1)


@profile_app.command(
    "remove", epilog=examples("numsearch profile list", "numsearch profile remove ci")
)
def remove(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Profile to delete.", metavar="NAME")],
) -> None:
    """Delete a profile."""
    path = config.remove_profile(name)
    shown = quoted(name, config.MAX_PROFILE_NAME)  # it was saved: shown whole
    state_of(ctx).terminal.info(f"removed profile {shown} from {path}")


@profile_app.command("path", epilog=examples("numsearch profile path", "numsearch profile list"))
def path() -> None:
    """Print where the config file lives."""
    typer.echo(str(config.config_path()))
