import math

import pytest

from field_notes import parse_length_mm


def test_numbers():
    assert parse_length_mm("181") == 181.0
    assert parse_length_mm("186 mm") == 186.0
    assert parse_length_mm("19.5 cm") == 195.0
    assert parse_length_mm(" 193 ") == 193.0


@pytest.mark.parametrize("marker", ["NA", ".", ""])
def test_missing_markers_are_nan(marker):
    assert math.isnan(parse_length_mm(marker))
