"""The root Typer app: global options, per-run state, the one place errors become exit
codes, and the table of commands, each loaded only when it runs.

Loading lazily keeps start-up at the floor of Typer itself: `--version` builds no
command, `numsearch vanity STORM` builds one, and `--help` lists them all from the
table below without importing any.
"""

import os
from typing import TYPE_CHECKING, Annotated, Any, NamedTuple

import typer
from typer.core import TyperCommand, TyperGroup

from numsearch import __version__
from numsearch.errors import NumsearchError

if TYPE_CHECKING:
    from numsearch.api import TwilioClient
    from numsearch.cli.options import Connection
    from numsearch.config import Credentials
    from numsearch.output import Environment

EXIT_CODES_HELP = (
    "Exit codes: 0 found / done, 1 nothing matched (or nothing new),"
    " 2 bad usage or input, 3 credentials missing or rejected,"
    " 4 Twilio refused the request, 5 network, timeout or Twilio unavailable,"
    " 130 interrupted."
)
# Not part of the contract: a bug in numsearch itself (the traceback is behind --debug).
INTERNAL_ERROR = 70


class AppState(NamedTuple):
    """What the global options decided, shared by every command of one run."""

    env: "Environment"
    sandbox: bool = False
    debug: bool = False

    def client(self, connection: "Connection", *, concurrency: int | None = None) -> "TwilioClient":
        """The Twilio client for this run: the real API, or the sandbox's built-in one."""
        from numsearch.api import ClientSettings, TwilioClient, base_url_for
        from numsearch.defaults import DEFAULT_CONCURRENCY

        settings_concurrency = concurrency or DEFAULT_CONCURRENCY
        transport = None
        if self.sandbox:
            from numsearch.sandbox import NOTICE, sandbox_client_parts

            credentials, base_url, transport = sandbox_client_parts()
            self.env.info(NOTICE)
        else:
            from numsearch.config import resolve_credentials

            credentials = resolve_credentials(connection.profile, os.environ, warn=self.env.warn)
            base_url = base_url_for(
                connection.region or credentials.region,
                connection.edge or credentials.edge,
                os.environ.get("NUMSEARCH_API_URL"),
            )
        if self.debug:
            self._debug_logging(credentials)
        client = TwilioClient(
            credentials,
            ClientSettings(
                base_url=base_url, timeout=connection.timeout, concurrency=settings_concurrency
            ),
            transport=transport,
        )
        startup_done()
        return client

    def _debug_logging(self, credentials: "Credentials") -> None:
        import base64

        from numsearch.api import enable_debug_logging

        basic = base64.b64encode(f"{credentials.username}:{credentials.password}".encode()).decode()
        enable_debug_logging(self.env.stderr, lambda: (credentials.password, basic))


def startup_done() -> None:
    """Start-up is over (modules loaded, client built): the garbage collector that
    main() paused may run again, as long-running commands need. What start-up made is
    frozen first, so that no collection walks it again (it is not garbage)."""
    import gc

    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def state_of(ctx: typer.Context) -> AppState:
    """The run's AppState (made by the root callback; a bare one in isolated tests)."""
    root = ctx.find_root()
    if not isinstance(root.obj, AppState):
        from numsearch.output import Environment

        root.obj = AppState(env=Environment.detect())
    return root.obj


class CommandEntry(NamedTuple):
    """Where a command lives, and how `numsearch --help` lists it."""

    module: str  # defines COMMANDS: {name: a Typer app holding that command or group}
    panel: str
    summary: str  # a test checks it against the command's own help


_SEARCH = "numsearch.cli.search"
COMMANDS: dict[str, CommandEntry] = {
    "local": CommandEntry(_SEARCH, "Search", "Search local numbers available to buy."),
    "tollfree": CommandEntry(_SEARCH, "Search", "Search toll-free numbers available to buy."),
    "mobile": CommandEntry(_SEARCH, "Search", "Search mobile numbers available to buy."),
    "national": CommandEntry(_SEARCH, "Search", "Search national numbers available to buy."),
    "voip": CommandEntry(_SEARCH, "Search", "Search VoIP numbers available to buy."),
    "shared-cost": CommandEntry(_SEARCH, "Search", "Search shared-cost numbers available to buy."),
    "machine-to-machine": CommandEntry(
        _SEARCH, "Search", "Search machine-to-machine numbers available to buy."
    ),
    "watch": CommandEntry(
        "numsearch.cli.watch",
        "Search",
        "Run a search again and again until a wanted number appears.",
    ),
    "countries": CommandEntry(
        "numsearch.cli.countries", "Search", "List the countries the account can search."
    ),
    "vanity": CommandEntry(
        "numsearch.cli.vanity", "Vanity", "Turn words into keypad patterns, or spell numbers."
    ),
    "buy": CommandEntry("numsearch.cli.buy", "Buy", "Buy a number, once, after asking."),
    "owned": CommandEntry("numsearch.cli.buy", "Buy", "List the numbers on the account."),
    "profile": CommandEntry("numsearch.cli.profile", "Set up", "Save credentials under a name."),
    "sandbox": CommandEntry(
        "numsearch.cli.sandbox", "Set up", "The offline sandbox: serve it, or forget purchases."
    ),
}


def command_app(**settings: Any) -> typer.Typer:
    """A Typer app for one command (or one group) of numsearch, as the table loads it."""
    return typer.Typer(add_completion=False, pretty_exceptions_enable=False, **settings)


def load_command(name: str) -> Any:
    """Import the module of command `name` and build just that command."""
    import importlib

    entry = COMMANDS[name]
    command = typer.main.get_command(importlib.import_module(entry.module).COMMANDS[name])
    command.name = name
    command.rich_help_panel = entry.panel  # type: ignore[attr-defined]
    return command


class NumsearchGroup(TyperGroup):
    """The root command group: loads each command when it is used, and turns every
    NumsearchError into one line and its exit code."""

    _listing = False

    def list_commands(self, ctx: Any) -> list[str]:
        """Every command, in the order of the table."""
        return list(COMMANDS)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        """The command `cmd_name`: a light stand-in while listing help, else the real one."""
        if cmd_name in self.commands:
            return self.commands[cmd_name]
        entry = COMMANDS.get(cmd_name)
        if entry is None:
            return None
        if self._listing:
            return TyperCommand(name=cmd_name, help=entry.summary, rich_help_panel=entry.panel)
        self.commands[cmd_name] = load_command(cmd_name)
        return self.commands[cmd_name]

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        """As Typer's, with its "Did you mean" drawn from the table (nothing is loaded yet)."""
        from typer._click.exceptions import UsageError

        try:
            return super().resolve_command(ctx, args)
        except UsageError as exc:
            from difflib import get_close_matches

            matches = get_close_matches(args[0], list(COMMANDS)) if args else []
            if matches and "Did you mean" not in exc.message:
                suggestions = ", ".join(repr(m) for m in matches)
                exc.message = f"{exc.message.rstrip('.')}. Did you mean {suggestions}?"
            raise

    def format_help(self, ctx: Any, formatter: Any) -> None:
        """List the commands from the table, without loading them."""
        self._listing = True
        try:
            super().format_help(ctx, formatter)
        finally:
            self._listing = False

    def invoke(self, ctx: Any) -> Any:
        """Run the subcommand; map expected failures to their exit codes, never a traceback."""
        try:
            return super().invoke(ctx)
        except NumsearchError as exc:
            state_of(ctx).env.error(str(exc))
            raise typer.Exit(int(exc.exit_code)) from None
        except (typer.Exit, typer.Abort, KeyboardInterrupt, BrokenPipeError):
            raise  # Typer's own handling: exit codes, Ctrl-C as 130, `| head` closing early
        except Exception as exc:
            if isinstance(exc, _click_exception_types()):
                raise
            state = state_of(ctx)
            if state.debug:
                import traceback

                traceback.print_exc(file=state.env.stderr)
            state.env.error(
                f"unexpected {type(exc).__name__}: {exc} (a numsearch bug: rerun with --debug"
                " and report it)"
            )
            raise typer.Exit(INTERNAL_ERROR) from None


def _click_exception_types() -> tuple[type[BaseException], ...]:
    from typer._click.exceptions import ClickException

    return (ClickException,)


app = typer.Typer(
    name="numsearch",
    cls=NumsearchGroup,
    no_args_is_help=True,
    help="Find, spell and buy phone numbers on Twilio.\n\n" + EXIT_CODES_HELP,
    epilog="Try it with no account: numsearch --sandbox local US --contains STORM",
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"numsearch {__version__}")
        raise typer.Exit(0)


@app.callback()
def root(
    ctx: typer.Context,
    sandbox: Annotated[
        bool,
        typer.Option(
            "--sandbox",
            envvar="NUMSEARCH_SANDBOX",
            help="Answer from a built-in inventory: no account, no network, nothing real.",
        ),
    ] = False,
    debug: Annotated[
        bool,
        typer.Option(
            "--debug",
            envvar="NUMSEARCH_DEBUG",
            help="Log each HTTP request and response status to stderr (secrets redacted).",
        ),
    ] = False,
    no_color: Annotated[
        bool, typer.Option("--no-color", help="No colour (NO_COLOR in the environment too).")
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=_print_version,
            is_eager=True,
            help="Print the version and exit.",
        ),
    ] = False,
) -> None:
    """Find, spell and buy phone numbers on Twilio."""
    from numsearch.output import Environment

    ctx.obj = AppState(env=Environment.detect(no_color=no_color), sandbox=sandbox, debug=debug)
