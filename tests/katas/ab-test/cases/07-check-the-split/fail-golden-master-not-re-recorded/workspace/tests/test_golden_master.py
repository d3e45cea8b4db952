"""Golden master: the per-user readout analysis.ipynb gives today, digit for digit.

Recorded again in stage 3, on purpose: the readout now counts users on a log without bots and with
each event once (it was checkout views, with only Googlebot filtered and duplicated orders kept).
Extended in stage 4 with the difference, its interval and the normal interval of the uplift, and
in stage 5 with the evening the stopping rule would have stopped the test (none), and in stage 6
with the plan: the users and days the re-run needs, and the uplift this test could have found.
Every later change to one of these numbers should be one somebody meant.
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


def test_the_difference_and_its_interval_are_unchanged(results):
    assert results["difference"] == pytest.approx(0.003064752987247704)
    assert results["difference_ci"] == pytest.approx([-0.012228008649527437, 0.018357514624022846])


def test_the_normal_interval_of_the_uplift_is_unchanged(results):
    assert results["uplift_ci_normal"] == pytest.approx([-0.07443539373790518, 0.12312933504401184])


def test_the_stopping_rule_does_not_stop_the_test(results):
    assert results["stopped_on"] is None


def test_the_plan_is_unchanged(results):
    assert results["users_needed"] == 8767
    assert results["days_needed"] == 27


def test_what_this_test_could_find_is_unchanged(results):
    assert results["detectable_uplift"] == pytest.approx(0.1434502182785705)
