"""Tests of the stopping rule: on counts built by hand, and on simulated experiments whose truth is
known (a rate over thousands of experiments, with a tolerance from the binomial spread)."""

import numpy as np
import pytest

from checkout_analysis import stopping_look

LOOKS = 28


def experiments(uplift, count=2000, seed=0, base=0.157, daily_users=336):
    """Cumulative (control converters, control users, treatment converters, treatment users), each
    of shape (count, LOOKS), for experiments with the given true relative uplift."""
    rng = np.random.default_rng(seed)
    users = rng.poisson(daily_users, size=(2, count, LOOKS))
    rates = np.array([base, base * (1 + uplift)]).reshape(2, 1, 1)
    converters = rng.binomial(users, rates)
    (n0, n1), (c0, c1) = users.cumsum(axis=2), converters.cumsum(axis=2)
    return c0, n0, c1, n1


def one_experiment(control, treatment, looks=4):
    """Counts that grow by the same (converters, users) at each of `looks` looks."""
    grow = np.arange(1, looks + 1)
    (c0, n0), (c1, n1) = control, treatment
    return [np.array([value * grow]) for value in (c0, n0, c1, n1)]


def test_identical_variants_never_stop():
    assert stopping_look(*one_experiment((50, 300), (50, 300)), planned_looks=4).tolist() == [-1]


@pytest.mark.parametrize("better", ["treatment", "control"])
def test_an_overwhelming_difference_stops_in_either_direction(better):
    strong, weak = (150, 300), (30, 300)
    control, treatment = (weak, strong) if better == "treatment" else (strong, weak)
    look = stopping_look(*one_experiment(control, treatment), planned_looks=4)
    assert look.tolist() == [0]


def test_a_look_is_counted_from_zero_and_reported_where_it_crossed():
    # Nothing at the first two looks, then a large gap opens.
    c0, n0 = np.array([[40, 80, 120, 160]]), np.array([[300, 600, 900, 1200]])
    c1, n1 = np.array([[40, 80, 280, 420]]), np.array([[300, 600, 900, 1200]])
    assert stopping_look(c0, n0, c1, n1, planned_looks=4).tolist() == [2]


def test_one_result_per_experiment_and_fewer_looks_than_planned():
    c0, n0, c1, n1 = experiments(0.0, count=5)
    looks = stopping_look(c0[:, :13], n0[:, :13], c1[:, :13], n1[:, :13], planned_looks=LOOKS)
    assert looks.shape == (5,)
    assert all(-1 <= look < 13 for look in looks)


def test_a_smaller_alpha_never_stops_earlier():
    counts = experiments(0.10, count=500, seed=3)
    at_5 = stopping_look(*counts, planned_looks=LOOKS, alpha=0.05)
    at_1 = stopping_look(*counts, planned_looks=LOOKS, alpha=0.01)
    assert (at_1 >= 0).sum() < (at_5 >= 0).sum()
    stopped_both = (at_1 >= 0) & (at_5 >= 0)
    assert (at_1[stopped_both] >= at_5[stopped_both]).all()


def rate(looks):
    return float((looks >= 0).mean())


def test_aa_experiments_stop_about_5_percent_of_the_time():
    # 2,000 A/A experiments: at most 5 % plus 3 standard deviations (1.5 points); fewer is allowed.
    assert rate(stopping_look(*experiments(0.0), planned_looks=LOOKS)) <= 0.065


def test_the_rate_follows_alpha():
    looks = stopping_look(*experiments(0.0, seed=1), planned_looks=LOOKS, alpha=0.01)
    assert rate(looks) <= 0.02


def test_a_real_effect_is_found_most_of_the_time():
    assert rate(stopping_look(*experiments(0.10, seed=2), planned_looks=LOOKS)) >= 0.7
