"""Unit tests of checkout_analysis, as unittest test cases, on logs of a few rows built by hand."""

import math
import unittest

import pandas as pd
from scipy.stats import chi2_contingency

import checkout_analysis as ca

NAN = math.nan


class Log:
    """Builds an event log row by row; each event gets the next event_id unless given one."""

    def __init__(self):
        self.rows = []

    def add(self, user, event, value=NAN, variant="control", agent="Firefox/127.0 (Windows)", event_id=None):
        number = len(self.rows) + 1
        self.rows.append(
            {
                "event_id": number if event_id is None else event_id,
                "timestamp": pd.Timestamp("2026-03-03 09:00", tz="UTC") + pd.Timedelta(minutes=number),
                "user_id": user,
                "session_id": f"s{number}",
                "variant": variant,
                "event": event,
                "order_value_eur": value,
                "user_agent": agent,
            }
        )
        return self

    def view(self, user, **kw):
        return self.add(user, "checkout_view", **kw)

    def order(self, user, value, **kw):
        return self.add(user, "order", value, **kw)

    def frame(self):
        return pd.DataFrame(self.rows)


def shop():
    """Control: c1 (3 views, orders of 30 and 50), c2 (1 view), c3 (2 views), c4 (1 view, order 40).
    New checkout: n1 (1 view, order 20), n2 (2 views)."""
    log = Log()
    log.view("c1").view("c1").order("c1", 30.0).view("c1").order("c1", 50.0)
    log.view("c2").view("c3").view("c3").view("c4").order("c4", 40.0)
    log.view("n1", variant="new_checkout").order("n1", 20.0, variant="new_checkout")
    log.view("n2", variant="new_checkout").view("n2", variant="new_checkout")
    return log.frame()


class RemoveBotsTest(unittest.TestCase):
    def test_the_default_drops_a_crawler_a_script_and_a_headless_browser(self):
        log = Log()
        log.view("b1", agent="AhrefsBot/7.0 (+http://ahrefs.com/robot/)")
        log.view("b2", agent="python-requests/2.31.0")
        log.view("b3", agent="HeadlessChrome/126.0 (Linux)")
        log.view("u1", agent="Safari/17.5 (iPhone)").view("u2", agent="ShopApp/5.2 (Android)")
        kept = ca.remove_bots(log.frame())
        self.assertEqual(list(kept["user_id"]), ["u1", "u2"])

    def test_each_default_marker_alone_is_enough(self):
        for agent in ("bingbot/2.0", "python-requests/2.31.0", "HeadlessChrome/126.0 (Linux)"):
            with self.subTest(agent=agent):
                frame = Log().view("b", agent=agent).view("u").frame()
                self.assertEqual(list(ca.remove_bots(frame)["user_id"]), ["u"])

    def test_markers_given_replace_the_default(self):
        frame = Log().view("b", agent="bingbot/2.0").view("u", agent="Edge/126.0 (Windows)").frame()
        self.assertEqual(list(ca.remove_bots(frame, markers=("edge",))["user_id"]), ["b"])


class DropDuplicateEventsTest(unittest.TestCase):
    def test_two_copies_of_one_event_id_count_once(self):
        frame = Log().view("u1").order("u1", 25.0, event_id=9).order("u1", 25.0, event_id=9).frame()
        kept = ca.drop_duplicate_events(frame)
        self.assertEqual(list(kept["event_id"]), [1, 9])
        self.assertEqual(list(kept.index), [0, 1])

    def test_two_views_of_one_user_with_different_ids_both_stay(self):
        frame = Log().view("u1").view("u1").order("u1", 10.0).order("u1", 10.0).frame()
        self.assertEqual(len(ca.drop_duplicate_events(frame)), 4)


class UsersTableTest(unittest.TestCase):
    def setUp(self):
        self.users = ca.users_table(shop())

    def test_one_row_per_user_indexed_by_user_id(self):
        self.assertEqual(sorted(self.users.index), ["c1", "c2", "c3", "c4", "n1", "n2"])

    def test_three_views_and_two_orders_make_one_converted_user_with_both_orders(self):
        c1 = self.users.loc["c1"]
        self.assertEqual((c1["variant"], c1["views"], c1["orders"]), ("control", 3, 2))
        self.assertIs(bool(c1["converted"]), True)
        self.assertEqual(c1["converted"], True)
        self.assertAlmostEqual(c1["revenue_eur"], 80.0)

    def test_a_user_who_only_looked_is_not_converted_and_has_revenue_zero(self):
        c3 = self.users.loc["c3"]
        self.assertEqual((c3["views"], c3["orders"]), (2, 0))
        self.assertEqual(c3["converted"], False)
        self.assertEqual(c3["revenue_eur"], 0.0)

    def test_a_user_keeps_the_variant_of_their_events(self):
        self.assertEqual(self.users.loc["n2", "variant"], "new_checkout")


class UserConversionTest(unittest.TestCase):
    def setUp(self):
        self.table = ca.user_conversion_by_variant(ca.users_table(shop()))

    def test_users_and_converters(self):
        self.assertEqual(self.table.loc["control", "users"], 4)
        self.assertEqual(self.table.loc["control", "converters"], 2)
        self.assertEqual(self.table.loc["new_checkout", "users"], 2)
        self.assertEqual(self.table.loc["new_checkout", "converters"], 1)

    def test_conversion_is_converters_per_user(self):
        self.assertAlmostEqual(self.table.loc["control", "conversion"], 0.5)
        self.assertAlmostEqual(self.table.loc["new_checkout", "conversion"], 0.5)

    def test_revenue_per_user_counts_every_user(self):
        self.assertAlmostEqual(self.table.loc["control", "revenue_eur"], 120.0)
        self.assertAlmostEqual(self.table.loc["control", "revenue_per_user_eur"], 30.0)
        self.assertAlmostEqual(self.table.loc["new_checkout", "revenue_per_user_eur"], 10.0)


class PerUserPValueTest(unittest.TestCase):
    def test_it_is_scipys_chi_squared_with_the_continuity_correction(self):
        table = pd.DataFrame(
            {"users": [50, 60], "converters": [10, 21]}, index=["control", "new_checkout"]
        )
        expected = chi2_contingency([[10, 40], [21, 39]])[1]
        self.assertNotAlmostEqual(expected, chi2_contingency([[10, 40], [21, 39]], correction=False)[1])
        self.assertAlmostEqual(ca.per_user_p_value(table), expected, places=12)

    def test_on_a_table_from_users(self):
        table = ca.user_conversion_by_variant(ca.users_table(shop()))
        self.assertAlmostEqual(ca.per_user_p_value(table), chi2_contingency([[2, 2], [1, 1]])[1])


def crowd():
    """40 control users (10 converters) and 40 new-checkout users (16 converters), two views each."""
    log = Log()
    for variant, converters in (("control", 10), ("new_checkout", 16)):
        for i in range(40):
            user = f"{variant[0]}{i}"
            log.view(user, variant=variant).view(user, variant=variant)
            if i < converters:
                log.order(user, 35.0, variant=variant)
    return ca.users_table(log.frame())


class BootstrapTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.users = crowd()

    def test_the_same_seed_gives_the_same_interval_around_the_estimate(self):
        low, high = ca.bootstrap_uplift_interval(self.users, resamples=80, random_state=3)
        self.assertEqual((low, high), ca.bootstrap_uplift_interval(self.users, resamples=80, random_state=3))
        estimate = ca.relative_uplift(ca.user_conversion_by_variant(self.users))
        self.assertLess(low, estimate)
        self.assertLess(estimate, high)

    def test_a_lower_level_is_narrower(self):
        low, high = ca.bootstrap_uplift_interval(self.users, resamples=80, level=0.95, random_state=3)
        low50, high50 = ca.bootstrap_uplift_interval(self.users, resamples=80, level=0.5, random_state=3)
        self.assertTrue(low < low50 < high50 < high)


class InputsUnchangedTest(unittest.TestCase):
    def test_no_function_changes_its_input(self):
        log = Log().view("b", agent="python-requests/2.31.0").view("u1").order("u1", 9.0, event_id=5)
        log.order("u1", 9.0, event_id=5).view("n1", variant="new_checkout")
        events = log.frame()
        before = events.copy()
        ca.remove_bots(events)
        ca.drop_duplicate_events(events)
        ca.users_table(events)
        pd.testing.assert_frame_equal(events, before)
        users = crowd()
        users_before = users.copy()
        ca.user_conversion_by_variant(users)
        ca.bootstrap_uplift_interval(users, resamples=3)
        pd.testing.assert_frame_equal(users, users_before)


if __name__ == "__main__":
    unittest.main()
