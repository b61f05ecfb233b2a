"""`numsearch buy` (safely, once) and `numsearch owned` (the account's numbers)."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import typer

from numsearch.cli.options import (
    Connection,
    NationalCountry,
    Output,
    add_options,
    connection_options,
    output_options,
)
from numsearch.cli.render import output_format, print_records
from numsearch.cli.root import AppState, command_app, state_of
from numsearch.errors import ExitCode, InvalidInput
from numsearch.models import INCOMING_NUMBER_FIELDS, IncomingNumber
from numsearch.output import OutputFormat

if TYPE_CHECKING:
    from numsearch.purchase import Outcome, Purchase

SETUP_PANEL = "Set up the new number"


class HttpMethod(StrEnum):
    """How Twilio calls a webhook."""

    GET = "GET"
    POST = "POST"


class ReceiveMode(StrEnum):
    """What the number receives."""

    voice = "voice"
    fax = "fax"


def _setup(flags: str, help: str, annotation: Any = str) -> Any:
    option = typer.Option(*flags.split(), help=help, rich_help_panel=SETUP_PANEL)
    return Annotated[annotation | None, option]


# Form field of the spec -> the option that sets it (defined once; buy and watch --buy).
PURCHASE_PARAMS = {
    "FriendlyName": ("friendly_name", _setup("--friendly-name", "A name for it (64 chars).")),
    "VoiceUrl": ("voice_url", _setup("--voice-url", "Webhook for incoming calls.")),
    "VoiceMethod": ("voice_method", _setup("--voice-method", "GET or POST.", HttpMethod)),
    "VoiceFallbackUrl": ("voice_fallback_url", _setup(
        "--voice-fallback-url", "Webhook when the voice URL fails.")),
    "VoiceFallbackMethod": ("voice_fallback_method", _setup(
        "--voice-fallback-method", "GET or POST.", HttpMethod)),
    "VoiceApplicationSid": ("voice_application_sid", _setup(
        "--voice-application-sid", "TwiML app (AP…) for calls.")),
    "VoiceReceiveMode": ("voice_receive_mode", _setup(
        "--voice-receive-mode", "voice or fax.", ReceiveMode)),
    "SmsUrl": ("sms_url", _setup("--sms-url", "Webhook for incoming messages.")),
    "SmsMethod": ("sms_method", _setup("--sms-method", "GET or POST.", HttpMethod)),
    "SmsFallbackUrl": ("sms_fallback_url", _setup(
        "--sms-fallback-url", "Webhook when the SMS URL fails.")),
    "SmsFallbackMethod": ("sms_fallback_method", _setup(
        "--sms-fallback-method", "GET or POST.", HttpMethod)),
    "SmsApplicationSid": ("sms_application_sid", _setup(
        "--sms-application-sid", "TwiML app (AP…) for messages.")),
    "StatusCallback": ("status_callback", _setup("--status-callback", "Status webhook URL.")),
    "StatusCallbackMethod": ("status_callback_method", _setup(
        "--status-callback-method", "GET or POST.", HttpMethod)),
    "AddressSid": ("address_sid", _setup("--address-sid", "Address (AD…) the number needs.")),
    "BundleSid": ("bundle_sid", _setup("--bundle-sid", "Regulatory bundle (BU…).")),
    "EmergencyAddressSid": ("emergency_address_sid", _setup(
        "--emergency-address-sid", "Emergency address (AD…).")),
    "TrunkSid": ("trunk_sid", _setup("--trunk-sid", "SIP trunk (TK…) for calls.")),
    "IdentitySid": ("identity_sid", _setup("--identity-sid", "Identity (RI…) the number needs.")),
}  # fmt: skip


def _param(name: str, annotation: Any) -> Any:
    import inspect

    return inspect.Parameter(
        name, inspect.Parameter.KEYWORD_ONLY, default=None, annotation=annotation
    )


def _form_options(values: dict[str, Any]) -> dict[str, str | None]:
    by_name = {name: field for field, (name, _) in PURCHASE_PARAMS.items()}
    return {
        by_name[name]: (str(value.value) if isinstance(value, StrEnum) else value)
        for name, value in values.items()
    }


purchase_options = add_options(
    [_param(name, annotation) for name, annotation in PURCHASE_PARAMS.values()],
    "setup",
    _form_options,
)


def print_incoming(numbers: list[IncomingNumber], title: str, out: Output, state: AppState) -> None:
    """Numbers on the account, in the run's format."""
    print_records(
        [n.to_json() for n in numbers],
        out,
        state.env,
        fields=INCOMING_NUMBER_FIELDS,
        table="incoming",
        title=title,
    )


def confirm_purchase(state: AppState, purchase: Purchase, account: str, yes: bool) -> None:
    """Ask before spending money; refuse without a terminal unless --yes (exit 2)."""
    from numsearch.numbering import format_national

    if yes:
        return
    if not state.env.stdin_isatty:
        raise InvalidInput(
            f"refusing to buy {purchase.what} without asking: stdin is not a terminal"
            " (add --yes to buy unattended, or --dry-run to see the request)"
        )
    what = purchase.what
    if purchase.phone_number:
        what = f"{purchase.phone_number} ({format_national(purchase.phone_number)})"
    sandbox = " [sandbox: nothing real is bought]" if state.sandbox else ""
    question = f"Buy {what} on account {account}{sandbox}? Twilio charges for it"
    if not typer.confirm(question, default=False, err=True):
        state.env.info("not bought")
        raise typer.Exit(int(ExitCode.NOTHING_FOUND))


buy_app = command_app()
owned_app = command_app()
COMMANDS = {"buy": buy_app, "owned": owned_app}


@buy_app.command()
@connection_options
@output_options
@purchase_options
def buy(
    ctx: typer.Context,
    number: Annotated[
        str | None,
        typer.Argument(
            help="The number to buy, in E.164 (+15105550100); letters are read on the keypad.",
            metavar="[NUMBER]",
            show_default=False,
        ),
    ] = None,
    area_code: Annotated[
        str | None,
        typer.Option(
            "--area-code",
            "-a",
            help="Buy any number in this area code (Twilio picks).",
            metavar="NPA",
        ),
    ] = None,
    country: NationalCountry = "US",
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="Do not ask (needed without a terminal).")
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print the request that would be sent; send nothing.")
    ] = False,
    *,
    setup: dict[str, str | None],
    out: Output,
    connection: Connection,
) -> None:
    """Buy a number, once, after asking.

    A NUMBER, or any number in an area code (Twilio picks). The purchase is never
    retried; after a timeout or a 5xx numsearch checks the account and says whether
    the number was bought.
    """
    from numsearch.countries import normalize_country
    from numsearch.purchase import build_purchase

    state = state_of(ctx)
    purchase = build_purchase(number, area_code, setup, normalize_country(country))
    client = state.client(connection)
    if dry_run:
        _print_dry_run(state, out, client.base_url + client.account_path, purchase)
        return
    confirm_purchase(state, purchase, client.credentials.short_sid, yes)
    outcome = purchase_with_spinner(state, client, purchase)
    print_incoming([outcome.number], f"Bought {outcome.number.phone_number}", out, state)


def purchase_with_spinner(state: AppState, client: Any, purchase: Purchase) -> Outcome:
    """Buy, say how it went on stderr, and return the outcome."""
    from numsearch.purchase import buy_safely

    with state.env.spinner(f"Buying {purchase.what}…"):
        outcome = buy_safely(client, purchase)
    if outcome.note:
        state.env.warn(outcome.note)
    state.env.info(f"bought {outcome.number.phone_number} ({outcome.number.sid})")
    return outcome


def _print_dry_run(state: AppState, out: Output, account_url: str, purchase: Purchase) -> None:
    from urllib.parse import urlencode

    form = purchase.form()
    structured = output_format(out, state.env) in (OutputFormat.json, OutputFormat.jsonl)
    record = {
        "method": "POST",
        "url": f"{account_url}/IncomingPhoneNumbers.json",
        "form": form if structured else urlencode(form),
    }
    print_records(
        [record], out, state.env, fields=("method", "url", "form"), table="request",
        title="Dry run: this request would be sent (nothing was)",
    )  # fmt: skip
    state.env.info("dry run: nothing was sent")


@owned_app.command()
@connection_options
@output_options
def owned(
    ctx: typer.Context,
    number: Annotated[
        str | None,
        typer.Argument(
            help="A number or part of one (+1510, * for any digit); all when left out.",
            metavar="[NUMBER]",
            show_default=False,
        ),
    ] = None,
    *,
    out: Output,
    connection: Connection,
) -> None:
    """List the numbers on the account.

    To check what a purchase did: numsearch owned +15105550100
    """
    state = state_of(ctx)
    client = state.client(connection)
    with state.env.spinner("Asking Twilio for the account's numbers…"):
        numbers = client.incoming_numbers(number.strip() if number else None)
    noun = "number" if len(numbers) == 1 else "numbers"
    print_incoming(numbers, f"{len(numbers)} {noun} on account {client.credentials.short_sid}",
                   out, state)  # fmt: skip
    if not numbers:
        raise typer.Exit(int(ExitCode.NOTHING_FOUND))
