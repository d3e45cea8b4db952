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
    assert results["ridge_mae_g"] == pytest.approx(238.26567340510496, abs=1)
    assert results["ridge_rmse_g"] == pytest.approx(310.8382299320372, abs=1)
    assert results["ridge_r2"] == pytest.approx(0.8795349007034939, abs=1)


def test_baseline(results):
    assert results["baseline_mae_g"] == pytest.approx(451.358852853404, abs=1)


def test_coefficients(results):
    assert results["coefficients"] == pytest.approx(
        {
            "bill_length_mm": 127.73805293906496,
            "bill_depth_mm": 152.7691244521631,
            "flipper_length_mm": 244.81861948259396,
            "delta_15n": -72.01169356663878,
            "delta_13c": 23.96916176573023,
            "male": 299.00975477687524,
            "species_Adelie": -152.37563477023622,
            "species_Chinstrap": -465.72658917863595,
            "species_Gentoo": 618.1022239489516,
        },
        abs=1,
    )
