"""Golden master: the key results of analysis.ipynb, recorded from a fresh run.

These numbers are not known to be right. They are what the notebook computes today, so that any
change made while refactoring shows up here as a failing test.

Re-recorded after extracting split_train_test (the split now uses DataFrame.sample). When a change is meant to move them,
re-record them on purpose and say why in the commit message.
"""

import runpy
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")  # the notebook draws figures; nobody needs to see them here

WORKSPACE = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def results():
    """Run the notebook's paired script once, from the workspace folder, and return its results."""
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(WORKSPACE)
        namespace = runpy.run_path("analysis.py")
    from matplotlib import pyplot

    pyplot.close("all")
    return namespace["results"]


def test_the_same_birds_are_used(results):
    assert results["rows"] == 342
    assert results["train_rows"] == 274
    assert results["test_rows"] == 68


def test_the_ridge_errors_are_unchanged(results):
    assert results["ridge_mae_g"] == pytest.approx(269.7712545204008)
    assert results["ridge_rmse_g"] == pytest.approx(338.8849708648141)
    assert results["ridge_r2"] == pytest.approx(0.7993316622517492)


def test_the_baseline_error_is_unchanged(results):
    assert results["baseline_mae_g"] == pytest.approx(400.21478328173373)


def test_the_coefficients_are_unchanged(results):
    assert results["coefficients"] == pytest.approx(
        {
            "bill_length_mm": 102.16865349308846,
            "bill_depth_mm": 103.7650390876527,
            "flipper_length_mm": 237.5288861924266,
            "delta_15n": -83.06194381701683,
            "delta_13c": 45.84175285221636,
            "male": 423.7037806566071,
            "species_Adelie": -196.922393676869,
            "species_Chinstrap": -451.7253723848927,
            "species_Gentoo": 648.6477660617018,
        }
    )
