import pytest

from field_notes import parse_length_mm


def test_typed_lengths_become_millimetres(typed_lengths):
    got = {typed: parse_length_mm(typed) for typed in typed_lengths}
    assert got == pytest.approx(typed_lengths)


def test_missing_markers_become_none(missing_marker):
    assert parse_length_mm(missing_marker) is None
