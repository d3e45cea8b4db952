"""Golden master: the readout, digit for digit.

Since stage 2 the logic lives in checkout_analysis, so the readout is rebuilt from its functions
here, the way the notebook calls them, without running the notebook (faster, no matplotlib).
"""

from pathlib import Path

import pytest

from checkout_analysis import (
    bootstrap_uplift_interval,
    chi_squared_p_value,
    conversion_by_variant,
    load_events,
    relative_uplift,
    remove_bots,
)

DATA = Path(__file__).resolve().parents[2] / "data" / "checkout_events.csv"


@pytest.fixture(scope="module")
def results():
    events = remove_bots(load_events(DATA))
    table = conversion_by_variant(events)
    days = events["timestamp"].dt.date
    significant = [
        d for d in sorted(days.unique())
        if chi_squared_p_value(conversion_by_variant(events[days <= d])) < 0.05
    ]
    ci = bootstrap_uplift_interval(events)
    return {
        "views": {v: int(n) for v, n in table["views"].items()},
        "orders": {v: int(n) for v, n in table["orders"].items()},
        "conversion": {v: float(c) for v, c in table["conversion"].items()},
        "uplift": relative_uplift(table),
        "p_value": chi_squared_p_value(table),
        "uplift_ci": [float(ci[0]), float(ci[1])],
        "significant_since": str(min(significant)),
        "revenue_per_view_eur": {v: float(r) for v, r in table["revenue_per_view_eur"].items()},
    }


def test_the_same_events_are_counted(results):
    assert results["views"] == {"control": 7568, "new_checkout": 7839}
    assert results["orders"] == {"control": 799, "new_checkout": 915}


def test_the_conversion_and_its_test_are_unchanged(results):
    assert results["conversion"] == pytest.approx(
        {"control": 0.10557610993657505, "new_checkout": 0.11672407194795255}
    )
    assert results["uplift"] == pytest.approx(0.10559171026546288)
    assert results["p_value"] == pytest.approx(0.029677769925809915)


def test_the_bootstrap_interval_is_unchanged(results):
    assert results["uplift_ci"] == pytest.approx([0.008707862931338855, 0.2207031655272037])


def test_the_day_it_turned_significant_is_unchanged(results):
    assert results["significant_since"] == "2026-03-14"


def test_the_revenue_per_view_is_unchanged(results):
    assert results["revenue_per_view_eur"] == pytest.approx(
        {"control": 5.88905787526427, "new_checkout": 6.5174563082025765}
    )
