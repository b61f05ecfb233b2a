"""Numbers the command line and the client agree on (kept apart: both import it cheaply)."""

DEFAULT_TIMEOUT = 20.0  # seconds per attempt
DEFAULT_CONCURRENCY = 4  # area codes searched at once
MAX_CONCURRENCY = 32
