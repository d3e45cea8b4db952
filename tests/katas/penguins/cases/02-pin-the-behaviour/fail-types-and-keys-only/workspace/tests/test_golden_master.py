
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


def test_has_every_key(results):
    assert set(results) == {"rows", "train_rows", "test_rows", "ridge_mae_g", "ridge_rmse_g",
                            "ridge_r2", "baseline_mae_g", "coefficients"}


def test_types_and_shapes(results):
    assert all(isinstance(results[k], int) for k in ("rows", "train_rows", "test_rows"))
    assert all(isinstance(results[k], float) for k in ("ridge_mae_g", "ridge_rmse_g", "ridge_r2", "baseline_mae_g"))
    assert len(results["coefficients"]) == 9
    assert 0 < results["ridge_r2"] <= 1
    assert 0 < results["ridge_mae_g"] < results["baseline_mae_g"]
