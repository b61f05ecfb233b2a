"""A number's layout (its groups, in and outside North America) and how it is written
with words over it (+1 800-CAB-2222, 1-800-MATTRESS)."""

from __future__ import annotations

import pytest

from numsearch.errors import InvalidInput
from numsearch.number_layout import layout, spelled_form


def test_layout_says_what_is_wrong_with_a_number() -> None:
    with pytest.raises(InvalidInput) as caught:
        layout("1-800-HOTELS")
    assert str(caught.value) == "'1-800-HOTELS' is not a valid number: too few or too many letters?"
    with pytest.raises(InvalidInput) as caught:
        layout("+999 12")
    assert str(caught.value) == "'+999 12' is not a phone number"


def test_layout_of_a_number_outside_north_america() -> None:
    shape = layout("+442079462253")
    assert shape.group_starts == frozenset({0, 2, 6})
    assert shape.written == "20 7946 2253"
    assert layout("+18003569377").written == "800-356-9377"


def test_spelled_form_keeps_the_number_groups_around_a_word() -> None:
    shape = layout("+18002222222")
    assert spelled_form(shape, [(3, "CAB")]) == "+1 800-CAB-2222"
    assert spelled_form(shape, [(6, "CAB")]) == "+1 800-222-CAB-2"


def test_spelled_form_writes_the_whole_cut_word() -> None:
    shape = layout("+18006288737")
    assert spelled_form(shape, [(3, "MATTRESS")], advertised=True) == "1-800-MATTRESS"
    assert spelled_form(shape, [(3, "MATTRESS")]) == "+1 800-MATTRESS"
