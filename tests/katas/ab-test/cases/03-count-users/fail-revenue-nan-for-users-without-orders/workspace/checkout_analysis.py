"""The checkout test's readout, as functions: read the log, clean it, count users, compare.

Each function takes a data frame and returns a new value; none changes the frame it is given.
"""

from __future__ import annotations

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
    agents = events["user_agent"].str.lower()
    is_bot = pd.Series(False, index=events.index)
    for marker in markers:
        is_bot |= agents.str.contains(marker.lower(), regex=False)
    return events[~is_bot]


def drop_duplicate_events(events: pd.DataFrame) -> pd.DataFrame:
    """The log with each event_id once: the first of its copies."""
    return events.drop_duplicates(subset="event_id", keep="first")


def users_table(events: pd.DataFrame) -> pd.DataFrame:
    """One row per user: variant, checkout views, orders, converted, revenue."""
    by_user = events.groupby("user_id")
    orders = events[events["event"] == "order"].groupby("user_id")
    users = pd.DataFrame(
        {
            "variant": by_user["variant"].first(),
            "views": (events["event"] == "checkout_view").groupby(events["user_id"]).sum(),
            "orders": (events["event"] == "order").groupby(events["user_id"]).sum(),
        }
    )
    users["converted"] = users["orders"] > 0
    users = users.join(orders["order_value_eur"].sum().rename("revenue_eur"))
    return users


def user_conversion_by_variant(users: pd.DataFrame) -> pd.DataFrame:
    """Per variant: users, converters, converters per user, revenue and revenue per user."""
    table = users.groupby("variant").agg(
        users=("converted", "size"),
        converters=("converted", "sum"),
        revenue_eur=("revenue_eur", "sum"),
    )
    table["converters"] = table["converters"].astype(int)
    table["conversion"] = table["converters"] / table["users"]
    table["revenue_per_user_eur"] = table["revenue_eur"] / table["users"]
    return table


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
    """Per view: chi-squared test of orders against views without an order (with Yates)."""
    counts = [
        [table.loc[name, "orders"], table.loc[name, "views"] - table.loc[name, "orders"]]
        for name in (control, treatment)
    ]
    return float(chi2_contingency(counts)[1])


def per_user_p_value(table: pd.DataFrame, control=CONTROL, treatment=TREATMENT) -> float:
    """Chi-squared test of converters against the other users (scipy's default, with Yates)."""
    counts = [
        [table.loc[name, "converters"], table.loc[name, "users"] - table.loc[name, "converters"]]
        for name in (control, treatment)
    ]
    return float(chi2_contingency(counts)[1])


def bootstrap_uplift_interval(
    users: pd.DataFrame, resamples: int = 200, level: float = 0.95, random_state=42
) -> tuple[float, float]:
    """The central `level` interval of the relative uplift of the conversion per user over
    `resamples` bootstrap resamples of the users (drawn with replacement, as many as there are)."""
    rng = np.random.default_rng(random_state)
    uplifts = [
        relative_uplift(
            user_conversion_by_variant(users.sample(frac=1, replace=True, random_state=rng))
        )
        for _ in range(resamples)
    ]
    tail = (1 - level) / 2 * 100
    low, high = np.percentile(uplifts, [tail, 100 - tail])
    return float(low), float(high)
