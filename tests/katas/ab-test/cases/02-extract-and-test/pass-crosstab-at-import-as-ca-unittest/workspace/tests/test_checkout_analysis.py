import unittest

import numpy as np
import pandas as pd
from numpy.testing import assert_allclose
from scipy import stats

import checkout_analysis as ca

CHROME = "Chrome/126.0 (Android)"


def build_log(rows):
    """rows of (variant, event, order_value_eur, user_agent) -> a log with every real column."""
    log = pd.DataFrame(rows, columns=["variant", "event", "order_value_eur", "user_agent"])
    log["event_id"] = np.arange(1, len(log) + 1)
    log["timestamp"] = pd.Timestamp("2026-03-10", tz="UTC") + pd.to_timedelta(log.index, unit="min")
    log["user_id"] = [f"u{i:03d}" for i in log.index]
    log["session_id"] = [f"s{i:03d}" for i in log.index]
    return log[["event_id", "timestamp", "user_id", "session_id", "variant", "event",
                "order_value_eur", "user_agent"]]


def counts_log(control_views, control_orders, treat_views, treat_orders, value=10.0):
    rows = ([("control", "checkout_view", np.nan, CHROME)] * control_views
            + [("control", "order", value, CHROME)] * control_orders
            + [("new_checkout", "checkout_view", np.nan, CHROME)] * treat_views
            + [("new_checkout", "order", value, CHROME)] * treat_orders)
    return build_log(rows)


class LoadEventsTest(unittest.TestCase):
    def test_timestamps_come_back_in_utc(self):
        import tempfile, os
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "log.csv")
            counts_log(1, 0, 1, 1).to_csv(path, index=False)
            events = ca.load_events(path)
        self.assertEqual(str(events["timestamp"].dt.tz), "UTC")
        self.assertEqual(events["timestamp"].iloc[0], pd.Timestamp("2026-03-10", tz="UTC"))


class RemoveBotsTest(unittest.TestCase):
    def log_of(self, *agents):
        return build_log([("control", "checkout_view", np.nan, agent) for agent in agents])

    def test_drops_a_marker_after_other_text(self):
        kept = ca.remove_bots(self.log_of(CHROME, "Mozilla/5.0 (compatible; Googlebot/2.1)"))
        self.assertEqual(kept["user_agent"].tolist(), [CHROME])

    def test_drops_a_marker_in_another_case(self):
        kept = ca.remove_bots(self.log_of("googlebot-image/1.0", CHROME))
        self.assertEqual(kept["user_agent"].tolist(), [CHROME])

    def test_drops_every_marker_given(self):
        kept = ca.remove_bots(self.log_of("bingbot/2.0", "AhrefsBot/7.0", CHROME),
                              markers=("ahrefsbot", "BingBot"))
        self.assertEqual(kept["user_agent"].tolist(), [CHROME])

    def test_does_not_touch_its_argument(self):
        log = self.log_of("Googlebot/2.1", CHROME)
        before = log.copy()
        ca.remove_bots(log)
        pd.testing.assert_frame_equal(log, before)


class ConversionByVariantTest(unittest.TestCase):
    def setUp(self):
        self.log = counts_log(10, 2, 10, 3, value=15.0)
        self.table = ca.conversion_by_variant(self.log)

    def test_views_and_orders(self):
        assert_allclose(self.table.loc[["control", "new_checkout"], "views"], [10, 10])
        assert_allclose(self.table.loc[["control", "new_checkout"], "orders"], [2, 3])

    def test_conversion_per_view(self):
        assert_allclose(self.table.loc[["control", "new_checkout"], "conversion"], [0.2, 0.3])

    def test_revenue_and_revenue_per_view(self):
        assert_allclose(self.table.loc[["control", "new_checkout"], "revenue_eur"], [30.0, 45.0])
        assert_allclose(self.table.loc[["control", "new_checkout"], "revenue_per_view_eur"],
                        [3.0, 4.5])

    def test_does_not_touch_its_argument(self):
        pd.testing.assert_frame_equal(self.log, counts_log(10, 2, 10, 3, value=15.0))


class RelativeUpliftTest(unittest.TestCase):
    def test_point_three_against_point_two(self):
        table = ca.conversion_by_variant(counts_log(10, 2, 10, 3))
        self.assertAlmostEqual(ca.relative_uplift(table), 0.5)


class ChiSquaredTest(unittest.TestCase):
    def test_same_as_scipy_default(self):
        table = ca.conversion_by_variant(counts_log(60, 6, 60, 15))
        observed = [[6, 54], [15, 45]]
        expected = stats.chi2_contingency(observed)[1]
        uncorrected = stats.chi2_contingency(observed, correction=False)[1]
        self.assertGreater(abs(expected - uncorrected), 1e-3)
        self.assertAlmostEqual(ca.chi_squared_p_value(table), expected, places=12)


class BootstrapTest(unittest.TestCase):
    log = counts_log(100, 20, 100, 30)

    def test_seeded(self):
        self.assertEqual(ca.bootstrap_uplift_interval(self.log, resamples=50, random_state=11),
                         ca.bootstrap_uplift_interval(self.log, resamples=50, random_state=11))

    def test_estimate_inside(self):
        low, high = ca.bootstrap_uplift_interval(self.log, resamples=100)
        self.assertLess(low, 0.5)
        self.assertGreater(high, 0.5)

    def test_level_narrows(self):
        low, high = ca.bootstrap_uplift_interval(self.log, resamples=100, level=0.95)
        low_50, high_50 = ca.bootstrap_uplift_interval(self.log, resamples=100, level=0.5)
        self.assertLess(high_50 - low_50, high - low)

    def test_does_not_touch_its_argument(self):
        before = self.log.copy()
        ca.bootstrap_uplift_interval(self.log, resamples=5)
        pd.testing.assert_frame_equal(self.log, before)


if __name__ == "__main__":
    unittest.main()
