"""Functions behind the checkout A/B readout (analysis.ipynb)."""

import re

import numpy as np
import pandas as pd
from scipy.stats import chi2_contingency


def load_events(path):
    df = pd.read_csv(path)
    df["timestamp"] = pd.to_datetime(df["timestamp"], utc=True)
    return df


def remove_bots(events, markers=("Googlebot",)):
    pattern = "|".join(re.escape(m) for m in markers)
    bot = events["user_agent"].str.contains(pattern, case=False, regex=True, na=False)
    return events[~bot]


def conversion_by_variant(events):
    counts = events.pivot_table(
        index="variant", columns="event", values="event_id", aggfunc="count", fill_value=0
    ).reindex(columns=["checkout_view", "order"], fill_value=0)
    revenue = events[events["event"] == "order"].groupby("variant")["order_value_eur"].sum()
    out = pd.DataFrame(index=counts.index)
    out["views"] = counts["checkout_view"]
    out["orders"] = counts["order"]
    out["conversion"] = out["orders"] / out["views"]
    out["revenue_eur"] = revenue.reindex(out.index).fillna(0.0)
    out["revenue_per_view_eur"] = out["revenue_eur"] / out["views"]
    out.columns.name = None
    return out


def relative_uplift(table, control="control", treatment="new_checkout"):
    treated, base = table.loc[[treatment, control], "conversion"].to_numpy()
    return float(np.divide(treated, base) - 1)


def chi_squared_p_value(table, control="control", treatment="new_checkout"):
    counts = table.loc[[control, treatment], ["orders", "views"]].to_numpy()
    observed = np.column_stack([counts[:, 0], counts[:, 1] - counts[:, 0]])
    return float(chi2_contingency(observed)[1])


def bootstrap_uplift_interval(events, resamples=200, level=0.95, random_state=42):
    rng = np.random.default_rng(random_state)
    boot = []
    for _ in range(resamples):
        s = events.sample(frac=1, replace=True, random_state=rng)
        v = s[s["event"] == "checkout_view"].groupby("variant").size()
        o = s[s["event"] == "order"].groupby("variant").size()
        c = o / v
        boot.append(c["new_checkout"] / c["control"] - 1)
    edges = [50 - 50 * level, 50 + 50 * level]
    ci = np.percentile(boot, edges)
    return float(ci[0]), float(ci[1])
