"""Baseline: the floor of numsearch's stack for one search. Typer parses the same
options, requests makes the same GET, and the JSON is printed."""

import json
import os

import requests
import typer

app = typer.Typer()


@app.command()
def local(
    country: str = typer.Argument("US"),
    area_code: str = typer.Option(None, "--area-code"),
    output: str = typer.Option("json", "-o"),
) -> None:
    """Search local numbers."""
    sid = os.environ["TWILIO_ACCOUNT_SID"]
    base = os.environ.get("NUMSEARCH_API_URL", "https://api.twilio.com")
    params = {"AreaCode": area_code} if area_code else {}
    response = requests.get(
        f"{base}/2010-04-01/Accounts/{sid}/AvailablePhoneNumbers/{country}/Local.json",
        params=params,
        auth=(sid, os.environ["TWILIO_AUTH_TOKEN"]),
        timeout=20,
    )
    response.raise_for_status()
    print(json.dumps(response.json()["available_phone_numbers"]))


if __name__ == "__main__":
    app()
