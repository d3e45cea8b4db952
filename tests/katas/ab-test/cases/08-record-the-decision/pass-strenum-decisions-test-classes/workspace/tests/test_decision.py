"""The decision rule on readouts made up for the purpose."""

import pytest

from checkout_analysis import SampleRatioMismatch, decide


@pytest.fixture
def make_readout():
    def make(low, high, split_p=0.3):
        return {"uplift_ci_normal": (low, high), "readout_split_p_value": split_p}

    return make


@pytest.fixture
def plan():
    return {"minimum_detectable_uplift": 0.08, "split_alpha": 0.01, "alpha": 0.05}


class TestTheThreeDecisions:
    def test_above_zero_and_reaching_the_bar_ships(self, make_readout, plan):
        assert decide(make_readout(0.03, 0.20), plan) == "ship"

    def test_worse_is_not_shipped(self, make_readout, plan):
        assert decide(make_readout(-0.20, -0.02), plan) == "do not ship"

    def test_straddling_zero_and_the_bar_is_inconclusive(self, make_readout, plan):
        assert decide(make_readout(-0.04, 0.15), plan) == "inconclusive"

    def test_better_but_not_enough_is_not_shipped(self, make_readout, plan):
        assert decide(make_readout(0.005, 0.07), plan) == "do not ship"

    def test_the_decision_reads_as_its_words(self, make_readout, plan):
        assert str(decide(make_readout(-0.04, 0.15), plan)) == "inconclusive"


class TestTheBar:
    def test_the_same_interval_under_two_plans(self, make_readout, plan):
        interval = make_readout(-0.02, 0.09)
        assert decide(interval, plan) == "inconclusive"
        assert decide(interval, plan | {"minimum_detectable_uplift": 0.12}) == "do not ship"

    def test_touching_the_bar_is_not_below_it(self, make_readout, plan):
        assert decide(make_readout(-0.05, 0.08), plan) == "inconclusive"

    def test_touching_zero_is_not_above_it(self, make_readout, plan):
        assert decide(make_readout(0.0, 0.15), plan) == "inconclusive"


class TestTheSplit:
    def test_a_split_below_split_alpha_is_refused(self, make_readout, plan):
        with pytest.raises(SampleRatioMismatch):
            decide(make_readout(0.03, 0.20, split_p=0.004), plan)

    def test_the_same_split_passes_a_stricter_plan(self, make_readout, plan):
        stricter = plan | {"split_alpha": 0.001}
        assert decide(make_readout(0.03, 0.20, split_p=0.004), stricter) == "ship"
