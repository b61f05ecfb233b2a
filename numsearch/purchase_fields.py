"""The purchase form: one table of the setup fields a new number takes, from which the
`buy` options, their checks, the POSTed form and the docs all derive.

The fields are the spec's CreateIncomingPhoneNumberRequest, less those numsearch sets
itself (PhoneNumber, AreaCode) and those that make no sense at purchase (ApiVersion).
"""

from __future__ import annotations

import ipaddress
import re
from enum import StrEnum
from typing import NamedTuple
from urllib.parse import urlsplit

from numsearch.errors import InvalidInput
from numsearch.untrusted import quoted

MAX_FRIENDLY_NAME = 64
_HEX32 = re.compile(r"[0-9a-fA-F]{32}")


class FieldKind(StrEnum):
    """What a field's value must look like."""

    text = "text"
    url = "url"
    method = "method"  # GET or POST
    sid = "sid"  # a prefix and 32 hex digits
    receive_mode = "receive_mode"  # voice or fax


class PurchaseField(NamedTuple):
    """One setup field: its form name, its kind, and the help of its option."""

    form: str  # FriendlyName
    kind: FieldKind
    help: str
    sid_prefix: str | None = None

    @property
    def name(self) -> str:
        """`friendly_name`: the option's Python name and the resource's JSON key."""
        return re.sub(r"(?<!^)(?=[A-Z])", "_", self.form).lower()

    @property
    def flag(self) -> str:
        """`--friendly-name`."""
        return "--" + self.name.replace("_", "-")

    def check(self, value: str) -> str:
        """The value to send, or InvalidInput naming the flag."""
        return _CHECKS[self.kind](self, value)


def _text(field: PurchaseField, value: str) -> str:
    if not value.strip():
        raise InvalidInput(f"{field.flag} needs a value")
    if len(value) > MAX_FRIENDLY_NAME:
        raise InvalidInput(f"{field.flag} is {len(value)} characters: at most {MAX_FRIENDLY_NAME}")
    return value


_HOST = re.compile(
    r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.?|\[[0-9A-Fa-f:.]+\]"
)


def _valid_host(host: str) -> bool:
    """A DNS name, or an IP address (urlsplit gives an IPv6 literal without brackets)."""
    if _HOST.fullmatch(host):
        return True
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _url(field: PurchaseField, value: str) -> str:
    try:
        url = urlsplit(value)
        url.port  # noqa: B018  (raises ValueError on a malformed port)
    except ValueError:
        url = None
    if (
        url is None
        or url.scheme not in ("http", "https")
        or not url.hostname
        or any(ch.isspace() or not ch.isprintable() for ch in value)
        or not _valid_host(url.hostname)
    ):
        raise InvalidInput(f"{field.flag} {quoted(value)} is not an http(s) URL")
    return value


def _method(field: PurchaseField, value: str) -> str:
    if value.upper() not in ("GET", "POST"):
        raise InvalidInput(f"{field.flag} must be GET or POST, not {quoted(value)}")
    return value.upper()


def _sid(field: PurchaseField, value: str) -> str:
    prefix = field.sid_prefix or ""
    if not (value.startswith(prefix) and _HEX32.fullmatch(value[len(prefix) :])):
        raise InvalidInput(
            f"{field.flag} must be {prefix} followed by 32 hex digits, not {quoted(value)}"
        )
    return value


def _receive_mode(field: PurchaseField, value: str) -> str:
    if value not in ("voice", "fax"):
        raise InvalidInput(f"{field.flag} must be voice or fax, not {quoted(value)}")
    return value


_CHECKS = {
    FieldKind.text: _text,
    FieldKind.url: _url,
    FieldKind.method: _method,
    FieldKind.sid: _sid,
    FieldKind.receive_mode: _receive_mode,
}

PURCHASE_FIELDS: tuple[PurchaseField, ...] = (
    PurchaseField("FriendlyName", FieldKind.text, "A name for it (64 chars)."),
    PurchaseField("VoiceUrl", FieldKind.url, "Webhook for incoming calls."),
    PurchaseField("VoiceMethod", FieldKind.method, "Method for --voice-url."),
    PurchaseField("VoiceFallbackUrl", FieldKind.url, "Webhook when the voice URL fails."),
    PurchaseField("VoiceFallbackMethod", FieldKind.method, "Method for --voice-fallback-url."),
    PurchaseField("VoiceApplicationSid", FieldKind.sid, "TwiML app for calls.", "AP"),
    PurchaseField("VoiceReceiveMode", FieldKind.receive_mode, "Receive voice calls or faxes."),
    PurchaseField("SmsUrl", FieldKind.url, "Webhook for incoming messages."),
    PurchaseField("SmsMethod", FieldKind.method, "Method for --sms-url."),
    PurchaseField("SmsFallbackUrl", FieldKind.url, "Webhook when the SMS URL fails."),
    PurchaseField("SmsFallbackMethod", FieldKind.method, "Method for --sms-fallback-url."),
    PurchaseField("SmsApplicationSid", FieldKind.sid, "TwiML app for messages.", "AP"),
    PurchaseField("StatusCallback", FieldKind.url, "Status webhook URL."),
    PurchaseField("StatusCallbackMethod", FieldKind.method, "Method for --status-callback."),
    PurchaseField("AddressSid", FieldKind.sid, "Address the number needs.", "AD"),
    PurchaseField("BundleSid", FieldKind.sid, "Regulatory bundle.", "BU"),
    PurchaseField("EmergencyAddressSid", FieldKind.sid, "Emergency address.", "AD"),
    PurchaseField("TrunkSid", FieldKind.sid, "SIP trunk for calls.", "TK"),
    PurchaseField("IdentitySid", FieldKind.sid, "Identity the number needs.", "RI"),
)
BY_NAME: dict[str, PurchaseField] = {f.name: f for f in PURCHASE_FIELDS}


def checked_form(values: dict[str, str | None]) -> dict[str, str]:
    """The setup options given (option names -> values) as the form to send, each checked.

    Options not given (None) are left out; an empty one is refused (clearing a field
    is not a purchase's job).
    """
    return {
        BY_NAME[name].form: BY_NAME[name].check(value)
        for name, value in values.items()
        if value is not None
    }


# -- clearing a field (numsearch update --clear FIELD) ---------------------------------

# Kinds a field can be emptied of: a webhook URL or a linked resource's SID. A method or
# a receive mode always has a value (set another one), and a number's name is reset by
# giving it a new one.
CLEARABLE_KINDS = frozenset({FieldKind.url, FieldKind.sid})


def field_named(text: str) -> PurchaseField:
    """The field a user names: `voice-url`, `--voice-url`, `voice_url` or `VoiceUrl`;
    InvalidInput (listing the fields that can be cleared) otherwise."""
    key = text.strip().removeprefix("--").replace("-", "_")
    for field in PURCHASE_FIELDS:
        if key.lower() in (field.name, field.form.lower()):
            return field
    clearable = ", ".join(
        f.name.replace("_", "-") for f in PURCHASE_FIELDS if f.kind in CLEARABLE_KINDS
    )
    raise InvalidInput(f"--clear {quoted(text)} is not a field of a number; fields: {clearable}")


def cleared_form(names: list[str]) -> dict[str, str]:
    """`--clear` values as the form that empties them (`VoiceUrl=`), each checked to be
    a field that can be emptied."""
    form: dict[str, str] = {}
    for text in names:
        field = field_named(text)
        if field.kind not in CLEARABLE_KINDS:
            raise InvalidInput(
                f"--clear {field.name.replace('_', '-')}: it cannot be emptied; set it with"
                f" {field.flag} instead"
            )
        form[field.form] = ""
    return form


class Setup(NamedTuple):
    """A number's setup, as the Python API takes it: one optional value per field of
    PURCHASE_FIELDS (a test keeps the two equal), None where not set."""

    friendly_name: str | None = None
    voice_url: str | None = None
    voice_method: str | None = None
    voice_fallback_url: str | None = None
    voice_fallback_method: str | None = None
    voice_application_sid: str | None = None
    voice_receive_mode: str | None = None
    sms_url: str | None = None
    sms_method: str | None = None
    sms_fallback_url: str | None = None
    sms_fallback_method: str | None = None
    sms_application_sid: str | None = None
    status_callback: str | None = None
    status_callback_method: str | None = None
    address_sid: str | None = None
    bundle_sid: str | None = None
    emergency_address_sid: str | None = None
    trunk_sid: str | None = None
    identity_sid: str | None = None

    def form(self) -> dict[str, str]:
        """The fields set, as the form Twilio takes, each checked (InvalidInput naming
        the field)."""
        return checked_form(dict(self._asdict()))
