"""Body mass from caliper measurements: reading and cleaning the export, the model, its scores.

The model is one scikit-learn pipeline: a step of our own fills the gaps, a column transformer
scales the measurements and encodes the categories, and a ridge regression predicts. Whatever the
pipeline is fitted on is all it learns from.
"""

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.compose import make_column_transformer
from sklearn.linear_model import Ridge
from sklearn.metrics import mean_absolute_error, mean_squared_error, r2_score
from sklearn.model_selection import KFold
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

EXPORT_NAMES = {
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
NUMERIC = ("bill_length_mm", "bill_depth_mm", "flipper_length_mm", "delta_15n", "delta_13c")
CATEGORICAL = ("species", "sex")
MASS = "body_mass_g"


def read_raw(path):
    return pd.read_csv(path)


def clean_penguins(raw):
    weighed = raw.loc[raw["Body Mass (g)"].notna(), list(EXPORT_NAMES)].rename(columns=EXPORT_NAMES)
    return weighed.assign(
        species=weighed["species"].str.partition(" ")[0],
        sex=weighed["sex"].str.lower(),
    )


def split_train_test(penguins, test_fraction=0.2, seed=42):
    shuffled = penguins.iloc[np.random.default_rng(seed).permutation(len(penguins))]
    cut = int(len(penguins) * test_fraction)
    return shuffled.iloc[cut:], shuffled.iloc[:cut]


def species_baseline(train, test):
    means = {name: birds[MASS].mean() for name, birds in train.groupby("species")}
    return test["species"].map(means)


def evaluate(y_true, y_pred):
    return {
        "mae": float(mean_absolute_error(y_true, y_pred)),
        "rmse": float(np.sqrt(mean_squared_error(y_true, y_pred))),
        "r2": float(r2_score(y_true, y_pred)),
    }


class FillGaps(TransformerMixin, BaseEstimator):
    """Keeps the model's input columns and fills their gaps with what `fit` saw: medians of the
    numbers, the most common value of the categories."""

    def __init__(self, numeric=NUMERIC, categorical=CATEGORICAL):
        self.numeric = numeric
        self.categorical = categorical

    def fit(self, X, y=None):
        numbers = X[list(self.numeric)].median()
        commonest = {column: X[column].mode().iloc[0] for column in self.categorical}
        self.fill_values_ = {**numbers.to_dict(), **commonest}
        return self

    def transform(self, X):
        return X[[*self.numeric, *self.categorical]].fillna(self.fill_values_)

    def get_feature_names_out(self, input_features=None):
        return np.array([*self.numeric, *self.categorical], dtype=object)


def make_model(alpha=1.0):
    encode = make_column_transformer(
        (StandardScaler(), list(NUMERIC)),
        (
            OneHotEncoder(drop="if_binary", handle_unknown="ignore", sparse_output=False),
            list(CATEGORICAL),
        ),
        verbose_feature_names_out=False,
    )
    return make_pipeline(FillGaps(), encode, Ridge(alpha=alpha))


def fit_model(train, alpha=1.0):
    return make_model(alpha).fit(train, train[MASS])


def coefficients(model):
    names = model[-2].get_feature_names_out()
    return {str(name): float(value) for name, value in zip(names, model[-1].coef_)}


def cross_validated_mae(penguins, alpha=1.0, folds=5, seed=42):
    errors = []
    for fit_rows, score_rows in KFold(folds, shuffle=True, random_state=seed).split(penguins):
        model = fit_model(penguins.iloc[fit_rows], alpha)
        scored = penguins.iloc[score_rows]
        errors.append(mean_absolute_error(scored[MASS], model.predict(scored)))
    return float(np.mean(errors))
