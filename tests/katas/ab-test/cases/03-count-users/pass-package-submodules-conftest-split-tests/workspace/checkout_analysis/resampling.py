"""The bootstrap interval, drawing users."""

import numpy as np
import pandas as pd

from checkout_analysis.testing import relative_uplift
from checkout_analysis.users import user_conversion_by_variant


def bootstrap_uplift_interval(
    users: pd.DataFrame, resamples: int = 200, level: float = 0.95, random_state=42
) -> tuple[float, float]:
    """The central `level` interval of the relative uplift per user over `resamples` draws of
    as many users as there are, with replacement."""
    rng = np.random.default_rng(random_state)
    uplifts = np.array(
        [
            relative_uplift(user_conversion_by_variant(users.sample(frac=1, replace=True, random_state=rng)))
            for _ in range(resamples)
        ]
    )
    tail = 50 * (1 - level)
    return float(np.percentile(uplifts, tail)), float(np.percentile(uplifts, 100 - tail))
