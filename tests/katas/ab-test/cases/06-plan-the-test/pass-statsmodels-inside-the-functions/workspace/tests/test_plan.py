"""The power calculation, against values recorded from statsmodels, and by simulation."""

import numpy as np
import pytest

from checkout_analysis import detectable_uplift, users_per_variant


@pytest.mark.parametrize(
    "baseline, uplift, alpha, power, users",
    [
        (0.157, 0.10, 0.05, 0.8, 8764),
        (0.157, 0.10, 0.01, 0.9, 16613),
        (0.157, -0.10, 0.05, 0.8, 8077),
        (0.30, 0.15, 0.05, 0.8, 1692),
        (0.05, 0.20, 0.10, 0.8, 6414),
    ],
)
def test_users_per_variant_as_recorded_from_statsmodels(baseline, uplift, alpha, power, users):
    assert users_per_variant(baseline, uplift, alpha, power) == users


def test_what_4330_users_could_find():
    assert detectable_uplift(0.157, 4330) == pytest.approx(0.14339551, rel=1e-5)
    assert detectable_uplift(0.157, 4330, alpha=0.01, power=0.9) == pytest.approx(0.199383, rel=1e-5)


@pytest.mark.parametrize("uplift", [0.03, 0.10, 0.5])
def test_the_two_undo_each_other(uplift):
    assert detectable_uplift(0.157, users_per_variant(0.157, uplift)) == pytest.approx(uplift, rel=5e-3)


@pytest.mark.parametrize(
    "call",
    [
        lambda: users_per_variant(0.157, 0.0),
        lambda: users_per_variant(1.2, 0.1),
        lambda: users_per_variant(0.157, 6.0),
        lambda: detectable_uplift(0.157, 0),
    ],
)
def test_a_plan_no_test_can_keep_raises(call):
    with pytest.raises(ValueError):
        call()


def power_by_simulation(users, uplift=0.10, baseline=0.157, tests=4000, seed=6):
    rng = np.random.default_rng(seed)
    control = rng.binomial(users, baseline, size=tests)
    treatment = rng.binomial(users, baseline * (1 + uplift), size=tests)
    pooled = (control + treatment) / (2 * users)
    z = (treatment - control) / users / np.sqrt(pooled * (1 - pooled) * 2 / users)
    return float((np.abs(z) >= 1.96).mean())


def test_the_users_asked_for_find_the_uplift_four_times_in_five():
    assert power_by_simulation(users_per_variant(0.157, 0.10)) == pytest.approx(0.80, abs=0.02)


def test_half_the_users_find_it_about_half_the_time():
    assert power_by_simulation(users_per_variant(0.157, 0.10) // 2) == pytest.approx(0.51, abs=0.03)
