"""The bootstrap of the relative uplift over users."""

import numpy as np
import pandas as pd

from checkout_analysis.users import relative_uplift, user_conversion_by_variant


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
