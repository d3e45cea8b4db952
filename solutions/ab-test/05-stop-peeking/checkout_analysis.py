"""The checkout test's readout, as functions: read the log, clean it, count users, compare.

Each function takes a data frame and returns a new value; none changes the frame it is given.
Users were randomised, so users are what the readout counts: the log is cleaned (every bot out,
each event once), turned into one row per user, and the test and the intervals work on those rows.
The uplift's interval is computed two ways, by the normal approximation and by the bootstrap. The
decision to stop a test early follows a rule fixed before looking (`stopping_look`).
"""

from __future__ import annotations

from functools import lru_cache

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


def stopping_look(
    control_converters,
    control_users,
    treatment_converters,
    treatment_users,
    planned_looks: int,
    alpha: float = 0.05,
) -> np.ndarray:
    """For each experiment (row of the cumulative counts, one column per look so far), the first
    look at which |z| crosses an O'Brien-Fleming boundary, or -1.

    The boundary is c * sqrt(planned_looks / look number): strict at the first looks, close to the
    usual bar at the last, with c chosen so that an experiment with no effect crosses it at some
    look with probability `alpha`.
    """
    c0, n0, c1, n1 = (
        np.asarray(counts, dtype=float)
        for counts in (control_converters, control_users, treatment_converters, treatment_users)
    )
    pooled = (c0 + c1) / (n0 + n1)
    z = (c1 / n1 - c0 / n0) / np.sqrt(pooled * (1 - pooled) * (1 / n0 + 1 / n1))
    looks = np.arange(1, z.shape[1] + 1)
    boundary = _obrien_fleming_constant(planned_looks, alpha) * np.sqrt(planned_looks / looks)
    crossed = np.abs(z) >= boundary
    return np.where(crossed.any(axis=1), crossed.argmax(axis=1), -1)


@lru_cache
def _obrien_fleming_constant(planned_looks: int, alpha: float) -> float:
    """c such that max over looks of |S_k| / sqrt(planned_looks) exceeds c with probability alpha,
    S_k being a sum of k independent standard normal increments (equal looks, no effect)."""
    rng = np.random.default_rng(2026)
    paths = rng.standard_normal((100_000, planned_looks)).cumsum(axis=1)
    return float(np.quantile(np.abs(paths).max(axis=1) / np.sqrt(planned_looks), 1 - alpha))
