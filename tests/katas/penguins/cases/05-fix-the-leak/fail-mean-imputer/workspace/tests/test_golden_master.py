"""Golden master: the key results of analysis.ipynb, recorded from a fresh run.

These numbers are not known to be right. They are what the notebook computes today, so that any
change made while refactoring shows up here as a failing test. When a change is meant to move them,
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


# Re-recorded in stage 5, on purpose: the leak fix (filling gaps and scaling inside one pipeline)
# moved the errors and the coefficients a little; cv_mae_g is new in stage 5.


def test_the_ridge_errors_are_unchanged(results):
    assert results["ridge_mae_g"] == pytest.approx(238.17230662409287)
    assert results["ridge_rmse_g"] == pytest.approx(310.3599383968678)
    assert results["ridge_r2"] == pytest.approx(0.8799053384638285)


def test_the_baseline_error_is_unchanged(results):
    assert results["baseline_mae_g"] == pytest.approx(451.358852853404)


def test_the_cross_validated_error_is_unchanged(results):
    assert results["cv_mae_g"] == pytest.approx(229.68877293524605)


def test_the_coefficients_are_unchanged(results):
    assert results["coefficients"] == pytest.approx(
        {
            "bill_length_mm": 154.6010816619857,
            "bill_depth_mm": 129.16520800262143,
            "flipper_length_mm": 242.398865564545,
            "delta_15n": -73.2714377132075,
            "delta_13c": 25.190856610831613,
            "species_Adelie": -151.9343993756565,
            "species_Chinstrap": -465.8671048744106,
            "species_Gentoo": 617.8015042501042,
            "sex_male": 299.4357035927506,
        }
    )
