"""Tests of the decision rule on readouts built by hand: the interval against 0 and against the
plan's minimum detectable uplift, and no decision on a split that failed."""

import pytest

from checkout_analysis import SampleRatioMismatch, decide

PLAN = {"minimum_detectable_uplift": 0.10, "split_alpha": 0.001}


def readout(low, high, split_p=0.5):
    return {"uplift_ci_normal": [low, high], "readout_split_p_value": split_p}


@pytest.mark.parametrize(
    ("low", "high", "decision"),
    [
        (0.02, 0.25, "Ship"),  # better, and possibly by enough
        (-0.05, 0.09, "Do not ship"),  # the uplift worth shipping for is ruled out
        (-0.15, -0.01, "Do not ship"),  # worse
        (-0.07, 0.12, "Inconclusive"),  # Noor's first test, per user
        (0.01, 0.08, "Do not ship"),  # better, but by less than it takes to pay
    ],
)
def test_the_interval_decides(low, high, decision):
    assert decide(readout(low, high), PLAN) == decision


def test_the_plans_minimum_uplift_is_the_bar():
    interval = readout(-0.046, 0.092)  # the re-run outside the iOS app
    assert decide(interval, PLAN) == "Do not ship"
    assert decide(interval, PLAN | {"minimum_detectable_uplift": 0.05}) == "Inconclusive"


def test_an_interval_touching_a_bar_is_not_past_it():
    assert decide(readout(0.0, 0.3), PLAN) == "Inconclusive"
    assert decide(readout(-0.1, 0.10), PLAN) == "Inconclusive"


def test_a_failed_split_has_no_decision():
    with pytest.raises(SampleRatioMismatch):
        decide(readout(0.02, 0.25, split_p=0.0004), PLAN)
    assert decide(readout(0.02, 0.25, split_p=0.0004), PLAN | {"split_alpha": 0.0001}) == "Ship"
