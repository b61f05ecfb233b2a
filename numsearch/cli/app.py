"""The root Typer app: global options, per-run state, and the one place errors become
exit codes. Commands come from the lazy table in numsearch.cli.startup."""

from collections.abc import Callable
from typing import Annotated, Any, NamedTuple

import typer

from numsearch import __version__
from numsearch.cli.startup import LazyGroup
from numsearch.errors import ExitCode, NumsearchError
from numsearch.terminal import Terminal

EXIT_CODES_HELP = (
    "Exit codes: 0 found / done, 1 nothing matched (or nothing new),"
    " 2 bad usage or input, 3 credentials missing or rejected,"
    " 4 Twilio refused the request, 5 network, timeout or Twilio unavailable,"
    " 130 interrupted."
)

# What a caller may hand in as the context's `obj` to stand in for the real terminal
# (tests: CliRunner.invoke(app, args, obj=make_terminal)). It gets --no-color's value.
TerminalFactory = Callable[[bool], Terminal]


class AppState(NamedTuple):
    """What the global options decided, shared by every command of one run."""

    terminal: Terminal
    sandbox: bool = False
    debug: bool = False


def state_of(ctx: typer.Context) -> AppState:
    """The run's AppState (made by the root callback; a bare one in isolated tests)."""
    root = ctx.find_root()
    if not isinstance(root.obj, AppState):
        root.obj = AppState(terminal=_terminal(root.obj, no_color=False))
    return root.obj


def _terminal(given: object, *, no_color: bool) -> Terminal:
    if callable(given):
        terminal = given(no_color)
        if isinstance(terminal, Terminal):
            return terminal
    return Terminal.detect(no_color=no_color)


class NumsearchGroup(LazyGroup):
    """The root command group: turns every NumsearchError into one line and its exit
    code, and anything unexpected into one line and exit 70 (traceback with --debug)."""

    def invoke(self, ctx: Any) -> Any:
        """Run the subcommand; map expected failures to their exit codes, never a traceback."""
        from typer._click.exceptions import ClickException

        try:
            return super().invoke(ctx)
        except NumsearchError as exc:
            state_of(ctx).terminal.error(str(exc))
            raise typer.Exit(int(exc.exit_code)) from None
        except (typer.Exit, typer.Abort, KeyboardInterrupt, BrokenPipeError, ClickException):
            raise  # Typer's own handling: exit codes, Ctrl-C as 130, `| head` closing early
        except Exception as exc:
            state = state_of(ctx)
            if state.debug:
                import traceback

                traceback.print_exc(file=state.terminal.stderr)
            state.terminal.error(
                f"unexpected {type(exc).__name__}: {exc} (a numsearch bug: rerun with --debug"
                " and report it)"
            )
            raise typer.Exit(int(ExitCode.INTERNAL)) from None


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
    ctx.obj = AppState(_terminal(ctx.obj, no_color=no_color), sandbox=sandbox, debug=debug)
