import numpy as np
import pandas as pd
from scipy import stats

VIEW, ORDER = "checkout_view", "order"


def load_events(path):
    """Load the checkout event log, with timestamps as tz-aware UTC datetimes."""
    raw = pd.read_csv(path, dtype={"user_id": str, "session_id": str})
    return raw.assign(timestamp=pd.to_datetime(raw["timestamp"], utc=True))


def remove_bots(events, markers=("Googlebot",)):
    """Keep only the rows whose user agent contains none of the markers (case-insensitive)."""
    agents = events["user_agent"].astype(str).str.casefold()
    keep = np.ones(len(events), dtype=bool)
    for marker in markers:
        keep &= ~agents.str.contains(marker.casefold(), regex=False).to_numpy()
    return events.iloc[keep].copy()


def conversion_by_variant(events):
    """One row per variant: views, orders, conversion, revenue_eur, revenue_per_view_eur."""
    counts = pd.crosstab(events["variant"], events["event"])
    counts = counts.reindex(columns=[VIEW, ORDER], fill_value=0)
    revenue = events.loc[events["event"] == ORDER].groupby("variant")["order_value_eur"].sum()
    result = pd.DataFrame(
        {"views": counts[VIEW], "orders": counts[ORDER]}, index=counts.index
    )
    result["conversion"] = result["orders"] / result["views"]
    result["revenue_eur"] = revenue.reindex(result.index, fill_value=0.0)
    result["revenue_per_view_eur"] = result["revenue_eur"] / result["views"]
    result.index.name = "variant"
    return result


def relative_uplift(table, control="control", treatment="new_checkout"):
    return float(table.at[treatment, "conversion"] / table.at[control, "conversion"] - 1)


def chi_squared_p_value(table, control="control", treatment="new_checkout"):
    two = table.loc[[control, treatment]]
    contingency = pd.DataFrame({"ordered": two["orders"], "did_not": two["views"] - two["orders"]})
    return float(stats.chi2_contingency(contingency).pvalue)


def bootstrap_uplift_interval(events, resamples=200, level=0.95, random_state=42):
    rng = np.random.default_rng(random_state)
    uplifts = np.empty(resamples)
    for i in range(resamples):
        resample = events.sample(n=len(events), replace=True, random_state=rng)
        uplifts[i] = relative_uplift(conversion_by_variant(resample))
    width = 100 * level
    low, high = np.percentile(uplifts, [(100 - width) / 2, (100 + width) / 2])

    return float(low), float(high)
