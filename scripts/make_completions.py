"""Write completions/numsearch.{bash,zsh,fish}: the scripts `numsearch --show-completion`
prints. They call back into numsearch (_NUMSEARCH_COMPLETE) for the words themselves,
so they need regenerating only when the prog name or Typer's templates change.

    python scripts/make_completions.py
"""

from __future__ import annotations

from pathlib import Path

from typer.completion import get_completion_script

ROOT = Path(__file__).resolve().parent.parent
SHELLS = {"bash": "numsearch.bash", "zsh": "numsearch.zsh", "fish": "numsearch.fish"}
PROG = "numsearch"
COMPLETE_VAR = "_NUMSEARCH_COMPLETE"


def script(shell: str) -> str:
    return get_completion_script(prog_name=PROG, complete_var=COMPLETE_VAR, shell=shell) + "\n"


def main() -> None:
    out = ROOT / "completions"
    out.mkdir(exist_ok=True)
    for shell, name in SHELLS.items():
        (out / name).write_text(script(shell))
        print(f"wrote completions/{name}")


if __name__ == "__main__":
    main()
