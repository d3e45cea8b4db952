"""Functions for the checkout test's readout per user. None changes the frame it is given."""

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
    agents = events["user_agent"].str.casefold()
    hits = [agents.str.contains(m.casefold(), regex=False).to_numpy(dtype=bool) for m in markers]
    is_bot = np.logical_or.reduce(hits) if hits else np.zeros(len(events), dtype=bool)
    return events[~is_bot]


def drop_duplicate_events(events: pd.DataFrame) -> pd.DataFrame:
    """The log with each event_id once (the first of its copies)."""
    _, first = np.unique(events["event_id"].to_numpy(), return_index=True)
    return events.iloc[np.sort(first)]


def users_table(events: pd.DataFrame) -> pd.DataFrame:
    """One row per user, indexed by user_id (sorted): variant, views, orders, converted and
    revenue_eur (0.0 for a user without an order)."""
    codes, user_ids = pd.factorize(events["user_id"], sort=True)
    size = len(user_ids)
    event = events["event"].to_numpy()
    is_order = event == "order"
    values = np.where(is_order, np.nan_to_num(events["order_value_eur"].to_numpy(dtype=float)), 0.0)
    _, first_row = np.unique(codes, return_index=True)
    orders = np.bincount(codes, weights=is_order, minlength=size).astype(int)
    return pd.DataFrame(
        {
            "variant": events["variant"].to_numpy()[first_row],
            "views": np.bincount(codes, weights=event == "checkout_view", minlength=size).astype(int),
            "orders": orders,
            "converted": orders > 0,
            "revenue_eur": np.bincount(codes, weights=values, minlength=size),
        },
        index=pd.Index(user_ids, name="user_id"),
    )


def user_conversion_by_variant(users: pd.DataFrame) -> pd.DataFrame:
    """Per variant: users, converters, conversion, revenue_eur and revenue_per_user_eur."""
    grouped = users.groupby("variant")
    table = pd.DataFrame({"users": grouped.size(), "converters": grouped["converted"].sum().astype(int)})
    table["conversion"] = table["converters"] / table["users"]
    table["revenue_eur"] = grouped["revenue_eur"].sum()
    table["revenue_per_user_eur"] = table["revenue_eur"] / table["users"]
    return table


def relative_uplift(table: pd.DataFrame, control=CONTROL, treatment=TREATMENT) -> float:
    """How much higher the treatment's conversion is than the control's, as a fraction."""
    return float(table.at[treatment, "conversion"] / table.at[control, "conversion"] - 1)


def per_user_p_value(table: pd.DataFrame, control=CONTROL, treatment=TREATMENT) -> float:
    """The p-value of scipy's chi2_contingency on [[converters, users - converters]] per variant,
    with scipy's default continuity correction."""
    rows = table.loc[[control, treatment]]
    return float(chi2_contingency(np.array([rows["converters"], rows["users"] - rows["converters"]]).T).pvalue)


def bootstrap_uplift_interval(
    users: pd.DataFrame, resamples: int = 200, level: float = 0.95, random_state=42
) -> tuple[float, float]:
    """The central `level` interval of the per-user uplift over `resamples` resamples, each of as
    many users as there are, drawn with replacement."""
    rng = np.random.default_rng(random_state)
    n = len(users)
    uplifts = [
        relative_uplift(user_conversion_by_variant(users.iloc[rng.integers(0, n, size=n)]))
        for _ in range(resamples)
    ]
    tail = 100 * (1 - level) / 2
    return tuple(float(x) for x in np.percentile(uplifts, [tail, 100 - tail]))
