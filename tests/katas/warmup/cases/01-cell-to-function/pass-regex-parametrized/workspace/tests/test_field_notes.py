import pytest

from field_notes import parse_length_mm


@pytest.mark.parametrize(
    ("typed", "millimetres"),
    [
        ("181", 181.0),
        ("200", 200.0),
        ("186 mm", 186.0),
        ("199mm", 199.0),
        ("19.5 cm", 195.0),
        ("21.3 cm", 213.0),
        (" 193 ", 193.0),
        ("  18.2cm ", 182.0),
    ],
)
def test_lengths_come_out_in_millimetres(typed, millimetres):
    assert parse_length_mm(typed) == pytest.approx(millimetres)


@pytest.mark.parametrize("marker", ["NA", ".", "", "  NA ", " . "])
def test_missing_markers_give_none(marker):
    assert parse_length_mm(marker) is None
