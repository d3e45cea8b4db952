"""Simulated experiments whose truth is known, shaped like the kata's test, for the checks of a
decision rule: cumulative counts per variant and per evening, many experiments at once.

The numbers follow the kata's log: about 336 new users per variant each evening, 15.7 % of them
converting in control, 28 planned evenings.
"""

from __future__ import annotations

import numpy as np

PLANNED_LOOKS = 28
DAILY_USERS = 336
BASE_CONVERSION = 0.157


def experiments(uplift: float, count: int, seed: int, looks: int = PLANNED_LOOKS):
    """(control converters, control users, treatment converters, treatment users), each an int
    array of shape (count, looks): cumulative counts at each evening, with the given true relative
    uplift of the treatment's conversion."""
    rng = np.random.default_rng(seed)
    users = rng.poisson(DAILY_USERS, size=(2, count, looks))
    rates = np.array([BASE_CONVERSION, BASE_CONVERSION * (1 + uplift)]).reshape(2, 1, 1)
    converters = rng.binomial(users, rates)
    (n0, n1), (c0, c1) = users.cumsum(axis=2), converters.cumsum(axis=2)
    return c0, n0, c1, n1


def z_statistics(c0, n0, c1, n1) -> np.ndarray:
    """The pooled two-proportion z statistic at every look, treatment minus control."""
    pooled = (c0 + c1) / (n0 + n1)
    return (c1 / n1 - c0 / n0) / np.sqrt(pooled * (1 - pooled) * (1 / n0 + 1 / n1))


def first_crossing(z: np.ndarray, boundary) -> np.ndarray:
    """For each experiment, the first look at which |z| reaches the boundary, or -1."""
    crossed = np.abs(z) >= boundary
    return np.where(crossed.any(axis=1), crossed.argmax(axis=1), -1)


def stopped_share(looks) -> float:
    return float((np.asarray(looks) >= 0).mean())
