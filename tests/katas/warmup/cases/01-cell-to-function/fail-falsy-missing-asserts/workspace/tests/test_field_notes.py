from field_notes import parse_length_mm


def test_numbers_and_units():
    assert parse_length_mm("181") == 181.0
    assert parse_length_mm("186 mm") == 186.0
    assert parse_length_mm("19.5 cm") == 195.0
    assert parse_length_mm(" 193 ") == 193.0


def test_missing_markers_give_nothing():
    for marker in ["NA", ".", ""]:
        assert not parse_length_mm(marker)
