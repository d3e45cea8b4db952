"""The domain layer: what a penguin's body mass is estimated from, the model, and how it is judged.

Pure functions of their arguments: no files, no network, no plotting. Everything learned from data
(medians, most common sex, scaling, species columns, the ridge) lives in one scikit-learn Pipeline,
so that fitting it on the training birds fits all of it on them alone.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import Ridge
from sklearn.metrics import r2_score
from sklearn.model_selection import KFold, cross_val_score
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

MEASUREMENTS = ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "delta_15n", "delta_13c"]
CATEGORIES = ["species", "sex"]
FEATURES = MEASUREMENTS + CATEGORIES
TARGET = "body_mass_g"
BODY_MEASUREMENTS = ["bill_length_mm", "bill_depth_mm", "flipper_length_mm"]


def make_model(alpha: float = 1.0) -> Pipeline:
    """An unfitted pipeline: fill gaps, scale measurements, encode species and sex, then ridge.

    Missing measurements become the median of the birds it is fitted on, a missing sex the most
    common sex among them; sex becomes one 0/1 column (male), species one 0/1 column each.
    """
    measurements = Pipeline(
        [("fill", SimpleImputer(strategy="median")), ("scale", StandardScaler())]
    )
    categories = Pipeline(
        [
            ("fill", SimpleImputer(strategy="most_frequent")),
            (
                "encode",
                OneHotEncoder(drop="if_binary", handle_unknown="ignore", sparse_output=False),
            ),
        ]
    )
    preprocess = ColumnTransformer(
        [("measurements", measurements, MEASUREMENTS), ("categories", categories, CATEGORIES)],
        verbose_feature_names_out=False,
    )
    return Pipeline([("preprocess", preprocess), ("ridge", Ridge(alpha=alpha))])


def fit_model(train: pd.DataFrame, alpha: float = 1.0) -> Pipeline:
    """make_model(alpha) fitted on the training birds' FEATURES and TARGET, and nothing else."""
    return make_model(alpha).fit(train[FEATURES], train[TARGET])


def predict_masses(model: Pipeline, birds: pd.DataFrame) -> pd.Series:
    """The model's body mass for each bird, or NaN for a bird with none of the BODY_MEASUREMENTS.

    For such a bird (the export's "Adult not sampled") the model would fill all three from the
    training birds' medians and give a mass that looks measured but knows only species and sex.
    """
    measured = birds[BODY_MEASUREMENTS].notna().all(axis="columns")
    masses = pd.Series(np.nan, index=birds.index, name=TARGET)
    if measured.any():
        masses[measured] = model.predict(birds.loc[measured, FEATURES])
    return masses


def coefficients(model: Pipeline) -> dict[str, float]:
    """The fitted ridge's coefficient for each model input, by input name."""
    names = model.named_steps["preprocess"].get_feature_names_out()
    weights = model.named_steps["ridge"].coef_
    return {str(name): float(weight) for name, weight in zip(names, weights, strict=True)}


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
