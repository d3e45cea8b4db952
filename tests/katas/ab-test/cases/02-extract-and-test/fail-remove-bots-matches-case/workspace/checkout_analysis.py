"""The logic of the checkout A/B readout, out of the notebook and under test."""

import numpy as np
import pandas as pd
from scipy import stats

VARIANTS = ["control", "new_checkout"]


def load_events(path):
    """The event log at `path`, with `timestamp` parsed as UTC datetimes."""
    events = pd.read_csv(path)
    events["timestamp"] = pd.to_datetime(events["timestamp"], utc=True)
    return events


def remove_bots(events, markers=("Googlebot",)):
    """The rows whose user agent contains none of `markers`, anywhere."""
    agents = events["user_agent"].fillna("")
    is_bot = pd.Series(False, index=events.index)
    for marker in markers:
        is_bot |= agents.str.contains(marker, regex=False)

    return events[~is_bot].copy()


def conversion_by_variant(events):
    """Views, orders, conversion (orders per view), revenue and revenue per view, per variant."""
    views = events[events["event"] == "checkout_view"].groupby("variant").size()
    order_rows = events[events["event"] == "order"]
    orders = order_rows.groupby("variant").size()
    revenue = order_rows.groupby("variant")["order_value_eur"].sum()
    variants = sorted(set(views.index) | set(orders.index))
    table = pd.DataFrame(
        {
            "views": views.reindex(variants, fill_value=0),
            "orders": orders.reindex(variants, fill_value=0),
        }
    )
    table["conversion"] = table["orders"] / table["views"]
    table["revenue_eur"] = revenue.reindex(variants, fill_value=0.0)
    table["revenue_per_view_eur"] = table["revenue_eur"] / table["views"]
    table.index.name = "variant"
    return table


def relative_uplift(table, control="control", treatment="new_checkout"):
    """The treatment's conversion over the control's, minus 1."""
    return float(table.loc[treatment, "conversion"] / table.loc[control, "conversion"] - 1)


def chi_squared_p_value(table, control="control", treatment="new_checkout"):
    """scipy's chi-squared p-value of orders against non-converting views (continuity-corrected)."""
    counts = [
        [table.loc[v, "orders"], table.loc[v, "views"] - table.loc[v, "orders"]]
        for v in (control, treatment)
    ]
    return float(stats.chi2_contingency(counts)[1])


def bootstrap_uplift_interval(events, resamples=200, level=0.95, random_state=42):
    """The central `level` interval of the relative uplift over resamples of the event rows."""
    rng = np.random.default_rng(random_state)
    boot = []
    for _ in range(resamples):
        s = events.sample(frac=1, replace=True, random_state=rng)
        boot.append(relative_uplift(conversion_by_variant(s)))
    low, high = np.percentile(boot, [50 - level * 50, 50 + level * 50])
    return float(low), float(high)
