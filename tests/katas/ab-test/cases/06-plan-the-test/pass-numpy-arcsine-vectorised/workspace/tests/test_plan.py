import numpy as np
import numpy.testing as npt
import pytest

from checkout_analysis import detectable_uplift, users_per_variant


def test_users_for_several_uplifts_at_once():
    # by hand with Cohen's h = 2 asin(sqrt p1) - 2 asin(sqrt p0) and n = 2 (z + z)^2 / h^2
    npt.assert_array_equal(users_per_variant(0.157, [0.08, 0.10, 0.12, 0.15, -0.10]),
                           [13591, 8764, 6131, 3967, 8077])


def test_users_at_other_error_rates():
    assert users_per_variant(0.157, 0.10, alpha=0.01, power=0.9) == 16613
    assert users_per_variant(0.30, 0.15) == 1692
    assert users_per_variant(0.05, 0.20, alpha=0.10) == 6414


def test_detectable_uplift_for_several_sizes():
    npt.assert_allclose(detectable_uplift(0.157, [4330, 4330 * 4]), [0.1433955, 0.0707398], rtol=1e-6)
    npt.assert_allclose(detectable_uplift(0.157, 4330, 0.01, 0.9), 0.1993832, rtol=1e-6)


def test_inverse_over_a_grid():
    uplifts = np.linspace(0.02, 0.6, 30)
    npt.assert_allclose(detectable_uplift(0.157, users_per_variant(0.157, uplifts)), uplifts, rtol=1e-2)
    assert np.all(detectable_uplift(0.157, users_per_variant(0.157, uplifts)) <= uplifts)


@pytest.mark.parametrize("uplift", [0.0, 6.0, -1.0, [0.1, 0.0]])
def test_impossible_uplifts(uplift):
    with pytest.raises(ValueError):
        users_per_variant(0.157, uplift)


def test_impossible_baseline_and_users():
    with pytest.raises(ValueError):
        users_per_variant(1.0, 0.1)
    with pytest.raises(ValueError):
        detectable_uplift(0.157, [100, 0])


def test_simulated_power_at_two_powers():
    rng = np.random.default_rng(42)
    for power in (0.8, 0.9):
        n = users_per_variant(0.157, 0.10, power=power)
        control = rng.binomial(n, 0.157, 4000)
        treatment = rng.binomial(n, 0.1727, 4000)
        pooled = (control + treatment) / (2 * n)
        z = (treatment - control) / n / np.sqrt(2 * pooled * (1 - pooled) / n)
        assert np.mean(np.abs(z) >= 1.96) == pytest.approx(power, abs=0.02)
