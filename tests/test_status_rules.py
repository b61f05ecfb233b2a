"""Every HTTP status rule at its edges: which exit code, and whether it is retried."""

from __future__ import annotations

import pytest

from tests.support import CliRun
from tests.support.fake_twilio import FakeTwilio, twilio_error

SEARCH = ("local", "--area-code", "510")


@pytest.mark.parametrize(
    ("status", "code", "requests"),
    [
        (400, 4, 1),  # the first refusal
        (401, 3, 1),  # credentials
        (403, 3, 1),
        (404, 4, 1),
        (428, 4, 1),
        (429, 5, 4),  # rate limited: retried, then unavailable
        (430, 4, 1),
        (499, 4, 1),  # the last refusal
        (500, 5, 4),  # the first server failure: retried
        (501, 5, 1),  # not retried (it will not get better), still unavailable
        (502, 5, 4),
        (503, 5, 4),
        (504, 5, 4),
        (505, 5, 1),
        (599, 5, 1),  # the last server failure
    ],
)
def test_each_status_maps_to_its_exit_code(
    cli: CliRun,
    fake_twilio: FakeTwilio,
    monkeypatch: pytest.MonkeyPatch,
    status: int,
    code: int,
    requests: int,
) -> None:
    monkeypatch.setattr("numsearch.retries.Backoff.pause", staticmethod(lambda seconds: None))
    fake_twilio.default = twilio_error(status, 20000 + status, f"status {status}")
    result = cli(*SEARCH)
    assert result.exit_code == code, result.stderr
    assert len(fake_twilio.requests) == requests
    # A 404 on a search means the country has no such numbers: said in numsearch's words.
    says = "US has no local numbers" if status == 404 else f"status {status}"
    assert result.stderr.count("\n") == 1 and says in result.stderr
