"""Features, the split, a baseline and the error measures."""

import numpy as np
import pandas as pd
from sklearn.metrics import mean_absolute_error, mean_squared_error, r2_score

_MEASURED = ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "delta_15n", "delta_13c"]


def _standardise(columns):
    return (columns - columns.mean()) / columns.std(ddof=0)


def build_features(penguins):
    species = pd.get_dummies(penguins["species"], prefix="species").astype(int)
    return pd.concat(
        [
            _standardise(penguins[_MEASURED]),
            penguins["sex"].eq("male").astype(int).rename("male"),
            species,
        ],
        axis=1,
    )


def split_train_test(penguins, test_fraction=0.2, seed=42):
    shuffled = penguins.take(np.random.default_rng(seed).permutation(len(penguins)))
    held_out = int(len(penguins) * test_fraction)
    return shuffled.iloc[held_out:], shuffled.iloc[:held_out]


def species_baseline(train, test):
    typical = train.groupby("species")["body_mass_g"].mean()
    return pd.Series(typical.reindex(test["species"]).to_numpy(), index=test.index)


def evaluate(y_true, y_pred):
    return {
        "mae": float(mean_absolute_error(y_true, y_pred)),
        "rmse": float(np.sqrt(mean_squared_error(y_true, y_pred))),
        "r2": float(r2_score(y_true, y_pred)),
    }
