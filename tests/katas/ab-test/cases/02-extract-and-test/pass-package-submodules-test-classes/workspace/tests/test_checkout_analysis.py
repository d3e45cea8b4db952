import math

import pandas as pd
import pytest
from scipy.stats import chi2_contingency

from checkout_analysis import (
    bootstrap_uplift_interval,
    chi_squared_p_value,
    conversion_by_variant,
    load_events,
    relative_uplift,
    remove_bots,
)

HUMAN = "Safari/17.5 (iPhone)"


def make_log(rows):
    """rows: (variant, event, value, agent); ids, users, sessions and times are made up."""
    frame = pd.DataFrame(rows, columns=["variant", "event", "order_value_eur", "user_agent"])
    n = len(frame)
    frame.insert(0, "event_id", range(1, n + 1))
    frame.insert(1, "timestamp", pd.date_range("2026-03-02", periods=n, freq="min", tz="UTC"))
    frame.insert(2, "user_id", [f"u{i}" for i in range(n)])
    frame.insert(3, "session_id", [f"s{i}" for i in range(n)])
    return frame


def experiment(views_c, orders_c, views_t, orders_t, value=25.0):
    rows = (
        [("control", "checkout_view", None, HUMAN)] * views_c
        + [("control", "order", value, HUMAN)] * orders_c
        + [("new_checkout", "checkout_view", None, HUMAN)] * views_t
        + [("new_checkout", "order", value, HUMAN)] * orders_t
    )
    return make_log(rows)


class TestLoadEvents:
    def test_timestamps_are_utc(self, tmp_path):
        csv = tmp_path / "log.csv"
        experiment(1, 1, 1, 0).to_csv(csv, index=False)
        loaded = load_events(csv)
        assert isinstance(loaded["timestamp"].dtype, pd.DatetimeTZDtype)
        assert str(loaded["timestamp"].dt.tz) == "UTC"


class TestRemoveBots:
    def agents(self, *agents):
        return make_log([("control", "checkout_view", None, a) for a in agents])

    def test_marker_in_the_middle_is_a_bot(self):
        log = self.agents("Mozilla/5.0 (compatible; Googlebot/2.1)", HUMAN)
        assert list(remove_bots(log)["user_agent"]) == [HUMAN]

    def test_marker_in_lower_case_is_a_bot(self):
        log = self.agents("googlebot-image/1.0", HUMAN)
        assert list(remove_bots(log)["user_agent"]) == [HUMAN]

    def test_each_of_several_markers_counts(self):
        log = self.agents("bingbot/2.0", "python-requests/2.31", HUMAN)
        assert list(remove_bots(log, markers=("BingBot", "python-requests"))["user_agent"]) == [HUMAN]

    def test_the_given_log_is_untouched(self):
        log = self.agents("Googlebot/2.1", HUMAN)
        copy = log.copy()
        remove_bots(log)
        pd.testing.assert_frame_equal(log, copy)


class TestConversionByVariant:
    @pytest.fixture
    def table(self):
        # control: 2 orders in 10 views; new_checkout: 3 orders in 10 views, 25 EUR each
        return conversion_by_variant(experiment(10, 2, 10, 3))

    def test_counts(self, table):
        assert table.loc["control", "views"] == 10
        assert table.loc["new_checkout", "orders"] == 3

    def test_conversion_is_per_view(self, table):
        assert math.isclose(table.loc["control", "conversion"], 0.2)
        assert math.isclose(table.loc["new_checkout", "conversion"], 0.3)

    def test_revenue(self, table):
        assert math.isclose(table.loc["control", "revenue_eur"], 50.0)

    def test_revenue_per_view(self, table):
        assert math.isclose(table.loc["control", "revenue_per_view_eur"], 5.0)
        assert math.isclose(table.loc["new_checkout", "revenue_per_view_eur"], 7.5)

    def test_the_given_log_is_untouched(self):
        log = experiment(3, 1, 3, 1)
        copy = log.copy()
        conversion_by_variant(log)
        pd.testing.assert_frame_equal(log, copy)


class TestRelativeUplift:
    def test_a_third_more_orders_per_view(self):
        table = conversion_by_variant(experiment(10, 2, 10, 3))
        assert math.isclose(relative_uplift(table), 0.5)

    def test_a_worse_treatment_is_negative(self):
        table = conversion_by_variant(experiment(10, 4, 10, 2))
        assert math.isclose(relative_uplift(table), -0.5)


class TestChiSquared:
    def test_matches_scipy_with_yates(self):
        table = conversion_by_variant(experiment(50, 5, 50, 14))
        counts = [[5, 45], [14, 36]]
        assert math.isclose(chi_squared_p_value(table), chi2_contingency(counts)[1])
        assert not math.isclose(
            chi_squared_p_value(table), chi2_contingency(counts, correction=False)[1]
        )


class TestBootstrap:
    @pytest.fixture
    def log(self):
        return experiment(80, 16, 80, 24)

    def test_repeatable(self, log):
        assert bootstrap_uplift_interval(log, 60, random_state=3) == bootstrap_uplift_interval(
            log, 60, random_state=3
        )

    def test_contains_the_estimate(self, log):
        low, high = bootstrap_uplift_interval(log, 60)
        assert low <= 0.5 <= high

    def test_narrower_at_a_lower_level(self, log):
        wide = bootstrap_uplift_interval(log, 60, level=0.9)
        narrow = bootstrap_uplift_interval(log, 60, level=0.5)
        assert wide[1] - wide[0] > narrow[1] - narrow[0]

    def test_the_given_log_is_untouched(self, log):
        copy = log.copy()
        bootstrap_uplift_interval(log, 5)
        pd.testing.assert_frame_equal(log, copy)
