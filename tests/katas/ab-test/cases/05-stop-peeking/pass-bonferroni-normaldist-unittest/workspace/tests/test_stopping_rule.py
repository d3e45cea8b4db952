"""The stopping rule, unittest style: counts built by hand, then simulated experiments.

Each argument of stopping_look is a 2-D array of cumulative counts: one row per experiment, one
column per look.
"""

import unittest

import numpy as np

from checkout_analysis import stopping_look

LOOKS = 28


def steady(rate, users_per_look=300, looks=LOOKS):
    """Cumulative (converters, users) of one variant whose users convert at `rate` every look."""
    users = np.arange(1, looks + 1) * users_per_look
    return np.rint(users * rate).astype(int), users


def judge(control, treatment, planned_looks=LOOKS, alpha=0.05):
    (c0, n0), (c1, n1) = control, treatment
    rows = [np.atleast_2d(a) for a in (c0, n0, c1, n1)]
    return stopping_look(*rows, planned_looks=planned_looks, alpha=alpha)


class HandBuiltCounts(unittest.TestCase):
    def test_returns_one_int_per_experiment(self):
        result = judge(steady(0.15), steady(0.15))
        self.assertIsInstance(result, np.ndarray)
        self.assertEqual(result.shape, (1,))
        self.assertTrue(np.issubdtype(result.dtype, np.integer))

    def test_identical_variants_never_stop(self):
        for rate in (0.0, 0.157, 0.5, 1.0):
            with self.subTest(rate=rate):
                self.assertEqual(judge(steady(rate), steady(rate)).tolist(), [-1])

    def test_an_overwhelming_difference_stops_at_the_first_look_either_way(self):
        self.assertEqual(judge(steady(0.1), steady(0.5)).tolist(), [0])
        self.assertEqual(judge(steady(0.5), steady(0.1)).tolist(), [0])

    def test_a_difference_that_starts_at_the_tenth_look_stops_there(self):
        control = steady(0.157)
        converters, users = steady(0.157)
        converters = converters.copy()
        converters[9:] += 600
        self.assertEqual(judge(control, (converters, users)).tolist(), [9])

    def test_z_of_3_3_stops_at_alpha_5_percent_but_not_at_1_percent(self):
        # one look of 10,000 users each: 1,570 against 1,743 converters, z = 3.3; Bonferroni over
        # 28 looks asks 3.12 at 5 % and 3.57 at 1 %
        control, treatment = (np.array([1570]), np.array([10000])), (np.array([1743]), np.array([10000]))
        self.assertEqual(judge(control, treatment, alpha=0.05).tolist(), [0])
        self.assertEqual(judge(control, treatment, alpha=0.01).tolist(), [-1])

    def test_a_test_still_running_is_judged_on_its_looks_so_far(self):
        self.assertEqual(judge(steady(0.1, looks=13), steady(0.5, looks=13)).tolist(), [0])
        self.assertEqual(judge(steady(0.2, looks=13), steady(0.2, looks=13)).tolist(), [-1])

    def test_several_experiments_are_judged_row_by_row(self):
        rows = [steady(0.2), steady(0.5), steady(0.2)]
        c1 = np.vstack([r[0] for r in rows])
        n1 = np.vstack([r[1] for r in rows])
        c0, n0 = np.vstack([steady(0.2)[0]] * 3), np.vstack([steady(0.2)[1]] * 3)
        self.assertEqual(stopping_look(c0, n0, c1, n1, LOOKS).tolist(), [-1, 0, -1])


class SimulatedExperiments(unittest.TestCase):
    """3,000 experiments of 28 looks, 336 users per variant per day (fixed, not Poisson), seed 2026.

    Drawn day-first, shape (looks, experiments), and turned round for the rule."""

    EXPERIMENTS = 3000

    @classmethod
    def draw(cls, uplift, seed):
        rng = np.random.default_rng(seed)
        users = np.full((LOOKS, cls.EXPERIMENTS), 336)
        counts = []
        for rate in (0.157, 0.157 * (1 + uplift)):
            converters = rng.binomial(users, rate)
            counts += [converters.cumsum(axis=0).T, users.cumsum(axis=0).T]
        return counts

    @classmethod
    def setUpClass(cls):
        cls.aa = cls.draw(0.0, seed=2026)
        cls.ab = cls.draw(0.10, seed=2027)
        # a share of 3,000 experiments has a standard deviation of sqrt(0.05 * 0.95 / 3000) = 0.4 %
        cls.ceiling = 0.05 + 3 * (0.05 * 0.95 / cls.EXPERIMENTS) ** 0.5

    def share(self, counts, alpha=0.05):
        looks = stopping_look(*counts, planned_looks=LOOKS, alpha=alpha)
        self.assertEqual(looks.shape, (self.EXPERIMENTS,))
        return float(np.mean(looks >= 0))

    def test_aa_experiments_stop_at_most_5_percent_of_the_time(self):
        share = self.share(self.aa)
        self.assertLessEqual(share, self.ceiling)
        self.assertGreater(share, 0.005)  # Bonferroni is strict (about 1.7 %), not silent

    def test_noors_rule_would_fail_the_test_above(self):
        c0, n0, c1, n1 = self.aa
        pooled = (c0 + c1) / (n0 + n1)
        z = (c1 / n1 - c0 / n0) / np.sqrt(pooled * (1 - pooled) * (1 / n0 + 1 / n1))
        self.assertGreater(np.mean((np.abs(z) >= 1.96).any(axis=1)), self.ceiling)

    def test_a_real_ten_percent_uplift_is_found_about_half_the_time(self):
        self.assertGreaterEqual(self.share(self.ab), 0.40)

    def test_a_smaller_alpha_stops_fewer_and_never_earlier(self):
        at_5 = stopping_look(*self.ab, LOOKS, alpha=0.05)
        at_1 = stopping_look(*self.ab, LOOKS, alpha=0.01)
        self.assertLess(np.mean(at_1 >= 0), np.mean(at_5 >= 0))
        both = at_1 >= 0
        self.assertTrue((at_5[both] >= 0).all())
        self.assertTrue((at_5[both] <= at_1[both]).all())


if __name__ == "__main__":
    unittest.main()
