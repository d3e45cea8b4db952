"""Library slips: ready-made `patch` functions for library mutants.

Each returns a function that, when called in a process, changes a library so that any code using
it makes one realistic mistake, however the learner wrote that code: a seed that moved, a median
that is really a mean, a data file that lost a row or has one typo, a model parameter left at an
experiment's value. A stage's `mutants/mutants.py` combines them with a name and a description.
"""

from __future__ import annotations

import numbers
from collections.abc import Callable


def seed_moved(by: int = 1) -> Callable[[], None]:
    """Every integer seed given to numpy (and so to pandas and scikit-learn) is `by` higher."""

    def patch() -> None:
        import numpy as np

        def moved(seed):
            return seed + by if isinstance(seed, numbers.Integral) else seed

        original_rng, original_seed = np.random.default_rng, np.random.seed
        np.random.default_rng = lambda seed=None: original_rng(moved(seed))
        np.random.seed = lambda seed=None: original_seed(moved(seed))

        class MovedRandomState(np.random.RandomState):
            def __init__(self, seed=None):
                super().__init__(moved(seed))

        np.random.RandomState = MovedRandomState

    return patch


def median_is_mean() -> Callable[[], None]:
    """Every median computed with pandas or numpy is the mean instead."""

    def patch() -> None:
        import numpy as np
        import pandas as pd

        pd.Series.median = pd.Series.mean
        pd.DataFrame.median = pd.DataFrame.mean
        np.median, np.nanmedian = np.mean, np.nanmean

    return patch


def _patch_read_csv(change: Callable) -> None:
    import pandas as pd

    original = pd.read_csv

    def read_csv(*args, **kwargs):
        frame = original(*args, **kwargs)
        return change(frame) if hasattr(frame, "iloc") else frame

    pd.read_csv = read_csv


def csv_loses_last_row() -> Callable[[], None]:
    """Every CSV file read with pandas comes back without its last row (a cut-off export)."""

    def patch() -> None:
        _patch_read_csv(lambda frame: frame.iloc[:-1])

    return patch


def csv_value_nudged(column: str, row: int, by: float) -> Callable[[], None]:
    """One value of a CSV file read with pandas is off by `by` (a typo in the data)."""

    def change(frame):
        if column not in frame.columns or len(frame) <= row:
            return frame
        frame = frame.copy()
        frame.loc[frame.index[row], column] += by
        return frame

    def patch() -> None:
        _patch_read_csv(change)

    return patch


def fit_with_parameter_scaled(
    module: str, estimator: str, parameter: str, factor: float
) -> Callable[[], None]:
    """`estimator` (e.g. Ridge) fits as if its `parameter` were `factor` times what it was given."""

    def patch() -> None:
        import importlib

        cls = getattr(importlib.import_module(module), estimator)
        original = cls.fit

        def fit(self, *args, **kwargs):
            given = getattr(self, parameter)
            setattr(self, parameter, given * factor)
            try:
                return original(self, *args, **kwargs)
            finally:
                setattr(self, parameter, given)

        cls.fit = fit

    return patch


def csv_columns_swapped(first: str, second: str) -> Callable[[], None]:
    """The values of two columns of every CSV file read with pandas are swapped."""

    def change(frame):
        if first not in frame.columns or second not in frame.columns:
            return frame
        frame = frame.copy()
        frame[[first, second]] = frame[[second, first]].to_numpy()
        return frame

    def patch() -> None:
        _patch_read_csv(change)

    return patch
