"""Option sets that several commands share, each defined once and added by a decorator
that extends the command's signature (what Typer reads): `@output_options` gives
`-o/--output` and `--fields` as one Output; `@connection_options` gives `--profile`,
`--timeout`, `--region`, `--edge` and `--subaccount` as one ClientSettings;
`@tracking_options` gives `--new-only`, `--state` and `--exec`; `@purchase_options` gives
one option per field of numsearch.purchase_fields. Also the arguments and options a few
commands share (COUNTRY, NUMBER, --country, --dry-run)."""

from __future__ import annotations

import functools
import inspect
import os
import re
from collections.abc import Callable
from enum import StrEnum
from typing import Annotated, Any, NamedTuple, TypeVar

import typer

from numsearch.countries import complete_country
from numsearch.errors import InvalidInput
from numsearch.output import OutputFormat
from numsearch.purchase_fields import PURCHASE_FIELDS, FieldKind
from numsearch.settings import (
    DEFAULT_TIMEOUT,
    MAX_TIMEOUT,
    ClientSettings,
)

F = TypeVar("F", bound=Callable[..., Any])


OUTPUT_PANEL = "Output"


CONNECTION_PANEL = "Connection"


SETUP_PANEL = "Set up the number"


PRICES_PANEL = "Prices"


def _param(name: str, annotation: Any, default: Any = None) -> inspect.Parameter:
    return inspect.Parameter(
        name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=annotation
    )


def add_options(
    params: list[inspect.Parameter], into: str, build: Callable[[dict[str, Any]], Any]
) -> Callable[[F], F]:
    """Append `params` to a command's options; the command gets `build(values)` as `into`."""

    def decorate(func: F) -> F:
        signature = inspect.signature(func, eval_str=True)
        own = [p for p in signature.parameters.values() if p.name != into]

        @functools.wraps(func)
        def command(*args: Any, **kwargs: Any) -> Any:
            values = {p.name: kwargs.pop(p.name) for p in params}
            kwargs[into] = build(values)
            return func(*args, **kwargs)

        command.__signature__ = signature.replace(parameters=own + params)  # type: ignore[attr-defined]
        return command  # type: ignore[return-value]

    return decorate


# -- one option of a few commands ------------------------------------------------------

NationalCountry = Annotated[
    str,
    typer.Option(
        "--country",
        help="Country of numbers without +CC.",
        metavar="COUNTRY",
        autocompletion=complete_country,
    ),
]


# -- output --------------------------------------------------------------------------


class Output(NamedTuple):
    """`-o` (None: table on a terminal, JSON in a pipe), `--fields` and `--no-header`."""

    format: OutputFormat | None
    fields: str | None
    no_header: bool = False


OUTPUT_PARAMS = [
    _param("output", Annotated[OutputFormat | None, typer.Option(
        "--output", "-o", metavar="FORMAT",
        help="table, json, jsonl, csv or tsv (piped: json).",
        rich_help_panel=OUTPUT_PANEL)]),
    _param("fields", Annotated[str | None, typer.Option(
        "--fields", help="Fields to show, e.g. phone_number,locality.",
        metavar="A,B,C", rich_help_panel=OUTPUT_PANEL)]),
    _param("properties", Annotated[str | None, typer.Option(
        "--properties", hidden=True, metavar="A,B,C",
        help="twilio-cli's --properties: --fields, in camelCase (phoneNumber,region).")]),
    _param("no_header", Annotated[bool, typer.Option(
        "--no-header", help="No header row (table, csv, tsv): for cut, awk.",
        rich_help_panel=OUTPUT_PANEL)], False),
]  # fmt: skip


def _build_output(values: dict[str, Any]) -> Output:
    fields, properties = values["fields"], values["properties"]
    if properties is not None:
        if fields is not None:
            raise InvalidInput("--properties is twilio-cli's name for --fields: use one")
        fields = re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", properties).lower()
    return Output(format=values["output"], fields=fields, no_header=values["no_header"])


output_options = add_options(OUTPUT_PARAMS, "out", _build_output)


# -- connection ----------------------------------------------------------------------


def complete_profile(incomplete: str) -> list[str]:
    """Shell completion for --profile: numsearch's profiles and twilio-cli's (silent on
    any failure: a completion never prints an error)."""
    from numsearch import config

    try:
        names = [str(row["name"]) for row in config.profile_summaries()]
    except Exception:  # a broken config file: complete nothing, say nothing
        return []
    return sorted({name for name in names if name.startswith(incomplete)})


CONNECTION_PARAMS = [
    _param("profile", Annotated[str | None, typer.Option(
        "--profile", "-p", envvar="NUMSEARCH_PROFILE", metavar="NAME",
        autocompletion=lambda incomplete: complete_profile(incomplete),
        help="Credentials profile (or NUMSEARCH_PROFILE).", show_envvar=False,
        rich_help_panel=CONNECTION_PANEL)]),
    _param("timeout", Annotated[float, typer.Option(
        "--timeout", help="Seconds to wait per attempt.", metavar="SECONDS",
        rich_help_panel=CONNECTION_PANEL)], DEFAULT_TIMEOUT),
    _param("region", Annotated[str | None, typer.Option(
        "--region", envvar="TWILIO_REGION", metavar="REGION", show_envvar=False,
        help="Twilio region, e.g. ie1 (or TWILIO_REGION).", rich_help_panel=CONNECTION_PANEL)]),
    _param("edge", Annotated[str | None, typer.Option(
        "--edge", envvar="TWILIO_EDGE", metavar="EDGE", show_envvar=False,
        help="Twilio edge, e.g. dublin (or TWILIO_EDGE).", rich_help_panel=CONNECTION_PANEL)]),
    _param("api_url", Annotated[str | None, typer.Option(
        "--api-url", envvar="NUMSEARCH_API_URL", metavar="URL", hidden=True,
        help="Talk to this URL instead of Twilio (proxies, mocks, `numsearch sandbox serve`).",
        rich_help_panel=CONNECTION_PANEL)]),
    _param("subaccount", Annotated[str | None, typer.Option(
        "--subaccount", metavar="AC_SID",
        help="Subaccount to use (or NUMSEARCH_SUBACCOUNT).",
        rich_help_panel=CONNECTION_PANEL)]),
    # twilio-cli's spelling of --subaccount, for hands used to it. Hidden: numsearch's own
    # "account SID" is the credentials' account (TWILIO_ACCOUNT_SID, profile add).
    _param("account_sid", Annotated[str | None, typer.Option(
        "--account-sid", metavar="AC_SID", hidden=True,
        help="twilio-cli's name for --subaccount.", rich_help_panel=CONNECTION_PANEL)]),
]  # fmt: skip


def _build_connection(values: dict[str, Any]) -> ClientSettings:
    timeout = values["timeout"]
    if not 0 < timeout <= MAX_TIMEOUT:
        raise InvalidInput(
            f"--timeout must be more than 0 and at most {MAX_TIMEOUT:g} seconds, not {timeout:g}"
        )
    values["subaccount"] = _subaccount(values["subaccount"], values.pop("account_sid"))
    return ClientSettings(**values)


def _subaccount(flag: str | None, alias: str | None) -> str | None:
    """--subaccount, else twilio-cli's --account-sid, else NUMSEARCH_SUBACCOUNT; checked
    to be an account SID (it becomes part of every request's path)."""
    from numsearch.config import subaccount_sid

    if flag is not None and alias is not None and flag.strip() != alias.strip():
        raise InvalidInput("--subaccount and --account-sid name different accounts: give one")
    for value, what in (
        (flag, "--subaccount"),
        (alias, "--account-sid"),
        (os.environ.get("NUMSEARCH_SUBACCOUNT") or None, "NUMSEARCH_SUBACCOUNT"),
    ):
        if value is not None:
            return subaccount_sid(value, what)
    return None


connection_options = add_options(CONNECTION_PARAMS, "connection", _build_connection)


# -- tracking: only what is new, and hooks ------------------------------------------------

TRACKING_PANEL = "New numbers (cron)"


class Tracking(NamedTuple):
    """`--new-only`, `--state NAME`, `--exec CMD` and `--exec-timeout SECONDS`."""

    new_only: bool
    state: str | None
    exec: str | None
    exec_timeout: float = 60.0


TRACKING_PARAMS = [
    _param("new_only", Annotated[bool, typer.Option(
        "--new-only", help="Print only numbers not reported before.",
        rich_help_panel=TRACKING_PANEL)], False),
    _param("state", Annotated[str | None, typer.Option(
        "--state", help="Name of the memory of reported numbers.", metavar="NAME",
        rich_help_panel=TRACKING_PANEL)]),
    _param("exec_command", Annotated[str | None, typer.Option(
        "--exec", help="Run CMD in a shell for each new match.",
        metavar="CMD", rich_help_panel=TRACKING_PANEL)]),
    _param("exec_timeout", Annotated[float, typer.Option(
        "--exec-timeout", help="Stop --exec after this long.",
        metavar="SECONDS", rich_help_panel=TRACKING_PANEL)], 60.0),
]  # fmt: skip


def _build_tracking(values: dict[str, Any]) -> Tracking:
    if values["state"] is not None:
        if not values["new_only"]:
            raise InvalidInput("--state goes with --new-only")
        from numsearch.state import checked_name

        checked_name(values["state"])
    if values["exec_command"] is not None and not values["exec_command"].strip():
        raise InvalidInput("--exec needs a command")
    if not 0 < values["exec_timeout"] <= 24 * 3600:
        raise InvalidInput("--exec-timeout must be more than 0 and at most 86400 seconds")
    return Tracking(
        values["new_only"], values["state"], values["exec_command"], values["exec_timeout"]
    )


tracking_options = add_options(TRACKING_PARAMS, "tracking", _build_tracking)


# -- purchase options ----------------------------------------------------------------


class HttpMethod(StrEnum):
    """How Twilio calls a webhook."""

    GET = "GET"
    POST = "POST"


class ReceiveMode(StrEnum):
    """What the number receives."""

    voice = "voice"
    fax = "fax"


_SETUP_TYPES: dict[FieldKind, Any] = {
    FieldKind.method: HttpMethod,
    FieldKind.receive_mode: ReceiveMode,
}


_SETUP_METAVARS: dict[FieldKind, str] = {
    FieldKind.text: "NAME",
    FieldKind.url: "URL",
    FieldKind.method: "GET|POST",
    FieldKind.receive_mode: "voice|fax",
}  # a SID: its prefix, AD_SID


PURCHASE_PARAMS = [
    _param(field.name, Annotated[
        _SETUP_TYPES.get(field.kind, str) | None,
        typer.Option(field.flag, help=field.help, metavar=_SETUP_METAVARS.get(field.kind)
                     or f"{field.sid_prefix}_SID", rich_help_panel=SETUP_PANEL),
    ])
    for field in PURCHASE_FIELDS
]  # fmt: skip


def _build_setup(values: dict[str, Any]) -> dict[str, str | None]:
    return {
        name: str(value.value) if isinstance(value, StrEnum) else value
        for name, value in values.items()
    }


purchase_options = add_options(PURCHASE_PARAMS, "setup", _build_setup)


# -- one argument of several commands -----------------------------------------------------

CountryArgument = Annotated[
    str,
    typer.Argument(
        help="ISO code, any case: GB, not UK.",
        metavar="COUNTRY",
        show_default=True,
        autocompletion=complete_country,
    ),
]


# -- managing an owned number: update and release ------------------------------------------

COMPLETION_TIMEOUT = 2.0  # seconds per attempt: completion must not hang a shell


_PARTIAL_NUMBER = re.compile(r"\+?[0-9]{1,15}")


def complete_owned_number(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Shell completion: the account's numbers that start with what is typed, each with
    its friendly name. Quiet and short (COMPLETION_TIMEOUT); any failure offers nothing."""
    try:
        from numsearch import api

        root = ctx.find_root()
        sandbox = bool(root.params.get("sandbox")) or os.environ.get("NUMSEARCH_SANDBOX") == "1"
        settings = ClientSettings(
            profile=ctx.params.get("profile") or os.environ.get("NUMSEARCH_PROFILE"),
            timeout=COMPLETION_TIMEOUT,
            region=ctx.params.get("region") or os.environ.get("TWILIO_REGION"),
            edge=ctx.params.get("edge") or os.environ.get("TWILIO_EDGE"),
            api_url=ctx.params.get("api_url") or os.environ.get("NUMSEARCH_API_URL"),
            sandbox=sandbox,
        )
        client = api.open_client(settings, warn=lambda _message: None)
        typed = incomplete.strip()
        pattern = typed if _PARTIAL_NUMBER.fullmatch(typed) else None
        return [
            (n.phone_number, n.friendly_name or "")
            for n in client.incoming_numbers(pattern)
            if n.phone_number and n.phone_number.startswith(typed)
        ]
    except Exception:  # a shell's completion never shows an error
        return []


OwnedNumberArgument = Annotated[
    str,
    typer.Argument(
        help="A number on the account, or its SID.",
        metavar="NUMBER",
        show_default=False,
        autocompletion=complete_owned_number,
    ),
]


DryRunOption = Annotated[
    bool,
    typer.Option(
        "--dry-run",
        help="Print the request; change nothing.",
    ),
]
