"""Search results marked: the searched word laid over its digits (+1 510-STORM-00), the
pattern's place highlighted, and `--rank` ordering by the better of words and digits."""

from __future__ import annotations

import json
from typing import Any

import pytest

from numsearch import vanity
from numsearch.models import AvailableNumber
from numsearch.number_layout import layout
from tests.support import CliRun
from tests.support.fake_twilio import FakeTwilio, available, numbers_page


@pytest.mark.parametrize(
    ("number", "written"),
    [
        ("+15107867600", "+1 510-STORM-00"),
        ("+15102478676", "+1 510-24-STORM"),
        ("+14157867612", "+1 415-STORM-12"),
    ],
)
def test_a_searched_word_is_laid_over_its_digits(number: str, written: str) -> None:
    match = vanity.match_word(layout(number), "78676", "STORM")
    assert match is not None and match.spelled == written


def test_wildcards_keep_their_digits() -> None:
    match = vanity.match_word(layout("+18662153742"), "866***3742", "866***EPIC")
    assert match is not None and match.spelled == "+1 866-215-EPIC"
    assert match.span == (0, 10)


def test_a_pattern_that_is_not_there_gives_nothing() -> None:
    assert vanity.match_word(layout("+15105550100"), "78676", "STORM") is None


def test_gb_layout_and_anchored_word() -> None:
    shape = layout("+442079460000")
    assert (shape.national, shape.subscriber_start) == ("2079460000", 2)
    match = vanity.match_word(shape, "******0000", "******0000")
    assert match is None  # no letters, nothing to spell
    cake = vanity.match_word(layout("+442079462253"), "******2253", "******CAKE")
    assert cake is not None and cake.spelled == "+44 20 7946 CAKE"


@pytest.mark.parametrize(
    ("number", "digits", "letters", "spelled", "score"),
    [
        # sqrt(5/7) / (1 + 0.35): 0.63
        ("+15107867600", "78676", "storm", "+1 510-STORM-00", 0.63),
        # anchored at the country code, which the letters carry and the span does not
        ("+15107867600", "+151078676", "+1510STORM", "+1 510-STORM-00", 0.63),
        ("+442079462253", "+44207946CAKE", "+44207946CAKE", None, None),
        ("+442079462253", "+442079462253", "+44207946CAKE", "+44 20 7946 CAKE", 0.52),
        ("+15105557867", "78676$", "STORM$", None, None),
        ("+15105578676", "78676$", "STORM$", "+1 510-55-STORM", 0.63),
        ("+15105578676", "5578676", "55STORM", "+1 510-55-STORM", 0.63),
        ("+15105578676", "55%", "55%", None, None),
        ("+15105578676", "555", "555", None, None),
    ],
)
def test_match_word(
    number: str, digits: str, letters: str, spelled: str | None, score: float | None
) -> None:
    match = vanity.match_word(layout(number), digits, letters)
    if spelled is None:
        assert match is None
    else:
        assert match is not None and (match.spelled, match.score) == (spelled, score)


def test_a_pattern_with_a_multi_digit_wildcard_places_no_word() -> None:
    # % can match any number of digits: even when it matched one, the letters typed
    # have no fixed place, so the result is not spelled.
    assert vanity.match_word(layout("+15105786760"), "78676%", "STORM%") is None


def test_a_searched_function_word_is_scored_as_one() -> None:
    shape = layout("+18004612273")  # GO, any digit, CARD
    match = vanity.match_word(shape, "46*2273", "GO*CARD")
    assert match is not None and match.spelled == "+1 800-GO-1-CARD"
    # GO reads with the word it goes with (half a piece, glued) and adds nothing to how
    # common the spelling reads: 6 of 7 digits, 2.5 pieces, a short word's cost
    assert match.score == round((6 / 7) ** 0.5 / (1 + 0.35 * 1.5) * (0.9 + 0.1 * 2 / 2) * 0.97, 2)


@pytest.mark.parametrize(
    ("number", "pattern", "span"),
    [
        ("+15107867600", "78676", (3, 8)),
        ("+15107867600", "00", (8, 10)),  # the rightmost match
        ("+15107867600", "+1510", (0, 3)),  # anchored at the country code
        ("+15107867600", "+15107", (0, 4)),
        ("+15107867600", "15107", None),  # the country code's 1 is not the number's
        ("+15107867600", "+2510", None),
        ("+15107867600", "76$", None),
        ("+15107867600", "600$", (7, 10)),
    ],
)
def test_find_pattern(number: str, pattern: str, span: tuple[int, int] | None) -> None:
    assert vanity.find_pattern(layout(number), pattern) == span


def test_a_pattern_only_in_the_country_code_is_not_found() -> None:
    assert vanity.find_pattern(layout("+15107867600"), "+1") is None


def search_result(number: str, country: str | None = "US") -> AvailableNumber:
    return AvailableNumber(phone_number=number, iso_country=country)


def test_marking_uses_the_result_country_or_the_default() -> None:
    gb = [search_result("02079462253", None)]
    marked = vanity.annotate(gb, pattern="946", letters=None, rank=False, default_country="GB")
    assert marked[0].match_span == (3, 6)
    unreadable = [search_result("02079462253", None)]
    marked = vanity.annotate(
        unreadable, pattern="946", letters=None, rank=False, default_country="US"
    )
    assert marked[0].match_span is None  # not a US number: left as it is
    assert vanity.annotate(
        [search_result("")], pattern="1", letters=None, rank=True, default_country="US"
    ) == [search_result("")]


def test_a_ranked_word_search_scores_results_without_the_word_zero() -> None:
    results = [search_result("+15107867600"), search_result("+15105550100")]
    marked = vanity.annotate(
        results, pattern="78676", letters="STORM", rank=True, default_country="US"
    )
    assert [(n.phone_number, n.score, n.vanity) for n in marked] == [
        ("+15107867600", 0.63, "+1 510-STORM-00"),
        ("+15105550100", 0.0, None),
    ]
    unranked = vanity.annotate(
        results[1:], pattern="78676", letters="STORM", rank=False, default_country="US"
    )
    assert unranked[0].score is None


def test_ranking_without_a_word_spells_each_result_once_with_the_bundled_index() -> None:
    results = [search_result("+18001010101"), search_result("+18003569377")]
    marked = vanity.annotate(results, pattern=None, letters=None, rank=True, default_country="US")
    assert [(n.phone_number, n.vanity, n.score) for n in marked] == [
        ("+18003569377", "+1 800-FLOWERS", 0.94),
        ("+18001010101", None, 0.0),  # nothing to spell; memorable, but less than 0.94
    ]
    unranked = vanity.annotate(
        results, pattern=None, letters=None, rank=False, default_country="US"
    )
    assert [n.score for n in unranked] == [None, None]


def test_rank_orders_results_by_their_best_spelling() -> None:
    numbers = [
        AvailableNumber(phone_number="+15108364917", iso_country="US"),  # TEN-4917 at best
        AvailableNumber(phone_number="+18003569377", iso_country="US"),
        AvailableNumber(phone_number="+18004685865", iso_country="US"),
    ]
    ranked = vanity.annotate(numbers, pattern=None, letters=None, rank=True, default_country="US")
    assert [n.phone_number for n in ranked] == ["+18003569377", "+18004685865", "+15108364917"]
    assert ranked[0].vanity == "+1 800-FLOWERS" and ranked[0].score == 0.94
    assert ranked[2].score is not None and ranked[2].score < ranked[1].score  # type: ignore[operator]


def test_annotate_without_rank_adds_no_memorability() -> None:
    numbers = [AvailableNumber(phone_number="+18002222222", iso_country="US")]
    marked = vanity.annotate(numbers, pattern=None, letters=None, rank=False, default_country="US")
    assert marked[0].memorability is None
    ranked = vanity.annotate(numbers, pattern=None, letters=None, rank=True, default_country="US")
    assert ranked[0].memorability == {"score": 1.0, "reasons": ["repeats 2222222"]}
    assert vanity.rank_value(ranked[0]) == 1.0


def test_word_search_sends_digits_and_says_so(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    fake_twilio.default = numbers_page(
        [available("+15107867600"), available("+15102478676"), available("+15105550100")]
    )
    result = cli("local", "US", "--contains", "STORM")
    assert fake_twilio.requests[0].query == {"Contains": "78676"}
    assert "STORM as the digits 78676" in result.stderr
    records = json.loads(result.stdout)
    # +15105550100 holds no STORM: left out of the answer, not shown unspelled
    assert [r["vanity"] for r in records] == ["+1 510-STORM-00", "+1 510-24-STORM"]
    assert "score" not in records[0]


def test_digit_search_has_no_vanity_field(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    fake_twilio.default = numbers_page([available("+15105550100")])
    record = json.loads(cli("local", "--contains", "555").stdout)[0]
    assert "vanity" not in record


def test_table_highlights_the_word_and_its_digits(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    fake_twilio.default = numbers_page([available("+15107867600")])
    result = cli("local", "--contains", "STORM", terminal=True)
    out = result.stdout
    assert "STORM" in out and "\x1b[" in out
    # The digits 786-76 of (510) 786-7600 are styled: an escape code sits right before them.
    assert "\x1b[1;4m786-76\x1b[0m00" in out
    assert "510-\x1b[1;35mSTORM\x1b[0m-00" in out


def test_rank_scores_and_orders_results(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    fake_twilio.default = numbers_page(
        [available("+18774920136"), available("+18003569377"), available("+18004685865")]
    )
    result = cli("tollfree", "--rank")
    records = json.loads(result.stdout)
    assert [r["phone_number"] for r in records] == ["+18003569377", "+18004685865", "+18774920136"]
    assert records[0]["vanity"] == "+1 800-FLOWERS" and records[0]["score"] == 0.94
    assert all(isinstance(r["score"], float) for r in records)
    assert all(set(r["memorability"]) == {"score", "reasons"} for r in records)
    assert fake_twilio.requests[0].query == {}  # ranking is local: nothing more is sent


def test_rank_with_a_word_scores_the_word(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    fake_twilio.default = numbers_page([available("+15107867600"), available("+15102478676")])
    records = json.loads(cli("local", "--contains", "STORM", "--rank").stdout)
    assert {r["vanity"] for r in records} == {"+1 510-STORM-00", "+1 510-24-STORM"}
    assert all(r["score"] > 0 for r in records)


def ranked_search(cli: CliRun, fake_twilio: FakeTwilio, *args: str) -> str:
    fake_twilio.default = numbers_page(
        [available("+18008364917"), available("+18003569377"), available("+18002222222")]
    )
    result = cli("tollfree", "--rank", *args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_rank_orders_by_the_better_of_words_and_digits(
    cli: CliRun, fake_twilio: FakeTwilio
) -> None:
    records: list[dict[str, Any]] = json.loads(ranked_search(cli, fake_twilio))
    assert [r["phone_number"] for r in records] == ["+18002222222", "+18003569377", "+18008364917"]
    twos, flowers, plain = records
    assert twos["memorability"] == {"score": 1.0, "reasons": ["repeats 2222222"]}
    assert twos["score"] < flowers["score"] == 0.94  # score stays the word score
    assert flowers["memorability"]["score"] == 0.0
    assert plain["memorability"] == {"score": 0.0, "reasons": []}


def test_rank_csv_shows_the_memorability_score(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    out = ranked_search(cli, fake_twilio, "-o", "csv", "--fields", "phone_number,memorability")
    assert out.splitlines() == [
        "phone_number,memorability",
        "+18002222222,1",
        "+18003569377,0",
        "+18008364917,0",
    ]
