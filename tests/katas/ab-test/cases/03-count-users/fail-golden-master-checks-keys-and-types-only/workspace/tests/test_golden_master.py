"""Golden master: the shape of the readout analysis.ipynb gives.

Stage 3 changed every number on purpose and the next stages will change them again, so this pins
what the readout is made of rather than digits that keep moving.
"""

import runpy
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")

WORKSPACE = Path(__file__).resolve().parent.parent
VARIANTS = {"control", "new_checkout"}


@pytest.fixture(scope="module")
def results():
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(WORKSPACE)
        namespace = runpy.run_path("analysis.py")
    from matplotlib import pyplot

    pyplot.close("all")
    return namespace["results"]


def test_the_readout_has_the_keys_of_step_5(results):
    assert set(results) == {"users", "converters", "conversion", "uplift", "p_value", "uplift_ci", "revenue_per_user_eur"}


@pytest.mark.parametrize("key", ["users", "converters", "conversion", "revenue_per_user_eur"])
def test_each_per_variant_value_has_both_variants(results, key):
    assert set(results[key]) == VARIANTS


def test_counts_are_whole_numbers_and_converters_are_fewer_than_users(results):
    for variant in VARIANTS:
        assert isinstance(results["users"][variant], int)
        assert 0 <= results["converters"][variant] <= results["users"][variant]


def test_the_interval_holds_the_uplift(results):
    low, high = results["uplift_ci"]
    assert isinstance(low, float) and isinstance(high, float)
    assert low < results["uplift"] < high


def test_the_p_value_is_a_probability(results):
    assert 0.0 <= results["p_value"] <= 1.0
