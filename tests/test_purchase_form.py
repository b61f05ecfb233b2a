"""The purchase form's checks (pure).
Each refusal names the flag, the limits themselves are allowed, and webhook URLs are
read the way a client will read them (IPv6 hosts, ports, user info)."""

from __future__ import annotations

import pytest

from numsearch.errors import InvalidInput
from numsearch.purchase_fields import checked_form


def refusal(name: str, value: str) -> str:
    with pytest.raises(InvalidInput) as caught:
        checked_form({name: value})
    return str(caught.value)


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("friendly_name", " ", "--friendly-name needs a value"),
        ("friendly_name", "x" * 65, "--friendly-name is 65 characters: at most 64"),
        ("voice_method", "PUT", "--voice-method must be GET or POST, not 'PUT'"),
        ("sms_fallback_method", "", "--sms-fallback-method must be GET or POST, not ''"),
        ("voice_receive_mode", "VOICE", "--voice-receive-mode must be voice or fax, not 'VOICE'"),
    ],
)
def test_a_refusal_names_the_flag_and_what_it_takes(name: str, value: str, message: str) -> None:
    assert refusal(name, value) == message


@pytest.mark.parametrize(
    ("name", "value", "form"),
    [
        ("friendly_name", "x" * 64, {"FriendlyName": "x" * 64}),
        ("voice_receive_mode", "voice", {"VoiceReceiveMode": "voice"}),
        ("voice_receive_mode", "fax", {"VoiceReceiveMode": "fax"}),
        ("voice_method", "post", {"VoiceMethod": "POST"}),
    ],
)
def test_what_each_field_takes(name: str, value: str, form: dict[str, str]) -> None:
    assert checked_form({name: value}) == form


@pytest.mark.parametrize(
    "url",
    [
        "http://[::1]:8080/hook",
        "https://user:pw@[2001:db8::1]:8443/voice",
        "https://user@example.com:8443/voice",
        "https://EXAMPLE.com./voice?x=1#y",
    ],
)
def test_webhook_urls_a_client_can_call_are_taken(url: str) -> None:
    assert checked_form({"voice_url": url}) == {"VoiceUrl": url}


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com:bad/",  # a port that is not a number
        "http:///no-host",
        "http://exa_mple.com/",  # not a host name
        "http://example.com/a b",  # a space is not part of a URL
        "http://[::1]:8080/a\tb",
    ],
)
def test_webhook_urls_a_client_cannot_call_are_refused_naming_the_flag(url: str) -> None:
    assert refusal("sms_url", url) == f"--sms-url {url!r} is not an http(s) URL"


@pytest.mark.parametrize("url", ["http://[::1]/hook", "https://user@[2001:db8::1]/voice"])
def test_an_ipv6_webhook_without_a_port_is_taken(url: str) -> None:
    assert checked_form({"voice_url": url}) == {"VoiceUrl": url}
