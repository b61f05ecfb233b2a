"""`numsearch vanity WORD...` and `numsearch vanity --spell NUMBER...` (offline)."""

from typing import Annotated

import typer

from numsearch.cli.app import state_of
from numsearch.cli.help_text import examples
from numsearch.cli.options import NationalCountry, Output, output_options
from numsearch.cli.printing import output_format, print_records
from numsearch.cli.startup import command_app
from numsearch.countries import normalize_country
from numsearch.errors import ExitCode, InvalidInput
from numsearch.memorability import memorability
from numsearch.number_layout import layout
from numsearch.output import OutputFormat
from numsearch.terminal import Terminal
from numsearch.vanity import VanityRequest, spell, word_pattern
from numsearch.words import word_index

PATTERN_FIELDS = ("word", "pattern")
SPELL_FIELDS = ("number", "spellings", "memorability")  # JSON and JSONL: one object per number
# Table and CSV: a row a spelling (one row, without a spelling, for a number that has none).
SPELL_ROW_FIELDS = ("number", "rank", "text", "words", "score", "cut", "memorability")
TABLE_SPELLINGS = 3  # the best few per number in a table, unless --top says otherwise
SPELLINGS = 5  # elsewhere


app = command_app()
COMMANDS = {"vanity": app}


@app.command(
    epilog=examples(
        "numsearch vanity STORM 866***EPIC",
        "numsearch vanity --spell +18003569377",
        "numsearch vanity --spell +18003569377 --top 3 -o json",
    )
)
@output_options
def vanity(
    ctx: typer.Context,
    items: Annotated[
        list[str] | None,
        typer.Argument(
            help="Words, or with --spell numbers (- for stdin).",
            metavar="WORD|NUMBER...",
            show_default=False,
        ),
    ] = None,
    spell: Annotated[
        bool, typer.Option("--spell", help="Find the words each number spells.")
    ] = False,
    country: NationalCountry = "US",
    top: Annotated[
        int | None,
        typer.Option("--top", help="Spellings per number (default 5, table 3).", metavar="N"),
    ] = None,
    *,
    out: Output,
) -> None:
    """Turn words into keypad patterns, or spell numbers.

    Offline, no account needed: STORM is 78676, and +18003569377 spells
    1-800-FLOWERS (docs/vanity.md: how spellings are found and scored).
    """
    terminal = state_of(ctx).terminal
    request = VanityRequest.build(items or [], spell=spell, top=top, read_stdin=terminal.stdin.read)
    if request.words:
        records = [{"word": w, "pattern": word_pattern(w)} for w in request.words]
        print_records(records, out, terminal, fields=PATTERN_FIELDS)
        return
    _print_spellings(list(request.numbers), country, request.top, out, terminal)


def _print_spellings(
    numbers: list[str], country: str, top: int | None, out: Output, terminal: Terminal
) -> None:
    region = normalize_country(country)
    layouts = []
    for i, text in enumerate(numbers, 1):
        try:
            layouts.append(layout(text, region))
        except InvalidInput as exc:
            where = f" (line {i} of stdin)" if len(numbers) > 1 else ""
            raise InvalidInput(f"--spell: {exc.message}{where}") from None
    fmt = output_format(out, terminal)
    limit = top or (TABLE_SPELLINGS if fmt is OutputFormat.table else SPELLINGS)
    index = word_index()
    results = [(shape, spell(shape, index, limit=limit), memorability(shape)) for shape in layouts]
    if fmt in (OutputFormat.json, OutputFormat.jsonl):
        records = [
            {"number": shape.e164, "spellings": [s.to_json() for s in spellings],
             "memorability": memo.to_json()}
            for shape, spellings, memo in results
        ]  # fmt: skip
        print_records(records, out, terminal, fields=SPELL_FIELDS)
    else:
        rows = [
            {"number": shape.e164, "memorability": memo.score}
            | ({"rank": rank, "text": s.text, "words": list(s.words), "score": s.score,
                "cut": s.cut} if s else {})
            for shape, spellings, memo in results
            for rank, s in enumerate(spellings or [None], 1)
        ]  # fmt: skip
        spelled = sum(1 for _, spellings, _ in results if spellings)
        title = f"Spellings, best first: {spelled} of {len(results)} numbers spell words"
        print_records(rows, out, terminal, fields=SPELL_ROW_FIELDS, table="spelling", title=title)
    if not any(spellings for _, spellings, _ in results):
        raise typer.Exit(int(ExitCode.NOTHING_FOUND))
