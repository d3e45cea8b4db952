"""How good is an estimate? Errors in grams, against a baseline and across folds."""

import numpy as np
import pandas as pd
from sklearn.metrics import mean_absolute_error, r2_score, root_mean_squared_error
from sklearn.model_selection import KFold

from .features import FEATURES, TARGET
from .model import fit_model


def evaluate(y_true, y_pred) -> dict[str, float]:
    return {
        "mae": float(mean_absolute_error(y_true, y_pred)),
        "rmse": float(root_mean_squared_error(y_true, y_pred)),
        "r2": float(r2_score(y_true, y_pred)),
    }


def species_baseline(train: pd.DataFrame, test: pd.DataFrame) -> pd.Series:
    average = train.groupby("species")[TARGET].mean().to_dict()
    return test["species"].map(average)


def cross_validated_mae(
    penguins: pd.DataFrame, alpha: float = 1.0, folds: int = 5, seed: int = 42
) -> float:
    errors = []
    for fit_rows, judge_rows in KFold(folds, shuffle=True, random_state=seed).split(penguins):
        model = fit_model(penguins.iloc[fit_rows], alpha)
        judged = penguins.iloc[judge_rows]
        errors.append(mean_absolute_error(judged[TARGET], model.predict(judged[FEATURES])))
    return float(np.mean(errors))
