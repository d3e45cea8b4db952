
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


# values re-recorded from the notebook's display, three significant digits
RECORDED = {
    "ridge_mae_g": 238.0,
    "ridge_rmse_g": 311.0,
    "ridge_r2": 0.88,
    "baseline_mae_g": 451.0,
}
COEFFICIENTS = {
    "bill_length_mm": 128.0,
    "bill_depth_mm": 153.0,
    "flipper_length_mm": 245.0,
    "delta_15n": -72.0,
    "delta_13c": 24.0,
    "male": 299.0,
    "species_Adelie": -152.0,
    "species_Chinstrap": -466.0,
    "species_Gentoo": 618.0,
}


def test_counts(results):
    assert results["rows"] == 342
    assert results["train_rows"] == 274
    assert results["test_rows"] == 68


def test_metrics(results):
    for key, value in RECORDED.items():
        assert results[key] == pytest.approx(value, rel=5e-3), key


def test_coefficients(results):
    assert results["coefficients"] == pytest.approx(COEFFICIENTS, rel=5e-3)
