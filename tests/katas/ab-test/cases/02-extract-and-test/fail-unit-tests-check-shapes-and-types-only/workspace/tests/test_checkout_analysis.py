import pandas as pd
import pytest

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


@pytest.fixture
def events():
    rows = []
    for i in range(60):
        variant = "control" if i % 2 else "new_checkout"
        event = "order" if i % 5 == 0 else "checkout_view"
        rows.append([i, pd.Timestamp("2026-03-02", tz="UTC"), f"u{i}", f"s{i}", variant, event,
                     30.0 if event == "order" else None,
                     "Googlebot/2.1" if i == 7 else "Chrome/126.0 (Windows)"])
    return pd.DataFrame(rows, columns=COLUMNS)


def test_load_events_returns_a_frame_with_datetimes(tmp_path, events):
    events.to_csv(tmp_path / "e.csv", index=False)
    loaded = load_events(tmp_path / "e.csv")
    assert list(loaded.columns) == COLUMNS
    assert pd.api.types.is_datetime64_any_dtype(loaded["timestamp"])


def test_remove_bots_keeps_the_columns(events):
    cleaned = remove_bots(events)
    assert list(cleaned.columns) == COLUMNS
    assert len(cleaned) <= len(events)


def test_conversion_by_variant_has_the_columns(events):
    table = conversion_by_variant(events)
    assert list(table.columns) == ["views", "orders", "conversion", "revenue_eur",
                                   "revenue_per_view_eur"]
    assert sorted(table.index) == ["control", "new_checkout"]
    assert (table["conversion"].between(0, 1)).all()


def test_relative_uplift_is_a_float(events):
    assert isinstance(relative_uplift(conversion_by_variant(events)), float)


def test_p_value_is_a_probability(events):
    p = chi_squared_p_value(conversion_by_variant(events))
    assert isinstance(p, float)
    assert 0 <= p <= 1


def test_bootstrap_returns_low_and_high(events):
    low, high = bootstrap_uplift_interval(events, resamples=20)
    assert isinstance(low, float) and isinstance(high, float)
    assert low <= high
