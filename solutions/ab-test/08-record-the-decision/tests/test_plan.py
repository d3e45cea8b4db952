"""Tests of the power calculation: values recorded from statsmodels and by hand, the inverse, and
a simulation that the users asked for really find the uplift as often as promised."""

import numpy as np
import pytest

from checkout_analysis import detectable_uplift, users_per_variant


def test_ten_percent_on_the_checkout_needs_8767_users_per_variant():
    # (1.96 * sqrt(2 * 0.16485 * 0.83515) + 0.8416 * sqrt(0.157 * 0.843 + 0.1727 * 0.8273))**2
    # / 0.0157**2 = 8766.64, rounded up. statsmodels' NormalIndPower (arcsine) says 8763.1.
    assert users_per_variant(0.157, 0.10) == 8767


def test_the_values_agree_with_statsmodels():
    # NormalIndPower().solve_power(proportion_effectsize(p1, p0), alpha=, power=), recorded.
    assert users_per_variant(0.157, 0.05, alpha=0.01, power=0.9) == pytest.approx(65_199, rel=0.01)
    assert users_per_variant(0.30, 0.20, alpha=0.05, power=0.8) == pytest.approx(962, rel=0.01)
    assert users_per_variant(0.02, 0.10, alpha=0.10, power=0.95) == pytest.approx(111_184, rel=0.01)


def test_a_smaller_uplift_needs_about_the_square_more_users():
    ratio = users_per_variant(0.157, 0.05) / users_per_variant(0.157, 0.10)
    assert ratio == pytest.approx(4, rel=0.05)


def test_more_power_and_a_smaller_alpha_each_need_more_users():
    base = users_per_variant(0.157, 0.10)
    assert users_per_variant(0.157, 0.10, power=0.9) > base
    assert users_per_variant(0.157, 0.10, alpha=0.01) > base


@pytest.mark.parametrize("uplift", [0, -1.5, 6.0])
def test_an_uplift_no_test_can_find_is_refused(uplift):
    with pytest.raises(ValueError, match="uplift"):
        users_per_variant(0.157, uplift)


def test_detectable_uplift_is_the_inverse():
    uplift = detectable_uplift(0.157, 8767)
    assert uplift == pytest.approx(0.10, abs=0.0005)
    assert abs(users_per_variant(0.157, uplift) - 8767) <= 1


def test_noors_users_could_only_find_fourteen_percent():
    assert detectable_uplift(0.157, 4330) == pytest.approx(0.1435, abs=0.001)
    assert detectable_uplift(0.157, 4330, power=0.5) < 0.11


def simulated_power(users, baseline, uplift, alpha_z=1.959964, count=4000, seed=7):
    """The share of simulated two-sided tests at the end that find the uplift."""
    rng = np.random.default_rng(seed)
    c0 = rng.binomial(users, baseline, size=count)
    c1 = rng.binomial(users, baseline * (1 + uplift), size=count)
    pooled = (c0 + c1) / (2 * users)
    z = (c1 - c0) / users / np.sqrt(pooled * (1 - pooled) * 2 / users)
    return float(np.mean(np.abs(z) >= alpha_z))


def test_the_users_asked_for_find_the_uplift_as_often_as_promised():
    # 4,000 experiments: the binomial spread of a share near 0.8 is 0.0063; 3 of it is 0.019.
    users = users_per_variant(0.157, 0.10)
    assert simulated_power(users, 0.157, 0.10) == pytest.approx(0.8, abs=0.02)
    assert simulated_power(users // 2, 0.157, 0.10) < 0.6
