"""Golden master of analysis.py's key results."""

import runpy
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")

WORKSPACE = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def results():
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(WORKSPACE)
        namespace = runpy.run_path("analysis.py")
    return namespace["results"]


def test_birds(results):
    assert results["rows"] == 342
    assert results["train_rows"] == 274
    assert results["test_rows"] == 68


def test_ridge_errors(results):
    assert results["ridge_mae_g"] == pytest.approx(238.26567340510496)
    assert results["ridge_rmse_g"] == pytest.approx(310.8382299320372)
    assert results["ridge_r2"] == pytest.approx(0.8795349007034939)


def test_baseline(results):
    assert results["baseline_mae_g"] == pytest.approx(451.358852853404)

