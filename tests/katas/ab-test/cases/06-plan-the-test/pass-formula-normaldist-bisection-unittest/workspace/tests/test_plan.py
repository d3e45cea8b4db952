"""Power calculation: recorded values, the inverse, refusals and a simulation (unittest style)."""

import unittest

import numpy as np

from checkout_analysis import detectable_uplift, users_per_variant


class RecordedValues(unittest.TestCase):
    # (baseline, uplift, alpha, power) -> users, worked out by hand with the pooled formula
    RECORDED = {
        (0.157, 0.10, 0.05, 0.8): 8767,
        (0.157, 0.10, 0.01, 0.9): 16619,
        (0.157, 0.10, 0.05, 0.9): 11736,
        (0.157, -0.10, 0.05, 0.8): 8081,
        (0.30, 0.15, 0.05, 0.8): 1693,
    }

    def test_users_per_variant(self):
        for (baseline, uplift, alpha, power), users in self.RECORDED.items():
            with self.subTest(baseline=baseline, uplift=uplift, alpha=alpha, power=power):
                self.assertEqual(users_per_variant(baseline, uplift, alpha, power), users)

    def test_detectable_uplift(self):
        self.assertAlmostEqual(detectable_uplift(0.157, 4330), 0.14345, places=4)
        self.assertAlmostEqual(detectable_uplift(0.157, 8766.644544959), 0.10, places=6)


class Inverse(unittest.TestCase):
    def test_uplift_to_users_and_back(self):
        for uplift in (0.02, 0.08, 0.25):
            users = users_per_variant(0.157, uplift, 0.01, 0.9)
            self.assertAlmostEqual(detectable_uplift(0.157, users, 0.01, 0.9) / uplift, 1, places=3)


class Refusals(unittest.TestCase):
    def test_no_uplift(self):
        with self.assertRaises(ValueError):
            users_per_variant(0.157, 0)

    def test_conversions_out_of_range(self):
        for baseline, uplift in ((0.0, 0.1), (1.5, 0.1), (0.157, 9.0), (0.157, -1.0)):
            with self.subTest(baseline=baseline, uplift=uplift), self.assertRaises(ValueError):
                users_per_variant(baseline, uplift)

    def test_no_users(self):
        with self.assertRaises(ValueError):
            detectable_uplift(0.157, 0.5)


class Simulation(unittest.TestCase):
    def found(self, users, tests=4000):
        rng = np.random.default_rng(20260320)
        c0 = rng.binomial(users, 0.157, tests)
        c1 = rng.binomial(users, 0.157 * 1.1, tests)
        pooled = (c0 + c1) / (2 * users)
        z = (c1 - c0) / np.sqrt(pooled * (1 - pooled) * 2 * users)
        return (np.abs(z) >= 1.96).mean()

    def test_the_promised_power(self):
        self.assertLessEqual(abs(self.found(users_per_variant(0.157, 0.10)) - 0.8), 0.02)

    def test_half_the_users(self):
        self.assertLessEqual(abs(self.found(users_per_variant(0.157, 0.10) // 2) - 0.5), 0.04)


if __name__ == "__main__":
    unittest.main()
