"""Contract tests for prices: every request `prices` and `--price` send is valid against
Twilio's Pricing v1 spec (Prism serves the three specs merged)."""

from __future__ import annotations

import json

import pytest

from tests.support import CliRun
from tests.support.prism import RECEIVED, REJECTED, Prism

pytestmark = pytest.mark.prism


@pytest.mark.parametrize(
    ("args", "requests", "code"),
    [
        (("prices", "US"), 1, 0),
        # Prism answers every country with the spec's example, the US: taken for GB's, it
        # would be a lie, so numsearch refuses it (exit 5).
        (("prices", "GB", "--refresh"), 1, 5),
        (("prices",), 1, 0),
        # (Prism's example number is in area code 808: where it does not fit, it is left out)
        (("local", "US", "--area-code", "808", "--price"), 2, 0),
        (("tollfree", "US", "--max-price", "5"), 2, 0),
        # the price, the number's listing (Prism's is another number: Twilio checks the
        # paperwork), the account's numbers, the purchase
        # Prism answers the purchase with the spec's example, another number: bought-other
        (("buy", "+15105550100", "--yes", "--max-price", "5"), 4, 5),
        # the price, regulations (individual, business), bundles, addresses
        (("buy", "--area-code", "510", "--dry-run"), 5, 0),
    ],
    ids=lambda a: " ".join(a) if isinstance(a, tuple) else str(a),
)
def test_price_requests_pass_prism_validation(
    args: tuple[str, ...], requests: int, code: int, cli: CliRun, via_prism: Prism
) -> None:
    mark = via_prism.mark()
    result = cli(*args, "-o", "json")
    log = via_prism.since(mark)
    assert REJECTED not in log, log
    assert log.count(RECEIVED) == requests
    assert result.exit_code == code, result.stderr
    assert "could not be looked up" not in result.stderr


def test_requirement_requests_pass_prism_validation(cli: CliRun, via_prism: Prism) -> None:
    mark = via_prism.mark()
    result = cli("requirements", "US", "tollfree", "-o", "json")
    log = via_prism.since(mark)
    assert REJECTED not in log, log
    # a search, regulations for individual and business end users, bundles, addresses
    assert log.count(RECEIVED) == 5
    assert result.exit_code == 0, result.stderr


def test_bulk_buy_requests_pass_prism_validation(cli: CliRun, via_prism: Prism) -> None:
    mark = via_prism.mark()
    result = cli(
        "buy", "+15105550100", "+15105550101", "--yes", "--max-price", "5",
        "--friendly-name", "Line", "-o", "json",
    )  # fmt: skip
    log = via_prism.since(mark)
    assert REJECTED not in log, log
    # Prism answers the first purchase with the spec's example, another number: that is
    # bought-other, and the run stops there (the second number is skipped, not POSTed).
    assert log.count("post /2010-04-01/Accounts/") == 1
    assert result.exit_code == 5, result.stderr
    assert [r["outcome"] for r in json.loads(result.stdout)] == ["bought-other", "skipped"]


def test_area_code_count_requests_pass_prism_validation(cli: CliRun, via_prism: Prism) -> None:
    mark = via_prism.mark()
    result = cli("buy", "--area-code", "808", "--count", "1", "--dry-run", "-o", "json")
    log = via_prism.since(mark)
    assert REJECTED not in log, log
    assert "[HTTP SERVER] post" not in log  # a dry run never buys
    assert result.exit_code == 0, result.stderr
