"""Simulated experiments, for the stopping rule's tests."""

import numpy as np
import pytest

LOOKS = 28


@pytest.fixture
def simulate():
    """simulate(experiments, uplift, seed): cumulative (c0, n0, c1, n1), one row per experiment
    and one column per evening, about 336 new users per variant per evening at 15.7 %."""

    def draw(experiments, uplift, seed):
        rng = np.random.default_rng(seed)
        counts = []
        for rate in (0.157, 0.157 * (1 + uplift)):
            users = rng.poisson(336, size=(experiments, LOOKS))
            converters = rng.binomial(users, rate)
            counts += [converters.cumsum(axis=1), users.cumsum(axis=1)]
        return tuple(counts)

    return draw
