"""Normal-approximation intervals of the difference in conversion and of the relative uplift.

p1, n1 are the treatment's conversion and users, p0, n0 the control's; z is the two-sided normal
quantile of the level (1.96 at 95 %).
"""

import math

import pandas as pd
from scipy.stats import norm

from checkout_analysis.users import CONTROL, TREATMENT


def _two_sided_z(level: float) -> float:
    return float(norm.isf((1 - level) / 2))


def _conversion_and_users(table: pd.DataFrame, variant: str) -> tuple[float, int]:
    users = int(table.loc[variant, "users"])
    return int(table.loc[variant, "converters"]) / users, users


def difference_interval(
    table: pd.DataFrame, level: float = 0.95, control=CONTROL, treatment=TREATMENT
) -> tuple[float, float]:
    """p1 - p0 +- z * sqrt(p1(1 - p1)/n1 + p0(1 - p0)/n0), each variant its own p."""
    p1, n1 = _conversion_and_users(table, treatment)
    p0, n0 = _conversion_and_users(table, control)
    margin = _two_sided_z(level) * math.sqrt(p1 * (1 - p1) / n1 + p0 * (1 - p0) / n0)
    return p1 - p0 - margin, p1 - p0 + margin


def uplift_interval(
    table: pd.DataFrame, level: float = 0.95, control=CONTROL, treatment=TREATMENT
) -> tuple[float, float]:
    """exp(log(p1/p0) +- z * sqrt((1 - p1)/(n1 p1) + (1 - p0)/(n0 p0))) - 1."""
    p1, n1 = _conversion_and_users(table, treatment)
    p0, n0 = _conversion_and_users(table, control)
    margin = _two_sided_z(level) * math.sqrt((1 - p1) / (n1 * p1) + (1 - p0) / (n0 * p0))
    log_ratio = math.log(p1) - math.log(p0)
    return math.exp(log_ratio - margin) - 1, math.exp(log_ratio + margin) - 1
