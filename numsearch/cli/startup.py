"""Start-up: the table of commands, each loaded only when it runs, and the garbage
collector paused while modules load.

Loading lazily keeps start-up at the floor of Typer itself: `--version` builds no
command, `numsearch vanity STORM` builds one, and `--help` lists them all from the
table below without importing any. Start-up makes many objects and no garbage, so
the cyclic collector waits (numsearch.cli.main pauses it before anything loads);
long-running commands (`watch`, `sandbox serve`) turn it back on with `resume_gc()`.
Both are measured in benchmarks/run.py.
"""

from __future__ import annotations

import gc
import importlib
from difflib import get_close_matches
from typing import Any, NamedTuple

import typer
from typer.core import TyperCommand, TyperGroup, TyperOption

from numsearch.cli.help_text import command_epilog
from numsearch.errors import ExitCode


def resume_gc() -> None:
    """For a command that runs for long: freeze what start-up made (it is not garbage,
    so no collection need walk it again) and let the collector work."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


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
        "Run a search until a wanted number appears.",
    ),
    "countries": CommandEntry(
        "numsearch.cli.countries", "Search", "List the countries the account can search."
    ),
    "vanity": CommandEntry(
        "numsearch.cli.vanity", "Vanity", "Turn words into keypad patterns, or spell numbers."
    ),
    "buy": CommandEntry("numsearch.cli.buy", "Buy", "Buy a number, once, after asking."),
    "prices": CommandEntry(
        "numsearch.cli.prices", "Buy", "Show the monthly price of each number type in a country."
    ),
    "requirements": CommandEntry(
        "numsearch.cli.requirements",
        "Buy",
        "Say what buying a number needs: an address, a bundle.",
    ),
    "owned": CommandEntry("numsearch.cli.owned", "Buy", "List the numbers on the account."),
    "update": CommandEntry(
        "numsearch.cli.update", "Buy", "Change the setup of a number on the account."
    ),
    "release": CommandEntry(
        "numsearch.cli.release", "Buy", "Release a number from the account, after asking."
    ),
    "profile": CommandEntry("numsearch.cli.profile", "Set up", "Save credentials under a name."),
    "sandbox": CommandEntry(
        "numsearch.cli.sandbox", "Set up", "The offline sandbox: serve it, or forget purchases."
    ),
}


class MissingCommand(typer.TyperException):
    """A group run bare (`numsearch`, `numsearch sandbox`): its help is printed, and this
    says what is missing, in one line."""

    exit_code = int(ExitCode.USAGE)


def help_then_missing(group: TyperGroup, ctx: Any, args: list[str]) -> None:
    """What a group with `no_args_is_help` does when run without arguments: print its
    help, then raise MissingCommand naming the commands it takes (the root's many are
    those its help just listed)."""
    if args or not group.no_args_is_help or ctx.resilient_parsing:
        return
    text = ctx.get_help()  # Rich prints it, and returns ""
    if text:
        typer.echo(text)
    names = group.list_commands(ctx)
    if ctx.parent is None or len(names) > 5:
        raise MissingCommand(f"missing a command: {ctx.command_path} COMMAND (those listed above)")
    choice = f"{', '.join(names[:-1])} or {names[-1]}" if len(names) > 1 else names[0]
    raise MissingCommand(f"missing a command: {ctx.command_path} {choice}")


class Command(TyperCommand):
    """A numsearch command, whose help reads at 80 columns: `-h/--help` is listed in the
    first panel of its options (not in a panel of its own), and its examples come after
    the lines every command's help shares (numsearch.cli.help_text)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.epilog = command_epilog(self.params, self.epilog)

    def get_help_option(self, ctx: Any) -> Any:
        """Click's help option, in the panel of the command's first option."""
        option = super().get_help_option(ctx)
        if option is not None:
            panels = [
                p.rich_help_panel
                for p in self.params
                if isinstance(p, TyperOption) and not p.hidden
            ]
            option.rich_help_panel = panels[0] if panels else None
        return option


class Group(TyperGroup):
    """A group of numsearch commands (`profile`, `sandbox`): its examples come after the
    lines every command's help shares; run bare, its help and what is missing."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.epilog = command_epilog(self.params, self.epilog)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        """As Typer's, but for a bare run: the help, then one line saying what is missing."""
        help_then_missing(self, ctx, args)
        return super().parse_args(ctx, args)


class CommandApp(typer.Typer):
    """A Typer app whose commands are numsearch Commands."""

    def command(self, *args: Any, **kwargs: Any) -> Any:
        """Typer's `command()`, making a numsearch Command unless told otherwise."""
        kwargs.setdefault("cls", Command)
        return super().command(*args, **kwargs)


def command_app(**settings: Any) -> typer.Typer:
    """A Typer app for one command (or one group) of numsearch, as the table loads it."""
    return CommandApp(add_completion=False, pretty_exceptions_enable=False, cls=Group, **settings)


def load_command(name: str) -> Any:
    """Import the module of command `name` and build just that command."""
    entry = COMMANDS[name]
    command = typer.main.get_command(importlib.import_module(entry.module).COMMANDS[name])
    command.name = name
    command.rich_help_panel = entry.panel  # type: ignore[attr-defined]
    return command


class LazyGroup(TyperGroup):
    """A command group that loads each command from the table when it is used."""

    _listing = False

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        """As Typer's, but for a bare run: the help, then one line saying what is missing."""
        help_then_missing(self, ctx, args)
        return super().parse_args(ctx, args)

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
        try:
            return super().resolve_command(ctx, args)
        except typer.TyperException as exc:  # Typer's usage error: no such command
            matches = get_close_matches(args[0], list(COMMANDS)) if args else []
            message = getattr(exc, "message", None)
            if matches and isinstance(message, str) and "Did you mean" not in message:
                suggestions = ", ".join(repr(m) for m in matches)
                exc.message = f"{message.rstrip('.')}. Did you mean {suggestions}?"
            raise

    def format_help(self, ctx: Any, formatter: Any) -> None:
        """List the commands from the table, without loading them."""
        self._listing = True
        try:
            super().format_help(ctx, formatter)
        finally:
            self._listing = False
