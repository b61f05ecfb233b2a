"""Vanity v2: real frequencies, phrases with two-letter words, cut words, brands and
names, the block list, memorable digits, and how searches rank with them."""

from __future__ import annotations

import json
import string
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from numsearch import keypad, vanity
from numsearch.memorability import Memorability, memorability
from numsearch.models import AvailableNumber
from numsearch.number_layout import NumberLayout, layout, spelled_form
from numsearch.words import (
    FUNCTION_WORDS,
    WordIndex,
    blocked_by,
    blocked_terms,
    reads_blocked,
    word_index,
)
from tests.support import CliRun
from tests.support.fake_twilio import FakeTwilio, available, numbers_page

DATA = Path(vanity.__file__).parent / "data"


def texts(number: str, limit: int = 5) -> list[str]:
    return [s.text for s in vanity.spell(layout(number), limit=limit)]


def placement(word: str, start: int, kind: str = "word") -> vanity.Placement:
    return vanity.Placement(word, start, start + len(word), 1.0, kind=kind)


# -- frequencies -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "better", "worse"),
    [
        ("1-800-PLUMBER", "1-800-PLUMBER", "1-800-SLUMBER"),
        ("1-800-GOT-JUNK", "1-800-GOT-JUNK", "1-800-HOT-JUNK"),
    ],
)
def test_ties_break_on_real_frequency(number: str, better: str, worse: str) -> None:
    found = texts(number)
    assert found.index(better) < found.index(worse)


def test_words_carry_their_zipf_frequency_and_kind() -> None:
    index = word_index()
    flowers, fedex, gary = index.lookup("flowers"), index.lookup("fedex"), index.lookup("gary")
    assert flowers is not None and flowers.kind == "word" and 4 < flowers.zipf < 5
    assert fedex is not None and fedex.kind == "brand"
    assert gary is not None and gary.kind == "name"
    the = index.lookup("the")
    assert the is not None and the.zipf > flowers.zipf


@given(st.floats(min_value=0, max_value=8))
def test_weights_grow_with_frequency_and_proper_nouns_weigh_less(zipf: float) -> None:
    weight = vanity.word_weight(zipf)
    assert 0.55 <= weight <= 1.0
    assert vanity.word_weight(zipf + 0.5) >= weight
    assert vanity.word_weight(zipf, proper=True) < vanity.word_weight(max(zipf, 5.0))
    assert vanity.word_weight(zipf, proper=True) <= 0.9


def test_a_dictionary_word_goes_before_a_brand_of_the_same_letters() -> None:
    index = WordIndex.from_words([("apple", 4.0, "brand"), ("apple", 4.0)])
    assert [w.kind for w in index.words("27753")] == ["word", "brand"]


# -- phrases and two-letter words ----------------------------------------------------------


def test_my_apple_spells_first() -> None:
    assert texts("1-800-MY-APPLE")[0] == "1-800-MY-APPLE"


@pytest.mark.parametrize(
    ("words", "reads"),
    [
        (("MY", "APPLE"), True),
        (("APPLE", "MY"), False),  # MY needs a word after it
        (("CALL", "ME"), True),
        (("ME", "CALL"), False),  # ME needs a word before it
        (("GO", "FEDEX"), True),
        (("PICK", "UP"), True),
        (("AT", "ON", "HOG"), False),  # AT goes with a word that carries meaning
        (("CASH", "AND", "GO"), True),
        (("AND", "GO"), False),  # AND sits between two words
        (("ASK", "GARY"), True),
        (("GARY", "RAG"), False),  # a first name follows the word it goes with
        (("MY",), False),
        (("THE",), False),  # function words never stand alone
        (("GO", "TO"), False),  # at least one word of three letters
    ],
)
def test_phrases_read_naturally(words: tuple[str, ...], reads: bool) -> None:
    placements, start = [], 3
    for word in words:
        placements.append(placement(word, start, "name" if word == "GARY" else "word"))
        start += len(word)
    assert vanity.phrase_reads(placements) is reads


def test_three_words_only_side_by_side() -> None:
    together = [placement("GO", 3), placement("TO", 5), placement("BED", 7)]
    apart = [placement("GET", 3), placement("TO", 7), placement("BED", 9)]  # a digit after GET
    assert vanity.phrase_reads(together)
    assert not vanity.phrase_reads(apart)
    index = WordIndex.from_words([("go", 6.0), ("to", 7.4), ("bed", 4.9)])
    assert "1-800-GO-TO-BED" in texts_with(index, "1-800-GO-TO-BED")


def texts_with(index: WordIndex, number: str) -> list[str]:
    return [s.text for s in vanity.spell(layout(number), index, limit=10)]


@pytest.mark.parametrize(
    "number", ["1-800-MY-APPLE", "1-800-GO-FEDEX", "+18004686233", "+14155550169", "+16464699000"]
)
def test_no_spelling_is_a_lone_short_or_function_word(number: str) -> None:
    for spelling in vanity.spell(layout(number), limit=50):
        assert vanity.phrase_reads(spelling.placements)
        assert len(spelling.words) <= vanity.MAX_WORDS
        assert any(len(w) >= 3 and w not in FUNCTION_WORDS for w in spelling.words)


@pytest.mark.parametrize(("number", "names"), [("1-800-ASK-GARY", True), ("1-800-IBM-CALL", False)])
def test_first_names_follow_the_word_they_go_with(number: str, names: bool) -> None:
    seen_name = False
    for spelling in vanity.spell(layout(number), limit=50):
        places = spelling.placements
        for i, p in enumerate(places):
            if p.kind == "name" and len(places) > 1:
                seen_name = True
                assert i > 0 and places[i - 1].end == p.start, spelling.text
    assert seen_name is names  # IAN-CALL and HAN-CALL are not offered


# -- words longer than the number ----------------------------------------------------------


def test_mattress_is_cut_as_the_ads_cut_it() -> None:
    best = vanity.spell(layout("1-800-MATTRESS"))[0]
    assert best.to_json() == {
        "text": "1-800-MATTRESS",
        "words": ["MATTRESS"],
        "score": best.score,
        "cut": True,
    }
    assert best.placements[0].end == 10  # the number ends inside the word


def test_cuts_need_six_letters_on_the_number() -> None:
    index = WordIndex.from_words([("goodyear", 4.0), ("wheels", 4.5), ("new", 6.0)])
    assert "1-800-GOODYEAR" in texts_with(index, "1-800-GOODYEAR")  # GOODYEA + R
    # NEW-WHEE(LS): only four letters of WHEELS fit, so it is not offered.
    assert not any("WHEELS" in t for t in texts_with(index, "1-800-NEW-WHEELS"))
    assert index.longer_words("9433") == []
    assert [w.text for w in index.longer_words("466393")] == ["GOODYEAR"]


def test_a_whole_word_goes_before_the_same_letters_cut() -> None:
    found = texts("1-800-CONTACTS", limit=10)
    assert found[0] == "1-800-CONTACT"
    assert "1-800-CONTACTS" in found  # the cut form is offered too


def test_cut_entries_in_the_index_are_common_longer_words() -> None:
    index = word_index()
    for key in ("628873", "6288737", "6427676", "5644784"):
        words = index.longer_words(key)
        assert words, key
        for word in words:
            assert keypad.keypad_digits(word.text).startswith(key)
            assert len(word.text) > len(key) and word.zipf >= 3.0


def test_spelled_form_writes_the_whole_cut_word() -> None:
    shape = layout("+18006288737")
    assert spelled_form(shape, [(3, "MATTRESS")], advertised=True) == "1-800-MATTRESS"
    assert spelled_form(shape, [(3, "MATTRESS")]) == "+1 800-MATTRESS"


# -- brands and names ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "letters"),
    [("1-800-GO-FEDEX", "GOFEDEX"), ("1-800-JETBLUE", "JETBLUE"), ("1-800-ASK-GARY", "ASKGARY")],
)
def test_brands_and_first_names_are_found(number: str, letters: str) -> None:
    top = [t.removeprefix("1-800-").replace("-", "") for t in texts(number, limit=3)]
    assert letters in top


# -- the block list ------------------------------------------------------------------------

OFFERED_BEFORE = ["1-800-555-CUMS", "1-800-5-HOOKER", "1-800-CUMMING", "1-800-HOOKERS"]


@pytest.mark.parametrize("number", OFFERED_BEFORE)
def test_blocked_forms_are_never_offered(number: str) -> None:
    blocked = blocked_terms()
    for spelling in vanity.spell(layout(number), limit=50):
        joined = "".join(spelling.words).lower()
        assert not any(term in joined for term in ("cum", "hooker"))
        assert not any(blocked_by(word, blocked) for word in spelling.words)


def test_inflections_lead_back_to_the_blocked_word() -> None:
    blocked = frozenset({"cum", "hooker", "rape"})
    assert blocked_by("CUMS", blocked) == "cum"
    assert blocked_by("cumming", blocked) == "cum"
    assert blocked_by("HOOKERS", blocked) == "hooker"
    assert blocked_by("raping", blocked) == "rape"
    assert blocked_by("flowers", blocked) is None


def test_the_index_leaves_out_blocked_words_and_their_forms_but_not_their_lookalikes() -> None:
    index = word_index()
    for word in ("cums", "cumming", "hooker", "hookers", "shit", "shits"):
        assert index.lookup(word) is None, word
    for word in ("butter", "scatter", "spicy", "class"):  # commoner than BUTT, SCAT, SPIC
        assert index.lookup(word) is not None, word


@pytest.mark.parametrize(
    ("words", "blocked"),
    [
        (("HOOK", "ERS"), True),
        (("MY", "ASS"), True),
        (("ASS", "HAT"), True),  # a blocked word on its own
        (("GAS", "SAVER"), False),  # three letters across words are a coincidence
        (("BUTTER",), False),
        (("FLOWERS",), False),
    ],
)
def test_the_joined_text_is_checked_too(words: tuple[str, ...], blocked: bool) -> None:
    assert reads_blocked(words, frozenset({"hooker", "ass"})) is blocked


def test_block_list_names_its_source_and_licence() -> None:
    text = (DATA / "blocked.txt").read_text()
    assert "List of Dirty, Naughty, Obscene" in text and "CC-BY-4.0" in text
    assert {"hooker", "cum", "cumming"} <= set(text.split())
    assert "Attribution 4.0" in (DATA / "BLOCKLIST-LICENSE").read_text()
    sources = (DATA / "SOURCES.md").read_text()
    for name in ("SCOWL", "wordfreq", "simple-icons", "brand-colors", "names", "naughty-words"):
        assert name in sources


# -- the index file ------------------------------------------------------------------------


def test_the_index_file_is_searched_not_split_into_lines() -> None:
    text = (DATA / "words.idx").read_text()
    index = WordIndex.parse(text)
    spellings = vanity.spell(layout("+18003569377"), index)
    assert spellings[0].text == "1-800-FLOWERS"
    assert index._entries == {}  # nothing was split into a table of lines
    assert len(index._parsed) < 60  # only the keys this number needed
    lines = [line for line in text.splitlines() if " " in line and not line.startswith("#")]
    full = WordIndex.parse("\n".join(lines))
    for key in ("3569377", "69", "628873>", "78676", "222", "22", "99999999", "9"):
        assert index.words(key) == full.words(key), key
    assert len(index) == len(full) > 40_000


def test_spell_does_not_load_the_index_for_patterns(cli: CliRun) -> None:
    word_index.cache_clear()
    assert cli("vanity", "STORM", "-o", "json").exit_code == 0
    assert word_index.cache_info().currsize == 0


# -- memorable digits ----------------------------------------------------------------------


def test_222_2222_is_more_memorable_than_836_4917() -> None:
    easy = memorability(layout("+18002222222"))
    hard = memorability(layout("+18008364917"))
    assert easy.score > hard.score
    assert easy == Memorability(1.0, ("repeats 2222222",))
    assert hard == Memorability(0.0, ())


@pytest.mark.parametrize(
    ("number", "reason"),
    [
        ("+14155555555", "repeats 5555555"),
        ("+18005551234", "run 1234"),
        ("+15109876543", "run 9876543"),
        ("+14153482020", "year 2020"),
        ("+12124731221", "mirrored 1221"),
        ("+16502474545", "pattern 4545"),
        ("+14153287000", "round 7000"),
        ("+14155550000", "round 50000"),
        ("+14155550000", "repeats 555"),  # trailing zeros are the round ending, not a repeat
        ("+13125252522", "2 distinct digits"),
    ],
)
def test_memorability_reasons(number: str, reason: str) -> None:
    memo = memorability(layout(number))
    assert reason in memo.reasons
    assert 0 < memo.score <= 1


def nanp(national: str) -> NumberLayout:
    return NumberLayout(
        e164=f"+1{national}",
        country_code="1",
        national=national,
        subscriber_start=3,
        group_starts=frozenset({0, 3, 6}),
        written=f"{national[:3]}-{national[3:6]}-{national[6:]}",
    )


@given(st.text(string.digits, min_size=10, max_size=10))
def test_memorability_is_a_score_with_its_reasons(national: str) -> None:
    memo = memorability(nanp(national))
    assert 0.0 <= memo.score <= 1.0
    assert (memo.score > 0) == bool(memo.reasons)
    assert memo.to_json() == {"score": memo.score, "reasons": list(memo.reasons)}


# -- the command and searches --------------------------------------------------------------


def test_spell_json_has_cut_and_memorability(cli: CliRun) -> None:
    result = cli("vanity", "--spell", "1-800-MATTRESS", "+18002222222", "-o", "json")
    assert result.exit_code == 0
    mattress, twos = json.loads(result.stdout)
    assert mattress["spellings"][0]["text"] == "1-800-MATTRESS"
    assert mattress["spellings"][0]["cut"] is True
    assert all(s["cut"] is False for s in mattress["spellings"][1:] if s["words"] != ["MATTRESSES"])
    assert twos["memorability"] == {"score": 1.0, "reasons": ["repeats 2222222"]}


def test_spell_csv_shows_memorability_even_without_a_spelling(cli: CliRun) -> None:
    result = cli("vanity", "--spell", "+15100000000", "-o", "csv")
    assert result.exit_code == 1  # nothing spelled: the exit rule stays
    assert result.stdout.splitlines() == [
        "number,rank,text,words,score,cut,memorability",
        "+15100000000,,,,,,1",
    ]


def test_spell_table_has_a_memorability_column(cli: CliRun) -> None:
    result = cli("--no-color", "vanity", "--spell", "+18002222222", terminal=True)
    assert "Memorable" in result.stdout and "1.00" in result.stdout


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


def test_annotate_without_rank_adds_no_memorability() -> None:
    numbers = [AvailableNumber(phone_number="+18002222222", iso_country="US")]
    marked = vanity.annotate(numbers, pattern=None, letters=None, rank=False, default_country="US")
    assert marked[0].memorability is None
    ranked = vanity.annotate(numbers, pattern=None, letters=None, rank=True, default_country="US")
    assert ranked[0].memorability == {"score": 1.0, "reasons": ["repeats 2222222"]}
    assert vanity.rank_value(ranked[0]) == 1.0
