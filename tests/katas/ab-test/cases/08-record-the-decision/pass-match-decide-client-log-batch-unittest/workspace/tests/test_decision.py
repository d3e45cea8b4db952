import unittest

from checkout_analysis import SampleRatioMismatch, decide

PLAN = {"minimum_detectable_uplift": 0.10, "split_alpha": 0.001}


def readout(low, high, split_p=0.9):
    return {"uplift_ci_normal": [low, high], "readout_split_p_value": split_p}


class DecideTest(unittest.TestCase):
    def test_each_side_of_zero_and_of_the_bar(self):
        cases = [
            ((0.04, 0.30), "ship"),
            ((-0.30, -0.04), "do not ship"),
            ((-0.05, 0.09), "do not ship"),
            ((-0.05, 0.15), "inconclusive"),
            ((0.02, 0.07), "do not ship"),  # above 0, below the bar
        ]
        for (low, high), expected in cases:
            with self.subTest(low=low, high=high):
                self.assertEqual(decide(readout(low, high), PLAN), expected)

    def test_the_bar_comes_from_the_plan(self):
        interval = readout(0.02, 0.07)
        self.assertEqual(decide(interval, PLAN), "do not ship")
        self.assertEqual(decide(interval, {**PLAN, "minimum_detectable_uplift": 0.05}), "ship")

    def test_touching_a_bar_is_not_past_it(self):
        self.assertEqual(decide(readout(0.0, 0.2), PLAN), "inconclusive")
        self.assertEqual(decide(readout(-0.2, 0.1), PLAN), "inconclusive")

    def test_a_failed_split_decides_nothing(self):
        with self.assertRaises(SampleRatioMismatch):
            decide(readout(0.04, 0.30, split_p=0.0002), PLAN)
        self.assertEqual(
            decide(readout(0.04, 0.30, split_p=0.0002), {**PLAN, "split_alpha": 0.0001}), "ship"
        )


if __name__ == "__main__":
    unittest.main()
