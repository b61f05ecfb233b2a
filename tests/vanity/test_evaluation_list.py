"""The vanity evaluation's list (benchmarks/vanity_eval.py): public, real, big enough.
Left out of the vanity tests that scripts/mutation.py runs, so that mutation runs, which
copy only numsearch/ and the tests, need not carry the benchmarks."""

from __future__ import annotations

import importlib.util
from pathlib import Path


def test_the_evaluation_list_is_public_real_and_big_enough() -> None:
    path = Path(__file__).resolve().parents[2] / "benchmarks" / "vanity_eval.py"
    spec = importlib.util.spec_from_file_location("vanity_eval", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    numbers = [advertised for advertised, _ in module.NUMBERS]
    assert len(numbers) >= 40 and len(set(numbers)) == len(numbers)
    assert all(source.startswith("http") for _, source in module.NUMBERS)
    assert all(source.startswith("http") and why for _, source, why in module.EXCLUDED)
    assert module.expected("1-800-MATTRESS") == "800MATTRES"
