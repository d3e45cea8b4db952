"""How the model is judged: the split, cross-validation, the baseline and the error metrics."""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.metrics import r2_score
from sklearn.model_selection import KFold, cross_val_score

from penguin_mass.domain import FEATURES, TARGET, make_model


def split_train_test(
    penguins: pd.DataFrame, test_fraction: float = 0.2, seed: int = 42
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(train, test): the birds shuffled with `seed`, the first int(n * test_fraction) held out."""
    order = np.random.default_rng(seed).permutation(len(penguins))
    n_test = int(len(penguins) * test_fraction)
    return penguins.iloc[order[n_test:]], penguins.iloc[order[:n_test]]


def cross_validated_mae(
    penguins: pd.DataFrame, alpha: float = 1.0, folds: int = 5, seed: int = 42
) -> float:
    """Mean absolute error in grams, averaged over `folds` shuffled folds; each fold's pipeline is
    fitted on the other folds only."""
    scores = cross_val_score(
        make_model(alpha),
        penguins[FEATURES],
        penguins[TARGET],
        cv=KFold(n_splits=folds, shuffle=True, random_state=seed),
        scoring="neg_mean_absolute_error",
    )
    return float(-scores.mean())


def species_baseline(train: pd.DataFrame, test: pd.DataFrame) -> pd.Series:
    """For each test bird, the mean body mass of its species among the training birds."""
    means = train.groupby("species")[TARGET].mean()
    return test["species"].map(means)


def evaluate(y_true, y_pred) -> dict[str, float]:
    """Mean absolute error and root mean squared error (both in grams), and R²."""
    errors = np.asarray(y_pred, dtype=float) - np.asarray(y_true, dtype=float)
    return {
        "mae": float(np.mean(np.abs(errors))),
        "rmse": float(np.sqrt(np.mean(errors**2))),
        "r2": float(r2_score(y_true, y_pred)),
    }
