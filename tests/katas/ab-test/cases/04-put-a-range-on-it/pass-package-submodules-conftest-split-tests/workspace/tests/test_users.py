import pandas as pd
import pytest
from scipy.stats import chi2_contingency

from checkout_analysis import (
    per_user_p_value,
    relative_uplift,
    user_conversion_by_variant,
    users_table,
)


def test_one_row_per_user(four_users):
    users = users_table(four_users)
    assert sorted(users.index) == ["ann", "bob", "cat", "dan"]
    assert users.loc["ann", "views"] == 3
    assert users.loc["ann", "orders"] == 2
    assert bool(users.loc["ann", "converted"]) and not bool(users.loc["bob", "converted"])
    assert users.loc["ann", "revenue_eur"] == pytest.approx(80.0)


def test_conversion_and_revenue_per_user(four_users):
    table = user_conversion_by_variant(users_table(four_users))
    assert table.loc["control", "users"] == 2
    assert table.loc["control", "converters"] == 1
    assert table.loc["control", "conversion"] == pytest.approx(0.5)
    assert table.loc["control", "revenue_per_user_eur"] == pytest.approx(40.0)
    assert table.loc["new_checkout", "revenue_per_user_eur"] == pytest.approx(10.0)


def test_relative_uplift(make_table):
    assert relative_uplift(make_table(control=(10, 2), new_checkout=(10, 3))) == pytest.approx(0.5)


def test_the_p_value_is_scipys_with_the_continuity_correction(make_table):
    table = make_table(control=(10, 2), new_checkout=(10, 3))
    assert per_user_p_value(table) == pytest.approx(chi2_contingency([[2, 8], [3, 7]])[1])


def test_counting_users_leaves_the_log_alone(four_users):
    before = four_users.copy()
    user_conversion_by_variant(users_table(four_users))
    pd.testing.assert_frame_equal(four_users, before)
