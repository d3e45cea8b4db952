"""Splitting the birds and judging the model."""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.metrics import mean_absolute_error, mean_squared_error, r2_score
from sklearn.model_selection import KFold, cross_validate

from penguin_mass.domain.columns import FEATURES, TARGET
from penguin_mass.domain.model import make_model


def split_train_test(
    penguins: pd.DataFrame, test_fraction: float = 0.2, seed: int = 42
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Shuffle with the seed; the first int(n * test_fraction) birds are the test birds."""
    shuffled = np.random.default_rng(seed).permutation(len(penguins))
    cut = int(len(penguins) * test_fraction)
    test_rows, train_rows = shuffled[:cut], shuffled[cut:]
    return penguins.iloc[train_rows], penguins.iloc[test_rows]


def cross_validated_mae(
    penguins: pd.DataFrame, alpha: float = 1.0, folds: int = 5, seed: int = 42
) -> float:
    """Mean absolute error (g) over shuffled folds, each scored by a pipeline fitted without it."""
    result = cross_validate(
        make_model(alpha),
        penguins[FEATURES],
        penguins[TARGET],
        cv=KFold(n_splits=folds, shuffle=True, random_state=seed),
        scoring="neg_mean_absolute_error",
    )
    return float(-np.mean(result["test_score"]))


def species_baseline(train: pd.DataFrame, test: pd.DataFrame) -> pd.Series:
    """The mean training mass of each test bird's species."""
    return test["species"].map(train.groupby("species")[TARGET].mean())


def evaluate(y_true, y_pred) -> dict[str, float]:
    """MAE and RMSE in grams, and R²."""
    return {
        "mae": float(mean_absolute_error(y_true, y_pred)),
        "rmse": float(np.sqrt(mean_squared_error(y_true, y_pred))),
        "r2": float(r2_score(y_true, y_pred)),
    }
