"""The checkout test's readout per user: read the log, clean it, one row per user, compare.

No function changes the frame it is given.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.stats import chi2_contingency

CONTROL = "control"
TREATMENT = "new_checkout"
VARIANTS = (CONTROL, TREATMENT)
BOT_MARKERS = ("bot", "python-requests", "headless")


def load_events(path) -> pd.DataFrame:
    """The event log at `path`, with `timestamp` parsed as UTC datetimes."""
    events = pd.read_csv(path)
    events["timestamp"] = pd.to_datetime(events["timestamp"], utc=True)
    return events


def remove_bots(events: pd.DataFrame, markers=BOT_MARKERS) -> pd.DataFrame:
    """The events whose user agent contains none of `markers`, ignoring case."""
    agents = events["user_agent"].str.lower()
    keep = np.ones(len(events), dtype=bool)
    for marker in markers:
        keep &= ~agents.str.contains(marker.lower(), regex=False).to_numpy()
    return events.loc[keep]


def drop_duplicate_events(events: pd.DataFrame) -> pd.DataFrame:
    """Each event_id once, the first of its copies; distinct events all stay."""
    return events.loc[~events["event_id"].duplicated(keep="first")]


def users_table(events: pd.DataFrame) -> pd.DataFrame:
    """One row per user (index user_id): variant, views, orders, converted, revenue_eur."""
    counts = events.pivot_table(
        index="user_id", columns="event", values="event_id", aggfunc="count", fill_value=0
    ).reindex(columns=["checkout_view", "order"], fill_value=0)
    orders = events[events["event"] == "order"]
    revenue = orders.pivot_table(index="user_id", values="order_value_eur", aggfunc="sum")
    variant = events.drop_duplicates("user_id").set_index("user_id")["variant"]
    users = pd.DataFrame(
        {
            "variant": variant,
            "views": counts["checkout_view"].astype(int),
            "orders": counts["order"].astype(int),
        }
    )
    users["converted"] = users["orders"] > 0
    revenue_eur = revenue["order_value_eur"] if "order_value_eur" in revenue else pd.Series(dtype=float)
    users["revenue_eur"] = revenue_eur.reindex(users.index).fillna(0.0).astype(float)
    users.index.name = "user_id"
    return users


def user_conversion_by_variant(users: pd.DataFrame) -> pd.DataFrame:
    """Per variant: users, converters, conversion, revenue_eur, revenue_per_user_eur."""
    cross = pd.crosstab(users["variant"], users["converted"]).reindex(columns=[False, True], fill_value=0)
    table = pd.DataFrame(
        {
            "users": cross.sum(axis=1),
            "converters": cross[True],
            "revenue_eur": users.groupby("variant")["revenue_eur"].sum(),
        }
    )
    table.index.name = "variant"
    table["conversion"] = table["converters"] / table["users"]
    table["revenue_per_user_eur"] = table["revenue_eur"] / table["users"]
    return table


def relative_uplift(table: pd.DataFrame, control=CONTROL, treatment=TREATMENT) -> float:
    """How much higher the treatment's conversion is than the control's, as a fraction."""
    return float(table.loc[treatment, "conversion"] / table.loc[control, "conversion"] - 1)


def per_user_p_value(table: pd.DataFrame, control=CONTROL, treatment=TREATMENT) -> float:
    """scipy's chi-squared p-value (with Yates' correction) of converters against the others."""
    converters = table.loc[[control, treatment], "converters"].to_numpy()
    others = table.loc[[control, treatment], "users"].to_numpy() - converters
    return float(chi2_contingency(np.column_stack([converters, others]))[1])


def bootstrap_uplift_interval(
    users: pd.DataFrame, resamples: int = 200, level: float = 0.95, random_state=42
) -> tuple[float, float]:
    """The central `level` interval of the per-user uplift over `resamples` resamples of the
    users, each as many as there are, drawn with replacement."""
    rng = np.random.default_rng(random_state)
    uplifts = []
    for _ in range(resamples):
        draw = users.sample(n=len(users), replace=True, random_state=rng)
        uplifts.append(relative_uplift(user_conversion_by_variant(draw)))
    alpha = 1 - level
    low, high = np.quantile(uplifts, [alpha / 2, 1 - alpha / 2])
    return float(low), float(high)
