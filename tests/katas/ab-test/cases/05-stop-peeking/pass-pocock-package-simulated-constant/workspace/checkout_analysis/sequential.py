"""When may a test that is looked at every day stop? Pocock's rule: the same, stricter bar at
every planned look, set so that with no difference the bar is crossed at some look in a fraction
alpha of experiments."""

from functools import lru_cache

import numpy as np

WALKS = 100_000


def two_proportion_z(control_converters, control_users, treatment_converters, treatment_users):
    """The pooled two-proportion z, element by element (treatment minus control); 0 where the
    variants cannot differ (no users yet, or all or none converted in both)."""
    c0, n0, c1, n1 = (
        np.asarray(counts, dtype=float)
        for counts in (control_converters, control_users, treatment_converters, treatment_users)
    )
    pooled = (c0 + c1) / (n0 + n1)
    with np.errstate(divide="ignore", invalid="ignore"):
        z = (c1 / n1 - c0 / n0) / np.sqrt(pooled * (1 - pooled) * (1 / n0 + 1 / n1))
    return np.where(np.isfinite(z), z, 0.0)


@lru_cache(maxsize=64)
def pocock_constant(planned_looks: int, alpha: float) -> float:
    """Pocock's constant for `planned_looks` equally spaced looks: the 1 - alpha quantile of the
    largest |z| over the looks when nothing differs. Under no difference the z of look k is a
    random walk after k steps over the square root of k, so it is simulated from 100,000 walks
    with a fixed seed (28 looks at 5 %: about 2.72; at 1 %: about 3.27)."""
    rng = np.random.default_rng(1977)
    looks = int(planned_looks)
    walks = rng.standard_normal((WALKS, looks)).cumsum(axis=1)
    largest = np.abs(walks / np.sqrt(np.arange(1, looks + 1))).max(axis=1)
    return float(np.quantile(largest, 1 - alpha))


def stopping_look(
    control_converters,
    control_users,
    treatment_converters,
    treatment_users,
    planned_looks,
    alpha=0.05,
):
    """For each experiment (row of the 2-D cumulative counts), the first look (column, from 0)
    at which |z| reaches Pocock's constant for `planned_looks` and `alpha`, or -1 if none does.
    There may be fewer columns than planned looks: the test is still running."""
    z = two_proportion_z(control_converters, control_users, treatment_converters, treatment_users)
    crossed = np.abs(z) >= pocock_constant(int(planned_looks), float(alpha))
    return np.where(crossed.any(axis=1), crossed.argmax(axis=1), -1).astype(int)
