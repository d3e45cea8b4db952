"""Unit tests of the sample-ratio mismatch check, no data files: scipy.stats.chisquare values."""

import pandas as pd
import pytest
from scipy.stats import chisquare

from checkout_analysis import SampleRatioMismatch, check_split, split_p_value


class TestSplitPValue:
    def test_equal_shares_two_variants(self):
        assert split_p_value({"control": 9026, "new_checkout": 8418}) == pytest.approx(
            chisquare([9026, 8418]).pvalue
        )
        assert split_p_value({"control": 9026, "new_checkout": 8418}) == pytest.approx(
            4.156e-6, rel=1e-3
        )

    def test_equal_shares_three_variants(self):
        assert split_p_value({"A": 1000, "B": 1100, "C": 900}) == pytest.approx(
            chisquare([1000, 1100, 900]).pvalue
        )
        assert split_p_value({"A": 1000, "B": 1100, "C": 900}) == pytest.approx(4.54e-5, rel=1e-2)

    def test_a_ramp_in_fractions_and_in_weights(self):
        users = {"control": 9000, "new_checkout": 1050}
        recorded = chisquare([9000, 1050], [9045, 1005]).pvalue
        assert recorded == pytest.approx(0.13458, rel=1e-4)
        assert split_p_value(users, {"control": 0.9, "new_checkout": 0.1}) == pytest.approx(recorded)
        assert split_p_value(users, {"new_checkout": 10, "control": 90}) == pytest.approx(recorded)

    def test_a_series_from_value_counts(self):
        counts = pd.Series(["new_checkout"] * 8418 + ["control"] * 9026).value_counts()
        assert split_p_value(counts) == pytest.approx(4.156e-6, rel=1e-3)


class TestCheckSplit:
    def test_returns_the_p_value_when_it_passes(self):
        assert check_split({"control": 1050, "new_checkout": 950}) == pytest.approx(0.025347, rel=1e-4)

    @pytest.mark.parametrize("short", ["control", "new_checkout"])
    def test_refuses_with_the_users_in_the_message(self, short):
        users = {"control": 9026, "new_checkout": 9026}
        users[short] = 8418
        with pytest.raises(SampleRatioMismatch) as refused:
            check_split(users)
        assert "8418" in str(refused.value) and "9026" in str(refused.value)

    def test_half_a_point_is_too_much_in_200000_users(self):
        with pytest.raises(SampleRatioMismatch):
            check_split({"control": 101_000, "new_checkout": 99_000})

    def test_alpha(self):
        users = {"control": 1050, "new_checkout": 950}
        with pytest.raises(SampleRatioMismatch):
            check_split(users, alpha=0.05)
        assert check_split(users, alpha=0.02) == pytest.approx(0.025347, rel=1e-4)

    def test_shares(self):
        ramp = {"control": 0.9, "new_checkout": 0.1}
        assert check_split({"control": 9000, "new_checkout": 1000}, ramp) == pytest.approx(1.0)
        with pytest.raises(SampleRatioMismatch):
            check_split({"control": 9000, "new_checkout": 1000})
