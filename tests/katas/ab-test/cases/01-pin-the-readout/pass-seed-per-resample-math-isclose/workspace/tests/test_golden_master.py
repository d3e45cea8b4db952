import math
import os
import runpy
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")

HERE = Path(__file__).resolve().parent
WORKSPACE = HERE.parent
REL = 1e-9


@pytest.fixture(scope="module")
def results():
    before = os.getcwd()
    os.chdir(WORKSPACE)
    try:
        return runpy.run_path(str(WORKSPACE / "analysis.py"))["results"]
    finally:
        os.chdir(before)


def same(actual, expected):
    return math.isclose(actual, expected, rel_tol=REL, abs_tol=0.0)


def test_counts(results):
    assert results["views"] == {"control": 7568, "new_checkout": 7839}
    assert results["orders"] == {"control": 799, "new_checkout": 915}


def test_conversion_per_variant(results):
    assert same(results["conversion"]["control"], 0.10557610993657505)
    assert same(results["conversion"]["new_checkout"], 0.11672407194795255)


def test_uplift_and_p_value(results):
    assert same(results["uplift"], 0.10559171026546288)
    assert same(results["p_value"], 0.029677769925809915)


def test_interval(results):
    low, high = results["uplift_ci"]
    assert same(low, 0.0051380412608978635)
    assert same(high, 0.23072771730695396)


def test_revenue_per_view(results):
    assert same(results["revenue_per_view_eur"]["control"], 5.88905787526427)
    assert same(results["revenue_per_view_eur"]["new_checkout"], 6.5174563082025765)
