"""numsearch: find, spell and buy phone numbers on Twilio, from the command line or Python.

    import numsearch

    account = numsearch.Account(sandbox=True)          # or profile=..., account_sid=...
    numbers = account.search("tollfree", contains="FLOWERS")
    numsearch.spell("+18003569377")[0].text           # '1-800-FLOWERS'
    numsearch.to_digits("STORM")                       # '78676'

The names below load on first use, so `import numsearch` stays as cheap as the command
line's start-up needs it to be.
"""

from __future__ import annotations

from importlib import import_module

from numsearch.version import __version__

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (start-up)

# name -> (module, attribute): what `numsearch.<name>` is.
_EXPORTS = {
    "Account": ("numsearch.account", "Account"),
    "Event": ("numsearch.events", "Event"),
    "EventKind": ("numsearch.events", "EventKind"),
    "AvailableNumber": ("numsearch.models", "AvailableNumber"),
    "IncomingNumber": ("numsearch.models", "IncomingNumber"),
    "Country": ("numsearch.models", "Country"),
    "Counts": ("numsearch.grouping", "Counts"),
    "Request": ("numsearch.models", "Request"),
    "Setup": ("numsearch.purchase_fields", "Setup"),
    "Plan": ("numsearch.purchase_plan", "Plan"),
    "PurchaseOutcome": ("numsearch.purchase_outcome", "PurchaseOutcome"),
    "Spelling": ("numsearch.vanity", "Spelling"),
    "spell": ("numsearch.vanity", "spell_number"),
    "to_digits": ("numsearch.vanity", "word_pattern"),
    "NumsearchError": ("numsearch.errors", "NumsearchError"),
    "InvalidInput": ("numsearch.errors", "InvalidInput"),
    "CredentialsError": ("numsearch.errors", "CredentialsError"),
    "TwilioRefused": ("numsearch.errors", "TwilioRefused"),
    "TwilioUnavailable": ("numsearch.errors", "TwilioUnavailable"),
    "ExitCode": ("numsearch.errors", "ExitCode"),
}

__all__ = [
    "Account",
    "AvailableNumber",
    "Country",
    "Counts",
    "CredentialsError",
    "Event",
    "EventKind",
    "ExitCode",
    "IncomingNumber",
    "InvalidInput",
    "NumsearchError",
    "Plan",
    "PurchaseOutcome",
    "Request",
    "Setup",
    "Spelling",
    "TwilioRefused",
    "TwilioUnavailable",
    "__version__",
    "spell",
    "to_digits",
]

if TYPE_CHECKING:
    from numsearch.account import Account
    from numsearch.errors import (
        CredentialsError,
        ExitCode,
        InvalidInput,
        NumsearchError,
        TwilioRefused,
        TwilioUnavailable,
    )
    from numsearch.events import Event, EventKind
    from numsearch.grouping import Counts
    from numsearch.models import AvailableNumber, Country, IncomingNumber, Request
    from numsearch.purchase_fields import Setup
    from numsearch.purchase_outcome import PurchaseOutcome
    from numsearch.purchase_plan import Plan
    from numsearch.vanity import Spelling
    from numsearch.vanity import spell_number as spell
    from numsearch.vanity import word_pattern as to_digits


def __getattr__(name: str) -> object:
    """Load an exported name on first use."""
    if name not in _EXPORTS:
        raise AttributeError(f"module 'numsearch' has no attribute {name!r}")

    module, attribute = _EXPORTS[name]
    value = getattr(import_module(module), attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
