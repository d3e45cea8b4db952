"""Characterization test of the readout: what analysis.py says today, to the last digit."""

import runpy
from pathlib import Path

import matplotlib
import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal

matplotlib.use("Agg")

WORKSPACE = Path(__file__).resolve().parents[1]
VARIANTS = ["control", "new_checkout"]


@pytest.fixture(scope="module")
def results():
    mp = pytest.MonkeyPatch()
    mp.chdir(WORKSPACE)
    try:
        yield runpy.run_path("analysis.py")["results"]
    finally:
        mp.undo()


def per_variant(results, key):
    return np.array([results[key][v] for v in VARIANTS])


def test_views_and_orders(results):
    assert_array_equal(per_variant(results, "views"), [7568, 7839])
    assert_array_equal(per_variant(results, "orders"), [799, 915])


def test_conversion(results):
    assert_allclose(per_variant(results, "conversion"), [0.10557610993657505, 0.11672407194795255], rtol=1e-7)


def test_uplift(results):
    assert_allclose(results["uplift"], 0.10559171026546288, rtol=1e-7)


def test_p_value(results):
    assert_allclose(results["p_value"], 0.029677769925809915, rtol=1e-7)


def test_uplift_ci(results):
    assert_allclose(results["uplift_ci"], [-0.005600044839646963, 0.22058537529647662], rtol=1e-7)


def test_revenue_per_view(results):
    assert_allclose(per_variant(results, "revenue_per_view_eur"), [5.88905787526427, 6.5174563082025765], rtol=1e-7)
