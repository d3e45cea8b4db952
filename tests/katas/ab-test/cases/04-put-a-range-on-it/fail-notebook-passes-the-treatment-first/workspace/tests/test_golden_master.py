"""Golden master: the per-user readout analysis.ipynb gives today, digit for digit.

Recorded again in stage 3, on purpose: the readout now counts users on a log without bots and with
each event once (it was checkout views, with only Googlebot filtered and duplicated orders kept).
Every later change to one of these numbers should be one somebody meant.

Stage 4 added the difference in conversion and the two normal-approximation intervals; the numbers
of stage 3 did not move.
"""

import runpy
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")  # the notebook draws a figure; nobody needs to see it here

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


def test_the_same_users_are_counted(results):
    assert results["users"] == {"control": 4330, "new_checkout": 4416}
    assert results["converters"] == {"control": 678, "new_checkout": 705}


def test_the_conversion_per_user_and_its_test_are_unchanged(results):
    assert results["conversion"] == pytest.approx(
        {"control": 0.15658198614318708, "new_checkout": 0.15964673913043478}
    )
    assert results["uplift"] == pytest.approx(0.019572832499679338)
    assert results["p_value"] == pytest.approx(0.7162720769766331)


def test_the_bootstrap_interval_over_users_is_unchanged(results):
    assert results["uplift_ci"] == pytest.approx([-0.08818950504363271, 0.11861813013247119])


def test_the_revenue_per_user_is_unchanged(results):
    assert results["revenue_per_user_eur"] == pytest.approx(
        {"control": 10.292930715935334, "new_checkout": 10.678423913043478}
    )


def test_the_difference_in_conversion_and_its_interval(results):
    assert results["difference"] == pytest.approx(0.003064752987247704)
    assert results["difference_ci"] == pytest.approx([-0.018357514624022846, 0.012228008649527437])


def test_the_normal_interval_of_the_uplift(results):
    assert results["uplift_ci_normal"] == pytest.approx([-0.10963059302443279, 0.08042160777788765])
