"""Unit tests of checkout_analysis on logs written by hand as CSV text, read with load_events."""

import io

import pandas as pd
import pytest
from scipy.stats import chi2_contingency

from checkout_analysis import (
    bootstrap_uplift_interval,
    chi_squared_p_value,
    conversion_by_variant,
    drop_duplicate_events,
    load_events,
    per_user_p_value,
    relative_uplift,
    remove_bots,
    user_conversion_by_variant,
    users_table,
)

HEADER = "event_id,timestamp,user_id,session_id,variant,event,order_value_eur,user_agent\n"


def read(text):
    """A log from CSV lines (without the header), as load_events reads the export."""
    return load_events(io.StringIO(HEADER + "\n".join(line.strip() for line in text.strip().splitlines())))


def test_load_events_parses_timestamps_as_utc():
    events = read("1,2026-03-02T10:01:00Z,u1,s1,control,checkout_view,,Chrome/126.0 (Windows)")
    assert events["timestamp"].iloc[0] == pd.Timestamp("2026-03-02 10:01", tz="UTC")


BOTS = read(
    """
    1,2026-03-02T10:00:00Z,b1,s1,control,checkout_view,,AhrefsBot/7.0 (+http://ahrefs.com/robot/)
    2,2026-03-02T10:01:00Z,b2,s2,control,checkout_view,,python-requests/2.31.0
    3,2026-03-02T10:02:00Z,b3,s3,new_checkout,checkout_view,,HeadlessChrome/126.0 (Linux)
    4,2026-03-02T10:03:00Z,u1,s4,new_checkout,checkout_view,,Safari/17.5 (iPhone)
    5,2026-03-02T10:04:00Z,u2,s5,control,checkout_view,,ShopApp/5.2 (iOS)
    """
)


def test_by_default_a_crawler_a_script_and_a_headless_browser_go():
    assert remove_bots(BOTS)["user_id"].tolist() == ["u1", "u2"]


def test_given_markers_replace_the_default():
    assert remove_bots(BOTS, markers=("ahrefs",))["user_id"].tolist() == ["b2", "b3", "u1", "u2"]


DUPLICATED = read(
    """
    10,2026-03-11T09:00:00Z,u1,s1,new_checkout,checkout_view,,Chrome/126.0 (Android)
    11,2026-03-11T09:02:00Z,u1,s1,new_checkout,order,49.0,Chrome/126.0 (Android)
    11,2026-03-11T09:02:00Z,u1,s1,new_checkout,order,49.0,Chrome/126.0 (Android)
    12,2026-03-11T18:00:00Z,u1,s2,new_checkout,checkout_view,,Chrome/126.0 (Android)
    13,2026-03-11T18:01:00Z,u1,s2,new_checkout,order,49.0,Chrome/126.0 (Android)
    """
)


def test_an_event_id_stored_twice_counts_once():
    assert drop_duplicate_events(DUPLICATED)["event_id"].tolist() == [10, 11, 12, 13]


def test_two_views_and_two_orders_of_one_user_with_different_ids_all_stay():
    kept = drop_duplicate_events(DUPLICATED)
    assert (kept["event"] == "checkout_view").sum() == 2
    assert (kept["event"] == "order").sum() == 2


SHOP = read(
    """
    1,2026-03-03T08:00:00Z,c1,s1,control,checkout_view,,Chrome/126.0 (Windows)
    2,2026-03-03T08:05:00Z,c1,s1,control,order,25.0,Chrome/126.0 (Windows)
    3,2026-03-04T08:00:00Z,c1,s2,control,checkout_view,,Chrome/126.0 (Windows)
    4,2026-03-05T08:00:00Z,c1,s3,control,checkout_view,,Chrome/126.0 (Windows)
    5,2026-03-05T08:03:00Z,c1,s3,control,order,55.0,Chrome/126.0 (Windows)
    6,2026-03-03T09:00:00Z,c2,s4,control,checkout_view,,Safari/17.5 (Mac)
    7,2026-03-03T09:30:00Z,n1,s5,new_checkout,checkout_view,,Safari/17.5 (Mac)
    8,2026-03-03T09:31:00Z,n1,s5,new_checkout,order,30.0,Safari/17.5 (Mac)
    9,2026-03-03T10:00:00Z,n2,s6,new_checkout,checkout_view,,Edge/126.0 (Windows)
    10,2026-03-06T10:00:00Z,n2,s7,new_checkout,checkout_view,,Edge/126.0 (Windows)
    11,2026-03-03T11:00:00Z,n3,s8,new_checkout,checkout_view,,Edge/126.0 (Windows)
    """
)


def test_three_views_and_two_orders_are_one_converted_user():
    c1 = users_table(SHOP).loc["c1"]
    assert (c1["variant"], c1["views"], c1["orders"], bool(c1["converted"])) == ("control", 3, 2, True)
    assert c1["revenue_eur"] == pytest.approx(80.0)


def test_a_user_who_only_looked_is_not_converted_and_has_revenue_zero():
    n2 = users_table(SHOP).loc["n2"]
    assert (n2["views"], n2["orders"], bool(n2["converted"])) == (2, 0, False)
    assert n2["revenue_eur"] == 0.0


def test_one_row_per_user():
    assert sorted(users_table(SHOP).index) == ["c1", "c2", "n1", "n2", "n3"]


def test_users_converters_conversion_and_revenue_per_user():
    table = user_conversion_by_variant(users_table(SHOP))
    assert table.loc["control", "users"] == 2 and table.loc["new_checkout", "users"] == 3
    assert table.loc["control", "converters"] == 1 and table.loc["new_checkout", "converters"] == 1
    assert table.loc["control", "conversion"] == pytest.approx(0.5)
    assert table.loc["new_checkout", "conversion"] == pytest.approx(1 / 3)
    assert table.loc["control", "revenue_per_user_eur"] == pytest.approx(40.0)
    assert table.loc["new_checkout", "revenue_per_user_eur"] == pytest.approx(10.0)


def test_per_user_p_value_is_scipys_continuity_corrected_test():
    table = pd.DataFrame({"users": [90, 95], "converters": [15, 27]}, index=["control", "new_checkout"])
    expected = chi2_contingency([[15, 75], [27, 68]])[1]
    assert expected != pytest.approx(chi2_contingency([[15, 75], [27, 68]], correction=False)[1])
    assert per_user_p_value(table) == pytest.approx(expected)


def test_per_view_functions_still_count_views():
    table = conversion_by_variant(SHOP)
    assert table.loc["control", ["views", "orders"]].tolist() == [4, 2]
    assert chi_squared_p_value(table) == pytest.approx(chi2_contingency([[2, 2], [1, 3]])[1])


@pytest.fixture(scope="module")
def crowd():
    lines = []
    for variant, converters in (("control", 16), ("new_checkout", 24)):
        for i in range(70):
            user = f"{variant[0]}{i}"
            lines.append(f"{user}v,2026-03-07T10:00:00Z,{user},{user}s,{variant},checkout_view,,Chrome/126.0 (Windows)")
            if i < converters:
                lines.append(f"{user}o,2026-03-07T10:05:00Z,{user},{user}s,{variant},order,30.0,Chrome/126.0 (Windows)")
    return users_table(read("\n".join(lines)))


def test_the_bootstrap_draws_users_repeatably_around_the_estimate(crowd):
    low, high = bootstrap_uplift_interval(crowd, resamples=80, random_state=4)
    assert (low, high) == bootstrap_uplift_interval(crowd, resamples=80, random_state=4)
    assert low < relative_uplift(user_conversion_by_variant(crowd)) < high


def test_a_lower_level_is_a_narrower_interval(crowd):
    low, high = bootstrap_uplift_interval(crowd, resamples=80, level=0.95, random_state=4)
    low50, high50 = bootstrap_uplift_interval(crowd, resamples=80, level=0.5, random_state=4)
    assert low < low50 < high50 < high


def test_no_function_changes_what_it_is_given(crowd):
    frames = [BOTS, DUPLICATED, SHOP, crowd]
    copies = [frame.copy() for frame in frames]
    remove_bots(BOTS)
    drop_duplicate_events(DUPLICATED)
    users_table(SHOP)
    conversion_by_variant(SHOP)
    user_conversion_by_variant(crowd)
    bootstrap_uplift_interval(crowd, resamples=5)
    for frame, copy in zip(frames, copies):
        pd.testing.assert_frame_equal(frame, copy)
