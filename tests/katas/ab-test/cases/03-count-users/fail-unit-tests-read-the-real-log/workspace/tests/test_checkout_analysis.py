"""Unit tests of checkout_analysis, on the real export (what we actually analyse)."""

from pathlib import Path

import pandas as pd
import pytest
from scipy.stats import chi2_contingency

from checkout_analysis import (
    bootstrap_uplift_interval,
    drop_duplicate_events,
    load_events,
    per_user_p_value,
    relative_uplift,
    remove_bots,
    user_conversion_by_variant,
    users_table,
)

DATA = Path(__file__).resolve().parents[2] / "data" / "checkout_events.csv"


@pytest.fixture(scope="module")
def events():
    return load_events(DATA)


@pytest.fixture(scope="module")
def clean(events):
    return drop_duplicate_events(remove_bots(events))


@pytest.fixture(scope="module")
def users(clean):
    return users_table(clean)


def test_remove_bots_drops_every_bot(events):
    kept = remove_bots(events)
    assert kept["user_id"].str.startswith("b").sum() == 0
    assert len(events) - len(kept) == 1921


def test_drop_duplicate_events_drops_the_65_copies(events):
    kept = drop_duplicate_events(events)
    assert len(events) - len(kept) == 65
    assert kept["event_id"].is_unique


def test_users_table_has_every_user_once(users, clean):
    assert len(users) == 8746
    assert users["views"].sum() == (clean["event"] == "checkout_view").sum()
    assert users["orders"].sum() == (clean["event"] == "order").sum()
    assert (users["converted"] == (users["orders"] > 0)).all()
    assert users.loc[users["orders"] == 0, "revenue_eur"].eq(0.0).all()


def test_users_and_converters_per_variant(users):
    table = user_conversion_by_variant(users)
    assert table["users"].to_dict() == {"control": 4330, "new_checkout": 4416}
    assert table["converters"].to_dict() == {"control": 678, "new_checkout": 705}
    assert table.loc["control", "revenue_per_user_eur"] == pytest.approx(10.292930715935334)


def test_per_user_p_value_is_scipys(users):
    expected = chi2_contingency([[678, 4330 - 678], [705, 4416 - 705]])[1]
    assert per_user_p_value(user_conversion_by_variant(users)) == pytest.approx(expected)


def test_bootstrap_holds_the_estimate(users):
    low, high = bootstrap_uplift_interval(users, resamples=50, random_state=1)
    assert low < relative_uplift(user_conversion_by_variant(users)) < high


def test_nothing_changes_the_log(events):
    before = events.copy()
    users_table(drop_duplicate_events(remove_bots(events)))
    pd.testing.assert_frame_equal(events, before)
