"""Unit tests of the split check (unittest style): p-values worked out by hand and recorded from
scipy.stats.chisquare, designed shares, and the refusal."""

import math
import unittest

import pandas as pd

from checkout_analysis import SampleRatioMismatch, check_split, split_p_value


class SplitPValue(unittest.TestCase):
    def test_two_variants_one_degree_of_freedom(self):
        # chi2 = 2 * 50² / 1000 = 5 on 1 df: p = erfc(sqrt(5 / 2)).
        self.assertAlmostEqual(
            split_p_value({"control": 1050, "new_checkout": 950}), math.erfc(math.sqrt(2.5)), 10
        )

    def test_an_exact_split(self):
        self.assertAlmostEqual(split_p_value({"control": 700, "new_checkout": 700}), 1.0)

    def test_three_variants_two_degrees_of_freedom(self):
        # chi2 = (100 + 100 + 0) / 100 = 2 on 2 df: p = exp(-1).
        self.assertAlmostEqual(split_p_value({"a": 110, "b": 90, "c": 100}), math.exp(-1), 10)

    def test_a_ramp_as_fractions_and_as_weights(self):
        users = {"control": 9000, "new_checkout": 1050}  # expected 9045 and 1005: p = 0.13458
        for shares in ({"control": 0.9, "new_checkout": 0.1}, {"control": 90, "new_checkout": 10}):
            with self.subTest(shares=shares):
                self.assertAlmostEqual(split_p_value(users, shares) / 0.134584, 1, places=4)

    def test_a_series_in_any_order(self):
        users = pd.Series({"new_checkout": 8418, "control": 9026})
        self.assertAlmostEqual(split_p_value(users) / 4.1561e-06, 1, places=3)


class CheckSplit(unittest.TestCase):
    def test_it_returns_the_p_value_when_the_split_passes(self):
        self.assertAlmostEqual(
            check_split({"control": 1050, "new_checkout": 950}), math.erfc(math.sqrt(2.5)), 10
        )

    def test_it_refuses_whichever_variant_is_short(self):
        for users in ({"control": 9026, "new_checkout": 8418}, {"control": 8418, "new_checkout": 9026}):
            with self.subTest(users=users):
                with self.assertRaisesRegex(SampleRatioMismatch, "9026"):
                    check_split(users)

    def test_half_a_point_in_200000_users_is_refused(self):
        with self.assertRaises(SampleRatioMismatch):  # p = 7.7e-6
            check_split({"control": 101_000, "new_checkout": 99_000})

    def test_two_and_a_half_points_in_2000_users_is_not(self):
        self.assertGreater(check_split({"control": 1025, "new_checkout": 975}), 0.001)

    def test_alpha_is_honoured(self):
        users = {"control": 1050, "new_checkout": 950}  # p = 0.0253
        with self.assertRaises(SampleRatioMismatch):
            check_split(users, alpha=0.03)
        self.assertAlmostEqual(check_split(users, alpha=0.02), 0.025347, places=5)

    def test_the_shares_are_honoured(self):
        users = {"control": 9000, "new_checkout": 1000}
        self.assertAlmostEqual(check_split(users, {"control": 0.9, "new_checkout": 0.1}), 1.0)
        with self.assertRaises(SampleRatioMismatch):
            check_split(users)


if __name__ == "__main__":
    unittest.main()
