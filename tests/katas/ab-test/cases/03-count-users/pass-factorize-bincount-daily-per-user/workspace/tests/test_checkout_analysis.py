"""Unit tests of checkout_analysis: each builds a small log by hand and states the whole answer."""

import numpy as np
import pandas as pd
import pytest
from scipy.stats import chi2_contingency

from checkout_analysis import (
    bootstrap_uplift_interval,
    drop_duplicate_events,
    per_user_p_value,
    relative_uplift,
    remove_bots,
    user_conversion_by_variant,
    users_table,
)

COLUMNS = ["event_id", "timestamp", "user_id", "session_id", "variant", "event", "order_value_eur", "user_agent"]


def make_log(rows):
    """rows: (event_id, user_id, variant, event, order value, user agent)."""
    frame = pd.DataFrame(rows, columns=["event_id", "user_id", "variant", "event", "order_value_eur", "user_agent"])
    frame["timestamp"] = pd.date_range("2026-03-09", periods=len(frame), freq="min", tz="UTC")
    frame["session_id"] = "s-" + frame["user_id"]
    return frame[COLUMNS]


WEB = "Firefox/127.0 (Windows)"
NA = np.nan


def expected_users(rows):
    """rows: (user_id, variant, views, orders, converted, revenue_eur)."""
    frame = pd.DataFrame(rows, columns=["user_id", "variant", "views", "orders", "converted", "revenue_eur"])
    return frame.set_index("user_id").astype({"views": int, "orders": int, "converted": bool, "revenue_eur": float})


# remove_bots


def test_by_default_crawlers_scripts_and_headless_browsers_go_and_people_stay():
    log = make_log(
        [
            (1, "b1", "control", "checkout_view", NA, "bingbot/2.0 (+http://www.bing.com/bingbot.htm)"),
            (2, "b2", "control", "checkout_view", NA, "python-requests/2.31.0"),
            (3, "b3", "new_checkout", "checkout_view", NA, "HeadlessChrome/126.0 (Linux)"),
            (4, "u1", "control", "checkout_view", NA, "ShopApp/5.2 (Android)"),
            (5, "u1", "control", "order", 12.0, "ShopApp/5.2 (Android)"),
            (6, "u2", "new_checkout", "checkout_view", NA, WEB),
        ]
    )
    pd.testing.assert_frame_equal(remove_bots(log), log.iloc[3:])


def test_only_the_given_markers_are_used():
    log = make_log([(1, "b1", "control", "checkout_view", NA, "python-requests/2.31.0"), (2, "u1", "control", "checkout_view", NA, WEB)])
    pd.testing.assert_frame_equal(remove_bots(log, markers=("firefox",)), log.iloc[:1])


# drop_duplicate_events


def test_an_event_stored_twice_is_kept_once_and_every_other_event_stays():
    log = make_log(
        [
            (1, "u1", "new_checkout", "checkout_view", NA, WEB),
            (2, "u1", "new_checkout", "order", 40.0, WEB),
            (2, "u1", "new_checkout", "order", 40.0, WEB),
            (3, "u1", "new_checkout", "checkout_view", NA, WEB),
            (4, "u1", "new_checkout", "order", 40.0, WEB),
        ]
    )
    pd.testing.assert_frame_equal(drop_duplicate_events(log), log.iloc[[0, 1, 3, 4]])


# users_table


def test_users_table_gives_one_row_per_user():
    log = make_log(
        [
            (1, "u1", "control", "checkout_view", NA, WEB),
            (2, "u2", "new_checkout", "checkout_view", NA, WEB),
            (3, "u1", "control", "order", 20.0, WEB),
            (4, "u1", "control", "checkout_view", NA, WEB),
            (5, "u1", "control", "checkout_view", NA, WEB),
            (6, "u1", "control", "order", 35.5, WEB),
            (7, "u2", "new_checkout", "checkout_view", NA, WEB),
        ]
    )
    expected = expected_users([("u1", "control", 3, 2, True, 55.5), ("u2", "new_checkout", 2, 0, False, 0.0)])
    pd.testing.assert_frame_equal(users_table(log)[expected.columns], expected)


# user_conversion_by_variant, relative_uplift, per_user_p_value


@pytest.fixture
def users():
    return expected_users(
        [
            ("c1", "control", 3, 2, True, 60.0),
            ("c2", "control", 1, 0, False, 0.0),
            ("c3", "control", 2, 0, False, 0.0),
            ("c4", "control", 1, 0, False, 0.0),
            ("n1", "new_checkout", 1, 1, True, 15.0),
            ("n2", "new_checkout", 4, 1, True, 25.0),
            ("n3", "new_checkout", 1, 0, False, 0.0),
            ("n4", "new_checkout", 1, 0, False, 0.0),
            ("n5", "new_checkout", 2, 0, False, 0.0),
        ]
    )


def test_users_converters_conversion_and_revenue_per_user(users):
    table = user_conversion_by_variant(users)
    expected = pd.DataFrame(
        {
            "users": [4, 5],
            "converters": [1, 2],
            "conversion": [0.25, 0.4],
            "revenue_eur": [60.0, 40.0],
            "revenue_per_user_eur": [15.0, 8.0],
        },
        index=pd.Index(["control", "new_checkout"], name="variant"),
    )
    pd.testing.assert_frame_equal(table[expected.columns], expected, check_dtype=False)
    assert relative_uplift(table) == pytest.approx(0.6)


def test_per_user_p_value_is_chi2_contingency_with_its_default_correction():
    table = pd.DataFrame({"users": [150, 140], "converters": [21, 35]}, index=["control", "new_checkout"])
    observed = [[21, 129], [35, 105]]
    assert per_user_p_value(table) == pytest.approx(chi2_contingency(observed)[1], rel=1e-12)
    assert not np.isclose(chi2_contingency(observed)[1], chi2_contingency(observed, correction=False)[1])


# bootstrap_uplift_interval


@pytest.fixture
def crowd():
    rows = [(f"c{i}", "control", 1, int(i < 12), i < 12, 30.0 * (i < 12)) for i in range(60)]
    rows += [(f"n{i}", "new_checkout", 2, int(i < 18), i < 18, 30.0 * (i < 18)) for i in range(60)]
    return expected_users(rows)


def test_the_bootstrap_is_seeded_and_holds_the_estimate(crowd):
    interval = bootstrap_uplift_interval(crowd, resamples=100, random_state=9)
    assert interval == bootstrap_uplift_interval(crowd, resamples=100, random_state=9)
    assert interval[0] < relative_uplift(user_conversion_by_variant(crowd)) < interval[1]


def test_the_bootstrap_follows_the_level(crowd):
    wide = bootstrap_uplift_interval(crowd, resamples=100, level=0.95, random_state=9)
    narrow = bootstrap_uplift_interval(crowd, resamples=100, level=0.6, random_state=9)
    assert wide[0] < narrow[0] < narrow[1] < wide[1]


# inputs


def test_no_function_changes_its_input(crowd):
    log = make_log(
        [
            (1, "b1", "control", "checkout_view", NA, "AhrefsBot/7.0"),
            (2, "u1", "control", "order", 5.0, WEB),
            (2, "u1", "control", "order", 5.0, WEB),
        ]
    )
    log_copy, crowd_copy = log.copy(), crowd.copy()
    remove_bots(log)
    drop_duplicate_events(log)
    users_table(log)
    user_conversion_by_variant(crowd)
    bootstrap_uplift_interval(crowd, resamples=4)
    pd.testing.assert_frame_equal(log, log_copy)
    pd.testing.assert_frame_equal(crowd, crowd_copy)
