"""Baseline: the smallest Typer app with one command (what `--version` and `--help` race)."""

import typer

app = typer.Typer()


@app.command()
def main(name: str = "world") -> None:
    """Say hello."""
    typer.echo(f"hello {name}")


if __name__ == "__main__":
    app()
