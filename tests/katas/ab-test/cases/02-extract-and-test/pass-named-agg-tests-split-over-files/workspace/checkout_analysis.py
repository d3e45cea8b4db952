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
    """The rows whose user agent contains none of `markers`, ignoring case, anywhere."""
    agents = events["user_agent"].fillna("").str.lower()
    hits = [agents.str.contains(m.lower(), regex=False).to_numpy() for m in markers]
    is_bot = np.logical_or.reduce(hits) if hits else np.zeros(len(events), dtype=bool)
    return events.loc[~is_bot].reset_index(drop=True)


def conversion_by_variant(events):
    """Views, orders, conversion (orders per view), revenue and revenue per view, per variant."""
    flagged = events.assign(
        is_view=events["event"].eq("checkout_view"),
        is_order=events["event"].eq("order"),
        order_value=events["order_value_eur"].where(events["event"].eq("order")),
    )
    table = flagged.groupby("variant").agg(
        views=("is_view", "sum"),
        orders=("is_order", "sum"),
        revenue_eur=("order_value", "sum"),
    )
    return table.assign(
        conversion=table["orders"] / table["views"],
        revenue_per_view_eur=table["revenue_eur"] / table["views"],
    )[["views", "orders", "conversion", "revenue_eur", "revenue_per_view_eur"]]



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
