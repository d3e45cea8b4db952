import pandas as pd
import pytest
from scipy.stats import chi2_contingency

from checkout_analysis import chi_squared_p_value, conversion_by_variant, relative_uplift


def test_views_orders_and_conversion(ab_log):
    table = conversion_by_variant(ab_log(10, 2, 10, 3))
    assert table.loc["control", "views"] == 10
    assert table.loc["control", "orders"] == 2
    assert table.loc["control", "conversion"] == pytest.approx(0.2)
    assert table.loc["new_checkout", "conversion"] == pytest.approx(0.3)


def test_revenue_and_revenue_per_view(ab_log):
    table = conversion_by_variant(ab_log(10, 2, 10, 3, value=20.0))
    assert table.loc["control", "revenue_eur"] == pytest.approx(40.0)
    assert table.loc["control", "revenue_per_view_eur"] == pytest.approx(4.0)
    assert table.loc["new_checkout", "revenue_per_view_eur"] == pytest.approx(6.0)


def test_conversion_by_variant_copies(ab_log):
    events = ab_log(3, 1, 3, 2)
    before = events.copy()
    conversion_by_variant(events)
    pd.testing.assert_frame_equal(events, before)


def test_uplift_plus_fifty_percent(ab_log):
    assert relative_uplift(conversion_by_variant(ab_log(10, 2, 10, 3))) == pytest.approx(0.5)


def test_p_value_with_continuity_correction(ab_log):
    table = conversion_by_variant(ab_log(30, 3, 30, 10))
    corrected = chi2_contingency([[3, 27], [10, 20]])[1]
    plain = chi2_contingency([[3, 27], [10, 20]], correction=False)[1]
    assert abs(corrected - plain) > 0.005
    assert chi_squared_p_value(table) == pytest.approx(corrected)
