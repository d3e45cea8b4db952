"""The stopping rule: counts built by hand, then simulated experiments."""

import numpy as np
import pytest

from checkout_analysis import stopping_look

PLANNED = 28


def steady(rate, looks=PLANNED, per_look=400):
    """Cumulative (converters, users) of one experiment's variant, 1 x looks."""
    users = per_look * np.arange(1, looks + 1)
    return np.round(rate * users)[np.newaxis, :], users[np.newaxis, :]


def test_identical_variants_never_stop():
    for rate in (0.0, 0.157, 1.0):
        same = steady(rate)
        assert stopping_look(*same, *same, PLANNED).tolist() == [-1]


@pytest.mark.parametrize("control, treatment", [(0.1, 0.5), (0.5, 0.1)])
def test_an_overwhelming_difference_stops_at_the_first_look(control, treatment):
    assert stopping_look(*steady(control), *steady(treatment), PLANNED).tolist() == [0]


def test_a_difference_from_look_5_on_stops_at_look_5():
    converters, users = steady(0.157)
    converters[0, 5:] += 600
    assert stopping_look(*steady(0.157), converters, users, PLANNED).tolist() == [5]


def test_z_of_3_3_stops_at_once():
    # 10,000 users each at every look, 1,570 against 1,743 converters: z = 3.3, past 3.12
    c0, c1, n = (np.full((1, PLANNED), value) for value in (1570, 1743, 10000))
    assert stopping_look(c0, n, c1, n, PLANNED).tolist() == [0]


def test_a_test_still_running_is_judged_on_its_looks_so_far():
    assert stopping_look(*steady(0.1, 13), *steady(0.5, 13), PLANNED).tolist() == [0]
    assert stopping_look(*steady(0.2, 13), *steady(0.2, 13), PLANNED).tolist() == [-1]


def simulate(experiments, uplift, seed):
    """README, step 1: about 336 users per variant per day, 15.7 % conversion, cumulative."""
    rng = np.random.default_rng(seed)
    users = rng.poisson(336, size=(2, experiments, PLANNED))
    converters = rng.binomial(users, 0.157 * np.array([1, 1 + uplift])[:, None, None])
    n0, n1 = users.cumsum(axis=2)
    c0, c1 = converters.cumsum(axis=2)
    return c0, n0, c1, n1


def test_aa_experiments_stop_at_most_5_percent_of_the_time():
    # 2,000 experiments: 3 binomial standard deviations of 5 % are 1.5 %. Bonferroni is strict
    # (about 1.7 %), so only the upper end applies; 1.96 at every look stops about 28 %.
    looks = stopping_look(*simulate(2000, 0.0, seed=0), PLANNED)
    assert looks.shape == (2000,)
    assert 0.005 <= np.mean(looks >= 0) <= 0.065


def test_a_ten_percent_uplift_is_found_in_at_least_40_percent():
    assert np.mean(stopping_look(*simulate(2000, 0.10, seed=1), PLANNED) >= 0) >= 0.40

