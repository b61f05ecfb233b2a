"""The word index: words with their frequency and kind, their cut forms and the phrase
list; its file searched in place, read only when a number is spelled; its sources."""

from __future__ import annotations

import pathlib
from pathlib import Path
from typing import Any

import pytest

from numsearch import keypad, vanity
from numsearch.number_layout import layout
from numsearch.words import Word, WordIndex, _data_bytes, _data_text, index_item, word_index
from tests.support import CliRun
from tests.support.vanity import DATA, index_of


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


def test_words_carry_their_zipf_frequency_and_kind() -> None:
    index = word_index()
    flowers, fedex, gary = index.lookup("flowers"), index.lookup("fedex"), index.lookup("gary")
    assert flowers is not None and flowers.kind == "word" and 4 < flowers.zipf < 5
    assert fedex is not None and fedex.kind == "brand"
    assert gary is not None and gary.kind == "name"
    the = index.lookup("the")
    assert the is not None and the.zipf > flowers.zipf


def test_a_dictionary_word_goes_before_a_brand_of_the_same_letters() -> None:
    index = WordIndex.from_words([("apple", 4.0, "brand"), ("apple", 4.0)])
    assert [w.kind for w in index.words("27753")] == ["word", "brand"]


@pytest.mark.parametrize(
    ("args", "item"),
    [
        (("flowers", 4.6), "46flowers"),
        (("fedex", 3.4, "brand"), "34FEDEX"),
        (("gary", 4.4, "name"), "44Gary"),
        (("zzz", 0.3), "10zzz"),  # at least 1.0
        (("the", 12.0), "99the"),  # at most 9.9: two digits
    ],
)
def test_index_items(args: tuple[Any, ...], item: str) -> None:
    assert index_item(*args) == item


def test_from_words_ranks_names_below_words_and_splits_phrases_on_spaces() -> None:
    index = WordIndex.from_words([("gary", 4.4, "name"), ("hary", 4.2), ("ask gary", 2.0, "pair")])
    assert [w.text for w in index.words("4279")] == ["HARY", "GARY"]  # 4.4 - 0.5 < 4.2
    assert index.words("2754279+") == [Word("ASK_GARY", 2.0, "pair")]
    brands = WordIndex.from_words([("ibm", 3.9, "brand"), ("ham", 3.0)])
    assert [w.text for w in brands.words("426")] == ["IBM", "HAM"]  # 3.9 - 0.5 > 3.0


def test_phrase_items_in_the_index() -> None:
    index = WordIndex.from_words(
        [("home", 5.9), ("care", 5.6), ("home care", 3.0), ("the card", 3.6, "pair")]
    )
    assert index.known_phrase("46632273", "HOME", "CARE") == Word("HOME_CARE", 3.0, "phrase")
    assert index.known_phrase("8432273", "THE", "CARD") == Word("THE_CARD", 3.6, "pair")
    assert index.known_phrase("46632273", "GOOD", "CARE") is None
    assert index.known_phrase("4663227", "HOME", "CARE", cut=True) is not None
    assert index_item("pit bull", 2.2, "phrase") == "22pit_bull"
    assert index_item("the card", 3.6, "pair") == "36the+card"


def test_the_index_counts_only_whole_words() -> None:
    index = WordIndex.from_words([("pit", 4.3), ("bull", 4.3), ("pit bull", 2.2)])
    assert sorted(index.keys()) == ["2855", "748", "748285+>", "7482855+"]
    assert len(index) == 2


def test_an_index_knows_its_keys_and_whether_it_has_any() -> None:
    index = word_index()
    assert "78676" in index and "0000" not in index and 78676 not in index
    assert bool(index) and bool(index_of(("storm", 4.7)))
    assert not WordIndex()


def test_the_parsed_index_lists_its_keys_from_the_body() -> None:
    text = "# bucket keys 748 7482\n# bucket starts 0 9\n748 43pit\n7482855+ 22pit_bull\n"
    index = WordIndex.parse(text)
    assert index.keys() == ["748", "7482855+"]
    assert index.words("748") == [Word("PIT", 4.3)]
    assert index.known_phrase("7482855", "PIT", "BULL") == Word("PIT_BULL", 2.2, "phrase")
    headerless = WordIndex.parse("748 43pit\n")
    assert headerless.keys() == ["748"] and len(headerless) == 1


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


def test_cut_entries_in_the_index_are_common_longer_words() -> None:
    index = word_index()
    for key in ("628873", "6288737", "6427676", "5644784"):
        words = index.longer_words(key)
        assert words, key
        for word in words:
            assert keypad.keypad_digits(word.text).startswith(key)
            assert len(word.text) > len(key) and word.zipf >= 3.0


def test_cut_phrase_entries_in_the_index_are_longer_phrases() -> None:
    index = word_index()
    for key in ("4663227", "25832767", "4663337"):  # HOME-CAR(E), BLUE-CROS(S), HOME-DEP(OT)
        phrases = index.longer_phrases(key)
        assert phrases, key
        for phrase in phrases:
            digits = keypad.keypad_digits(phrase.text.replace("_", ""))
            assert digits.startswith(key) and len(digits) > len(key)
    assert "HOME_DEPOT" in [p.text for p in index.longer_phrases("4663337")]  # a name
    assert "HOME_CARE" in [p.text for p in index.longer_phrases("4663227")]


def test_data_files_are_read_through_the_package_when_not_beside_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    beside = _data_bytes("blocked.txt")
    monkeypatch.setattr(pathlib.Path, "is_file", lambda self: False)  # e.g. inside a zip
    assert _data_bytes("blocked.txt") == beside
    assert _data_text("blocked.txt") == beside.decode("utf-8")


def test_spell_does_not_load_the_index_for_patterns(cli: CliRun) -> None:
    word_index.cache_clear()
    assert cli("vanity", "STORM", "-o", "json").exit_code == 0
    assert word_index.cache_info().currsize == 0


def test_the_phrase_list_is_named_with_its_source_and_licence() -> None:
    header = (DATA / "words.idx").read_text()[:1200]
    assert "count_2w" in header and "wordsegment" in header and "Apache-2.0" in header
    sources = (DATA / "SOURCES.md").read_text()
    assert "wordsegment" in sources and "Norvig" in sources
