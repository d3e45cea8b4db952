"""Tests of the split check."""

import pytest

from checkout_analysis import SampleRatioMismatch, check_split, split_p_value

SPLITS = [
    {"control": 5000, "new_checkout": 5000},
    {"control": 9026, "new_checkout": 8418},
    {"a": 110, "b": 90, "c": 100},
]


@pytest.mark.parametrize("users", SPLITS)
def test_the_p_value_is_a_probability(users):
    p = split_p_value(users)
    assert isinstance(p, float)
    assert p >= 0


@pytest.mark.parametrize("users", SPLITS)
def test_the_check_gives_a_float_or_refuses(users):
    try:
        assert isinstance(check_split(users), float)
    except SampleRatioMismatch:
        pass


def test_the_mismatch_is_an_exception():
    assert issubclass(SampleRatioMismatch, Exception)
