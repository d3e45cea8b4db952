"""Noor's readout, computed the way the start notebook computes it.

The generator uses it as the analyst's evening check (which decided when the test stopped), and the
checks use it to tell whether a learner's notebook still says what Noor sent. It is the per-event
analysis the later stages take apart, on purpose: bots other than Googlebot and the duplicated rows
stay in, and every checkout view counts as a trial.
"""

from __future__ import annotations

import pandas as pd
from scipy.stats import chi2_contingency

VARIANTS = ("control", "new_checkout")


def readout(events: pd.DataFrame) -> dict:
    """Views, orders, conversion per view, uplift, chi-squared p-value and revenue per view."""
    kept = events[~events["user_agent"].str.contains("Googlebot")]
    views = kept[kept["event"] == "checkout_view"].groupby("variant").size()
    orders = kept[kept["event"] == "order"].groupby("variant").size()
    revenue = kept[kept["event"] == "order"].groupby("variant")["order_value_eur"].sum()
    conversion = orders / views
    table = [[orders[name], views[name] - orders[name]] for name in VARIANTS]
    return {
        "views": {name: int(views[name]) for name in VARIANTS},
        "orders": {name: int(orders[name]) for name in VARIANTS},
        "conversion": {name: float(conversion[name]) for name in VARIANTS},
        "uplift": float(conversion["new_checkout"] / conversion["control"] - 1),
        "p_value": float(chi2_contingency(table)[1]),
        "revenue_per_view_eur": {name: float(revenue[name] / views[name]) for name in VARIANTS},
    }
