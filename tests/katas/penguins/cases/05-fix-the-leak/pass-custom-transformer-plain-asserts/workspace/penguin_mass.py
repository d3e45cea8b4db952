"""Estimate a penguin's body mass from caliper measurements: the logic of analysis.ipynb.

Every function takes its inputs as arguments, returns a new value and leaves its inputs as they were.
The model is one scikit-learn Pipeline: BirdInputs learns everything the inputs need (medians, most
common values, means and standard deviations, categories) in fit, and only applies it in transform,
so fitting the pipeline on the training birds learns all of it from them alone.
"""

from __future__ import annotations

from os import PathLike

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.linear_model import Ridge
from sklearn.metrics import make_scorer, mean_absolute_error, r2_score
from sklearn.model_selection import KFold, cross_val_score
from sklearn.pipeline import Pipeline

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
MEASUREMENTS = ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "delta_15n", "delta_13c"]
CATEGORIES = ["species", "sex"]
FEATURES = MEASUREMENTS + CATEGORIES
TARGET = "body_mass_g"


def read_raw(path: str | PathLike) -> pd.DataFrame:
    """The LTER export as it is on disk."""
    return pd.read_csv(path)


def clean_penguins(raw: pd.DataFrame) -> pd.DataFrame:
    """The columns the model needs, with short names; birds without a body mass are left out."""
    penguins = raw[list(RAW_NAMES)].rename(columns=RAW_NAMES)
    penguins["species"] = penguins["species"].str.split(" ").str[0]
    penguins["sex"] = penguins["sex"].str.lower()
    return penguins.dropna(subset=[TARGET])


def _most_common(values: pd.Series):
    """The most frequent value; on a tie the smallest, as SimpleImputer does."""
    counts = values.dropna().value_counts()
    return min(counts[counts == counts.max()].index)


class BirdInputs(BaseEstimator, TransformerMixin):
    """Rows of clean birds in, the ridge's nine inputs out.

    fit learns, from the rows it is given only: each measurement's median (for gaps), mean and
    standard deviation (for scaling), and each category's most common value and levels. transform
    only applies what fit learned. A two-level category (sex) becomes one 0/1 column for its second
    level; other categories one 0/1 column per level; a level not seen in fit gives all zeros.
    """

    def fit(self, X: pd.DataFrame, y=None):
        numbers = X[MEASUREMENTS].astype(float)
        self.medians_ = numbers.median()
        filled = numbers.fillna(self.medians_)
        self.means_ = filled.mean()
        spread = filled.std(ddof=0)
        self.scales_ = spread.where(spread > 0, 1.0)
        self.fill_values_ = {c: _most_common(X[c]) for c in CATEGORIES}
        self.levels_ = {}
        for c in CATEGORIES:
            levels = sorted(X[c].fillna(self.fill_values_[c]).unique())
            self.levels_[c] = levels[1:] if len(levels) == 2 else levels
        self.names_ = MEASUREMENTS + [f"{c}_{lv}" for c in CATEGORIES for lv in self.levels_[c]]
        return self

    def transform(self, X: pd.DataFrame) -> np.ndarray:
        numbers = X[MEASUREMENTS].astype(float).fillna(self.medians_)
        columns = [((numbers - self.means_) / self.scales_).to_numpy()]
        for c in CATEGORIES:
            filled = X[c].fillna(self.fill_values_[c]).to_numpy()
            columns.append(np.column_stack([filled == lv for lv in self.levels_[c]]).astype(float))
        return np.hstack(columns)

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        return np.asarray(self.names_, dtype=object)


def make_model(alpha: float = 1.0) -> Pipeline:
    """A new, unfitted pipeline: BirdInputs, then Ridge(alpha)."""
    return Pipeline([("inputs", BirdInputs()), ("ridge", Ridge(alpha=alpha))])


def fit_model(train: pd.DataFrame, alpha: float = 1.0) -> Pipeline:
    """make_model(alpha) fitted on the training birds, nothing else."""
    return make_model(alpha).fit(train[FEATURES], train[TARGET])


def coefficients(model: Pipeline) -> dict[str, float]:
    """The fitted ridge's coefficient for each model input."""
    names = model.named_steps["inputs"].get_feature_names_out()
    weights = model.named_steps["ridge"].coef_
    return {str(n): float(w) for n, w in zip(names, weights)}


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
    """MAE in grams, averaged over shuffled seeded folds, each pipeline fitted on the other folds."""
    mae = make_scorer(mean_absolute_error)
    scores = cross_val_score(
        make_model(alpha),
        penguins[FEATURES],
        penguins[TARGET],
        cv=KFold(n_splits=folds, shuffle=True, random_state=seed),
        scoring=mae,
    )
    return float(np.mean(scores))


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
