"""The checkout test's readout: read the log, clean it, count users (and, for comparison, views).

Each function takes a data frame and returns a new value; none changes the frame it is given.
"""

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


# Cleaning


def remove_bots(events: pd.DataFrame, markers=BOT_MARKERS) -> pd.DataFrame:
    """The events whose user agent contains none of `markers`, ignoring case."""
    if len(markers) == 0:
        return events[:]
    bot = re.compile("|".join(map(re.escape, markers)), flags=re.IGNORECASE)
    return events[[bot.search(agent) is None for agent in events["user_agent"].astype(str)]]


def drop_duplicate_events(events: pd.DataFrame) -> pd.DataFrame:
    """The log with each event_id once, the first of its copies."""
    seen = events.groupby("event_id", sort=False).cumcount()
    return events[seen.to_numpy() == 0]


# Per user


def _summary(group: pd.DataFrame) -> pd.Series:
    is_order = group["event"] == "order"
    return pd.Series(
        {
            "variant": group["variant"].iloc[0],
            "views": int((group["event"] == "checkout_view").sum()),
            "orders": int(is_order.sum()),
            "revenue_eur": float(group.loc[is_order, "order_value_eur"].sum()),
        }
    )


def users_table(events: pd.DataFrame) -> pd.DataFrame:
    """One row per user (index user_id): variant, views, orders, converted, revenue_eur."""
    users = events.groupby("user_id")[["variant", "event", "order_value_eur"]].apply(_summary)
    users = users.astype({"views": int, "orders": int, "revenue_eur": float})
    users["converted"] = users["orders"] > 0
    return users[["variant", "views", "orders", "converted", "revenue_eur"]]


def user_conversion_by_variant(users: pd.DataFrame) -> pd.DataFrame:
    """Per variant: users, converters, conversion, revenue_eur and revenue_per_user_eur."""
    table = users.groupby("variant")[["converted", "revenue_eur"]].apply(
        lambda group: pd.Series(
            {
                "users": len(group),
                "converters": int(group["converted"].sum()),
                "revenue_eur": float(group["revenue_eur"].sum()),
            }
        )
    )
    table = table.astype({"users": int, "converters": int, "revenue_eur": float})
    table["conversion"] = table["converters"] / table["users"]
    table["revenue_per_user_eur"] = table["revenue_eur"] / table["users"]
    return table


def per_user_p_value(table: pd.DataFrame, control=CONTROL, treatment=TREATMENT) -> float:
    """scipy's chi-squared p-value (with its continuity correction) of converters against the
    other users of each variant."""
    counts = table.loc[[control, treatment], ["converters", "users"]].to_numpy()
    return float(chi2_contingency(np.column_stack([counts[:, 0], counts[:, 1] - counts[:, 0]]))[1])


# Per view, kept for the comparison in the notebook


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


def chi_squared_p_value(table: pd.DataFrame, control=CONTROL, treatment=TREATMENT) -> float:
    """Per view: the chi-squared p-value of orders against views without an order."""
    counts = [
        [table.loc[name, "orders"], table.loc[name, "views"] - table.loc[name, "orders"]]
        for name in (control, treatment)
    ]
    return float(chi2_contingency(counts)[1])


# Either table


def relative_uplift(table: pd.DataFrame, control=CONTROL, treatment=TREATMENT) -> float:
    """How much higher the treatment's conversion is than the control's, as a fraction."""
    return float(table.loc[treatment, "conversion"] / table.loc[control, "conversion"] - 1)


def bootstrap_uplift_interval(
    users: pd.DataFrame, resamples: int = 200, level: float = 0.95, random_state=42
) -> tuple[float, float]:
    """The central `level` interval of the per-user uplift over `resamples` bootstrap resamples
    of the users table (as many users as there are, with replacement)."""
    rng = np.random.default_rng(random_state)
    slim = users[["variant", "converted", "revenue_eur"]]
    uplifts = []
    for _ in range(resamples):
        rows = rng.choice(len(slim), size=len(slim), replace=True)
        draw = slim.iloc[rows]
        per_variant = draw.groupby("variant")["converted"].mean()
        uplifts.append(per_variant[TREATMENT] / per_variant[CONTROL] - 1)
    tail = (1 - level) / 2 * 100
    low, high = np.percentile(uplifts, [tail, 100 - tail])
    return float(low), float(high)
