
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


def test_counts(results):
    assert (results["rows"], results["train_rows"], results["test_rows"]) == (342, 274, 68)


def test_errors_in_whole_grams(results):
    assert round(results["ridge_mae_g"]) == 238
    assert round(results["baseline_mae_g"]) == 451
