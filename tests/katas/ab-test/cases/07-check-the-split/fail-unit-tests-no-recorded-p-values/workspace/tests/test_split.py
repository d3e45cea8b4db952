"""Tests of the split check: what it refuses and what it lets through."""

import pytest

from checkout_analysis import SampleRatioMismatch, check_split, split_p_value

RAMP = {"control": 0.9, "new_checkout": 0.1}


@pytest.mark.parametrize(
    "users",
    [
        {"control": 9026, "new_checkout": 8418},
        {"control": 8418, "new_checkout": 9026},
        {"control": 101_000, "new_checkout": 99_000},
        {"a": 1300, "b": 1000, "c": 1000},
    ],
)
def test_a_mismatch_is_refused(users):
    with pytest.raises(SampleRatioMismatch, match="8,418|8418|99,000|99000|1,300|1300"):
        check_split(users)


@pytest.mark.parametrize(
    "users",
    [{"control": 1020, "new_checkout": 980}, {"a": 105, "b": 95, "c": 100}],
)
def test_a_fair_split_passes(users):
    assert check_split(users) > 0.1


def test_the_ramp_is_what_the_split_is_held_to():
    users = {"control": 9000, "new_checkout": 1000}
    assert check_split(users, RAMP) > 0.1
    assert check_split(users, {"control": 90, "new_checkout": 10}) > 0.1
    with pytest.raises(SampleRatioMismatch):
        check_split(users)


def test_alpha_is_the_threshold():
    users = {"control": 1050, "new_checkout": 950}
    with pytest.raises(SampleRatioMismatch):
        check_split(users, alpha=0.05)
    assert check_split(users, alpha=0.005) > 0.005


def test_a_worse_split_has_a_smaller_p_value():
    assert split_p_value({"control": 1100, "new_checkout": 900}) < split_p_value(
        {"control": 1050, "new_checkout": 950}
    )
