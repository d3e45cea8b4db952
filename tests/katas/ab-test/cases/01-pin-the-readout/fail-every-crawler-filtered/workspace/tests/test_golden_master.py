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
    assert results["views"] == {"control": 7049, "new_checkout": 7140}


def test_the_same_orders_are_counted(results):
    assert results["orders"] == {"control": 799, "new_checkout": 915}


def test_conversion(results):
    assert results["conversion"] == pytest.approx(
        {"control": 0.11334941126400908, "new_checkout": 0.12815126050420167}
    )


def test_uplift(results):
    assert results["uplift"] == pytest.approx(0.13058602665096064)


def test_p_value(results):
    assert results["p_value"] == pytest.approx(0.007377349332572416)


def test_bootstrap_interval(results):
    assert results["uplift_ci"] == pytest.approx([0.03028431637943304, 0.2350767307308481])


def test_revenue_per_view(results):
    assert results["revenue_per_view_eur"] == pytest.approx(
        {"control": 6.32265427720244, "new_checkout": 7.155509803921568}
    )


def test_significant_since(results):
    assert results["significant_since"] == "2026-03-12"
