"""How to reach Twilio: the settings the command line decides and the client follows,
with their defaults (kept light: every command's start-up reads them)."""

from typing import NamedTuple

DEFAULT_TIMEOUT = 20.0  # seconds per attempt: connecting, the headers and the whole body
DEFAULT_CONCURRENCY = 4  # requests in flight at once
MAX_CONCURRENCY = 32
MAX_TIMEOUT = 600.0


class ClientSettings(NamedTuple):
    """Which account and host, and how to talk to it."""

    profile: str | None = None  # --profile / NUMSEARCH_PROFILE
    timeout: float = DEFAULT_TIMEOUT  # seconds per attempt, body included (api.py)
    region: str | None = None  # --region / TWILIO_REGION (else the profile's)
    edge: str | None = None  # --edge / TWILIO_EDGE (else the profile's)
    api_url: str | None = None  # NUMSEARCH_API_URL: stands in for Twilio's host (http/https)
    concurrency: int = DEFAULT_CONCURRENCY  # requests in flight at once
    sandbox: bool = False  # answer from the built-in sandbox, not the network
    debug: bool = False  # log each request and response, secrets redacted
    # --subaccount / NUMSEARCH_SUBACCOUNT (else the profile's subaccount_sid): the account
    # requests act on, with the credentials of its parent
    subaccount: str | None = None
