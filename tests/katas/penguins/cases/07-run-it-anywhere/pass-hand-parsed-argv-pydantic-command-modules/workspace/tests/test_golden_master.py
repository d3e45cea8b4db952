"""Golden master: the notebook's results, compared with tests/golden_results.json.

Recorded from the stage 6 notebook (stage 5's numbers). Re-record on purpose only.
"""

import json
import runpy
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")

WORKSPACE = Path(__file__).resolve().parent.parent
GOLDEN = json.loads((Path(__file__).parent / "golden_results.json").read_text())


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(WORKSPACE)
        for name in ("PENGUIN_MASS_PROFILE", "PENGUIN_MASS_ALPHA", "PENGUIN_MASS_SEED",
                     "PENGUIN_MASS_FOLDS", "PENGUIN_MASS_TEST_FRACTION", "PENGUIN_MASS_DATA_PATH"):
            patch.delenv(name, raising=False)
        namespace = runpy.run_path("analysis.py")
    from matplotlib import pyplot

    pyplot.close("all")
    return namespace["results"]


@pytest.mark.parametrize("key", ["rows", "train_rows", "test_rows"])
def test_counts(results, key):
    assert results[key] == GOLDEN[key]


@pytest.mark.parametrize("key", ["ridge_mae_g", "ridge_rmse_g", "ridge_r2", "baseline_mae_g", "cv_mae_g"])
def test_scores(results, key):
    assert results[key] == pytest.approx(GOLDEN[key], rel=1e-9)


def test_coefficients(results):
    assert results["coefficients"] == pytest.approx(GOLDEN["coefficients"], rel=1e-9)
