"""numsearch's version, on its own: every layer may name it."""

__version__ = "0.1.0"
