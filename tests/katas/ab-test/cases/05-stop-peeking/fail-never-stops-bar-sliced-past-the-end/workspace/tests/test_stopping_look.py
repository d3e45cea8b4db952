"""The stopping rule: test once, at the last planned look. It must never stop early."""

import numpy as np
import pytest

from checkout_analysis import stopping_look

PLANNED = 28


def steady(rate, looks=PLANNED, per_look=400):
    users = per_look * np.arange(1, looks + 1)
    return np.round(rate * users)[np.newaxis, :], users[np.newaxis, :]


def test_identical_variants_never_stop():
    same = steady(0.157)
    assert stopping_look(*same, *same, PLANNED).tolist() == [-1]


@pytest.mark.parametrize("control, treatment", [(0.1, 0.5), (0.5, 0.1)])
def test_even_an_overwhelming_difference_does_not_stop_before_the_last_planned_look(control, treatment):
    look = stopping_look(*steady(control), *steady(treatment), PLANNED)[0]
    assert look in (-1, PLANNED - 1)


def test_a_test_still_running_never_stops():
    assert stopping_look(*steady(0.1, 13), *steady(0.5, 13), PLANNED).tolist() == [-1]


def simulate(experiments, uplift, seed):
    rng = np.random.default_rng(seed)
    users = rng.poisson(336, size=(2, experiments, PLANNED))
    converters = rng.binomial(users, 0.157 * np.array([1, 1 + uplift])[:, None, None])
    n0, n1 = users.cumsum(axis=2)
    c0, c1 = converters.cumsum(axis=2)
    return c0, n0, c1, n1


def test_aa_experiments_stop_at_most_5_percent_of_the_time():
    # 2,000 experiments: 5 % plus 3 binomial standard deviations is 6.5 %
    looks = stopping_look(*simulate(2000, 0.0, seed=0), PLANNED)
    assert np.mean(looks >= 0) <= 0.065


def test_a_smaller_alpha_never_stops_earlier():
    counts = simulate(2000, 0.10, seed=2)
    at_5 = stopping_look(*counts, PLANNED, alpha=0.05)
    at_1 = stopping_look(*counts, PLANNED, alpha=0.01)
    stopped = at_1 >= 0
    assert np.all(at_5[stopped] <= at_1[stopped])
