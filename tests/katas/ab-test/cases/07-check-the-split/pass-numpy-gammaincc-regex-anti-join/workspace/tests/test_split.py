"""The split check, with numpy.testing: p-values recorded from scipy.stats.chisquare."""

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose

from checkout_analysis import SampleRatioMismatch, check_split, split_p_value

# (users, shares, p recorded from scipy.stats.chisquare(observed, expected))
RECORDED = [
    ({"control": 5000, "new_checkout": 5000}, None, 1.0),
    ({"control": 1050, "new_checkout": 950}, None, 0.0253473186774682),
    ({"control": 9026, "new_checkout": 8418}, None, 4.156101559065807e-06),
    ({"a": 110, "b": 90, "c": 100}, None, 0.36787944117144233),
    ({"a": 260, "b": 200, "c": 140}, {"a": 2, "b": 2, "c": 1}, 0.0029283),
    ({"control": 9000, "new_checkout": 1050}, {"control": 0.9, "new_checkout": 0.1}, 0.134582),
    ({"control": 9000, "new_checkout": 1050}, {"control": 90, "new_checkout": 10}, 0.134582),
]


def test_recorded_p_values():
    got = [split_p_value(users, shares) for users, shares, _ in RECORDED]
    assert_allclose(got, [p for _, _, p in RECORDED], rtol=1e-4)


def test_a_series_is_read_like_a_dict():
    series = pd.Series([8418, 9026], index=["new_checkout", "control"])
    assert_allclose(split_p_value(series), 4.156101559065807e-06, rtol=1e-6)


def test_a_passing_split_returns_its_p_value():
    assert_allclose(check_split({"control": 1050, "new_checkout": 950}), 0.0253473, rtol=1e-5)
    ramp = {"control": 0.9, "new_checkout": 0.1}
    assert_allclose(check_split({"control": 9000, "new_checkout": 1000}, ramp), 1.0)


@pytest.mark.parametrize("short", ["control", "new_checkout"])
def test_a_short_variant_is_refused(short):
    users = {"control": 9026, "new_checkout": 9026, short: 8418}
    with pytest.raises(SampleRatioMismatch, match="8418"):
        check_split(users)


def test_a_tiny_shift_in_many_users_is_refused():
    with pytest.raises(SampleRatioMismatch):
        check_split({"control": 101_000, "new_checkout": 99_000})  # 50.5 %, p = 7.7e-6


def test_the_ramp_is_honoured_by_the_check():
    with pytest.raises(SampleRatioMismatch):
        check_split({"control": 9000, "new_checkout": 1000})


@pytest.mark.parametrize("alpha, refused", [(0.1, True), (0.03, True), (0.02, False), (1e-6, False)])
def test_alpha(alpha, refused):
    users = {"control": 1050, "new_checkout": 950}
    if refused:
        with pytest.raises(SampleRatioMismatch):
            check_split(users, alpha=alpha)
    else:
        assert_allclose(check_split(users, alpha=alpha), 0.0253473, rtol=1e-5)
