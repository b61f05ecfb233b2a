"""The root Typer app: global options, per-run state, and the one place errors become
exit codes. Commands come from the lazy table in numsearch.cli.startup."""

import os
import sys
import traceback
from collections.abc import Callable, Sequence
from difflib import get_close_matches
from pathlib import Path
from typing import Annotated, Any, NamedTuple

import typer
from typer.core import TyperOption

from numsearch.cli.help_text import examples, paragraph
from numsearch.cli.startup import LazyGroup, MissingCommand
from numsearch.errors import ExitCode, NumsearchError, exit_codes_help
from numsearch.terminal import Terminal
from numsearch.untrusted import clip_quotes, quoted
from numsearch.version import __version__

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


SHOW_COMPLETION_HELP = "Print the completion script for the shell."
SUGGESTION_CUTOFF = 0.75  # how alike a mistyped option must be to be suggested


class NumsearchGroup(LazyGroup):
    """The root command group: turns every NumsearchError into one line and its exit
    code, and anything unexpected into one line and exit 70 (traceback with --debug);
    usage errors are one line too, with where to find help."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        """Run numsearch and exit with its code; a usage error is one line on stderr
        (and `Try 'numsearch CMD --help'`), never Typer's box."""

        def run(standalone: bool) -> Any:
            return super(NumsearchGroup, self).main(
                args, prog_name, complete_var, standalone, windows_expand_args, **extra
            )

        if not standalone_mode:
            return run(False)
        argv = _hoist_globals(list(sys.argv[1:] if args is None else args))
        if argv[:1] in (["--install-completion"], ["--show-completion"]):
            sys.exit(_completion(argv[0], argv[1:2], prog_name or "numsearch"))
        args = argv
        try:
            code = run(False)
        except typer.TyperException as exc:  # the base of Typer's usage errors
            _usage_error(exc)
            sys.exit(getattr(exc, "exit_code", int(ExitCode.USAGE)))
        except typer.Abort:
            Terminal.detect().error("aborted")
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)

    def get_params(self, ctx: Any) -> Any:
        """As Click's, with the help of Typer's own `--show-completion` in one line at 80
        columns (Typer adds the option after the group is made)."""
        params = super().get_params(ctx)
        for param in params:
            if param.name == "show_completion" and isinstance(param, TyperOption):
                param.help = SHOW_COMPLETION_HELP
        return params

    def invoke(self, ctx: Any) -> Any:
        """Run the subcommand; map expected failures to their exit codes, never a traceback."""
        try:
            return super().invoke(ctx)
        except NumsearchError as exc:
            state_of(ctx).terminal.error(str(exc))
            raise typer.Exit(int(exc.exit_code)) from None
        except BrokenPipeError:
            # The reader stopped early (`| head -1`): what it read was data, not a failure.
            _silence_stdout()
            raise typer.Exit(0) from None
        except (typer.Exit, typer.Abort, KeyboardInterrupt, typer.TyperException):
            raise  # Typer's own handling: exit codes, Ctrl-C as 130
        except Exception as exc:
            state = state_of(ctx)
            if state.debug:
                traceback.print_exc(file=state.terminal.stderr)
            state.terminal.error(
                f"unexpected {type(exc).__name__}: {exc} (a numsearch bug: rerun with --debug"
                " and report it)"
            )
            raise typer.Exit(int(ExitCode.INTERNAL)) from None


GLOBAL_FLAGS = ("--sandbox", "--debug", "--no-color")


def _hoist_globals(argv: list[str]) -> list[str]:
    """`numsearch local US --sandbox` as `numsearch --sandbox local US`: the global flags
    may come after the command too, as twilio-cli's and gh's do (not after `--`)."""
    end = argv.index("--") if "--" in argv else len(argv)
    head = argv[:end]
    found = [arg for arg in head if arg in GLOBAL_FLAGS]
    return found + [arg for arg in head if arg not in GLOBAL_FLAGS] + argv[end:]


def _usage_error(exc: Any) -> None:
    """Typer's usage error as one line; an unknown option with the close ones (its
    `option_name` and `possibilities`), and the command's `--help` when it has one."""
    terminal = Terminal.detect()
    if isinstance(exc, MissingCommand):  # after the help: what is missing is all to say
        terminal.error(exc.message)
        return
    message = exc.format_message()
    option = getattr(exc, "option_name", None)
    if option is not None and hasattr(exc, "possibilities"):  # no such option
        close = get_close_matches(option, exc.possibilities or (), 3, SUGGESTION_CUTOFF)
        message = exc.message + (f" (did you mean {', '.join(close)}?)" if close else "")
    terminal.error(clip_quotes(message))  # Click quotes the input whole
    ctx = getattr(exc, "ctx", None)
    if ctx is not None:
        terminal.info(f"Try '{ctx.command_path} --help' for help.")


COMPLETION_SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")


def _completion(flag: str, given: list[str], prog_name: str) -> int:
    """`--install-completion [SHELL]` / `--show-completion [SHELL]`: the shell named,
    else $SHELL's, else the one the process tree shows; one clear line when none."""
    from typer import completion

    terminal = Terminal.detect()
    shell = given[0] if given else Path(os.environ.get("SHELL", "")).name
    if not shell and not os.environ.get("_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION"):
        shell = _parent_shell()
    if shell not in COMPLETION_SHELLS:
        which = f"{quoted(shell)} is not a shell numsearch completes" if shell else "no shell found"
        others = ", ".join(COMPLETION_SHELLS[1:])
        terminal.error(f"{flag}: {which}; name one: numsearch {flag} bash (or {others})")
        return int(ExitCode.USAGE)
    complete_var = f"_{prog_name.replace('-', '_').upper()}_COMPLETE"
    if flag == "--show-completion":
        script = completion.get_completion_script(
            prog_name=prog_name, complete_var=complete_var, shell=shell
        )
        terminal.stdout.write(script + "\n")
        return 0
    shell, path = completion.install(shell=shell, prog_name=prog_name, complete_var=complete_var)
    terminal.info(f"{shell} completion installed in {path}; it works in shells started from now")
    return 0


def _parent_shell() -> str:
    """The shell the process tree shows (shellingham, which Typer installs), or ""."""
    try:
        import shellingham  # type: ignore[import-untyped]

        return str(shellingham.detect_shell()[0])
    except Exception:  # not installed, or no shell found: the caller asks for one
        return ""


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so that the exit's own flush of a closed pipe is silent."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # not a real file (a test's runner): nothing to flush
        pass


app = typer.Typer(
    name="numsearch",
    cls=NumsearchGroup,
    no_args_is_help=True,
    help="Find, spell and buy phone numbers on Twilio.\n\n" + paragraph(exit_codes_help()),
    epilog=examples(
        "numsearch --sandbox local US --contains STORM  # no account needed",
        "numsearch local US --area-code 510 -o json",
        "numsearch buy +15105550100 --dry-run",
    ),
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
            show_envvar=False,
            help="Offline sandbox (or NUMSEARCH_SANDBOX=1).",
        ),
    ] = False,
    debug: Annotated[
        bool,
        typer.Option(
            "--debug",
            envvar="NUMSEARCH_DEBUG",
            show_envvar=False,
            help="Log HTTP to stderr (or NUMSEARCH_DEBUG=1).",
        ),
    ] = False,
    no_color: Annotated[bool, typer.Option("--no-color", help="No colour (or NO_COLOR).")] = False,
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
