"""The two normal-approximation intervals, on tables built by hand."""

import pandas as pd
import pytest
from statsmodels.stats.proportion import confint_proportions_2indep

from checkout_analysis import difference_interval, relative_uplift, uplift_interval

#  control (users, converters), new_checkout (users, converters)
TABLES = {
    "step 1": ((100, 20), (100, 30)),
    "unequal sizes": ((400, 40), (50, 20)),
    "treatment worse": ((250, 100), (80, 12)),
}


@pytest.fixture(params=sorted(TABLES))
def counts(request):
    return TABLES[request.param]


@pytest.fixture
def table(make_table, counts):
    control, treatment = counts
    return make_table(control=control, new_checkout=treatment)


def statsmodels_interval(counts, level, **how):
    (n0, x0), (n1, x1) = counts
    return confint_proportions_2indep(x1, n1, x0, n0, alpha=1 - level, **how)


def test_step_1_worked_out_by_hand(make_table):
    table = make_table(control=(100, 20), new_checkout=(100, 30))
    low, high = difference_interval(table)
    assert (round(low, 3), round(high, 3)) == (-0.019, 0.219)


@pytest.mark.parametrize("level", [0.99, 0.95, 0.8])
def test_the_difference_interval_is_statsmodels_wald(table, counts, level):
    expected = statsmodels_interval(counts, level, method="wald", compare="diff")
    assert difference_interval(table, level=level) == pytest.approx(expected, rel=1e-9)


@pytest.mark.parametrize("level", [0.99, 0.95, 0.8])
def test_the_uplift_interval_is_statsmodels_log_ratio(table, counts, level):
    low, high = statsmodels_interval(counts, level, method="log", compare="ratio")
    assert uplift_interval(table, level=level) == pytest.approx((low - 1, high - 1), rel=1e-9)


@pytest.mark.parametrize("interval", [difference_interval, uplift_interval])
def test_80_percent_is_inside_95_percent(table, interval):
    low95, high95 = interval(table)
    low80, high80 = interval(table, level=0.8)
    assert low95 < low80 < high80 < high95


def test_swapping_the_variants_mirrors_the_difference(table):
    low, high = difference_interval(table)
    assert difference_interval(table, control="new_checkout", treatment="control") == pytest.approx(
        (-high, -low)
    )


def test_the_uplift_reaches_further_up_than_down(table):
    low, high = uplift_interval(table)
    estimate = relative_uplift(table)
    assert high - estimate > 1.05 * (estimate - low)


@pytest.mark.parametrize("interval", [difference_interval, uplift_interval])
def test_the_table_is_untouched(table, interval):
    before = table.copy()
    interval(table, level=0.9, control="new_checkout", treatment="control")
    pd.testing.assert_frame_equal(table, before)
