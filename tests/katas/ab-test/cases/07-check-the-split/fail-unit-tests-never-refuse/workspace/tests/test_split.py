"""Tests of the split check: p-values recorded from scipy.stats.chisquare."""

import pytest

from checkout_analysis import check_split, split_p_value


def test_an_even_split_has_a_p_value_of_one():
    assert split_p_value({"control": 5000, "new_checkout": 5000}) == pytest.approx(1.0)


def test_recorded_p_values():
    assert split_p_value({"control": 1050, "new_checkout": 950}) == pytest.approx(
        0.025347, rel=1e-4
    )
    assert split_p_value({"control": 9026, "new_checkout": 8418}) == pytest.approx(
        4.1561e-06, rel=1e-3
    )
    assert split_p_value({"a": 110, "b": 90, "c": 100}) == pytest.approx(0.36788, rel=1e-4)


def test_a_ramp_as_fractions_and_as_weights():
    users = {"control": 9000, "new_checkout": 1050}
    assert split_p_value(users, {"control": 0.9, "new_checkout": 0.1}) == pytest.approx(
        0.13458, rel=1e-3
    )
    assert split_p_value(users, {"control": 90, "new_checkout": 10}) == pytest.approx(
        0.13458, rel=1e-3
    )


def test_the_check_returns_the_p_value_of_a_split_that_passes():
    assert check_split({"control": 1050, "new_checkout": 950}) == pytest.approx(0.025347, rel=1e-4)
    assert check_split(
        {"control": 9000, "new_checkout": 1000}, {"control": 0.9, "new_checkout": 0.1}
    ) == pytest.approx(1.0)
