"""The sweep's pieces on their own: the shapes it sends, how it splits, the shared backoff,
and the sandbox's cap, strict mode and one inventory. Expectations are written here
(shapes by hand, sets by tests/support/oracle.py), not taken from the code under test."""

from __future__ import annotations

import json
import re
import threading
from typing import Any

import pytest

from numsearch import sweep
from numsearch.query import SearchFilters, SearchQuery, build_query
from numsearch.retries import Backoff
from numsearch.sandbox.api import SandboxApi
from numsearch.spec_limits import shape_problem
from tests.support import CliRun, oracle

# What the spec's Contains description allows, as a sweep writes it (no `%`): `+` and
# digits; digits and `$`; or one block of digits with `*` only around it (2+ digits).
SPEC_SHAPE = re.compile(r"\+\d{2,}|\d{2,}\$|\**\d{2,}\**")


def query(command: str, country: str = "US", **filters: Any) -> SearchQuery:
    return build_query(command, country, SearchFilters(**filters))


def walk(q: SearchQuery, depth: int) -> list[tuple[sweep.Part, list[sweep.Part]]]:
    """Parts and their children, `depth` levels down from the roots."""
    pairs = []
    level = sweep.roots(q)
    for _ in range(depth):
        following = []
        for part in level:
            children = sweep.split(part, q)
            pairs.append((part, children))
            following += children[:4]  # a few of each: enough to see every kind of step
        level = following
    return pairs


CASES = [
    ("local", "US", {"area_code": ["510"]}),
    ("local", "US", {"contains": "STORM"}),
    ("local", "US", {"ends_with": "1234"}),
    ("local", "US", {}),
    ("tollfree", "US", {"contains": "EPIC"}),
    ("mobile", "GB", {"starts_with": "77"}),
    ("local", "CA", {"contains": "777"}),
    ("local", "US", {"contains": "5$"}),
    ("local", "US", {"contains": "+15"}),
    ("local", "US", {"contains": "55", "in_region": "AR"}),
]


@pytest.mark.parametrize(("command", "country", "filters"), CASES)
def test_every_part_sends_a_shape_the_spec_allows(
    command: str, country: str, filters: dict[str, object]
) -> None:
    q = query(command, country, **filters)
    for _part, children in walk(q, 4):
        for child in children:
            pattern = sweep.contains_of(child, q)
            if pattern is None:
                assert child.area_code is not None  # an AreaCode alone
                continue
            assert SPEC_SHAPE.fullmatch(pattern), pattern
            assert len(pattern) <= 16 and shape_problem(pattern) is None


def asked(q: SearchQuery, part: sweep.Part, numbers: list[str]) -> set[str]:
    """The numbers a part's search matches, read from what it sends (AreaCode, Contains)
    by the oracle's matcher."""
    params = sweep.params_of(part, q)
    code = oracle.country_code_of(q.country)
    return {
        n
        for n in numbers
        if n.startswith(f"+1{params.get('AreaCode', '')}" if "AreaCode" in params else "+")
        and ("Contains" not in params or oracle.contains(params["Contains"], n, code))
    }


@pytest.mark.parametrize(("command", "country", "filters"), CASES)
def test_children_cover_their_part(command: str, country: str, filters: dict[str, Any]) -> None:
    q = query(command, country, **filters)
    stock = [r["phone_number"] for r in oracle.stock(country, q.number_type.key)]
    numbers = stock[:: max(1, len(stock) // 4000)]  # a sample of the big stocks: time
    for part, children in walk(q, 3):
        inside = asked(q, part, numbers)
        homes = [asked(q, child, sorted(inside)) for child in children]
        assert set().union(*homes) == inside, (sweep.describe(part, q), len(inside))
        if part.span is None and part.pattern is None:  # digits or area codes: no overlap
            assert sum(len(h) for h in homes) == len(inside), sweep.describe(part, q)


def test_a_word_goes_to_its_ends_and_between_then_halves() -> None:
    q = query("local", "US", contains="STORM")
    (root,) = sweep.roots(q)
    first = sweep.split(root, q)
    assert [sweep.contains_of(p, q) for p in first] == ["+178676", "*78676*", "78676$"]
    middle = first[1]
    assert [sweep.contains_of(p, q) for p in sweep.split(middle, q)] == [
        "*78676***",
        "***78676*",
    ]
    places = [sweep.contains_of(p, q) for p in sweep.candidates(root, q)[1]]
    assert places == ["+178676", "*78676****", "**78676***", "***78676**", "****78676*", "78676$"]


def test_an_area_code_splits_on_the_exchange() -> None:
    q = query("local", "US", area_code=["510"])
    (root,) = sweep.roots(q)
    children = sweep.split(root, q)
    assert [sweep.params_of(c, q)["Contains"] for c in children] == [
        f"+1510{d}" for d in "23456789"
    ]
    assert all(sweep.params_of(c, q)["AreaCode"] == "510" for c in children)
    assert all(sweep.params_of(c, q)["PageSize"] == "1000" for c in children)


def test_a_country_without_area_codes_given_splits_by_area_code() -> None:
    q = query("tollfree", "US")
    (root,) = sweep.roots(q)
    codes = [c.area_code for c in sweep.split(root, q)]
    assert codes == ["800", "833", "844", "855", "866", "877", "888"]


def test_the_cut_answer_chooses_between_area_codes_and_digits() -> None:
    q = query("local", "US")
    (root,) = sweep.roots(q)
    spread = [f"{npa}5550100" for npa in ("212", "312", "415", "510", "617", "713", "808", "907")]
    by_digit = sweep.split(root, q, spread)  # 8 first digits beat 359 area codes
    assert [sweep.contains_of(c, q) for c in by_digit] == [f"+1{d}" for d in "23456789"]
    toll_free = query("tollfree", "US")
    (root,) = sweep.roots(toll_free)
    sample = [f"{npa}5550100" for npa in ("800", "833", "866")]
    assert len(sweep.split(root, toll_free, sample)) == 7  # not `+18`, then `+180`...


def test_the_plans_area_codes_hold_every_one_the_sandbox_sells() -> None:
    for country in ("US", "CA"):
        sold = {r["phone_number"][2:5] for r in oracle.stock(country, "local")}
        assert sold <= set(sweep.area_codes(country, "local")), country


@pytest.mark.parametrize(
    ("pattern", "problem"),
    [
        ("+1510", None), ("78676$", None), ("***78676**", None), ("510555****", None),
        ("******1234", None), ("+1510%", None), ("%STORM", None), ("STORM", None),
        ("510***8676", "between characters"), ("866***EPIC", "between characters"),
        ("5%5", "between characters"), ("+*510", "+ is next to a wildcard"),
        ("12*$", "$ is next to a wildcard"), ("*1", "at least two"), ("%5%", "at least two"),
    ],
)  # fmt: skip
def test_contains_shapes(pattern: str, problem: str | None) -> None:
    found = shape_problem(pattern)
    assert (found is None) if problem is None else (found is not None and problem in found)


def test_strict_sandbox_refuses_wildcards_inside_with_twilios_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = "/2010-04-01/Accounts/AC" + "5" * 32 + "/AvailablePhoneNumbers/US/TollFree.json"
    api = SandboxApi()
    lenient_status, lenient = api.handle("GET", path, {"Contains": "866***EPIC"}, {})
    assert lenient_status == 200 and lenient["available_phone_numbers"]
    assert {r["phone_number"] for r in lenient["available_phone_numbers"]} <= oracle.answer(
        "US", "toll_free", contains_pattern="+1866***3742"
    )
    monkeypatch.setenv("NUMSEARCH_SANDBOX_STRICT", "1")
    status, body = api.handle("GET", path, {"Contains": "866***EPIC"}, {})
    assert status == 400 and set(body) == {"code", "message", "more_info", "status"}
    assert body["status"] == 400 and "866***EPIC" in body["message"]
    assert api.handle("GET", path, {"Contains": "3742$"}, {})[0] == 200


@pytest.mark.parametrize(
    "params",
    [{"AreaCode": "415"}, {"Contains": "STORM"}, {"Contains": "+1212%"}, {"Contains": "99$"}],
)
def test_every_answer_is_part_of_the_one_inventory(params: dict[str, str]) -> None:
    path = "/2010-04-01/Accounts/AC" + "5" * 32 + "/AvailablePhoneNumbers/US/Local.json"
    status, body = SandboxApi().handle("GET", path, params | {"PageSize": "1000"}, {})
    got = {r["phone_number"] for r in body["available_phone_numbers"]}
    expected = oracle.answer(
        "US", "local", area_code=params.get("AreaCode"), contains_pattern=params.get("Contains")
    )
    assert status == 200 and len(got) == min(30, len(expected)) and got <= expected


def test_a_number_bought_leaves_the_inventory(cli: CliRun) -> None:
    bought = cli("--sandbox", "buy", "+15105550100", "--yes", "-o", "json")
    assert bought.exit_code == 0, bought.stderr
    result = cli("--sandbox", "local", "--area-code", "510", "--all", "-o", "json")
    found = {r["phone_number"] for r in json.loads(result.stdout)}
    assert "+15105550100" not in found
    assert found == oracle.answer("US", "local", area_code="510", bought=["+15105550100"])


def test_a_number_not_in_stock_cannot_be_bought(cli: CliRun) -> None:
    stocked = {r["phone_number"] for r in oracle.stock("US", "local")}
    missing = next(f"+1510555{n:04d}" for n in range(10000) if f"+1510555{n:04d}" not in stocked)
    assert cli("--sandbox", "buy", missing, "--yes").exit_code == 4


def test_a_bad_cap_is_exit_2(cli: CliRun, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NUMSEARCH_SANDBOX_CAP", "lots")
    result = cli("--sandbox", "local", "--area-code", "510", "--all")
    assert result.exit_code == 2
    assert "NUMSEARCH_SANDBOX_CAP must be a number from 1 to 1000" in result.stderr


def test_one_pause_holds_every_request(monkeypatch: pytest.MonkeyPatch) -> None:
    slept: list[float] = []
    monkeypatch.setattr(Backoff, "pause", staticmethod(slept.append))
    backoff = Backoff()
    backoff.wait()
    assert slept == []  # nothing held: no wait
    told = threading.Thread(target=backoff.hold, args=(5.0,))
    told.start()
    told.join()
    backoff.hold(1.0)  # a shorter pause does not cut the longer one
    others = [threading.Thread(target=backoff.wait) for _ in range(3)]
    for thread in others:
        thread.start()
    for thread in others:
        thread.join()
    assert len(slept) == 3 and all(4.5 < s <= 5.0 + Backoff.STAGGER for s in slept)
    assert len(set(slept)) == 3  # they resume spread out, not at the same instant


def test_the_summary_says_what_was_seen() -> None:
    done = sweep.Sweep([], 12, True, elapsed=1.25)
    assert done.summary() == "sweep: 12 requests, 0 numbers, complete in 1.2 s"
    cut = sweep.Sweep([], 300, False, 40, 0.25, 9.0)
    assert cut.summary().startswith("sweep: 300 requests, 0 numbers in 9.0 s, incomplete")
    assert "40 searches left unasked (about 25.0% of the space unexplored)" in cut.summary()
    limited = sweep.Sweep([], 5, True, matched=1)
    assert limited.summary().startswith("sweep: 5 requests, 1 number (0 kept),")


def test_serve_takes_a_delay_of_0_to_60_seconds(cli: CliRun) -> None:
    result = cli("sandbox", "serve", "--port", "0", "--delay", "60001")
    assert result.exit_code == 2
    assert "--delay must be 0 to 60000 milliseconds, not 60001" in result.stderr
