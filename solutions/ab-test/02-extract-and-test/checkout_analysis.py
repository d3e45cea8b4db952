"""The checkout test's readout, as functions: read the log, drop bots, count, compare.

Each function takes a data frame and returns a new value; none changes the frame it is given.
The analysis is still Noor's, per checkout view, with her bot filter as the default: the later
stages question it, and their tests will say exactly what changed.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.stats import chi2_contingency

CONTROL = "control"
TREATMENT = "new_checkout"


def load_events(path) -> pd.DataFrame:
    """The event log at `path`, with `timestamp` parsed as UTC datetimes."""
    events = pd.read_csv(path)
    events["timestamp"] = pd.to_datetime(events["timestamp"], utc=True)
    return events


def remove_bots(events: pd.DataFrame, markers=("Googlebot",)) -> pd.DataFrame:
    """The events whose user agent contains none of `markers`, ignoring case."""
    agents = events["user_agent"].str.lower()
    is_bot = pd.Series(False, index=events.index)
    for marker in markers:
        is_bot |= agents.str.contains(marker.lower(), regex=False)
    return events[~is_bot]


def conversion_by_variant(events: pd.DataFrame) -> pd.DataFrame:
    """Per variant: checkout views, orders, orders per view, revenue and revenue per view."""
    views = events[events["event"] == "checkout_view"].groupby("variant").size()
    orders = events[events["event"] == "order"]
    table = pd.DataFrame(
        {
            "views": views,
            "orders": orders.groupby("variant").size(),
            "revenue_eur": orders.groupby("variant")["order_value_eur"].sum(),
        }
    ).fillna({"orders": 0, "revenue_eur": 0.0})
    table["orders"] = table["orders"].astype(int)
    table["conversion"] = table["orders"] / table["views"]
    table["revenue_per_view_eur"] = table["revenue_eur"] / table["views"]
    return table


def relative_uplift(table: pd.DataFrame, control=CONTROL, treatment=TREATMENT) -> float:
    """How much higher the treatment's conversion is than the control's, as a fraction."""
    return float(table.loc[treatment, "conversion"] / table.loc[control, "conversion"] - 1)


def chi_squared_p_value(table: pd.DataFrame, control=CONTROL, treatment=TREATMENT) -> float:
    """The p-value of a chi-squared test of orders against views without an order (scipy's
    default, with Yates' continuity correction)."""
    counts = [
        [table.loc[name, "orders"], table.loc[name, "views"] - table.loc[name, "orders"]]
        for name in (control, treatment)
    ]
    return float(chi2_contingency(counts)[1])


def bootstrap_uplift_interval(
    events: pd.DataFrame, resamples: int = 200, level: float = 0.95, random_state=42
) -> tuple[float, float]:
    """The central `level` interval of the relative uplift over `resamples` bootstrap resamples
    of the event rows (drawn with replacement, as many as there are)."""
    rng = np.random.default_rng(random_state)
    uplifts = [
        relative_uplift(conversion_by_variant(events.sample(frac=1, replace=True, random_state=rng)))
        for _ in range(resamples)
    ]
    tail = (1 - level) / 2 * 100
    low, high = np.percentile(uplifts, [tail, 100 - tail])
    return float(low), float(high)
