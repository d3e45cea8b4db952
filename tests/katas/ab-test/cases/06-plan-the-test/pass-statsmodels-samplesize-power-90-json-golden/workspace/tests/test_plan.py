import math

import numpy as np
import pytest
from scipy.stats import binom

from checkout_analysis import detectable_uplift, users_per_variant


def test_recorded_sample_sizes():
    # pooled normal formula, by hand
    assert users_per_variant(0.157, 0.10) == 8767
    assert users_per_variant(0.157, 0.10, power=0.9) == 11736
    assert users_per_variant(0.157, 0.10, alpha=0.01, power=0.9) == 16619
    assert users_per_variant(0.157, -0.10, power=0.9) == 10818
    assert users_per_variant(0.3, 0.15) == 1693


def test_recorded_detectable_uplifts():
    assert math.isclose(detectable_uplift(0.157, 4330, power=0.9), 0.166672, rel_tol=1e-5)
    assert math.isclose(detectable_uplift(0.157, 4330), 0.143450, rel_tol=1e-5)


def test_round_trip():
    for power in (0.8, 0.9):
        for uplift in (0.05, 0.1, 0.3):
            users = users_per_variant(0.157, uplift, power=power)
            assert math.isclose(detectable_uplift(0.157, users, power=power), uplift, rel_tol=1e-3)


@pytest.mark.parametrize("baseline, uplift", [(0.157, 0), (1.1, 0.1), (0.157, 5.5), (0, 0.1)])
def test_users_per_variant_refuses(baseline, uplift):
    with pytest.raises(ValueError, match="must|nothing"):
        users_per_variant(baseline, uplift)


def test_detectable_uplift_refuses_no_users():
    with pytest.raises(ValueError, match="at least one"):
        detectable_uplift(0.157, 0)


@pytest.mark.parametrize("power", [0.8, 0.9])
def test_power_by_simulation(power):
    users = users_per_variant(0.157, 0.10, power=power)
    a = binom.rvs(users, 0.157, size=4000, random_state=1)
    b = binom.rvs(users, 0.157 * 1.10, size=4000, random_state=2)
    pooled = (a + b) / (2 * users)
    z = (b - a) / np.sqrt(pooled * (1 - pooled) * 2 * users)
    assert abs(np.mean(np.abs(z) >= 1.959964) - power) <= 0.02
