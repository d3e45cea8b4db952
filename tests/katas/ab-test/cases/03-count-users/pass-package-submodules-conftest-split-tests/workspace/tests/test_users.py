"""users_table and user_conversion_by_variant."""

import pandas as pd
import pytest

from checkout_analysis import relative_uplift, user_conversion_by_variant, users_table


def test_three_views_and_two_orders_are_one_converted_row(shoppers):
    a = users_table(shoppers).loc["a"]
    assert (a["variant"], a["views"], a["orders"]) == ("control", 3, 2)
    assert a["converted"] == True  # noqa: E712 (a numpy bool)
    assert a["revenue_eur"] == pytest.approx(40.0)


def test_a_user_who_only_looked_has_not_converted_and_brought_zero(shoppers):
    d = users_table(shoppers).loc["d"]
    assert (d["views"], d["orders"]) == (2, 0)
    assert d["converted"] == False  # noqa: E712
    assert d["revenue_eur"] == 0.0


def test_every_user_is_one_row(shoppers):
    users = users_table(shoppers)
    assert sorted(users.index) == list("abcdefg")
    assert users.index.name == "user_id"


def test_users_table_leaves_the_log_as_it_was(shoppers):
    before = shoppers.copy()
    users_table(shoppers)
    pd.testing.assert_frame_equal(shoppers, before)


@pytest.fixture
def table(shoppers):
    return user_conversion_by_variant(users_table(shoppers))


def test_users_and_converters_per_variant(table):
    assert table.loc["control", ["users", "converters"]].tolist() == [3, 2]
    assert table.loc["new_checkout", ["users", "converters"]].tolist() == [4, 1]


def test_conversion_is_converters_per_user(table):
    assert table.loc["control", "conversion"] == pytest.approx(2 / 3)
    assert table.loc["new_checkout", "conversion"] == pytest.approx(1 / 4)
    assert relative_uplift(table) == pytest.approx((1 / 4) / (2 / 3) - 1)


def test_revenue_per_user_divides_by_all_users(table):
    assert table.loc["control", "revenue_eur"] == pytest.approx(100.0)
    assert table.loc["control", "revenue_per_user_eur"] == pytest.approx(100.0 / 3)
    assert table.loc["new_checkout", "revenue_per_user_eur"] == pytest.approx(10.0)


def test_the_conversion_leaves_the_users_as_they_were(crowd):
    before = crowd.copy()
    user_conversion_by_variant(crowd)
    pd.testing.assert_frame_equal(crowd, before)
