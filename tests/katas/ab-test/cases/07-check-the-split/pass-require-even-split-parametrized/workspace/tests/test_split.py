"""Tests of the split check: recorded p-values, parametrized, and properties any split check has."""

import itertools

import pandas as pd
import pytest

from checkout_analysis import (
    SampleRatioMismatch,
    check_split,
    require_even_split,
    split_p_value,
)

RAMP = {"control": 0.9, "new_checkout": 0.1}


@pytest.mark.parametrize(
    "users, shares, expected",
    [
        pytest.param({"control": 5000, "new_checkout": 5000}, None, 1.0, id="even"),
        pytest.param({"control": 1050, "new_checkout": 950}, None, 0.0253473, id="2000 users"),
        pytest.param({"control": 9026, "new_checkout": 8418}, None, 4.15610e-6, id="re-run"),
        pytest.param({"control": 101_000, "new_checkout": 99_000}, None, 7.74422e-6, id="50.5%"),
        pytest.param({"a": 110, "b": 90, "c": 100}, None, 0.367879, id="three variants"),
        pytest.param({"control": 9000, "new_checkout": 1050}, RAMP, 0.134585, id="ramp"),
        pytest.param(
            {"control": 9000, "new_checkout": 1050},
            {"control": 9, "new_checkout": 1},
            0.134585,
            id="ramp as weights",
        ),
    ],
)
def test_split_p_value_matches_scipy_chisquare(users, shares, expected):
    assert split_p_value(users, shares) == pytest.approx(expected, rel=1e-4)
    assert split_p_value(pd.Series(users), shares) == pytest.approx(expected, rel=1e-4)


@pytest.mark.parametrize("order", list(itertools.permutations(["a", "b", "c"])))
def test_the_order_of_the_variants_does_not_matter(order):
    users = {"a": 130, "b": 90, "c": 100}
    shares = {"a": 0.4, "b": 0.3, "c": 0.3}
    reordered = {name: users[name] for name in order}
    reordered_shares = {name: shares[name] for name in reversed(order)}
    assert split_p_value(reordered, reordered_shares) == pytest.approx(split_p_value(users, shares))


def test_the_same_shift_in_more_users_is_less_likely():
    p_values = [split_p_value({"x": 51 * n, "y": 49 * n}) for n in (10, 100, 1000, 10_000)]
    assert p_values == sorted(p_values, reverse=True)
    assert p_values[0] > 0.5 and p_values[-1] < 1e-10


def test_scaling_the_shares_changes_nothing():
    users = {"control": 4600, "new_checkout": 5400}
    assert split_p_value(users, {"control": 1, "new_checkout": 1}) == pytest.approx(
        split_p_value(users)
    )
    assert split_p_value(users, {"control": 0.45, "new_checkout": 0.55}) == pytest.approx(
        split_p_value(users, {"control": 45, "new_checkout": 55})
    )


@pytest.mark.parametrize(
    "users",
    [{"control": 9026, "new_checkout": 8418}, {"control": 8418, "new_checkout": 9026}],
    ids=["treatment short", "control short"],
)
@pytest.mark.parametrize("guard", [check_split, require_even_split])
def test_a_mismatch_is_refused_with_the_users(guard, users):
    with pytest.raises(SampleRatioMismatch, match="9,026"):
        guard(users)


def test_a_passing_split_gives_its_p_value():
    assert check_split({"control": 1050, "new_checkout": 950}) == pytest.approx(0.0253473, rel=1e-5)


@pytest.mark.parametrize("alpha, refused", [(0.05, True), (0.026, True), (0.025, False), (0.0005, False)])
def test_alpha_is_the_threshold(alpha, refused):
    users = {"control": 1050, "new_checkout": 950}  # p = 0.02535
    if refused:
        with pytest.raises(SampleRatioMismatch):
            check_split(users, alpha=alpha)
    else:
        assert check_split(users, alpha=alpha) == pytest.approx(0.0253473, rel=1e-5)


def test_the_check_holds_a_ramp_to_its_shares():
    assert check_split({"control": 9000, "new_checkout": 1000}, RAMP) == pytest.approx(1.0)
    with pytest.raises(SampleRatioMismatch):
        check_split({"control": 9000, "new_checkout": 1000})
