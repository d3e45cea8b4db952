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
    assert results["split_p_value"] == pytest.approx(0.35778763574862105)


def test_the_ios_app_users_are_left_out(results):
    assert results["excluded_users"] == {"control": 450, "new_checkout": 440}
    assert results["readout_split_p_value"] == pytest.approx(0.2787618919112115)


def test_the_same_users_are_counted(results):
    assert results["users"] == {"control": 3880, "new_checkout": 3976}
    assert results["converters"] == {"control": 614, "new_checkout": 632}


def test_the_conversion_per_user_and_its_test_are_unchanged(results):
    assert results["conversion"] == pytest.approx(
        {"control": 0.15824742268041236, "new_checkout": 0.158953722334004}
    )
    assert results["uplift"] == pytest.approx(0.0044632616546183)
    assert results["p_value"] == pytest.approx(0.9563048850644656)


def test_the_bootstrap_interval_over_users_is_unchanged(results):
    assert results["uplift_ci"] == pytest.approx([-0.09937717429331863, 0.120281014043006])


def test_the_revenue_per_user_is_unchanged(results):
    assert results["revenue_per_user_eur"] == pytest.approx(
        {"control": 10.331170103092784, "new_checkout": 10.568161468812878}
    )


def test_the_difference_and_its_interval_are_unchanged(results):
    assert results["difference"] == pytest.approx(0.0007062996535916466)
    assert results["difference_ci"] == pytest.approx([-0.015450608694398009, 0.016863208001581302])


def test_the_normal_interval_of_the_uplift_is_unchanged(results):
    assert results["uplift_ci_normal"] == pytest.approx(
        [-0.09282642887218905, 0.11218677012327175]
    )


def test_the_stopping_rule_does_not_stop_the_test(results):
    assert results["stopped_on"] is None


def test_the_plan_is_unchanged(results):
    assert results["users_needed"] == 8767
    assert results["days_needed"] == 27


def test_what_this_test_could_find_is_unchanged(results):
    assert results["detectable_uplift"] == pytest.approx(0.15177257241756348)
