from field_notes import parse_length_mm


def test_a_plain_number_is_millimetres():
    assert parse_length_mm("181") == 181.0


def test_millimetres_keep_their_value():
    assert parse_length_mm("186 mm") == 186.0


def test_padding_is_ignored():
    assert parse_length_mm(" 193 ") == 193.0


def test_na_is_missing():
    assert parse_length_mm("NA") is None


def test_a_dot_is_missing():
    assert parse_length_mm(".") is None


def test_an_empty_entry_is_missing():
    assert parse_length_mm("") is None
