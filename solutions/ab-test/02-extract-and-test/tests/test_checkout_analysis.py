"""Unit tests of checkout_analysis on event logs built by hand, a few rows each."""

import pandas as pd
import pytest
from scipy.stats import chi2_contingency

from checkout_analysis import (
    bootstrap_uplift_interval,
    chi_squared_p_value,
    conversion_by_variant,
    load_events,
    relative_uplift,
    remove_bots,
)


def log(*rows):
    """An event log from (variant, event, order value, user agent) rows."""
    return pd.DataFrame(
        [
            {
                "event_id": number,
                "timestamp": f"2026-03-02T10:{number:02d}:00Z",
                "user_id": f"u{number:05d}",
                "session_id": f"s{number:06d}",
                "variant": variant,
                "event": event,
                "order_value_eur": value,
                "user_agent": agent,
            }
            for number, (variant, event, value, agent) in enumerate(rows, start=1)
        ]
    )


def views(variant, count, agent="Chrome/126.0 (Windows)"):
    return [(variant, "checkout_view", float("nan"), agent)] * count


def orders(variant, *values):
    return [(variant, "order", value, "Chrome/126.0 (Windows)") for value in values]


@pytest.fixture
def ten_and_ten():
    """Ten views per variant; control 2 orders (30 + 50 EUR), new checkout 3 (20 EUR each)."""
    return log(
        *views("control", 10),
        *orders("control", 30.0, 50.0),
        *views("new_checkout", 10),
        *orders("new_checkout", 20.0, 20.0, 20.0),
    )


def test_load_events_parses_timestamps_as_utc(tmp_path):
    path = tmp_path / "events.csv"
    log(*views("control", 2)).to_csv(path, index=False)
    events = load_events(path)
    assert str(events["timestamp"].dt.tz) == "UTC"
    assert events["timestamp"].iloc[0] == pd.Timestamp("2026-03-02 10:01", tz="UTC")


@pytest.mark.parametrize(
    "agent",
    [
        "Googlebot/2.1 (+http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; Googlebot/2.1)",
        "googlebot-image/1.0",
    ],
)
def test_remove_bots_drops_a_marker_anywhere_in_any_case(agent):
    events = log(*views("control", 1, agent), *views("control", 2))
    assert len(remove_bots(events)) == 2


def test_remove_bots_takes_several_markers_and_keeps_people():
    events = log(
        *views("control", 1, "AhrefsBot/7.0"),
        *views("control", 1, "python-requests/2.31.0"),
        *views("control", 3, "Safari/17.5 (iPhone)"),
    )
    kept = remove_bots(events, markers=("bot", "python-requests"))
    assert list(kept["user_agent"]) == ["Safari/17.5 (iPhone)"] * 3


def test_conversion_counts_orders_per_checkout_view(ten_and_ten):
    table = conversion_by_variant(ten_and_ten)
    assert table.loc["control", "views"] == 10
    assert table.loc["new_checkout", "orders"] == 3
    assert table.loc["control", "conversion"] == pytest.approx(0.2)
    assert table.loc["new_checkout", "conversion"] == pytest.approx(0.3)


def test_revenue_per_view_divides_by_views_not_orders(ten_and_ten):
    table = conversion_by_variant(ten_and_ten)
    assert table.loc["control", "revenue_eur"] == pytest.approx(80.0)
    assert table.loc["control", "revenue_per_view_eur"] == pytest.approx(8.0)
    assert table.loc["new_checkout", "revenue_per_view_eur"] == pytest.approx(6.0)


def test_relative_uplift_is_the_new_checkouts_gain_over_control(ten_and_ten):
    assert relative_uplift(conversion_by_variant(ten_and_ten)) == pytest.approx(0.5)


def test_the_p_value_is_scipys_with_the_continuity_correction(ten_and_ten):
    expected = chi2_contingency([[2, 8], [3, 7]])[1]
    assert chi_squared_p_value(conversion_by_variant(ten_and_ten)) == pytest.approx(expected)
    assert expected != pytest.approx(chi2_contingency([[2, 8], [3, 7]], correction=False)[1])


@pytest.fixture
def bigger_log():
    return log(
        *views("control", 60),
        *orders("control", *[40.0] * 12),
        *views("new_checkout", 60),
        *orders("new_checkout", *[40.0] * 15),
    )


def test_the_bootstrap_interval_is_repeatable_and_holds_the_estimate(bigger_log):
    low, high = bootstrap_uplift_interval(bigger_log, resamples=100, random_state=7)
    assert (low, high) == bootstrap_uplift_interval(bigger_log, resamples=100, random_state=7)
    assert low < relative_uplift(conversion_by_variant(bigger_log)) < high


def test_a_lower_level_gives_a_narrower_interval(bigger_log):
    low, high = bootstrap_uplift_interval(bigger_log, resamples=100, level=0.95, random_state=7)
    low50, high50 = bootstrap_uplift_interval(bigger_log, resamples=100, level=0.5, random_state=7)
    assert low < low50 < high50 < high


def test_no_function_changes_the_log_it_is_given(ten_and_ten):
    before = ten_and_ten.copy()
    remove_bots(ten_and_ten)
    conversion_by_variant(ten_and_ten)
    bootstrap_uplift_interval(ten_and_ten, resamples=5)
    pd.testing.assert_frame_equal(ten_and_ten, before)
