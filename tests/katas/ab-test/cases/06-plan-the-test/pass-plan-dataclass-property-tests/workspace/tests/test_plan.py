"""Properties of the power calculation over many generated plans, and a simulation of a few."""

import numpy as np
import pytest
from scipy.stats import norm

from checkout_analysis import detectable_uplift, users_per_variant


def generated_plans(count, seed):
    rng = np.random.default_rng(seed)
    plans = []
    while len(plans) < count:
        baseline = float(rng.uniform(0.02, 0.6))
        uplift = float(rng.uniform(0.03, 0.5) * rng.choice([-1, 1]))
        if 0 < baseline * (1 + uplift) < 1:
            plans.append((baseline, uplift, float(rng.choice([0.01, 0.05, 0.1])), float(rng.choice([0.8, 0.9]))))
    return plans


PLANS = generated_plans(300, seed=1)


def test_the_readme_value():
    assert users_per_variant(0.157, 0.10) == 8767


def test_more_power_or_a_smaller_alpha_needs_more_users():
    for baseline, uplift, alpha, power in PLANS:
        users = users_per_variant(baseline, uplift, alpha, power)
        assert users_per_variant(baseline, uplift, alpha, 0.95) > users
        assert users_per_variant(baseline, uplift, alpha / 2, power) > users


def test_a_larger_uplift_needs_fewer_users():
    for baseline, uplift, alpha, power in PLANS:
        if uplift > 0 and baseline * (1 + 1.5 * uplift) < 1:
            assert users_per_variant(baseline, 1.5 * uplift, alpha, power) < users_per_variant(
                baseline, uplift, alpha, power
            )


def test_the_users_asked_for_are_the_fewest_that_reach_the_uplift():
    for baseline, uplift, alpha, power in PLANS:
        if uplift < 0:
            continue
        users = users_per_variant(baseline, uplift, alpha, power)
        assert detectable_uplift(baseline, users, alpha, power) <= uplift
        if users > 1:
            assert detectable_uplift(baseline, users - 1, alpha, power) > uplift


def test_the_inverse_undoes_users_per_variant():
    for baseline, uplift, alpha, power in PLANS:
        if uplift > 0:
            users = users_per_variant(baseline, uplift, alpha, power)
            assert detectable_uplift(baseline, users, alpha, power) == pytest.approx(uplift, rel=0.02)


def test_impossible_plans_are_refused():
    for call in (
        lambda: users_per_variant(0.2, 0.0),
        lambda: users_per_variant(0.0, 0.1),
        lambda: users_per_variant(0.6, 0.8),
        lambda: detectable_uplift(0.2, 0),
    ):
        with pytest.raises(ValueError):
            call()


@pytest.mark.parametrize("plan", generated_plans(5, seed=7))
def test_a_simulated_test_finds_the_uplift_as_often_as_promised(plan):
    baseline, uplift, alpha, power = plan
    users = users_per_variant(baseline, uplift, alpha, power)
    rng = np.random.default_rng(11)
    control = rng.binomial(users, baseline, size=4000)
    treatment = rng.binomial(users, baseline * (1 + uplift), size=4000)
    pooled = (control + treatment) / (2 * users)
    z = (treatment - control) / np.sqrt(pooled * (1 - pooled) * 2 * users)
    assert np.mean(np.abs(z) >= norm.ppf(1 - alpha / 2)) == pytest.approx(power, abs=0.02)
