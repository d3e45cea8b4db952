"""Golden master: the per-user readout analysis.ipynb gives today, digit for digit.

Recorded again in stage 3, on purpose: the readout now counts users on a log without bots and with
each event once (it was checkout views, with only Googlebot filtered and duplicated orders kept).
Extended in stage 4 with the difference, its interval and the normal interval of the uplift, in
stage 5 with the evening the stopping rule would have stopped the test, and in stage 6 with the
plan. Recorded again in stage 7, on purpose: the notebook reads the re-run's log, checks its split,
and reads out the users outside the iOS app, whose version 5.3 lost the new checkout's users.
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


def test_the_split_of_all_users_is_refused(results):
    assert results["split_p_value"] == pytest.approx(4.156101559065807e-06)


def test_the_ios_app_users_are_left_out(results):
    assert results["excluded_users"] == {"control": 712, "new_checkout": 0}
    assert results["readout_split_p_value"] == pytest.approx(0.4213933798380234)


def test_the_same_users_are_counted(results):
    assert results["users"] == {"control": 8314, "new_checkout": 8418}
    assert results["converters"] == {"control": 1397, "new_checkout": 1447}


def test_the_conversion_per_user_and_its_test_are_unchanged(results):
    assert results["conversion"] == pytest.approx(
        {"control": 0.1680298292037527, "new_checkout": 0.1718935614160133}
    )
    assert results["uplift"] == pytest.approx(0.022994323273253237)
    assert results["p_value"] == pytest.approx(0.5191219321029759)


def test_the_bootstrap_interval_over_users_is_unchanged(results):
    assert results["uplift_ci"] == pytest.approx([-0.04395144236655911, 0.09163167019991468])


def test_the_revenue_per_user_is_unchanged(results):
    assert results["revenue_per_user_eur"] == pytest.approx(
        {"control": 12.142566754871302, "new_checkout": 12.33149085293419}
    )


def test_the_difference_and_its_interval_are_unchanged(results):
    assert results["difference"] == pytest.approx(0.0038637322122606066)
    assert results["difference_ci"] == pytest.approx([-0.00751828393342166, 0.015245748357942873])


def test_the_normal_interval_of_the_uplift_is_unchanged(results):
    assert results["uplift_ci_normal"] == pytest.approx(
        [-0.043280484446536066, 0.09386018413546125]
    )


def test_the_stopping_rule_does_not_stop_the_test(results):
    assert results["stopped_on"] is None


def test_the_plan_is_unchanged(results):
    assert results["users_needed"] == 8767
    assert results["days_needed"] == 27


def test_what_this_test_could_find_is_unchanged(results):
    assert results["detectable_uplift"] == pytest.approx(0.10273945602511815)
