import os
import runpy
import unittest
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

WORKSPACE = Path(__file__).resolve().parent.parent


class GoldenMaster(unittest.TestCase):
    """The readout as Noor sent it (seeded interval), recorded on the first clean run."""

    @classmethod
    def setUpClass(cls):
        cwd = os.getcwd()
        os.chdir(WORKSPACE)
        try:
            cls.results = runpy.run_path("analysis.py")["results"]
        finally:
            os.chdir(cwd)

    def assertSame(self, actual, expected):
        self.assertAlmostEqual(actual, expected, places=12)

    def test_counts(self):
        self.assertEqual(self.results["views"], {"control": 7568, "new_checkout": 7839})
        self.assertEqual(self.results["orders"], {"control": 799, "new_checkout": 915})
        self.assertEqual(self.results["n_bootstrap"], 200)

    def test_conversion(self):
        self.assertSame(self.results["conversion"]["control"], 0.10557610993657505)
        self.assertSame(self.results["conversion"]["new_checkout"], 0.11672407194795255)

    def test_uplift(self):
        self.assertSame(self.results["uplift"], 0.10559171026546288)

    def test_chi_squared(self):
        self.assertSame(self.results["chi2"], 4.72786109602346)
        self.assertSame(self.results["p_value"], 0.029677769925809915)

    def test_interval(self):
        low, high = self.results["uplift_ci"]
        self.assertSame(low, 0.008707862931338855)
        self.assertSame(high, 0.2207031655272037)

    def test_revenue(self):
        self.assertSame(self.results["revenue_per_view_eur"]["control"], 5.88905787526427)
        self.assertSame(self.results["revenue_per_view_eur"]["new_checkout"], 6.5174563082025765)
        self.assertSame(self.results["aov_eur"]["control"], 55.780212765957444)
        self.assertSame(self.results["aov_eur"]["new_checkout"], 55.83643715846994)

    def test_significant_since(self):
        self.assertEqual(self.results["significant_since"], "2026-03-14")
