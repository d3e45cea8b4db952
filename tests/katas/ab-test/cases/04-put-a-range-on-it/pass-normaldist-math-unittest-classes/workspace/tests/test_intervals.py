"""Unit tests of the two normal-approximation intervals, as unittest test cases, on per-variant
tables written by hand."""

import math
import unittest

import pandas as pd
from statsmodels.stats.proportion import confint_proportions_2indep

from checkout_analysis import difference_interval, relative_uplift, uplift_interval


def table_of(**variants):
    """A per-variant table like user_conversion_by_variant's, from variant=(users, converters)."""
    table = pd.DataFrame(
        [(name, users, converters) for name, (users, converters) in variants.items()],
        columns=["variant", "users", "converters"],
    ).set_index("variant")
    table["conversion"] = table["converters"] / table["users"]
    return table


STEP_ONE = dict(control=(100, 20), new_checkout=(100, 30))
TABLES = [
    STEP_ONE,
    dict(control=(400, 40), new_checkout=(50, 20)),  # sizes and rates far apart
    dict(control=(3000, 900), new_checkout=(120, 12)),  # the treatment loses
    dict(control=(4330, 678), new_checkout=(4416, 705)),
]
LEVELS = [0.99, 0.95, 0.8, 0.5]


class TheTableOfStepOne(unittest.TestCase):
    """20 of 100 against 30 of 100, worked out by hand."""

    def setUp(self):
        self.table = table_of(**STEP_ONE)

    def test_the_difference_interval(self):
        # 0.10 +- 1.96 * sqrt(0.2 * 0.8 / 100 + 0.3 * 0.7 / 100) = 0.10 +- 1.96 * 0.0608
        low, high = difference_interval(self.table)
        self.assertAlmostEqual(low, -0.0192, places=4)
        self.assertAlmostEqual(high, 0.2192, places=4)

    def test_the_difference_interval_at_80_percent(self):
        # z = 1.2816 at 80 %: 0.10 +- 1.2816 * 0.0608
        low, high = difference_interval(self.table, level=0.8)
        self.assertAlmostEqual(low, 0.0220, places=4)
        self.assertAlmostEqual(high, 0.1780, places=4)

    def test_the_uplift_interval(self):
        # exp(log 1.5 +- 1.96 * sqrt(0.7 / 30 + 0.8 / 20)) - 1
        low, high = uplift_interval(self.table)
        self.assertAlmostEqual(low, -0.0840, places=4)
        self.assertAlmostEqual(high, 1.4564, places=4)

    def test_the_uplift_interval_reaches_further_up_than_down(self):
        low, high = uplift_interval(self.table)
        estimate = relative_uplift(self.table)
        self.assertGreater(high - estimate, 1.5 * (estimate - low))

    def test_each_end_is_a_float(self):
        for interval in (difference_interval, uplift_interval):
            with self.subTest(interval=interval.__name__):
                for end in interval(self.table):
                    self.assertIs(type(end), float)


class AgainstStatsmodels(unittest.TestCase):
    """confint_proportions_2indep, treatment first, computes both intervals."""

    def test_the_difference_interval_is_wald(self):
        for variants in TABLES:
            for level in LEVELS:
                with self.subTest(variants=variants, level=level):
                    (n0, x0), (n1, x1) = variants["control"], variants["new_checkout"]
                    expected = confint_proportions_2indep(
                        x1, n1, x0, n0, method="wald", compare="diff", alpha=1 - level
                    )
                    actual = difference_interval(table_of(**variants), level=level)
                    for a, e in zip(actual, expected):
                        self.assertTrue(math.isclose(a, e, rel_tol=1e-9, abs_tol=1e-12))

    def test_the_uplift_interval_is_the_log_ratio_minus_one(self):
        for variants in TABLES:
            for level in LEVELS:
                with self.subTest(variants=variants, level=level):
                    (n0, x0), (n1, x1) = variants["control"], variants["new_checkout"]
                    expected = confint_proportions_2indep(
                        x1, n1, x0, n0, method="log", compare="ratio", alpha=1 - level
                    )
                    actual = uplift_interval(table_of(**variants), level=level)
                    for a, e in zip(actual, expected):
                        self.assertTrue(math.isclose(a, e - 1, rel_tol=1e-9, abs_tol=1e-12))


class Properties(unittest.TestCase):
    def setUp(self):
        self.table = table_of(control=(400, 40), new_checkout=(50, 20))

    def test_a_lower_level_is_narrower(self):
        for interval in (difference_interval, uplift_interval):
            with self.subTest(interval=interval.__name__):
                low95, high95 = interval(self.table, level=0.95)
                low80, high80 = interval(self.table, level=0.8)
                self.assertLess(low95, low80)
                self.assertLess(high80, high95)

    def test_swapping_the_variants_mirrors_the_difference(self):
        low, high = difference_interval(self.table)
        s_low, s_high = difference_interval(self.table, control="new_checkout", treatment="control")
        self.assertAlmostEqual(s_low, -high, places=12)
        self.assertAlmostEqual(s_high, -low, places=12)

    def test_swapping_the_variants_inverts_the_ratio(self):
        low, high = uplift_interval(self.table)
        s_low, s_high = uplift_interval(self.table, control="new_checkout", treatment="control")
        self.assertAlmostEqual(1 + s_low, 1 / (1 + high), places=12)
        self.assertAlmostEqual(1 + s_high, 1 / (1 + low), places=12)

    def test_the_table_is_left_as_it_was(self):
        before = self.table.copy()
        difference_interval(self.table, level=0.9, control="new_checkout", treatment="control")
        uplift_interval(self.table, level=0.9, control="new_checkout", treatment="control")
        pd.testing.assert_frame_equal(self.table, before)


if __name__ == "__main__":
    unittest.main()
