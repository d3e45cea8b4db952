"""Unit tests on logs built by hand, plus a few properties checked on small seeded random logs."""

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

HUMAN = "Safari/17.5 (iPhone)"


def events(*rows):
    """A log from (event_id, user, variant, event, value[, agent]) tuples."""
    frame = pd.DataFrame(
        [
            {
                "event_id": row[0],
                "timestamp": pd.Timestamp("2026-03-05T08:00Z") + pd.Timedelta(minutes=i),
                "user_id": row[1],
                "session_id": f"{row[1]}-s",
                "variant": row[2],
                "event": row[3],
                "order_value_eur": row[4],
                "user_agent": row[5] if len(row) > 5 else HUMAN,
            }
            for i, row in enumerate(rows)
        ]
    )
    return frame


def random_log(seed, users=30):
    """A seeded log: each user 1-4 views and 0-2 orders, about 5 % of events sent twice."""
    rng = np.random.default_rng(seed)
    rows, next_id = [], 1
    for u in range(users):
        variant = "control" if rng.random() < 0.5 else "new_checkout"
        for event, count in (("checkout_view", rng.integers(1, 5)), ("order", rng.integers(0, 3))):
            for _ in range(count):
                value = float(rng.integers(10, 90)) if event == "order" else np.nan
                rows.append((next_id, f"u{u}", variant, event, value))
                if rng.random() < 0.05:
                    rows.append((next_id, f"u{u}", variant, event, value))
                next_id += 1
    return events(*rows)


# remove_bots


@pytest.mark.parametrize("bot", ["bingbot/2.0 (+http://www.bing.com/bingbot.htm)", "python-requests/2.31.0", "HeadlessChrome/126.0 (Linux)"])
def test_the_default_removes_crawlers_scripts_and_headless_browsers(bot):
    log = events((1, "b", "control", "checkout_view", np.nan, bot), (2, "u", "control", "checkout_view", np.nan))
    assert remove_bots(log)["user_id"].tolist() == ["u"]


def test_people_stay():
    agents = ["Chrome/126.0 (Windows)", "ShopApp/5.2 (iOS)", "Firefox/127.0 (Windows)", "Edge/126.0 (Windows)"]
    log = events(*[(i, f"u{i}", "control", "checkout_view", np.nan, a) for i, a in enumerate(agents)])
    assert len(remove_bots(log)) == 4


def test_markers_can_be_given():
    log = events((1, "b", "control", "checkout_view", np.nan, "Googlebot/2.1"), (2, "u", "control", "checkout_view", np.nan))
    assert remove_bots(log, markers=("googlebot",))["user_id"].tolist() == ["u"]
    assert len(remove_bots(log, markers=("nothing-like-it",))) == 2


# drop_duplicate_events


def test_two_copies_of_an_event_id_count_once():
    log = events((7, "u", "new_checkout", "order", 30.0), (7, "u", "new_checkout", "order", 30.0))
    assert drop_duplicate_events(log).index.tolist() == [0]


def test_two_views_of_one_user_with_different_ids_both_stay():
    log = events((1, "u", "control", "checkout_view", np.nan), (2, "u", "control", "checkout_view", np.nan),
                 (3, "u", "control", "order", 5.0), (4, "u", "control", "order", 5.0))
    assert drop_duplicate_events(log)["event_id"].tolist() == [1, 2, 3, 4]


@pytest.mark.parametrize("seed", range(5))
def test_property_each_event_id_once_and_every_id_kept(seed):
    log = random_log(seed)
    kept = drop_duplicate_events(log)
    assert kept["event_id"].is_unique
    assert set(kept["event_id"]) == set(log["event_id"])


# users_table


def test_three_views_two_orders_one_converted_row_with_both_orders():
    log = events(
        (1, "u", "control", "checkout_view", np.nan), (2, "u", "control", "order", 15.0),
        (3, "u", "control", "checkout_view", np.nan), (4, "u", "control", "checkout_view", np.nan),
        (5, "u", "control", "order", 35.0), (6, "w", "control", "checkout_view", np.nan),
    )
    users = users_table(log)
    assert len(users) == 2
    assert users.loc["u", ["variant", "views", "orders"]].tolist() == ["control", 3, 2]
    assert bool(users.loc["u", "converted"])
    assert users.loc["u", "revenue_eur"] == pytest.approx(50.0)


def test_a_user_who_only_looked():
    users = users_table(events((1, "w", "new_checkout", "checkout_view", np.nan), (2, "w", "new_checkout", "checkout_view", np.nan)))
    assert not bool(users.loc["w", "converted"])
    assert users.loc["w", "revenue_eur"] == 0.0
    assert users.loc["w", "views"] == 2


@pytest.mark.parametrize("seed", range(5))
def test_property_users_table_adds_up_to_the_log(seed):
    log = drop_duplicate_events(random_log(seed))
    users = users_table(log)
    assert users.index.is_unique and set(users.index) == set(log["user_id"])
    assert users["views"].sum() == (log["event"] == "checkout_view").sum()
    assert users["orders"].sum() == (log["event"] == "order").sum()
    assert users["revenue_eur"].sum() == pytest.approx(log["order_value_eur"].sum())
    assert (users["converted"] == (users["orders"] > 0)).all()
    assert not users["revenue_eur"].isna().any()


# user_conversion_by_variant and per_user_p_value


@pytest.fixture
def table():
    """Control: 2 users, 1 converter with 2 orders (10 + 30). New checkout: 4 users, 2 converters
    (20 and 60), one of them with three views."""
    log = events(
        (1, "c1", "control", "checkout_view", np.nan), (2, "c1", "control", "order", 10.0),
        (3, "c1", "control", "order", 30.0), (4, "c2", "control", "checkout_view", np.nan),
        (5, "n1", "new_checkout", "checkout_view", np.nan), (6, "n1", "new_checkout", "checkout_view", np.nan),
        (7, "n1", "new_checkout", "checkout_view", np.nan), (8, "n1", "new_checkout", "order", 20.0),
        (9, "n2", "new_checkout", "checkout_view", np.nan), (10, "n2", "new_checkout", "order", 60.0),
        (11, "n3", "new_checkout", "checkout_view", np.nan), (12, "n4", "new_checkout", "checkout_view", np.nan),
    )
    return user_conversion_by_variant(users_table(log))


def test_users_converters_and_conversion(table):
    assert table.loc["control", "users"] == 2 and table.loc["new_checkout", "users"] == 4
    assert table.loc["control", "converters"] == 1 and table.loc["new_checkout", "converters"] == 2
    assert table.loc["control", "conversion"] == pytest.approx(0.5)
    assert table.loc["new_checkout", "conversion"] == pytest.approx(0.5)


def test_revenue_per_user(table):
    assert table.loc["control", "revenue_eur"] == pytest.approx(40.0)
    assert table.loc["control", "revenue_per_user_eur"] == pytest.approx(20.0)
    assert table.loc["new_checkout", "revenue_per_user_eur"] == pytest.approx(20.0)


def test_per_user_p_value_is_scipys_with_yates():
    table = pd.DataFrame({"users": [80, 90], "converters": [12, 25]}, index=["control", "new_checkout"])
    assert per_user_p_value(table) == pytest.approx(chi2_contingency([[12, 68], [25, 65]])[1])
    assert per_user_p_value(table) != pytest.approx(chi2_contingency([[12, 68], [25, 65]], correction=False)[1])


# bootstrap_uplift_interval


@pytest.fixture
def users():
    rows = []
    for variant, converters in (("control", 15), ("new_checkout", 22)):
        for i in range(45):
            rows.append((f"{variant}{i}v", f"{variant}{i}", variant, "checkout_view", np.nan))
            if i < converters:
                rows.append((f"{variant}{i}o", f"{variant}{i}", variant, "order", 25.0))
    return users_table(events(*rows))


def test_the_interval_is_seeded_and_holds_the_estimate(users):
    first = bootstrap_uplift_interval(users, resamples=100, random_state=5)
    assert first == bootstrap_uplift_interval(users, resamples=100, random_state=5)
    assert first != bootstrap_uplift_interval(users, resamples=100, random_state=6)
    assert first[0] < relative_uplift(user_conversion_by_variant(users)) < first[1]


def test_the_interval_narrows_with_the_level(users):
    low, high = bootstrap_uplift_interval(users, resamples=100, level=0.95)
    low50, high50 = bootstrap_uplift_interval(users, resamples=100, level=0.5)
    assert low < low50 < high50 < high


# inputs


def test_nothing_changes_its_input(users):
    log = random_log(3)
    log_before, users_before = log.copy(), users.copy()
    remove_bots(log)
    drop_duplicate_events(log)
    users_table(log)
    user_conversion_by_variant(users)
    bootstrap_uplift_interval(users, resamples=10)
    pd.testing.assert_frame_equal(log, log_before)
    pd.testing.assert_frame_equal(users, users_before)
