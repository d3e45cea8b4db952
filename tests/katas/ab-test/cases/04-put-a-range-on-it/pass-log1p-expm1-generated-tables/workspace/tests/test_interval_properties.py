"""Properties of the two intervals over many generated tables, without a property-testing
library: a seeded generator draws 150 pairs of variants of any size and rate, each checked against
statsmodels and against the properties every interval must have."""

import numpy as np
import pandas as pd
import pytest
from statsmodels.stats.proportion import confint_proportions_2indep

from checkout_analysis import difference_interval, relative_uplift, uplift_interval


def table_of(x0, n0, x1, n1):
    """A per-variant table with the columns user_conversion_by_variant gives."""
    table = pd.DataFrame(
        {"users": [n0, n1], "converters": [x0, x1], "revenue_eur": [0.0, 0.0]},
        index=pd.Index(["control", "new_checkout"], name="variant"),
    )
    table["conversion"] = table["converters"] / table["users"]
    table["revenue_per_user_eur"] = 0.0
    return table


def generated(count=150, seed=20260315):
    rng = np.random.default_rng(seed)
    for _ in range(count):
        n0, n1 = rng.integers(20, 20_000, size=2)
        x0 = int(rng.integers(1, n0))
        x1 = int(rng.integers(1, n1))
        level = float(rng.choice([0.5, 0.8, 0.9, 0.95, 0.99]))
        yield int(x0), int(n0), int(x1), int(n1), level


CASES = list(generated())


def test_the_difference_interval_is_statsmodels_wald_on_every_table():
    for x0, n0, x1, n1, level in CASES:
        expected = confint_proportions_2indep(
            x1, n1, x0, n0, method="wald", compare="diff", alpha=1 - level
        )
        actual = difference_interval(table_of(x0, n0, x1, n1), level=level)
        assert actual == pytest.approx(expected, rel=1e-9, abs=1e-12), (x0, n0, x1, n1, level)


def test_the_uplift_interval_is_statsmodels_log_ratio_on_every_table():
    for x0, n0, x1, n1, level in CASES:
        low, high = confint_proportions_2indep(
            x1, n1, x0, n0, method="log", compare="ratio", alpha=1 - level
        )
        actual = uplift_interval(table_of(x0, n0, x1, n1), level=level)
        assert actual == pytest.approx((low - 1, high - 1), rel=1e-9, abs=1e-12), (
            x0, n0, x1, n1, level,
        )


def test_a_lower_level_is_nested_inside_a_higher_one():
    for x0, n0, x1, n1, level in CASES:
        table = table_of(x0, n0, x1, n1)
        for interval in (difference_interval, uplift_interval):
            low, high = interval(table, level=0.95)
            low_in, high_in = interval(table, level=0.8)
            assert low < low_in < high_in < high


def test_swapping_the_variants_mirrors_the_difference_and_inverts_the_ratio():
    for x0, n0, x1, n1, _ in CASES:
        table = table_of(x0, n0, x1, n1)
        low, high = difference_interval(table)
        assert difference_interval(table, control="new_checkout", treatment="control") == (
            pytest.approx((-high, -low), abs=1e-12)
        )
        low, high = uplift_interval(table)
        assert uplift_interval(table, control="new_checkout", treatment="control") == (
            pytest.approx((1 / (1 + high) - 1, 1 / (1 + low) - 1), rel=1e-9)
        )


def test_the_uplift_interval_is_lopsided_and_above_minus_one():
    for x0, n0, x1, n1, _ in CASES:
        table = table_of(x0, n0, x1, n1)
        low, high = uplift_interval(table)
        estimate = relative_uplift(table)
        assert -1 < low < estimate < high
        assert (high - estimate) / (estimate - low) > 1 + 1e-6


def test_the_table_is_left_as_it_was():
    for x0, n0, x1, n1, level in CASES[:20]:
        table = table_of(x0, n0, x1, n1)
        before = table.copy()
        difference_interval(table, level=level)
        uplift_interval(table, level=level, control="new_checkout", treatment="control")
        pd.testing.assert_frame_equal(table, before)
