"""`numsearch sandbox serve|reset`: the offline inventory as an HTTP API, and a clean slate."""

from __future__ import annotations

from typing import Annotated

import typer

from numsearch.account import Account
from numsearch.cli.app import state_of
from numsearch.cli.help_text import examples
from numsearch.cli.startup import command_app, resume_gc
from numsearch.cli.steps import TerminalEvents
from numsearch.errors import InvalidInput
from numsearch.sandbox import NOTICE, SANDBOX_ACCOUNT_SID

sandbox_app = command_app(
    help="The offline sandbox: serve it, or forget purchases.\n\nServe its API over HTTP"
    " on 127.0.0.1, or put bought numbers back on sale.",
    epilog=examples("numsearch sandbox serve --port 4010", "numsearch sandbox reset"),
    no_args_is_help=True,
)
COMMANDS = {"sandbox": sandbox_app}


@sandbox_app.command(
    "serve",
    epilog=examples(
        "numsearch sandbox serve --port 4010",
        "NUMSEARCH_API_URL=http://127.0.0.1:4010 numsearch local --area-code 510",
    ),
)
def serve(
    ctx: typer.Context,
    port: Annotated[
        int, typer.Option("--port", help="Port on 127.0.0.1; 0 picks one.", metavar="N")
    ] = 4010,
    quiet: Annotated[bool, typer.Option("--quiet", help="Do not log requests.")] = False,
    delay: Annotated[
        int,
        typer.Option(
            "--delay",
            help="Delay each answer, 0 to 60000.",
            metavar="MS",
        ),
    ] = 0,
) -> None:
    """Serve the sandbox's Twilio API on 127.0.0.1 until Ctrl-C.

    Point any tool at it: NUMSEARCH_API_URL=http://127.0.0.1:4010 numsearch local
    """
    from numsearch.sandbox.api import SandboxApi
    from numsearch.sandbox.server import make_server

    terminal = state_of(ctx).terminal
    resume_gc()  # a server runs for long: let the garbage collector work
    if not 0 <= port <= 65535:
        raise InvalidInput(f"--port must be 0 to 65535, not {port}")
    if not 0 <= delay <= 60_000:
        raise InvalidInput(f"--delay must be 0 to 60000 milliseconds, not {delay}")
    try:
        server = make_server(
            SandboxApi(warn=terminal.warn),
            port=port,
            log=None if quiet else terminal.info,
            delay=delay / 1000,
        )
    except OSError as exc:
        raise InvalidInput(f"--port {port}: {exc.strerror}") from None
    host, bound = str(server.server_address[0]), int(server.server_address[1])
    terminal.info(NOTICE)
    terminal.info(
        f"serving on http://{host}:{bound} (any credentials; e.g. account {SANDBOX_ACCOUNT_SID})"
    )
    # The URL alone on stdout, so a script can read where to connect.
    typer.echo(f"http://{host}:{bound}")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        terminal.info("stopped")
    finally:
        server.server_close()


@sandbox_app.command(
    "reset",
    epilog=examples("numsearch sandbox reset", "numsearch --sandbox local US --contains STORM"),
)
def reset(ctx: typer.Context) -> None:
    """Forget every number bought in the sandbox: they go back on sale."""
    from numsearch.sandbox.api import PurchaseStore

    terminal = state_of(ctx).terminal
    count = Account(sandbox=True, on_event=TerminalEvents(terminal)).reset_sandbox()
    where = PurchaseStore().path
    terminal.info(f"sandbox reset: {count} purchase(s) forgotten ({where})")
