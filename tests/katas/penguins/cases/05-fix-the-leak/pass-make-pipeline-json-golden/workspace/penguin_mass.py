"""Estimate a penguin's body mass from caliper measurements: the logic of analysis.ipynb.

Every function takes its inputs as arguments, returns a new value and leaves its inputs as they were.
Since stage 5 the model is one scikit-learn pipeline: gap filling, scaling and encoding are fitted
together with the ridge, on whatever birds the pipeline is fitted on and nothing else.
"""

from __future__ import annotations

from os import PathLike

import numpy as np
import pandas as pd
from sklearn.compose import make_column_transformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import Ridge
from sklearn.metrics import mean_absolute_error, r2_score
from sklearn.model_selection import KFold
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

RAW_NAMES = {
    "Species": "species",
    "Island": "island",
    "Sex": "sex",
    "Culmen Length (mm)": "bill_length_mm",
    "Culmen Depth (mm)": "bill_depth_mm",
    "Flipper Length (mm)": "flipper_length_mm",
    "Body Mass (g)": "body_mass_g",
    "Delta 15 N (o/oo)": "delta_15n",
    "Delta 13 C (o/oo)": "delta_13c",
}
NUMERIC_INPUTS = ("bill_length_mm", "bill_depth_mm", "flipper_length_mm", "delta_15n", "delta_13c")
CATEGORICAL_INPUTS = ("species", "sex")
INPUTS = [*NUMERIC_INPUTS, *CATEGORICAL_INPUTS]
MASS = "body_mass_g"


def read_raw(path: str | PathLike) -> pd.DataFrame:
    """The LTER export as it is on disk."""
    return pd.read_csv(path)


def clean_penguins(raw: pd.DataFrame) -> pd.DataFrame:
    """The columns the model needs, with short names; birds without a body mass are left out."""
    penguins = raw[list(RAW_NAMES)].rename(columns=RAW_NAMES)
    penguins["species"] = penguins["species"].str.split(" ").str[0]
    penguins["sex"] = penguins["sex"].str.lower()
    return penguins.dropna(subset=[MASS])


def make_model(alpha: float = 1.0) -> Pipeline:
    """A fresh, unfitted pipeline from rows of clean birds to a body mass."""
    inputs = make_column_transformer(
        (
            make_pipeline(SimpleImputer(strategy="median"), StandardScaler()),
            list(NUMERIC_INPUTS),
        ),
        (
            make_pipeline(
                SimpleImputer(strategy="most_frequent"),
                OneHotEncoder(drop="if_binary", handle_unknown="ignore"),
            ),
            list(CATEGORICAL_INPUTS),
        ),
        verbose_feature_names_out=False,
    )
    return make_pipeline(inputs, Ridge(alpha=alpha))


def fit_model(train: pd.DataFrame, alpha: float = 1.0) -> Pipeline:
    """make_model(alpha), fitted on the birds in `train` only."""
    return make_model(alpha).fit(train[INPUTS], train[MASS])


def coefficients(model: Pipeline) -> dict[str, float]:
    """The ridge's coefficient for each of the model's inputs, keyed by input name."""
    *_, ridge = model
    names = model[:-1].get_feature_names_out()
    return dict(zip(map(str, names), map(float, ridge.coef_)))


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
    """MAE in grams averaged over shuffled, seeded folds; each fold judged by a model fitted on
    the other folds alone."""
    fold_errors = []
    for fit_rows, judge_rows in KFold(n_splits=folds, shuffle=True, random_state=seed).split(
        penguins
    ):
        model = fit_model(penguins.iloc[fit_rows], alpha)
        judged = penguins.iloc[judge_rows]
        fold_errors.append(mean_absolute_error(judged[MASS], model.predict(judged)))
    return float(np.mean(fold_errors))


def species_baseline(train: pd.DataFrame, test: pd.DataFrame) -> pd.Series:
    """For each test bird, the mean body mass of its species among the training birds."""
    return test["species"].map(train.groupby("species")[MASS].mean())


def evaluate(y_true, y_pred) -> dict[str, float]:
    """Mean absolute error and root mean squared error (both in grams), and R²."""
    errors = np.asarray(y_pred, dtype=float) - np.asarray(y_true, dtype=float)
    return {
        "mae": float(np.mean(np.abs(errors))),
        "rmse": float(np.sqrt(np.mean(errors**2))),
        "r2": float(r2_score(y_true, y_pred)),
    }
