"""Vanity: keypad translation, spelling and scoring (pure), and the vanity command."""

from __future__ import annotations

import json
import string
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from numsearch import keypad, vanity
from numsearch.errors import InvalidInput
from numsearch.models import AvailableNumber
from numsearch.number_layout import layout
from numsearch.words import Word, WordIndex, word_index
from tests.support import CliRun
from tests.support.fake_twilio import FakeTwilio, available, numbers_page

# -- keypad --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "digits"),
    [
        ("STORM", "78676"),
        ("storm", "78676"),
        ("ABC", "222"),
        ("DEF", "333"),
        ("GHI", "444"),
        ("JKL", "555"),
        ("MNO", "666"),
        ("PQRS", "7777"),
        ("TUV", "888"),
        ("WXYZ", "9999"),
        ("Q", "7"),
        ("Z", "9"),
        ("866***EPIC", "866***3742"),
        ("1-800-FLOWERS", "18003569377"),
        ("(510) STORM.00", "5107867600"),
        ("0123456789", "0123456789"),
        ("", ""),
    ],
)
def test_keypad_translation(text: str, digits: str) -> None:
    assert keypad.keypad_digits(text) == digits


@pytest.mark.parametrize("text", ["ST@RM", "é", "50%", "+1", "STORM!", "Ω", "½"])
def test_keypad_rejects_anything_else_with_a_clear_message(text: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        keypad.keypad_digits(text)
    assert "is not allowed: use letters, digits or *" in str(caught.value)


@given(st.text(string.digits))
def test_translation_is_idempotent_on_digits(digits: str) -> None:
    assert keypad.keypad_digits(digits) == digits
    assert keypad.keypad_digits(keypad.keypad_digits(digits)) == digits


@given(st.text(string.ascii_letters, min_size=1))
def test_translation_preserves_the_length_of_words(word: str) -> None:
    digits = keypad.keypad_digits(word)
    assert len(digits) == len(word) and set(digits) <= set("23456789")
    assert keypad.keypad_digits(digits) == digits


@given(st.text(string.ascii_letters + string.digits + "*-. ()"))
def test_separators_vanish_and_the_rest_maps_one_to_one(text: str) -> None:
    assert len(keypad.keypad_digits(text)) == len(keypad.strip_separators(text))


@given(st.text(min_size=1))
def test_any_text_either_translates_or_says_why(text: str) -> None:
    try:
        digits = keypad.keypad_digits(text)
    except InvalidInput as exc:
        assert "is not allowed" in str(exc)
    else:
        assert set(digits) <= set(string.digits + "*")


# -- spelling ------------------------------------------------------------------------------

WELL_KNOWN = [
    ("+18003569377", "1-800-FLOWERS"),
    ("1-800-FLOWERS", "1-800-FLOWERS"),
    ("1-800-DENTIST", "1-800-DENTIST"),
    ("1-800-CONTACTS", "1-800-CONTACT"),  # the extra letter is ignored, as on the ads
    ("1-800-PAINTER", "1-800-PAINTER"),
    ("1-800-PLUMBER", "1-800-PLUMBER"),
    ("1-888-LAWYERS", "1-888-LAWYERS"),
    ("1-800-HOLIDAY", "1-800-HOLIDAY"),
    ("1-800-BATTERY", "1-800-BATTERY"),
    ("1-855-MYSTERY", "1-855-MYSTERY"),
    ("1-800-ROOFING", "1-800-ROOFING"),
    ("1-800-TAX-HELP", "1-800-TAX-HELP"),
]
# Equally scored words share the top: these must be among the first three.
NEAR_THE_TOP = [
    ("1-800-GOT-JUNK", "1-800-GOT-JUNK"),
    ("1-877-CAR-WASH", "1-877-CAR-WASH"),
    ("1-800-CALL-NOW", "1-800-CALL-NOW"),
    ("1-888-NEW-HOME", "1-888-NEW-HOME"),
    ("1-800-PICK-UPS", "1-800-PICK-UPS"),
]


@pytest.mark.parametrize(("number", "best"), WELL_KNOWN)
def test_well_known_vanity_numbers_spell_their_word_first(number: str, best: str) -> None:
    spellings = vanity.spell(layout(number))
    assert spellings[0].text == best
    assert spellings[0].score >= 0.7


@pytest.mark.parametrize(("number", "expected"), NEAR_THE_TOP)
def test_two_word_vanity_numbers_are_in_the_top_three(number: str, expected: str) -> None:
    assert expected in [s.text for s in vanity.spell(layout(number))[:3]]


def test_spellings_are_best_first_distinct_and_scored_in_0_1() -> None:
    spellings = vanity.spell(layout("+18003569377"), limit=10)
    scores = [s.score for s in spellings]
    assert scores == sorted(scores, reverse=True)
    assert len({s.text for s in spellings}) == len(spellings)
    assert all(0 <= s <= 1 for s in scores)
    assert spellings[0].to_json() == {
        "text": "1-800-FLOWERS",
        "words": ["FLOWERS"],
        "score": 0.94,
        "cut": False,
    }


def test_words_never_sit_on_0_or_1() -> None:
    shape = layout("+15107867601")  # STORM, then 0 and 1
    spellings = vanity.spell(shape, limit=10)
    assert spellings, "STORM at least"
    for spelling in spellings:
        for placement in spelling.placements:
            assert not set(shape.national[placement.start : placement.end]) & {"0", "1"}
    assert vanity.spell(layout("+15101010101")) == []  # nothing to spell there


def test_scoring_rewards_coverage_fewer_pieces_commonness_and_alignment() -> None:
    # FLOW among the commonest words, so that FLOW-ERS reads as a phrase, not a loose pair.
    index = WordIndex.from_words(
        [("flowers", 5.0), ("flow", 5.6), ("ers", 2.0), ("lowers", 2.0), ("owe", 2.0)]
    )
    shape = layout("+18003569377")
    by_text = {s.text: s.score for s in vanity.spell(shape, index, limit=20)}
    assert by_text["1-800-FLOWERS"] > by_text["1-800-FLOW-ERS"]  # fewer pieces
    assert by_text["1-800-FLOW-ERS"] > by_text["1-800-FLOW-377"]  # more covered
    assert by_text["1-800-FLOWERS"] > by_text["1-800-3-LOWERS"]  # common and aligned
    assert by_text["1-800-FLOW-377"] > by_text["1-800-35-OWE-77"]  # fewer pieces, aligned

    common = vanity.Placement("FLOW", 3, 7, 1.0)
    rare = vanity.Placement("FLOW", 3, 7, 0.7)
    assert vanity.score_placements(shape, [common]) > vanity.score_placements(shape, [rare])
    # The same word, once on a group boundary and once not: alignment alone decides.
    middle = vanity.Placement("OWE", 5, 8, 1.0)
    grouped = shape._replace(group_starts=frozenset({0, 3, 5}))
    assert vanity.score_placements(grouped, [middle]) > vanity.score_placements(shape, [middle])


def test_the_word_index_file() -> None:
    index = word_index()
    assert len(index) > 40_000
    assert Word("STORM", 4.7) in index.words("78676")
    assert index.lookup("flowers") == Word("FLOWERS", 4.6)
    assert index.lookup("fedex") == Word("FEDEX", 3.4, "brand")
    assert index.words("0000") == []
    source = Path(vanity.__file__).parent / "data"
    header = (source / "words.idx").read_text()[:1000]
    assert "SCOWL" in header and "wordfreq" in header
    assert "Kevin Atkinson" in (source / "WORDS-LICENSE").read_text()


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


def test_rank_orders_results_by_their_best_spelling() -> None:
    numbers = [
        AvailableNumber(phone_number="+15105550100", iso_country="US"),
        AvailableNumber(phone_number="+18003569377", iso_country="US"),
        AvailableNumber(phone_number="+18004685865", iso_country="US"),
    ]
    ranked = vanity.annotate(numbers, pattern=None, letters=None, rank=True, default_country="US")
    assert [n.phone_number for n in ranked] == ["+18003569377", "+18004685865", "+15105550100"]
    assert ranked[0].vanity == "+1 800-FLOWERS" and ranked[0].score == 0.94
    assert ranked[2].score is not None and ranked[2].score < ranked[1].score  # type: ignore[operator]


# -- the command ----------------------------------------------------------------------------


def test_vanity_words_to_patterns_json(cli: CliRun) -> None:
    result = cli("vanity", "STORM", "866***EPIC", "-o", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == [
        {"word": "STORM", "pattern": "78676"},
        {"word": "866***EPIC", "pattern": "866***3742"},
    ]


def test_vanity_table_on_a_terminal(cli: CliRun) -> None:
    result = cli("vanity", "STORM", terminal=True)
    assert "STORM" in result.stdout and "78676" in result.stdout


def test_vanity_bad_word_is_exit_2(cli: CliRun) -> None:
    result = cli("vanity", "ST@RM")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: vanity: '@' in 'ST@RM'")
    assert result.stdout == ""


def test_vanity_without_words_is_exit_2(cli: CliRun) -> None:
    assert cli("vanity").exit_code == 2
    assert cli("vanity", "--spell").exit_code == 2


SPELLING_SCHEMA_KEYS = {"text", "words", "score", "cut"}


def check_spell_json(records: list[dict[str, Any]]) -> None:
    for record in records:
        assert set(record) == {"number", "spellings", "memorability"}
        assert set(record["memorability"]) == {"score", "reasons"}
        assert record["number"].startswith("+")
        for spelling in record["spellings"]:
            assert set(spelling) == SPELLING_SCHEMA_KEYS
            assert isinstance(spelling["words"], list) and isinstance(spelling["score"], float)


def test_spell_puts_flowers_first(cli: CliRun) -> None:
    result = cli("vanity", "--spell", "+18003569377", "-o", "json")
    assert result.exit_code == 0
    records = json.loads(result.stdout)
    check_spell_json(records)
    assert records[0]["number"] == "+18003569377"
    assert records[0]["spellings"][0] == {
        "text": "1-800-FLOWERS",
        "words": ["FLOWERS"],
        "score": 0.94,
        "cut": False,
    }
    assert len(records[0]["spellings"]) == 5


def test_spell_reads_numbers_from_stdin(cli: CliRun) -> None:
    numbers = "+18003569377\n\n# a comment\n(800) 336-8478\n1-800-GOT-JUNK\n"
    result = cli("vanity", "--spell", "-", "-o", "jsonl", "--top", "1", input=numbers)
    assert result.exit_code == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    check_spell_json(lines)
    assert [line["spellings"][0]["text"] for line in lines] == [
        "1-800-FLOWERS",
        "1-800-DENTIST",
        "1-800-GOT-JUNK",
    ]


def test_spell_table_and_csv(cli: CliRun) -> None:
    table = cli("--no-color", "vanity", "--spell", "+18003569377", terminal=True)
    assert "1-800-FLOWERS" in table.stdout and "0.94" in table.stdout
    assert table.stdout.count("+18003569377") == 3  # the best few
    csv_out = cli("vanity", "--spell", "+18003569377", "-o", "csv", "--top", "2").stdout
    assert csv_out.splitlines() == [
        "number,rank,text,words,score,cut,memorability",
        "+18003569377,1,1-800-FLOWERS,FLOWERS,0.94,false,0",
        "+18003569377,2,1-800-FLOWER-7,FLOWER,0.62,false,0",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--spell", "12"), "--spell: '12' is not a possible phone number"),
        (("--spell", "call me"), "'call me' is not a possible phone number"),
        (("--spell", "1-800-HOTELS"), "not a valid number"),
        (("--spell", "-", "+18003569377"), "cannot be mixed"),
        (("--spell", "+18003569377", "--top", "0"), "--top must be 1 to 50"),
        (("--spell", "+18003569377", "--country", "UK"), "use GB"),
        (("STORM", "--top", "2"), "--top goes with --spell"),
    ],
)
def test_spell_bad_input_is_exit_2_without_traceback(
    args: tuple[str, ...], message: str, cli: CliRun
) -> None:
    result = cli("vanity", *args)
    assert result.exit_code == 2
    assert message in result.stderr and "Traceback" not in result.stderr
    assert result.stdout == ""


def test_a_bad_line_on_stdin_is_named(cli: CliRun) -> None:
    result = cli("vanity", "--spell", "-", input="+18003569377\nnope\n")
    assert result.exit_code == 2
    assert "(line 2 of stdin)" in result.stderr


def test_numbers_that_spell_nothing_exit_1(cli: CliRun) -> None:
    result = cli("vanity", "--spell", "+15100000000", "-o", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == [
        {
            "number": "+15100000000",
            "spellings": [],
            "memorability": {"score": 1.0, "reasons": ["repeats 0000000"]},
        }
    ]


def test_national_numbers_use_country(cli: CliRun) -> None:
    result = cli("vanity", "--spell", "020 7946 2253", "--country", "gb", "-o", "json")
    assert json.loads(result.stdout)[0]["number"] == "+442079462253"


# -- search results carry vanity -----------------------------------------------------------


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


def test_table_highlights_the_word_and_its_digits(cli: CliRun, fake_twilio: FakeTwilio) -> None:
    fake_twilio.default = numbers_page([available("+15107867600")])
    result = cli("local", "--contains", "STORM", terminal=True)
    out = result.stdout
    assert "STORM" in out and "\x1b[" in out
    # The digits 786-76 of (510) 786-7600 are styled: an escape code sits right before them.
    assert "\x1b[1;4m786-76\x1b[0m00" in out
    assert "510-\x1b[1;35mSTORM\x1b[0m-00" in out


@pytest.mark.parametrize(
    ("word", "message"),
    [
        ("", "has no letters or digits"),
        ("( )", "has no letters or digits"),
        ("SUPERCALIFRAGILISTIC", "needs 20 digits, but no phone number has more than 15"),
    ],
)
def test_words_no_number_can_hold_are_refused(cli: CliRun, word: str, message: str) -> None:
    result = cli("vanity", "STORM", word)
    assert result.exit_code == 2 and message in result.stderr
    assert result.stdout == ""


def test_a_fifteen_digit_word_is_fine(cli: CliRun) -> None:
    result = cli("vanity", "ABCDEFGHIJKLMNO", "-o", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)[0]["pattern"] == "222333444555666"


@pytest.mark.parametrize(
    ("typed", "digits"),
    [
        ("\u0665\u0661\u0660STORM", "51078676"),  # Arabic-Indic digits
        ("\u06f5\u06f1\u06f0", "510"),  # Eastern Arabic-Indic (Persian)
        ("\u096b\u0967\u0966-\u096d\u096e\u096c", "510786"),  # Devanagari
        (
            "\uff15\uff11\uff10\uff53\uff54\uff4f\uff52\uff4d",
            "51078676",
        ),  # full-width digits and letters
    ],
)
def test_digits_and_letters_of_other_keyboards_mean_ascii(typed: str, digits: str) -> None:
    assert keypad.keypad_digits(typed) == digits


def test_a_search_pattern_typed_in_other_digits_is_sent_in_ascii(
    cli: CliRun, fake_twilio: FakeTwilio
) -> None:
    fake_twilio.default = numbers_page([])
    assert cli("local", "--contains", "\u0665\u0661\u0660STORM").exit_code == 1
    assert fake_twilio.requests[0].query["Contains"] == "51078676"
