
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


RECORDED = {'rows': 342, 'train_rows': 274, 'test_rows': 68, 'ridge_mae_g': 238.26567340510496, 'ridge_rmse_g': 310.8382299320372, 'ridge_r2': 0.8795349007034939, 'baseline_mae_g': 451.358852853404, 'coefficients': {'bill_length_mm': 127.73805293906496, 'bill_depth_mm': 152.7691244521631, 'flipper_length_mm': 244.81861948259396, 'delta_15n': -72.01169356663878, 'delta_13c': 23.96916176573023, 'male': 299.00975477687524, 'species_Adelie': -152.37563477023622, 'species_Chinstrap': -465.72658917863595, 'species_Gentoo': 618.1022239489516}}


def test_key_results_within_five_percent(results):
    for key in ["rows", "train_rows", "test_rows", "ridge_mae_g", "ridge_rmse_g", "ridge_r2", "baseline_mae_g"]:
        assert results[key] == pytest.approx(RECORDED[key], rel=0.05), key
    assert results["coefficients"] == pytest.approx(RECORDED["coefficients"], rel=0.05)
