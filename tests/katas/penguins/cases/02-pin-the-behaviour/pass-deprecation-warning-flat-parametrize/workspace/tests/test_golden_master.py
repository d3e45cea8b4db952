
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


GOLDEN = {
    "rows": 342,
    "train_rows": 274,
    "test_rows": 68,
    "ridge_mae_g": 238.26567340510496,
    "ridge_rmse_g": 310.8382299320372,
    "ridge_r2": 0.8795349007034939,
    "baseline_mae_g": 451.358852853404,
    "coefficients.bill_length_mm": 127.73805293906496,
    "coefficients.bill_depth_mm": 152.7691244521631,
    "coefficients.flipper_length_mm": 244.81861948259396,
    "coefficients.delta_15n": -72.01169356663878,
    "coefficients.delta_13c": 23.96916176573023,
    "coefficients.male": 299.00975477687524,
    "coefficients.species_Adelie": -152.37563477023622,
    "coefficients.species_Chinstrap": -465.72658917863595,
    "coefficients.species_Gentoo": 618.1022239489516,
}


def flatten(results):
    flat = {k: v for k, v in results.items() if k != "coefficients"}
    flat.update({f"coefficients.{name}": value for name, value in results["coefficients"].items()})
    return flat


def test_no_result_appeared_or_vanished(results):
    assert sorted(flatten(results)) == sorted(GOLDEN)


@pytest.mark.parametrize("key", sorted(GOLDEN))
def test_result_is_unchanged(results, key):
    expected = GOLDEN[key]
    if isinstance(expected, int):
        assert flatten(results)[key] == expected
    else:
        assert flatten(results)[key] == pytest.approx(expected)
