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
    assert results["ridge_mae_g"] == pytest.approx(238.26187393478705)
    assert results["ridge_rmse_g"] == pytest.approx(310.8249759527348)
    assert results["ridge_r2"] == pytest.approx(0.8795451736219383)


def test_the_baseline_error_is_unchanged(results):
    assert results["baseline_mae_g"] == pytest.approx(451.358852853404)


def test_the_cross_validated_error_is_unchanged(results):
    assert results["cv_mae_g"] == pytest.approx(233.80285479294565)


def test_the_coefficients_are_unchanged(results):
    assert results["coefficients"] == pytest.approx(
        {
            "bill_length_mm": 154.76177304231751,
            "bill_depth_mm": 129.2107211952898,
            "flipper_length_mm": 242.34169230518816,
            "delta_15n": -72.85916501321444,
            "delta_13c": 24.488389083363657,
            "species_Adelie": -152.32570490809505,
            "species_Chinstrap": -465.5837008301079,
            "species_Gentoo": 617.9094057382403,
            "sex_male": 299.0483032664581,
        }
    )
