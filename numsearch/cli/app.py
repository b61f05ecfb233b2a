"""The root Typer app: global options, per-run state, and the one place errors become exit codes."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from numsearch import __version__
from numsearch.errors import ExitCode, NumsearchError
from numsearch.output import Environment

if TYPE_CHECKING:
    from numsearch.api import TwilioClient
    from numsearch.cli.options import Connection
    from numsearch.config import Credentials

EXIT_CODES_HELP = (
    "Exit codes: 0 found / done, 1 nothing matched (or nothing new),"
    " 2 bad usage or input, 3 credentials missing or rejected,"
    " 4 Twilio refused the request, 5 network, timeout or Twilio unavailable,"
    " 130 interrupted."
)
# Not part of the contract: a bug in numsearch itself (the traceback is behind --debug).
INTERNAL_ERROR = 70


@dataclass
class AppState:
    """What the global options decided, shared by every command of one run."""

    env: Environment
    sandbox: bool = False
    debug: bool = False

    def client(self, connection: Connection, *, concurrency: int | None = None) -> TwilioClient:
        """The Twilio client for this run: the real API, or the sandbox's built-in one."""
        from numsearch.api import DEFAULT_CONCURRENCY, ClientSettings, TwilioClient, base_url_for

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
        return TwilioClient(
            credentials,
            ClientSettings(
                base_url=base_url, timeout=connection.timeout, concurrency=settings_concurrency
            ),
            transport=transport,
        )

    def _debug_logging(self, credentials: Credentials) -> None:
        import base64

        from numsearch.api import enable_debug_logging

        basic = base64.b64encode(f"{credentials.username}:{credentials.password}".encode()).decode()
        enable_debug_logging(self.env.stderr, lambda: (credentials.password, basic))


def state_of(ctx: typer.Context) -> AppState:
    """The run's AppState (made by the root callback; a bare one in isolated tests)."""
    root = ctx.find_root()
    if not isinstance(root.obj, AppState):
        root.obj = AppState(env=Environment.detect())
    return root.obj


class NumsearchGroup(TyperGroup):
    """The root command group: turns every NumsearchError into one line and its exit code."""

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
    ctx.obj = AppState(env=Environment.detect(no_color=no_color), sandbox=sandbox, debug=debug)


def exit_with(code: ExitCode) -> None:
    """End the command with `code` (0 found, 1 nothing matched, ...)."""
    raise typer.Exit(int(code))
