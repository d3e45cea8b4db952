"""users_per_variant and detectable_uplift (unpooled normal formula)."""

import numpy as np
import pytest

from checkout_analysis import detectable_uplift, users_per_variant

RECORDED = [
    # baseline, uplift, alpha, power, users (worked out with the unpooled formula, by hand)
    (0.157, 0.10, 0.05, 0.8, 8764),
    (0.157, 0.15, 0.05, 0.8, 3967),
    (0.157, 0.10, 0.01, 0.9, 16615),
    (0.157, 0.10, 0.10, 0.8, 6904),
    (0.157, -0.10, 0.05, 0.8, 8078),
]


@pytest.mark.parametrize("baseline, uplift, alpha, power, users", RECORDED)
def test_users_per_variant(baseline, uplift, alpha, power, users):
    assert users_per_variant(baseline, uplift, alpha=alpha, power=power) == users


@pytest.mark.parametrize(
    "users, alpha, power, uplift",
    [(4330, 0.05, 0.8, 0.1434035), (4330, 0.01, 0.9, 0.1993985), (1000, 0.05, 0.8, 0.3067053)],
)
def test_detectable_uplift(users, alpha, power, uplift):
    assert detectable_uplift(0.157, users, alpha=alpha, power=power) == pytest.approx(uplift, abs=1e-6)


@pytest.mark.parametrize("users", [500, 4330, 100_000])
def test_inverse(users):
    uplift = detectable_uplift(0.157, users)
    assert users_per_variant(0.157, uplift) in (users, users + 1)


@pytest.mark.parametrize(
    "function, args",
    [
        (users_per_variant, (0.157, 0)),
        (users_per_variant, (-0.1, 0.1)),
        (users_per_variant, (0.5, 1.5)),
        (detectable_uplift, (0.157, 0)),
    ],
)
def test_impossible_plans(function, args):
    with pytest.raises(ValueError, match="."):
        function(*args)


@pytest.mark.parametrize("uplift", [0.10, 0.15])
def test_simulated_power(uplift):
    rng = np.random.default_rng(123)
    n = users_per_variant(0.157, uplift)
    a = rng.binomial(n, 0.157, size=4000) / n
    b = rng.binomial(n, 0.157 * (1 + uplift), size=4000) / n
    p = (a + b) / 2
    z = (b - a) / np.sqrt(p * (1 - p) * 2 / n)
    assert abs(np.mean(np.abs(z) >= 1.96) - 0.8) <= 0.02
