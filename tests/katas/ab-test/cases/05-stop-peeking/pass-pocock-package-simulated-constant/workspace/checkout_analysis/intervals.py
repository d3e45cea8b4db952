"""Intervals of the difference and of the uplift: normal approximation and bootstrap."""

import numpy as np
import pandas as pd
from scipy.stats import norm

from checkout_analysis.users import CONTROL, TREATMENT, relative_uplift, user_conversion_by_variant


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
    """The normal-approximation interval of the relative uplift, on the log of the ratio."""
    p1, n1, p0, n0 = _rates(table, control, treatment)
    log_ratio = np.log(p1 / p0)
    half_width = _two_sided_z(level) * np.sqrt((1 - p1) / (n1 * p1) + (1 - p0) / (n0 * p0))
    return float(np.expm1(log_ratio - half_width)), float(np.expm1(log_ratio + half_width))


def bootstrap_uplift_interval(
    users: pd.DataFrame, resamples: int = 200, level: float = 0.95, random_state=42
) -> tuple[float, float]:
    """The central `level` interval of the relative uplift over `resamples` bootstrap resamples
    of the users (drawn with replacement, as many as there are)."""
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
