"""Unit tests of checkout_analysis on a small log built by hand."""

import pandas as pd
import pytest

from checkout_analysis import (
    bootstrap_uplift_interval,
    drop_duplicate_events,
    per_user_p_value,
    remove_bots,
    user_conversion_by_variant,
    users_table,
)


@pytest.fixture
def events():
    rows = []
    for i in range(40):
        variant = "control" if i % 2 else "new_checkout"
        user = f"u{i}"
        rows.append((f"e{i}v", user, variant, "checkout_view", float("nan"), "Chrome/126.0 (Windows)"))
        if i % 5 == 0 or i % 7 == 0:
            rows.append((f"e{i}o", user, variant, "order", 30.0, "Chrome/126.0 (Windows)"))
    rows.append(("e0o", "u0", "new_checkout", "order", 30.0, "Chrome/126.0 (Windows)"))
    rows.append(("bot1", "b1", "control", "checkout_view", float("nan"), "AhrefsBot/7.0"))
    frame = pd.DataFrame(rows, columns=["event_id", "user_id", "variant", "event", "order_value_eur", "user_agent"])
    frame["timestamp"] = pd.Timestamp("2026-03-02", tz="UTC")
    frame["session_id"] = frame["user_id"]
    return frame


def test_remove_bots_removes_rows(events):
    assert len(remove_bots(events)) < len(events)


def test_drop_duplicate_events_leaves_unique_ids(events):
    assert drop_duplicate_events(events)["event_id"].is_unique


def test_users_table_has_one_row_per_user_and_the_columns(events):
    users = users_table(events)
    assert len(users) == events["user_id"].nunique()
    assert {"variant", "views", "orders", "converted", "revenue_eur"} <= set(users.columns)


def test_user_conversion_by_variant_has_both_variants_and_the_columns(events):
    table = user_conversion_by_variant(users_table(events))
    assert sorted(table.index) == ["control", "new_checkout"]
    assert {"users", "converters", "conversion", "revenue_eur", "revenue_per_user_eur"} <= set(table.columns)


def test_per_user_p_value_is_a_probability(events):
    p = per_user_p_value(user_conversion_by_variant(users_table(events)))
    assert 0 <= p <= 1


def test_bootstrap_gives_two_floats(events):
    interval = bootstrap_uplift_interval(users_table(drop_duplicate_events(events)), resamples=20)
    assert len(interval) == 2
    assert all(isinstance(x, float) for x in interval)
