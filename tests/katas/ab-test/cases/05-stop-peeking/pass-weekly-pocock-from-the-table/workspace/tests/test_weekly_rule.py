"""The weekly Pocock rule: hand-built counts, then simulated tests with a weekday pattern."""

import numpy as np
import pytest

from checkout_analysis import analysis_looks, stopping_look

PLANNED = 28


def counts(rates, users_per_look=500):
    """Cumulative (converters, users) of one variant: rates[k] is the share converted by look k."""
    users = users_per_look * np.arange(1, len(rates) + 1)
    return np.rint(np.asarray(rates) * users)[None, :], users[None, :]


class TestHandBuilt:
    def test_the_analyses_are_the_last_evening_of_each_week(self):
        assert analysis_looks(28).tolist() == [6, 13, 20, 27]

    @pytest.mark.parametrize("rate", [0.0, 0.157, 1.0])
    def test_identical_variants_never_stop(self, rate):
        same = counts([rate] * PLANNED)
        assert stopping_look(*same, *same, PLANNED).tolist() == [-1]

    @pytest.mark.parametrize("low_first", [True, False])
    def test_an_overwhelming_difference_stops_at_the_first_analysis(self, low_first):
        low, high = counts([0.1] * PLANNED), counts([0.5] * PLANNED)
        control, treatment = (low, high) if low_first else (high, low)
        looks = stopping_look(*control, *treatment, PLANNED)
        assert looks.tolist() == [6]
        assert looks.dtype.kind in "iu"

    def test_a_difference_that_appears_in_week_3_stops_at_its_end(self):
        control = counts([0.157] * PLANNED)
        treatment = counts([0.157] * 14 + [0.3] * 14)
        assert stopping_look(*control, *treatment, PLANNED).tolist() == [20]

    def test_z_of_2_55_stops_at_5_percent_but_not_at_1_percent(self):
        # one week, 3,500 users each, 550 against 630 converters: z = 2.55 at evening 7
        control = (np.array([[0] * 6 + [550]]), np.array([[500 * k for k in range(1, 8)]]))
        treatment = (np.array([[0] * 6 + [630]]), np.array([[500 * k for k in range(1, 8)]]))
        assert stopping_look(*control, *treatment, PLANNED, alpha=0.05).tolist() == [6]
        assert stopping_look(*control, *treatment, PLANNED, alpha=0.01).tolist() == [-1]

    def test_thirteen_evenings_are_judged_at_the_first_analysis_only(self):
        control = counts([0.157] * 13)
        assert stopping_look(*control, *counts([0.157] * 7 + [0.5] * 6), PLANNED).tolist() == [-1]
        assert stopping_look(*control, *counts([0.5] * 13), PLANNED).tolist() == [6]


WEEKDAY_TRAFFIC = np.array([1.1, 1.0, 1.0, 0.95, 0.9, 0.95, 1.1])  # Monday first


def simulate(experiments, uplift, seed):
    """Tests of 28 evenings starting on a Monday, about 336 users a day with a weekday pattern."""
    rng = np.random.default_rng(seed)
    expected = 336 * np.tile(WEEKDAY_TRAFFIC, 4)
    drawn = []
    for rate in (0.157, 0.157 * (1 + uplift)):
        users = rng.poisson(expected, size=(experiments, PLANNED))
        drawn += [rng.binomial(users, rate).cumsum(axis=1), users.cumsum(axis=1)]
    return drawn


class TestSimulated:
    EXPERIMENTS = 4000
    # 3 sd of a share of 4,000 experiments around 5 %: 1.0 %
    TOLERANCE = 3 * (0.05 * 0.95 / EXPERIMENTS) ** 0.5

    def stopped(self, uplift, seed, alpha=0.05):
        return stopping_look(*simulate(self.EXPERIMENTS, uplift, seed), PLANNED, alpha=alpha) >= 0

    def test_aa_tests_stop_in_5_percent_within_the_binomial_spread(self):
        assert self.stopped(0.0, seed=99).mean() == pytest.approx(0.05, abs=self.TOLERANCE)

    def test_at_alpha_1_percent_aa_tests_stop_in_1_percent(self):
        assert self.stopped(0.0, seed=99, alpha=0.01).mean() == pytest.approx(0.01, abs=0.005)

    def test_noors_daily_rule_stops_far_more_often(self):
        c0, n0, c1, n1 = simulate(self.EXPERIMENTS, 0.0, seed=99)
        p = (c0 + c1) / (n0 + n1)
        z = (c1 / n1 - c0 / n0) / np.sqrt(p * (1 - p) * (1 / n0 + 1 / n1))
        assert (np.abs(z) >= 1.96).any(axis=1).mean() > 0.05 + self.TOLERANCE

    def test_a_ten_percent_uplift_is_found_in_two_tests_of_three(self):
        assert self.stopped(0.10, seed=100).mean() >= 0.65

    def test_a_smaller_alpha_never_stops_earlier(self):
        counts_ = simulate(self.EXPERIMENTS, 0.10, seed=101)
        at_5 = stopping_look(*counts_, PLANNED, alpha=0.05)
        at_1 = stopping_look(*counts_, PLANNED, alpha=0.01)
        stopped_at_1 = at_1 >= 0
        assert ((at_5 >= 0) & (at_5 <= at_1))[stopped_at_1].all()
        assert stopped_at_1.sum() < (at_5 >= 0).sum()
