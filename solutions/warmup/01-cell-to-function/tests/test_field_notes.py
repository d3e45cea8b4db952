import pytest

from field_notes import parse_length_mm


@pytest.mark.parametrize(
    ("entry", "expected"),
    [("181", 181.0), ("186 mm", 186.0), ("19.5 cm", 195.0), (" 193 ", 193.0)],
)
def test_a_length_is_read_in_millimetres(entry, expected):
    assert parse_length_mm(entry) == pytest.approx(expected)


@pytest.mark.parametrize("entry", ["NA", ".", "", "  "])
def test_a_missing_marker_gives_none(entry):
    assert parse_length_mm(entry) is None
