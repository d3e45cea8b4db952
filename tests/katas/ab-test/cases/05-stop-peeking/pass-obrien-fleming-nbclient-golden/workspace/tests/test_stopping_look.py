"""O'Brien-Fleming's stopping rule: built-by-hand counts, then 2,000 simulated experiments."""

import numpy as np
import pytest

from checkout_analysis import obrien_fleming_constant, stopping_look

K = 28
PER_LOOK = 1000


def one_experiment(rate, looks=K, extra_from=None, extra=0):
    """(converters, users) of one experiment's variant, 1 x looks, cumulative; `extra`
    converters added from look `extra_from` on."""
    users = PER_LOOK * np.arange(1, looks + 1)
    converters = np.round(rate * users)
    if extra_from is not None:
        converters[extra_from:] += extra
    return converters.reshape(1, -1), users.reshape(1, -1)


@pytest.mark.parametrize("rate", [0.0, 0.157, 0.5, 1.0])
def test_identical_variants_never_stop(rate):
    assert stopping_look(*one_experiment(rate), *one_experiment(rate), K).tolist() == [-1]


@pytest.mark.parametrize("control, treatment", [(0.1, 0.5), (0.5, 0.1)], ids=["better", "worse"])
def test_an_overwhelming_difference_stops_on_the_first_look(control, treatment):
    # 1,000 users each: z is about 19.5 at the first look, past the bar of 2.14 × √28 = 11.3
    looks = stopping_look(*one_experiment(control), *one_experiment(treatment), K)
    assert looks.tolist() == [0]
    assert looks.dtype.kind == "i"


def test_a_difference_from_look_20_on_stops_at_look_20():
    looks = stopping_look(*one_experiment(0.157), *one_experiment(0.157, extra_from=20, extra=800), K)
    assert looks.tolist() == [20]


def test_with_one_planned_look_it_is_the_ordinary_two_sided_test():
    assert obrien_fleming_constant(1, 0.05) == pytest.approx(1.96, abs=0.03)
    # 2,000 users each, 314 against 366 converters: z = 2.19, past 1.96 but short of 2.58
    control = (np.array([[314]]), np.array([[2000]]))
    treatment = (np.array([[366]]), np.array([[2000]]))
    assert stopping_look(*control, *treatment, 1, alpha=0.05).tolist() == [0]
    assert stopping_look(*control, *treatment, 1, alpha=0.01).tolist() == [-1]
    assert stopping_look(*treatment, *control, 1, alpha=0.05).tolist() == [0]


def test_a_test_still_running_uses_the_bars_of_its_first_looks():
    control, treatment = one_experiment(0.157, looks=13), one_experiment(0.157, 13, 12, 200)
    assert stopping_look(*control, *treatment, K).tolist() == [12]
    assert stopping_look(*control, *control, K).tolist() == [-1]


def simulated(experiments, uplift, seed):
    rng = np.random.default_rng(seed)
    users = rng.poisson(336, size=(2, experiments, K))
    converters = rng.binomial(users, 0.157 * np.array([1.0, 1.0 + uplift]).reshape(2, 1, 1))
    (n0, n1), (c0, c1) = users.cumsum(axis=2), converters.cumsum(axis=2)
    return c0, n0, c1, n1


SPREAD = 3 * np.sqrt(0.05 * 0.95 / 2000)  # 3 standard deviations of a share of 2,000: 1.5 %


def test_aa_experiments_stop_5_percent_of_the_time_within_the_spread():
    stopped = stopping_look(*simulated(2000, 0.0, seed=123), K) >= 0
    assert abs(stopped.mean() - 0.05) <= SPREAD


def test_noors_rule_is_outside_the_spread():
    c0, n0, c1, n1 = simulated(2000, 0.0, seed=123)
    p = (c0 + c1) / (n0 + n1)
    z = (c1 / n1 - c0 / n0) / np.sqrt(p * (1 - p) * (1 / n0 + 1 / n1))
    assert (np.abs(z) >= 1.96).any(axis=1).mean() - 0.05 > SPREAD


def test_a_smaller_alpha_stops_fewer_and_never_earlier():
    counts = simulated(2000, 0.10, seed=321)
    loose, strict = stopping_look(*counts, K, alpha=0.05), stopping_look(*counts, K, alpha=0.01)
    assert (strict >= 0).sum() < (loose >= 0).sum()
    assert np.all(np.where(strict >= 0, (loose >= 0) & (loose <= strict), True))


def test_a_ten_percent_uplift_is_found_most_of_the_time():
    assert (stopping_look(*simulated(2000, 0.10, seed=7), K) >= 0).mean() >= 0.7
