"""Unit tests of checkout_analysis on event logs built by hand, a few rows each."""

import pandas as pd
import pytest
from scipy.stats import chi2_contingency

from checkout_analysis import (
    BOT_MARKERS,
    bootstrap_uplift_interval,
    drop_duplicate_events,
    load_events,
    per_user_p_value,
    relative_uplift,
    remove_bots,
    user_conversion_by_variant,
    users_table,
)

PERSON = "Chrome/126.0 (Windows)"
NAN = float("nan")


def log(*rows):
    """An event log from (user, variant, event, order value) rows or
    (user, variant, event, order value, user agent, event id) rows."""
    records = []
    for number, row in enumerate(rows, start=1):
        user, variant, event, value, *rest = row
        agent = rest[0] if rest else PERSON
        event_id = rest[1] if len(rest) > 1 else number
        records.append(
            {
                "event_id": event_id,
                "timestamp": pd.Timestamp("2026-03-02 10:00", tz="UTC") + pd.Timedelta(minutes=number),
                "user_id": user,
                "session_id": f"s{number:06d}",
                "variant": variant,
                "event": event,
                "order_value_eur": value,
                "user_agent": agent,
            }
        )
    return pd.DataFrame(records)


def view(user, variant="control", agent=PERSON, event_id=None):
    return (user, variant, "checkout_view", NAN, agent) + ((event_id,) if event_id is not None else ())


def order(user, value, variant="control", event_id=None):
    return (user, variant, "order", value, PERSON) + ((event_id,) if event_id is not None else ())


# --- load_events -------------------------------------------------------------------------


def test_load_events_parses_timestamps_as_utc(tmp_path):
    path = tmp_path / "events.csv"
    frame = log(view("u1"), view("u2"))
    frame["timestamp"] = ["2026-03-02T10:01:00Z", "2026-03-02T10:02:00Z"]
    frame.to_csv(path, index=False)
    events = load_events(path)
    assert str(events["timestamp"].dt.tz) == "UTC"
    assert events["timestamp"].iloc[0] == pd.Timestamp("2026-03-02 10:01", tz="UTC")


# --- remove_bots ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "agent",
    [
        "AhrefsBot/7.0 (+http://ahrefs.com/robot/)",
        "python-requests/2.31.0",
        "HeadlessChrome/126.0 (Linux)",
        "Googlebot/2.1 (+http://www.google.com/bot.html)",
        "bingbot/2.0",
    ],
)
def test_remove_bots_by_default_drops_crawlers_scripts_and_headless_browsers(agent):
    events = log(view("b1", agent=agent), view("u1"), view("u2", agent="Safari/17.5 (iPhone)"))
    kept = remove_bots(events)
    assert list(kept["user_id"]) == ["u1", "u2"]


def test_the_default_markers_are_the_three_of_the_log():
    assert set(BOT_MARKERS) == {"bot", "python-requests", "headless"}


def test_remove_bots_keeps_people_and_honours_given_markers():
    events = log(view("b1", agent="AhrefsBot/7.0"), view("u1", agent="ShopApp/5.2 (iOS)"))
    assert list(remove_bots(events)["user_id"]) == ["u1"]
    assert list(remove_bots(events, markers=("shopapp",))["user_id"]) == ["b1"]


# --- drop_duplicate_events -----------------------------------------------------------------


def test_two_copies_of_one_event_count_once():
    events = log(view("u1", event_id=1), order("u1", 30.0, event_id=2), order("u1", 30.0, event_id=2))
    kept = drop_duplicate_events(events)
    assert list(kept["event_id"]) == [1, 2]
    assert list(kept["event"]) == ["checkout_view", "order"]


def test_the_first_copy_is_kept():
    events = log(order("u1", 30.0, event_id=7), order("u1", 30.0, event_id=7))
    kept = drop_duplicate_events(events)
    assert list(kept.index) == [0]


# --- users_table ---------------------------------------------------------------------------


@pytest.fixture
def two_users():
    """u1: three views and two orders (30 + 50 EUR); u2: one view, no order."""
    return log(
        view("u1"), view("u1"), order("u1", 30.0), view("u1"), order("u1", 50.0),
        view("u2", "new_checkout"),
    )


def test_a_user_with_three_views_and_two_orders_is_one_converted_row(two_users):
    users = users_table(two_users)
    assert len(users) == 2
    row = users.loc["u1"]
    assert row["variant"] == "control"
    assert row["views"] == 3
    assert row["orders"] == 2
    assert bool(row["converted"]) is True
    assert row["revenue_eur"] == pytest.approx(80.0)


def test_a_user_who_only_looked_is_not_converted_and_has_no_revenue(two_users):
    row = users_table(two_users).loc["u2"]
    assert row["variant"] == "new_checkout"
    assert row["views"] == 1
    assert row["orders"] == 0
    assert bool(row["converted"]) is False
    assert row["revenue_eur"] == 0.0


def test_users_table_is_indexed_by_user_with_its_columns(two_users):
    users = users_table(two_users)
    assert users.index.name == "user_id"
    assert sorted(users.index) == ["u1", "u2"]
    assert set(users.columns) >= {"variant", "views", "orders", "converted", "revenue_eur"}


# --- user_conversion_by_variant ------------------------------------------------------------


@pytest.fixture
def users():
    """Control: 4 users, 1 converter (2 orders, 30 + 50 EUR). New checkout: 5 users, 2
    converters (20 and 40 EUR), one of them with two views."""
    return users_table(
        log(
            view("c1"), view("c1"), order("c1", 30.0), view("c1"), order("c1", 50.0),
            view("c2"), view("c2"), view("c3"), view("c4"),
            view("n1", "new_checkout"), order("n1", 20.0, "new_checkout"),
            view("n2", "new_checkout"), view("n2", "new_checkout"), order("n2", 40.0, "new_checkout"),
            view("n3", "new_checkout"), view("n4", "new_checkout"), view("n5", "new_checkout"),
        )
    )


def test_users_and_converters_are_counted_per_variant(users):
    table = user_conversion_by_variant(users)
    assert table.loc["control", "users"] == 4
    assert table.loc["new_checkout", "users"] == 5
    assert table.loc["control", "converters"] == 1
    assert table.loc["new_checkout", "converters"] == 2


def test_conversion_is_converters_per_user(users):
    table = user_conversion_by_variant(users)
    assert table.loc["control", "conversion"] == pytest.approx(0.25)
    assert table.loc["new_checkout", "conversion"] == pytest.approx(0.4)
    assert relative_uplift(table) == pytest.approx(0.6)


def test_revenue_per_user_divides_by_every_user(users):
    table = user_conversion_by_variant(users)
    assert table.loc["control", "revenue_eur"] == pytest.approx(80.0)
    assert table.loc["control", "revenue_per_user_eur"] == pytest.approx(20.0)
    assert table.loc["new_checkout", "revenue_per_user_eur"] == pytest.approx(12.0)


# --- per_user_p_value ----------------------------------------------------------------------


def test_the_per_user_p_value_is_scipys_with_the_continuity_correction(users):
    expected = chi2_contingency([[1, 3], [2, 3]])[1]
    assert per_user_p_value(user_conversion_by_variant(users)) == pytest.approx(expected)


def test_the_continuity_correction_matters_on_a_bigger_table():
    table = pd.DataFrame(
        {"users": [100, 100], "converters": [20, 32]}, index=["control", "new_checkout"]
    )
    expected = chi2_contingency([[20, 80], [32, 68]])[1]
    uncorrected = chi2_contingency([[20, 80], [32, 68]], correction=False)[1]
    assert expected != pytest.approx(uncorrected)
    assert per_user_p_value(table) == pytest.approx(expected)


# --- bootstrap_uplift_interval -------------------------------------------------------------


@pytest.fixture
def many_users():
    """60 users per variant, each with two views; 12 control and 18 new checkout converters."""
    rows = []
    for variant, prefix, converters in (("control", "c", 12), ("new_checkout", "n", 18)):
        for i in range(60):
            user = f"{prefix}{i}"
            rows += [view(user, variant), view(user, variant)]
            if i < converters:
                rows.append(order(user, 40.0, variant))
    return users_table(log(*rows))


def test_the_bootstrap_interval_is_repeatable_and_holds_the_estimate(many_users):
    low, high = bootstrap_uplift_interval(many_users, resamples=100, random_state=7)
    assert (low, high) == bootstrap_uplift_interval(many_users, resamples=100, random_state=7)
    assert low < relative_uplift(user_conversion_by_variant(many_users)) < high


def test_another_seed_gives_another_interval(many_users):
    assert bootstrap_uplift_interval(many_users, resamples=50, random_state=1) != (
        bootstrap_uplift_interval(many_users, resamples=50, random_state=2)
    )


def test_a_lower_level_gives_a_narrower_interval(many_users):
    low, high = bootstrap_uplift_interval(many_users, resamples=100, level=0.95, random_state=7)
    low50, high50 = bootstrap_uplift_interval(many_users, resamples=100, level=0.5, random_state=7)
    assert low < low50 < high50 < high


# --- inputs --------------------------------------------------------------------------------


def test_no_function_changes_what_it_is_given(many_users):
    events = log(
        view("b1", agent="python-requests/2.31.0"),
        view("u1", event_id=10), order("u1", 30.0, event_id=11), order("u1", 30.0, event_id=11),
        view("u2", "new_checkout", event_id=12),
    )
    before = events.copy()
    remove_bots(events)
    drop_duplicate_events(events)
    users_table(events)
    pd.testing.assert_frame_equal(events, before)
    users_before = many_users.copy()
    user_conversion_by_variant(many_users)
    bootstrap_uplift_interval(many_users, resamples=5)
    pd.testing.assert_frame_equal(many_users, users_before)
