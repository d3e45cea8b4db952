"""Unit tests of checkout_analysis, on event logs of a few rows built by hand."""

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from checkout_analysis import (
    bootstrap_uplift_interval,
    chi_squared_p_value,
    conversion_by_variant,
    load_events,
    relative_uplift,
    remove_bots,
)

COLUMNS = ["event_id", "timestamp", "user_id", "session_id", "variant", "event",
           "order_value_eur", "user_agent"]
BROWSER = "Chrome/126.0 (Windows)"


def log(*rows):
    """A log from (variant, event, order value, user agent) rows; the rest is filled in."""
    records = []
    for i, (variant, event, value, agent) in enumerate(rows, start=1):
        records.append({
            "event_id": i,
            "timestamp": pd.Timestamp("2026-03-02", tz="UTC") + pd.Timedelta(minutes=i),
            "user_id": f"u{i:05d}",
            "session_id": f"s{i:06d}",
            "variant": variant,
            "event": event,
            "order_value_eur": value,
            "user_agent": agent,
        })
    return pd.DataFrame(records, columns=COLUMNS)


def views(variant, n, agent=BROWSER):
    return [(variant, "checkout_view", np.nan, agent)] * n


def orders(variant, *values, agent=BROWSER):
    return [(variant, "order", value, agent) for value in values]


@pytest.fixture
def ten_and_ten():
    """Ten views per variant; two orders (10 + 30 EUR) in control, three (20 EUR each) in the new one."""
    return log(*views("control", 10), *orders("control", 10.0, 30.0),
               *views("new_checkout", 10), *orders("new_checkout", 20.0, 20.0, 20.0))


@pytest.fixture
def hundred_each():
    """A log big enough to bootstrap: 20 orders in 100 views against 30 in 100."""
    return log(*views("control", 100), *orders("control", *[50.0] * 20),
               *views("new_checkout", 100), *orders("new_checkout", *[50.0] * 30))


# load_events

def test_load_events_parses_timestamps_as_utc(tmp_path):
    path = tmp_path / "events.csv"
    path.write_text(
        "event_id,timestamp,user_id,session_id,variant,event,order_value_eur,user_agent\n"
        "1,2026-03-02T00:02:23Z,u1,s1,control,checkout_view,,Chrome\n"
        "2,2026-03-02T01:00:00Z,u1,s1,control,order,12.5,Chrome\n"
    )
    events = load_events(path)
    assert str(events["timestamp"].dt.tz) == "UTC"
    assert events.loc[0, "timestamp"] == pd.Timestamp("2026-03-02 00:02:23", tz="UTC")
    assert events.loc[1, "order_value_eur"] == 12.5


# remove_bots

def test_remove_bots_finds_the_marker_in_the_middle():
    events = log(("control", "checkout_view", np.nan, "Mozilla/5.0 (compatible; Googlebot/2.1)"),
                 ("control", "checkout_view", np.nan, BROWSER))
    assert remove_bots(events)["user_agent"].tolist() == [BROWSER]


def test_remove_bots_ignores_case():
    events = log(("control", "checkout_view", np.nan, "googlebot-image/1.0"),
                 ("control", "checkout_view", np.nan, BROWSER))
    assert remove_bots(events)["user_agent"].tolist() == [BROWSER]


def test_remove_bots_takes_several_markers():
    events = log(("control", "checkout_view", np.nan, "Googlebot/2.1"),
                 ("control", "checkout_view", np.nan, "bingbot/2.0"),
                 ("control", "checkout_view", np.nan, "AhrefsBot/7.0"),
                 ("control", "checkout_view", np.nan, BROWSER))
    kept = remove_bots(events, markers=("googlebot", "BINGBOT"))
    assert kept["user_agent"].tolist() == ["AhrefsBot/7.0", BROWSER]


def test_remove_bots_leaves_its_input_alone():
    events = log(("control", "checkout_view", np.nan, "Googlebot/2.1"),
                 ("control", "checkout_view", np.nan, BROWSER))
    before = events.copy()
    remove_bots(events)
    pd.testing.assert_frame_equal(events, before)


# conversion_by_variant

def test_conversion_counts_views_and_orders(ten_and_ten):
    table = conversion_by_variant(ten_and_ten)
    assert table.loc["control", "views"] == 10
    assert table.loc["control", "orders"] == 2
    assert table.loc["new_checkout", "orders"] == 3


def test_conversion_is_orders_per_checkout_view(ten_and_ten):
    table = conversion_by_variant(ten_and_ten)
    assert table.loc["control", "conversion"] == pytest.approx(0.2)
    assert table.loc["new_checkout", "conversion"] == pytest.approx(0.3)


def test_revenue_is_the_sum_of_order_values(ten_and_ten):
    table = conversion_by_variant(ten_and_ten)
    assert table.loc["control", "revenue_eur"] == pytest.approx(40.0)
    assert table.loc["new_checkout", "revenue_eur"] == pytest.approx(60.0)


def test_revenue_per_view_divides_by_the_views(ten_and_ten):
    table = conversion_by_variant(ten_and_ten)
    assert table.loc["control", "revenue_per_view_eur"] == pytest.approx(4.0)
    assert table.loc["new_checkout", "revenue_per_view_eur"] == pytest.approx(6.0)


def test_a_variant_without_orders_converts_at_zero():
    table = conversion_by_variant(log(*views("control", 4), *views("new_checkout", 5),
                                      *orders("new_checkout", 10.0)))
    assert table.loc["control", "orders"] == 0
    assert table.loc["control", "conversion"] == 0


def test_conversion_leaves_its_input_alone(ten_and_ten):
    before = ten_and_ten.copy()
    conversion_by_variant(ten_and_ten)
    pd.testing.assert_frame_equal(ten_and_ten, before)


# relative_uplift

def test_uplift_of_point_three_over_point_two_is_fifty_percent(ten_and_ten):
    assert relative_uplift(conversion_by_variant(ten_and_ten)) == pytest.approx(0.5)


# chi_squared_p_value

def test_p_value_is_scipys_with_the_continuity_correction():
    events = log(*views("control", 100), *orders("control", *[1.0] * 10),
                 *views("new_checkout", 100), *orders("new_checkout", *[1.0] * 22))
    table = [[10, 90], [22, 78]]
    expected = stats.chi2_contingency(table)[1]
    uncorrected = stats.chi2_contingency(table, correction=False)[1]
    assert expected != pytest.approx(uncorrected, rel=1e-3)
    assert chi_squared_p_value(conversion_by_variant(events)) == pytest.approx(expected)


# bootstrap_uplift_interval

def test_bootstrap_with_the_same_seed_gives_the_same_interval(hundred_each):
    first = bootstrap_uplift_interval(hundred_each, resamples=50, random_state=7)
    second = bootstrap_uplift_interval(hundred_each, resamples=50, random_state=7)
    assert first == second


def test_bootstrap_interval_holds_the_estimate(hundred_each):
    low, high = bootstrap_uplift_interval(hundred_each, resamples=100)
    assert low < 0.5 < high


def test_a_lower_level_gives_a_narrower_interval(hundred_each):
    low95, high95 = bootstrap_uplift_interval(hundred_each, resamples=100, level=0.95)
    low50, high50 = bootstrap_uplift_interval(hundred_each, resamples=100, level=0.5)
    assert low95 < low50 < high50 < high95


def test_bootstrap_leaves_its_input_alone(hundred_each):
    before = hundred_each.copy()
    bootstrap_uplift_interval(hundred_each, resamples=10)
    pd.testing.assert_frame_equal(hundred_each, before)
