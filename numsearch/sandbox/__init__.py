"""The sandbox: Twilio's API answered from a built-in, deterministic inventory.

Nothing here is real: no account, no network, no money. The client talks to it
through a requests transport adapter, so every layer above HTTP runs as with Twilio.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    from requests.adapters import BaseAdapter

    from numsearch.config import Credentials

SANDBOX_ACCOUNT_SID = "AC" + "5" * 32
SANDBOX_BASE_URL = "https://api.twilio.com"
NOTICE = (
    "sandbox: answers come from numsearch's built-in inventory; these numbers are not real"
    " and nothing is bought from Twilio"
)


def sandbox_client_parts(
    warn: Callable[[str], None] | None = None,
) -> tuple[Credentials, str, BaseAdapter]:
    """Credentials, base URL and transport for a client that talks to the sandbox; its
    warnings (a corrupt purchases database kept aside) to `warn`, else to the
    `numsearch.sandbox` logger."""
    from numsearch.config import Credentials
    from numsearch.sandbox.adapter import SandboxAdapter

    credentials = Credentials(
        account_sid=SANDBOX_ACCOUNT_SID,
        username=SANDBOX_ACCOUNT_SID,
        password="sandbox",  # noqa: S106  (not a secret: the sandbox takes any)
        source="the sandbox",
    )
    return credentials, SANDBOX_BASE_URL, SandboxAdapter(warn=warn)
