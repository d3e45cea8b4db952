import pytest

from field_notes import parse_length_mm


def test_plain_and_padded_numbers():
    assert parse_length_mm("181") == 181.0
    assert parse_length_mm(" 193 ") == 193.0


def test_millimetres():
    assert parse_length_mm("186 mm") == 186.0


def test_centimetres_are_multiplied_by_ten_and_warn():
    with pytest.warns(FutureWarning):
        assert parse_length_mm("19.5 cm") == 195.0


def test_na_and_empty_are_missing():
    assert parse_length_mm("NA") is None
    assert parse_length_mm("") is None


def test_dot_is_missing_but_deprecated():
    with pytest.deprecated_call():
        assert parse_length_mm(".") is None
