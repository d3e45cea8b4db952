"""Unit tests of checkout_analysis on event logs built by hand, a few rows each."""

import pandas as pd
import pytest
from scipy.stats import chi2_contingency
from statsmodels.stats.proportion import confint_proportions_2indep

from checkout_analysis import (
    bootstrap_uplift_interval,
    difference_interval,
    drop_duplicate_events,
    load_events,
    per_user_p_value,
    relative_uplift,
    remove_bots,
    uplift_interval,
    user_conversion_by_variant,
    users_table,
)

PERSON = "Chrome/126.0 (Windows)"


def log(*rows):
    """An event log from (user, variant, event, order value) rows, one event id per row."""
    return pd.DataFrame(
        [
            {
                "event_id": number,
                "timestamp": f"2026-03-02T10:{number:02d}:00Z",
                "user_id": user,
                "session_id": f"s{number:06d}",
                "variant": variant,
                "event": event,
                "order_value_eur": value,
                "user_agent": PERSON,
            }
            for number, (user, variant, event, value) in enumerate(rows, start=1)
        ]
    )


def visits(user, variant, views, *order_values):
    """A user's checkout views and orders."""
    return [(user, variant, "checkout_view", float("nan"))] * views + [
        (user, variant, "order", value) for value in order_values
    ]


@pytest.fixture
def four_users():
    """Control: ann (3 views, orders of 30 and 50 EUR) and bob (1 view);
    new checkout: cat (2 views, one order of 20 EUR) and dan (1 view)."""
    return log(
        *visits("ann", "control", 3, 30.0, 50.0),
        *visits("bob", "control", 1),
        *visits("cat", "new_checkout", 2, 20.0),
        *visits("dan", "new_checkout", 1),
    )


def users_with(conversions):
    """A users table from {variant: (users, converters)}, built with users_table."""
    rows = []
    for variant, (count, converters) in conversions.items():
        for number in range(count):
            values = (40.0,) if number < converters else ()
            rows += visits(f"{variant}-{number}", variant, 1, *values)
    return users_table(log(*rows))


def test_load_events_parses_timestamps_as_utc(tmp_path):
    path = tmp_path / "events.csv"
    log(*visits("ann", "control", 2)).to_csv(path, index=False)
    events = load_events(path)
    assert str(events["timestamp"].dt.tz) == "UTC"
    assert events["timestamp"].iloc[0] == pd.Timestamp("2026-03-02 10:01", tz="UTC")


@pytest.mark.parametrize(
    "agent",
    [
        "Mozilla/5.0 (compatible; Googlebot/2.1)",
        "bingbot/2.0",
        "AhrefsBot/7.0",
        "python-requests/2.31.0",
        "HeadlessChrome/126.0 (Linux)",
    ],
)
def test_remove_bots_drops_every_kind_of_bot_by_default(agent):
    events = log(*visits("ann", "control", 2)).assign(user_agent=[agent, PERSON])
    assert list(remove_bots(events)["user_agent"]) == [PERSON]


def test_remove_bots_takes_other_markers_in_any_case():
    events = log(*visits("ann", "control", 2)).assign(
        user_agent=["Mozilla (SpecialCrawler)", PERSON]
    )
    assert list(remove_bots(events, markers=("specialcrawler",))["user_agent"]) == [PERSON]


def test_an_event_stored_twice_counts_once():
    events = log(*visits("ann", "control", 1, 30.0))
    twice = pd.concat([events, events.iloc[[1]]], ignore_index=True)
    kept = drop_duplicate_events(twice)
    assert sorted(kept["event_id"]) == [1, 2]


def test_different_events_of_one_user_all_stay(four_users):
    assert len(drop_duplicate_events(four_users)) == len(four_users)


def test_users_table_has_one_row_per_user(four_users):
    users = users_table(four_users)
    assert sorted(users.index) == ["ann", "bob", "cat", "dan"]
    assert users.loc["ann", "variant"] == "control"
    assert users.loc["ann", "views"] == 3
    assert users.loc["ann", "orders"] == 2


def test_a_user_who_orders_twice_is_one_converted_user(four_users):
    users = users_table(four_users)
    assert bool(users.loc["ann", "converted"]) is True
    assert users.loc["ann", "revenue_eur"] == pytest.approx(80.0)
    assert bool(users.loc["bob", "converted"]) is False
    assert users.loc["bob", "revenue_eur"] == 0.0


def test_user_conversion_counts_converters_per_user(four_users):
    table = user_conversion_by_variant(users_table(four_users))
    assert table.loc["control", "users"] == 2
    assert table.loc["control", "converters"] == 1
    assert table.loc["control", "conversion"] == pytest.approx(0.5)
    assert table.loc["new_checkout", "conversion"] == pytest.approx(0.5)


def test_revenue_per_user_divides_by_every_user(four_users):
    table = user_conversion_by_variant(users_table(four_users))
    assert table.loc["control", "revenue_eur"] == pytest.approx(80.0)
    assert table.loc["control", "revenue_per_user_eur"] == pytest.approx(40.0)
    assert table.loc["new_checkout", "revenue_per_user_eur"] == pytest.approx(10.0)


def test_relative_uplift_of_conversion_per_user():
    table = user_conversion_by_variant(users_with({"control": (10, 2), "new_checkout": (10, 3)}))
    assert relative_uplift(table) == pytest.approx(0.5)


def test_the_p_value_is_scipys_on_users_with_the_continuity_correction():
    table = user_conversion_by_variant(users_with({"control": (10, 2), "new_checkout": (10, 3)}))
    expected = chi2_contingency([[2, 8], [3, 7]])[1]
    assert per_user_p_value(table) == pytest.approx(expected)
    assert expected != pytest.approx(chi2_contingency([[2, 8], [3, 7]], correction=False)[1])


@pytest.fixture
def sixty_users():
    return users_with({"control": (60, 12), "new_checkout": (60, 15)})


def test_the_bootstrap_interval_is_repeatable_and_holds_the_estimate(sixty_users):
    low, high = bootstrap_uplift_interval(sixty_users, resamples=30, random_state=7)
    assert (low, high) == bootstrap_uplift_interval(sixty_users, resamples=30, random_state=7)
    assert low < relative_uplift(user_conversion_by_variant(sixty_users)) < high


def test_a_lower_level_gives_a_narrower_interval(sixty_users):
    low, high = bootstrap_uplift_interval(sixty_users, resamples=30, level=0.95, random_state=7)
    low50, high50 = bootstrap_uplift_interval(sixty_users, resamples=30, level=0.5, random_state=7)
    assert low < low50 < high50 < high


def test_no_function_changes_the_log_it_is_given(four_users):
    before = four_users.copy()
    remove_bots(four_users)
    drop_duplicate_events(four_users)
    users_table(four_users)
    pd.testing.assert_frame_equal(four_users, before)


def test_no_function_changes_the_users_table_it_is_given(sixty_users):
    before = sixty_users.copy()
    user_conversion_by_variant(sixty_users)
    bootstrap_uplift_interval(sixty_users, resamples=5)
    pd.testing.assert_frame_equal(sixty_users, before)


def conversion_table(conversions):
    """A per-user conversion table from {variant: (users, converters)}."""
    return user_conversion_by_variant(users_with(conversions))


@pytest.fixture
def twenty_and_thirty():
    """Control: 20 of 100 users converted; new checkout: 30 of 100 (README, step 1)."""
    return conversion_table({"control": (100, 20), "new_checkout": (100, 30)})


def test_the_difference_interval_worked_out_by_hand(twenty_and_thirty):
    low, high = difference_interval(twenty_and_thirty)
    assert low == pytest.approx(0.1 - 1.959964 * 0.0037**0.5)
    assert high == pytest.approx(0.1 + 1.959964 * 0.0037**0.5)


@pytest.mark.parametrize("level", [0.95, 0.8])
def test_the_difference_interval_is_statsmodels_wald_interval(level):
    table = conversion_table({"control": (300, 60), "new_checkout": (100, 30)})
    expected = confint_proportions_2indep(
        30, 100, 60, 300, method="wald", compare="diff", alpha=1 - level
    )
    assert difference_interval(table, level=level) == pytest.approx(expected)


def test_a_lower_level_gives_a_narrower_difference_interval(twenty_and_thirty):
    low, high = difference_interval(twenty_and_thirty, level=0.95)
    low80, high80 = difference_interval(twenty_and_thirty, level=0.8)
    assert low < low80 < high80 < high


def test_the_difference_interval_mirrors_when_the_variants_swap(twenty_and_thirty):
    low, high = difference_interval(twenty_and_thirty)
    swapped = difference_interval(twenty_and_thirty, control="new_checkout", treatment="control")
    assert swapped == pytest.approx((-high, -low))


@pytest.mark.parametrize("level", [0.95, 0.8])
def test_the_uplift_interval_is_statsmodels_log_ratio_interval(level):
    table = conversion_table({"control": (300, 60), "new_checkout": (100, 30)})
    low, high = confint_proportions_2indep(
        30, 100, 60, 300, method="log", compare="ratio", alpha=1 - level
    )
    assert uplift_interval(table, level=level) == pytest.approx((low - 1, high - 1))


def test_the_uplift_interval_reaches_further_up_than_down(twenty_and_thirty):
    low, high = uplift_interval(twenty_and_thirty)
    assert high - 0.5 > 0.5 - low > 0


def test_no_interval_changes_the_table_it_is_given(twenty_and_thirty):
    before = twenty_and_thirty.copy()
    difference_interval(twenty_and_thirty)
    uplift_interval(twenty_and_thirty)
    pd.testing.assert_frame_equal(twenty_and_thirty, before)
