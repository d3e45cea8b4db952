import pytest

from field_notes import parse_length_mm


@pytest.mark.parametrize("entry", ["181", "186 mm", "NA", "19.5 cm", ".", " 193 ", ""])
def test_every_entry_gives_a_float_or_none(entry):
    assert isinstance(parse_length_mm(entry), (float, type(None)))
