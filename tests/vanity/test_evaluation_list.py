"""The vanity evaluation's lists (benchmarks/vanity_eval.py): public, real, big enough, the
test half drawn once with its seed and kept apart from the tuning set, the preference
pairs of real spellings of their numbers. Left out of the vanity tests that
scripts/mutation.py runs, so that mutation runs, which copy only numsearch/ and the
tests, need not carry the benchmarks."""

from __future__ import annotations

import importlib.util
import random
from pathlib import Path
from types import ModuleType

from numsearch import keypad
from numsearch.number_layout import layout


def evaluation() -> ModuleType:
    path = Path(__file__).resolve().parents[2] / "benchmarks" / "vanity_eval.py"
    spec = importlib.util.spec_from_file_location("vanity_eval", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_evaluation_list_is_public_real_and_big_enough() -> None:
    module = evaluation()
    numbers = [advertised for advertised, _ in module.NUMBERS + module.NEW_NUMBERS]
    excluded = [advertised for advertised, _, _ in module.EXCLUDED]
    assert len(numbers) >= 80 and len(set(numbers + excluded)) == len(numbers + excluded)
    assert len(numbers + excluded) >= 95
    assert all(source.startswith("http") for _, source in module.NUMBERS + module.NEW_NUMBERS)
    assert all(source.startswith("http") and why for _, source, why in module.EXCLUDED)
    assert module.expected("1-800-MATTRESS") == "800MATTRES"
    assert all(layout(number) for number in numbers)  # each one a real number


def test_the_test_half_is_drawn_once_with_its_seed_and_never_tuned_on() -> None:
    module = evaluation()
    new = sorted(advertised for advertised, _ in module.NEW_NUMBERS)
    held_out = module.test_half()
    draw = random.Random(module.SPLIT_SEED)  # noqa: S311 - a reproducible draw, not a secret
    assert held_out == sorted(draw.sample(new, len(new) // 2))
    assert len(held_out) == len(new) // 2 >= 20
    tuning = module.tuning_set()
    assert not set(held_out) & set(tuning)
    assert set(held_out) | set(tuning) == set(new) | {n for n, _ in module.NUMBERS}
    assert not {number for number, _, _ in module.PAIRS} & set(held_out)


def test_the_preference_pairs_are_spellings_of_their_number() -> None:
    module = evaluation()
    assert len(module.PAIRS) >= 40
    for number, better, worse in module.PAIRS:
        national = layout(number).national
        for text in (better, worse):
            assert keypad.keypad_digits(module.expected(text)) == national[: len(national)], text
        assert module.expected(better) != module.expected(worse)
