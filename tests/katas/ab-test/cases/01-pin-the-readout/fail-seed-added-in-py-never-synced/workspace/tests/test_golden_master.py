"""Golden master: the readout Noor sent, as the notebook computes it today."""

import runpy
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")  # the notebook draws a figure; draw it off-screen

WORKSPACE = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def results():
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(WORKSPACE)
        return runpy.run_path("analysis.py")["results"]


def test_the_same_events_are_counted(results):
    assert results["views"] == {"control": 7568, "new_checkout": 7839}


def test_the_same_orders_are_counted(results):
    assert results["orders"] == {"control": 799, "new_checkout": 915}


def test_conversion(results):
    assert results["conversion"] == pytest.approx(
        {"control": 0.10557610993657505, "new_checkout": 0.11672407194795255}
    )


def test_uplift(results):
    assert results["uplift"] == pytest.approx(0.10559171026546288)


def test_p_value(results):
    assert results["p_value"] == pytest.approx(0.029677769925809915)


def test_bootstrap_interval(results):
    assert results["uplift_ci"] == pytest.approx([0.008707862931338855, 0.2207031655272037])


def test_revenue_per_view(results):
    assert results["revenue_per_view_eur"] == pytest.approx(
        {"control": 5.88905787526427, "new_checkout": 6.5174563082025765}
    )


def test_significant_since(results):
    assert results["significant_since"] == "2026-03-14"
