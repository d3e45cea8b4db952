"""Golden master: the key results of analysis.ipynb, recorded from a fresh run."""

import runpy
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

WORKSPACE = Path(__file__).resolve().parent.parent


def run_notebook():
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(WORKSPACE)
        results = runpy.run_path("analysis.py")["results"]
    plt.close("all")
    return results


RESULTS = None


def results():
    global RESULTS
    if RESULTS is None:
        RESULTS = run_notebook()
    return RESULTS


def test_bird_counts():
    assert (results()["rows"], results()["train_rows"], results()["test_rows"]) == (342, 274, 68)


def test_baseline():
    assert results()["baseline_mae_g"] == pytest.approx(451.358852853404)


# Stage 5: the leak. Gap medians and scaling were learned from all 342 birds before the split,
# held-out birds included. Learned from the 274 training birds only, the ridge numbers below moved
# (MAE by about 0.01 g) and were re-recorded on purpose; counts and baseline stayed put.
# cv_mae_g is new in stage 5.


def test_ridge():
    assert results()["ridge_mae_g"] == pytest.approx(238.25214393676032)
    assert results()["ridge_rmse_g"] == pytest.approx(310.71603920741984)
    assert results()["ridge_r2"] == pytest.approx(0.8796295919170664)


def test_cross_validated():
    assert results()["cv_mae_g"] == pytest.approx(229.84949397510672)


def test_coefficients():
    expected = {
        "bill_length_mm": 154.75187106639322,
        "bill_depth_mm": 129.23726631599013,
        "flipper_length_mm": 242.22409234498076,
        "delta_15n": -72.91276453312787,
        "delta_13c": 24.38613658785237,
        "species_Adelie": -152.40478567252492,
        "species_Chinstrap": -465.47797348814663,
        "species_Gentoo": 617.8827591607102,
        "sex_male": 299.15569350656824,
    }
    assert sorted(results()["coefficients"]) == sorted(expected)
    for name, value in expected.items():
        assert results()["coefficients"][name] == pytest.approx(value), name
