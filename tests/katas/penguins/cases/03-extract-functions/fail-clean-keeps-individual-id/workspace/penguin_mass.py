"""Estimate a penguin's body mass from caliper measurements: the logic of analysis.ipynb.

Every function takes its inputs as arguments, returns a new value and leaves its inputs as they were.
"""

from __future__ import annotations

from os import PathLike

import numpy as np
import pandas as pd
from sklearn.metrics import r2_score
from sklearn.preprocessing import StandardScaler

CLEAN_COLUMNS = [
    "species",
    "island",
    "sex",
    "bill_length_mm",
    "bill_depth_mm",
    "flipper_length_mm",
    "body_mass_g",
    "delta_15n",
    "delta_13c",
]
ISOTOPES = ["delta_15n", "delta_13c"]
MEASUREMENTS = ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", *ISOTOPES]


def read_raw(path: str | PathLike) -> pd.DataFrame:
    """The LTER export as it is on disk."""
    return pd.read_csv(path)


def clean_penguins(raw: pd.DataFrame) -> pd.DataFrame:
    """The columns the model needs, with short names; birds without a body mass are left out."""
    # species, island, sex, bill length + depth, flipper, mass, d15N, d13C, and the bird's ID,
    # so that a surprising prediction can be traced back to the field sheet
    penguins = raw.iloc[:, [2, 4, 13, 10, 9, 11, 12, 14, 15, 6]].copy()
    penguins.columns = [*CLEAN_COLUMNS, "individual_id"]
    penguins["species"] = penguins["species"].str.split(" ").str[0]
    penguins["sex"] = penguins["sex"].str.lower()
    return penguins.dropna(subset=["body_mass_g"])


def impute_missing(penguins: pd.DataFrame) -> pd.DataFrame:
    """Missing sex becomes the most common sex; missing isotope ratios become their median."""
    filled = penguins.copy()
    filled["sex"] = filled["sex"].fillna(filled["sex"].mode()[0])
    for column in ISOTOPES:
        filled[column] = filled[column].fillna(filled[column].median())
    return filled


def build_features(penguins: pd.DataFrame) -> pd.DataFrame:
    """The model's inputs: standardised measurements, a 0/1 male column, one 0/1 column per species."""
    scaled = StandardScaler().fit_transform(penguins[MEASUREMENTS])
    features = pd.DataFrame(scaled, columns=MEASUREMENTS, index=penguins.index)
    features["male"] = (penguins["sex"] == "male").astype(int)
    return features.join(pd.get_dummies(penguins["species"], prefix="species", dtype=int))


def split_train_test(
    penguins: pd.DataFrame, test_fraction: float = 0.2, seed: int = 42
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(train, test): the birds shuffled with `seed`, the first int(n * test_fraction) held out."""
    order = np.random.default_rng(seed).permutation(len(penguins))
    n_test = int(len(penguins) * test_fraction)
    return penguins.iloc[order[n_test:]], penguins.iloc[order[:n_test]]


def species_baseline(train: pd.DataFrame, test: pd.DataFrame) -> pd.Series:
    """For each test bird, the mean body mass of its species among the training birds."""
    means = train.groupby("species")["body_mass_g"].mean()
    return test["species"].map(means)


def evaluate(y_true, y_pred) -> dict[str, float]:
    """Mean absolute error and root mean squared error (both in grams), and R²."""
    errors = np.asarray(y_pred, dtype=float) - np.asarray(y_true, dtype=float)
    return {
        "mae": float(np.mean(np.abs(errors))),
        "rmse": float(np.sqrt(np.mean(errors**2))),
        "r2": float(r2_score(y_true, y_pred)),
    }
