"""Unit tests of checkout_analysis on logs of a few lines built by hand."""

import pandas as pd
import pytest
from scipy.stats import chi2_contingency

import checkout_analysis as ca


# Cleaning


@pytest.mark.parametrize("agent", ["AhrefsBot/7.0", "python-requests/2.31.0", "HeadlessChrome/126.0_(Linux)"])
def test_default_markers_remove_each_kind_of_bot(build_log, agent):
    log = build_log(f"b1 C view agent={agent}", "u1 C view", "u2 N view agent=Safari/17.5_(iPhone)")
    assert ca.remove_bots(log)["user_id"].tolist() == ["u1", "u2"]


def test_markers_are_matched_literally_and_in_any_case(build_log):
    log = build_log("b1 C view agent=GOOGLEBOT", "u1 C view agent=Mozilla_(a.b)")
    assert ca.remove_bots(log, markers=("googlebot",))["user_id"].tolist() == ["u1"]
    assert ca.remove_bots(log, markers=("a.c",))["user_id"].tolist() == ["b1", "u1"]


def test_one_event_sent_twice_counts_once(build_log):
    log = build_log("u1 N view", "u1 N order 42 id=2", "u1 N order 42 id=2", "u2 N view")
    kept = ca.drop_duplicate_events(log)
    assert kept.index.tolist() == [0, 1, 3]


def test_different_events_of_one_user_all_stay(build_log):
    log = build_log("u1 C view", "u1 C view", "u1 C order 10", "u1 C view", "u1 C order 10")
    assert len(ca.drop_duplicate_events(log)) == 5


# Users


@pytest.fixture
def log(build_log):
    return build_log(
        "a C view", "a C view", "a C order 30", "a C view", "a C order 45",
        "b C view", "c C view", "c C view",
        "d N view", "d N order 25", "e N view", "e N view", "e N view",
    )


def test_three_views_two_orders_is_one_converted_user_with_both_orders(log):
    users = ca.users_table(log)
    assert users.loc["a"].to_dict() == {
        "variant": "control", "views": 3, "orders": 2, "converted": True, "revenue_eur": 75.0
    }


def test_a_user_who_only_looked_is_not_converted_and_has_zero_revenue(log):
    e = ca.users_table(log).loc["e"]
    assert (e["views"], e["orders"], bool(e["converted"]), e["revenue_eur"]) == (3, 0, False, 0.0)


def test_one_row_per_user(log):
    assert ca.users_table(log).index.tolist() == ["a", "b", "c", "d", "e"]


def test_users_converters_conversion_and_revenue_per_user(log):
    table = ca.user_conversion_by_variant(ca.users_table(log))
    assert table.loc["control", ["users", "converters"]].tolist() == [3, 1]
    assert table.loc["new_checkout", ["users", "converters"]].tolist() == [2, 1]
    assert table.loc["control", "conversion"] == pytest.approx(1 / 3)
    assert table.loc["new_checkout", "conversion"] == pytest.approx(1 / 2)
    assert table.loc["control", "revenue_per_user_eur"] == pytest.approx(25.0)
    assert table.loc["new_checkout", "revenue_per_user_eur"] == pytest.approx(12.5)


def test_per_user_p_value_is_scipys_with_the_correction():
    table = pd.DataFrame({"users": [200, 210], "converters": [30, 48]}, index=["control", "new_checkout"])
    assert ca.per_user_p_value(table) == pytest.approx(chi2_contingency([[30, 170], [48, 162]])[1])
    assert ca.per_user_p_value(table) != pytest.approx(
        chi2_contingency([[30, 170], [48, 162]], correction=False)[1]
    )


@pytest.fixture
def users(build_log):
    lines = []
    for variant, converters in (("C", 14), ("N", 20)):
        for i in range(50):
            lines.append(f"{variant}{i} {variant} view")
            if i < converters:
                lines.append(f"{variant}{i} {variant} order 20")
    return ca.users_table(build_log(*lines))


def test_bootstrap_is_seeded_and_holds_the_per_user_estimate(users):
    low, high = ca.bootstrap_uplift_interval(users, resamples=100, random_state=1)
    assert (low, high) == ca.bootstrap_uplift_interval(users, resamples=100, random_state=1)
    assert low < ca.relative_uplift(ca.user_conversion_by_variant(users)) < high


def test_bootstrap_level_sets_the_width(users):
    low, high = ca.bootstrap_uplift_interval(users, resamples=100, level=0.9, random_state=1)
    low50, high50 = ca.bootstrap_uplift_interval(users, resamples=100, level=0.5, random_state=1)
    assert low < low50 < high50 < high


def test_nothing_changes_its_input(log, users):
    log_before, users_before = log.copy(), users.copy()
    ca.remove_bots(log)
    ca.drop_duplicate_events(log)
    ca.users_table(log)
    ca.conversion_by_variant(log)
    ca.user_conversion_by_variant(users)
    ca.bootstrap_uplift_interval(users, resamples=5)
    pd.testing.assert_frame_equal(log, log_before)
    pd.testing.assert_frame_equal(users, users_before)


# Per view, kept for the comparison


def test_per_view_conversion_counts_orders_per_checkout_view(log):
    table = ca.conversion_by_variant(log)
    assert table.loc["control", ["views", "orders"]].tolist() == [6, 2]
    assert table.loc["control", "conversion"] == pytest.approx(2 / 6)
    assert table.loc["new_checkout", "revenue_per_view_eur"] == pytest.approx(25 / 4)


def test_per_view_p_value_is_scipys(log):
    table = ca.conversion_by_variant(log)
    assert ca.chi_squared_p_value(table) == pytest.approx(chi2_contingency([[2, 4], [1, 3]])[1])
