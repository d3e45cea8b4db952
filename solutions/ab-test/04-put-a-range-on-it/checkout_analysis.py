"""The checkout test's readout, as functions: read the log, clean it, count users, compare.

Each function takes a data frame and returns a new value; none changes the frame it is given.
Users were randomised, so users are what the readout counts: the log is cleaned (every bot out,
each event once), turned into one row per user, and the test and the intervals work on those rows.
The uplift's interval is computed two ways, by the normal approximation and by the bootstrap.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.stats import chi2_contingency, norm

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
    """The log with each event_id once: the collector sometimes sends an event twice."""
    return events.drop_duplicates(subset="event_id", keep="first")


def users_table(events: pd.DataFrame) -> pd.DataFrame:
    """One row per user: variant, checkout views, orders, converted and revenue."""
    is_view = events["event"] == "checkout_view"
    is_order = events["event"] == "order"
    per_user = events.assign(
        views=is_view.astype(int),
        orders=is_order.astype(int),
        revenue_eur=events["order_value_eur"].where(is_order, 0.0).fillna(0.0),
    ).groupby("user_id")
    users = per_user.agg(
        variant=("variant", "first"),
        views=("views", "sum"),
        orders=("orders", "sum"),
        revenue_eur=("revenue_eur", "sum"),
    )
    users["converted"] = users["orders"] > 0
    return users[["variant", "views", "orders", "converted", "revenue_eur"]]


def user_conversion_by_variant(users: pd.DataFrame) -> pd.DataFrame:
    """Per variant: users, users who converted, converters per user, revenue and revenue per user."""
    table = users.groupby("variant").agg(
        users=("converted", "size"),
        converters=("converted", "sum"),
        revenue_eur=("revenue_eur", "sum"),
    )
    table["converters"] = table["converters"].astype(int)
    table["conversion"] = table["converters"] / table["users"]
    table["revenue_per_user_eur"] = table["revenue_eur"] / table["users"]
    return table


def relative_uplift(table: pd.DataFrame, control=CONTROL, treatment=TREATMENT) -> float:
    """How much higher the treatment's conversion is than the control's, as a fraction."""
    return float(table.loc[treatment, "conversion"] / table.loc[control, "conversion"] - 1)


def per_user_p_value(table: pd.DataFrame, control=CONTROL, treatment=TREATMENT) -> float:
    """The p-value of a chi-squared test of converters against the other users (scipy's default,
    with Yates' continuity correction)."""
    counts = [
        [table.loc[name, "converters"], table.loc[name, "users"] - table.loc[name, "converters"]]
        for name in (control, treatment)
    ]
    return float(chi2_contingency(counts)[1])


def _two_sided_z(level: float) -> float:
    return float(norm.ppf(1 - (1 - level) / 2))


def _rates(table: pd.DataFrame, control: str, treatment: str):
    """(p1, n1, p0, n0): the treatment's conversion and users, then the control's."""
    return tuple(
        float(table.loc[name, column])
        for name in (treatment, control)
        for column in ("conversion", "users")
    )


def difference_interval(
    table: pd.DataFrame, level: float = 0.95, control=CONTROL, treatment=TREATMENT
) -> tuple[float, float]:
    """The normal-approximation interval of the treatment's conversion minus the control's, with
    each variant's own variance (not pooled)."""
    p1, n1, p0, n0 = _rates(table, control, treatment)
    half_width = _two_sided_z(level) * np.sqrt(p1 * (1 - p1) / n1 + p0 * (1 - p0) / n0)
    return p1 - p0 - half_width, p1 - p0 + half_width


def uplift_interval(
    table: pd.DataFrame, level: float = 0.95, control=CONTROL, treatment=TREATMENT
) -> tuple[float, float]:
    """The normal-approximation interval of the relative uplift, built on the log of the ratio of
    the two conversions (so it is lopsided, as a ratio's uncertainty is)."""
    p1, n1, p0, n0 = _rates(table, control, treatment)
    log_ratio = np.log(p1 / p0)
    half_width = _two_sided_z(level) * np.sqrt((1 - p1) / (n1 * p1) + (1 - p0) / (n0 * p0))
    return float(np.expm1(log_ratio - half_width)), float(np.expm1(log_ratio + half_width))


def bootstrap_uplift_interval(
    users: pd.DataFrame, resamples: int = 200, level: float = 0.95, random_state=42
) -> tuple[float, float]:
    """The central `level` interval of the relative uplift over `resamples` bootstrap resamples
    of the users (drawn with replacement, as many as there are).

    Each resample takes the rows that `users.sample(frac=1, replace=True, random_state=rng)` would
    take, and counts them in numpy arrays: the same interval, to the last digit, as a loop of
    pandas group-bys, in a hundredth of the time."""
    rng = np.random.default_rng(random_state)
    converted = users["converted"].to_numpy(dtype=bool)
    treated = (users["variant"] == TREATMENT).to_numpy()
    in_control = (users["variant"] == CONTROL).to_numpy()
    uplifts = []
    for _ in range(resamples):
        rows = rng.choice(len(users), size=len(users), replace=True)
        drawn = converted[rows]
        uplifts.append(_conversion(drawn[treated[rows]]) / _conversion(drawn[in_control[rows]]) - 1)
    tail = (1 - level) / 2 * 100
    low, high = np.percentile(uplifts, [tail, 100 - tail])
    return float(low), float(high)


def _conversion(converted: np.ndarray) -> float:
    return converted.sum() / converted.size
