"""The checkout test's readout per user, as functions. None changes the frame it is given."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from scipy.stats import chi2_contingency

CONTROL = "control"
TREATMENT = "new_checkout"
BOT_MARKERS = ("bot", "python-requests", "headless")


def load_events(path) -> pd.DataFrame:
    """The event log at `path`, with `timestamp` parsed as UTC datetimes."""
    events = pd.read_csv(path)
    events["timestamp"] = pd.to_datetime(events["timestamp"], utc=True)
    return events


def remove_bots(events: pd.DataFrame, markers=BOT_MARKERS) -> pd.DataFrame:
    """The events whose user agent contains none of `markers`, ignoring case."""
    if not markers:
        return events.copy()
    pattern = "|".join(re.escape(marker) for marker in markers)
    is_bot = events["user_agent"].str.contains(pattern, case=False, regex=True, na=False)
    return events[~is_bot]


def drop_duplicate_events(events: pd.DataFrame) -> pd.DataFrame:
    """Each event_id once (the first copy); every distinct event stays."""
    return events[~events.duplicated(subset="event_id", keep="first")]


def users_table(events: pd.DataFrame) -> pd.DataFrame:
    """One row per user, indexed by user_id: variant, views, orders, converted, revenue_eur."""
    orders = events[events["event"] == "order"].groupby("user_id")
    users = pd.DataFrame(
        {
            "variant": events.groupby("user_id")["variant"].first(),
            "views": (events["event"] == "checkout_view").groupby(events["user_id"]).sum(),
            "orders": orders.size(),
            "revenue_eur": orders["order_value_eur"].sum(),
        }
    )
    users = users.fillna({"orders": 0, "revenue_eur": 0.0})
    users["views"] = users["views"].astype(int)
    users["orders"] = users["orders"].astype(int)
    users["converted"] = users["orders"].gt(0)
    users.index.name = "user_id"
    return users[["variant", "views", "orders", "converted", "revenue_eur"]]


def user_conversion_by_variant(users: pd.DataFrame) -> pd.DataFrame:
    """Per variant: users, converters, conversion, revenue_eur and revenue_per_user_eur."""
    table = users.groupby("variant").agg(
        users=("variant", "size"), converters=("converted", "sum"), revenue_eur=("revenue_eur", "sum")
    )
    table["converters"] = table["converters"].astype(int)
    table["conversion"] = table["converters"] / table["users"]
    table["revenue_per_user_eur"] = table["revenue_eur"] / table["users"]
    return table


def relative_uplift(table: pd.DataFrame, control=CONTROL, treatment=TREATMENT) -> float:
    """How much higher the treatment's conversion is than the control's, as a fraction."""
    return float(table.loc[treatment, "conversion"] / table.loc[control, "conversion"] - 1)


def per_user_p_value(table: pd.DataFrame, control=CONTROL, treatment=TREATMENT) -> float:
    """scipy's chi-squared p-value (Yates-corrected) of [[converters, users - converters]]."""
    observed = np.array(
        [[table.loc[v, "converters"], table.loc[v, "users"] - table.loc[v, "converters"]] for v in (control, treatment)]
    )
    return float(chi2_contingency(observed)[1])


def bootstrap_uplift_interval(
    users: pd.DataFrame, resamples: int = 200, level: float = 0.95, random_state=42
) -> tuple[float, float]:
    """The central `level` interval of the per-user uplift over `resamples` resamples, each
    drawing as many users as there are, with replacement (by position in the users table)."""
    rng = np.random.default_rng(random_state)
    is_treatment = (users["variant"] == TREATMENT).to_numpy()
    converted = users["converted"].to_numpy().astype(bool)
    n = len(users)
    # one column of user positions per resample
    picks = rng.integers(0, n, size=(n, resamples))
    in_treatment = is_treatment[picks]
    bought = converted[picks]
    treated = in_treatment.sum(axis=0)
    treated_converters = (in_treatment & bought).sum(axis=0)
    control_converters = (~in_treatment & bought).sum(axis=0)
    uplifts = (treated_converters / treated) / (control_converters / (n - treated)) - 1
    tail = (1 - level) / 2
    low, high = np.quantile(uplifts, [tail, 1 - tail])
    return float(low), float(high)
