"""Pocock's stopping rule, on counts built by hand and on simulated experiments."""

import numpy as np
import pytest

from checkout_analysis import pocock_constant, stopping_look, two_proportion_z

LOOKS = 28


def evenings(*converters_and_users):
    """One experiment's cumulative counts: (converters, users) pairs, one pair per look."""
    converters, users = zip(*converters_and_users)
    return np.array([converters]), np.array([users])


def every_evening(rate, looks=LOOKS, per_evening=336):
    return evenings(*[(round(rate * per_evening * k), per_evening * k) for k in range(1, looks + 1)])


@pytest.mark.parametrize("rate", [0.0, 0.157, 1.0])
def test_identical_variants_never_stop(rate):
    same = every_evening(rate)
    assert stopping_look(*same, *same, planned_looks=LOOKS).tolist() == [-1]


@pytest.mark.parametrize("control, treatment", [(0.1, 0.5), (0.5, 0.1)])
def test_an_overwhelming_difference_stops_at_once_either_way(control, treatment):
    result = stopping_look(*every_evening(control), *every_evening(treatment), LOOKS)
    assert result.tolist() == [0]
    assert np.issubdtype(result.dtype, np.integer)


def test_the_first_look_past_the_bar_is_reported():
    control = every_evening(0.157)
    treatment_converters, users = every_evening(0.157)
    treatment_converters = treatment_converters + np.where(np.arange(LOOKS) >= 15, 500, 0)
    assert stopping_look(*control, treatment_converters, users, LOOKS).tolist() == [15]


def test_z_of_3_stops_at_5_percent_and_not_at_1_percent():
    control, treatment = evenings((1570, 10000)), evenings((1727, 10000))
    assert two_proportion_z(*control, *treatment)[0, 0] == pytest.approx(3.0, abs=0.05)
    assert stopping_look(*control, *treatment, LOOKS, alpha=0.05).tolist() == [0]
    assert stopping_look(*control, *treatment, LOOKS, alpha=0.01).tolist() == [-1]


def test_pocock_constant_for_28_looks():
    assert pocock_constant(LOOKS, 0.05) == pytest.approx(2.72, abs=0.03)
    assert pocock_constant(LOOKS, 0.01) == pytest.approx(3.27, abs=0.04)


def test_a_test_still_running_gets_the_verdict_of_its_looks_so_far(simulate):
    c0, n0, c1, n1 = simulate(2000, 0.10, seed=11)
    full = stopping_look(c0, n0, c1, n1, LOOKS)
    so_far = stopping_look(c0[:, :13], n0[:, :13], c1[:, :13], n1[:, :13], LOOKS)
    assert so_far.tolist() == np.where(full < 13, full, -1).tolist()
    assert (so_far >= 0).any()


def test_aa_experiments_stop_within_the_binomial_spread_of_5_percent(simulate):
    # 2,000 experiments: sd of the share sqrt(0.05 * 0.95 / 2000) = 0.49 %; 3 sd either side
    looks = stopping_look(*simulate(2000, 0.0, seed=5), LOOKS)
    assert looks.shape == (2000,)
    assert 0.035 <= np.mean(looks >= 0) <= 0.065


def test_stopping_at_the_first_p_below_5_percent_would_not_pass(simulate):
    z = two_proportion_z(*simulate(2000, 0.0, seed=5))
    assert np.mean((np.abs(z) >= 1.96).any(axis=1)) > 0.065


def test_a_smaller_alpha_stops_fewer_experiments_and_none_earlier(simulate):
    counts = simulate(2000, 0.10, seed=6)
    at_5, at_1 = (stopping_look(*counts, LOOKS, alpha=alpha) for alpha in (0.05, 0.01))
    assert np.mean(at_1 >= 0) < np.mean(at_5 >= 0)
    assert all(0 <= a5 <= a1 for a5, a1 in zip(at_5, at_1) if a1 >= 0)
    aa_at_1 = np.mean(stopping_look(*simulate(2000, 0.0, seed=5), LOOKS, alpha=0.01) >= 0)
    assert aa_at_1 <= 0.01 + 3 * (0.01 * 0.99 / 2000) ** 0.5


def test_a_real_ten_percent_uplift_is_found_in_most_experiments(simulate):
    assert np.mean(stopping_look(*simulate(2000, 0.10, seed=7), LOOKS) >= 0) >= 0.6
