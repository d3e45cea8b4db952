"""The model: gap filling, scaling, encoding and a ridge, as one scikit-learn pipeline."""

from __future__ import annotations

import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import Ridge
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

from penguin_mass.domain.columns import CATEGORIES, FEATURES, MEASUREMENTS, TARGET


def make_model(alpha: float = 1.0) -> Pipeline:
    """Unfitted: medians and scaling for measurements, most frequent and one-hot for categories."""
    preprocess = ColumnTransformer(
        [
            (
                "measurements",
                make_pipeline(SimpleImputer(strategy="median"), StandardScaler()),
                MEASUREMENTS,
            ),
            (
                "categories",
                make_pipeline(
                    SimpleImputer(strategy="most_frequent"),
                    OneHotEncoder(drop="if_binary", handle_unknown="ignore", sparse_output=False),
                ),
                CATEGORIES,
            ),
        ],
        verbose_feature_names_out=False,
    )
    return Pipeline([("preprocess", preprocess), ("ridge", Ridge(alpha=alpha))])


def fit_model(train: pd.DataFrame, alpha: float = 1.0) -> Pipeline:
    """The pipeline fitted on the given (training) birds only."""
    model = make_model(alpha)
    model.fit(train[FEATURES], train[TARGET])
    return model


def coefficients(model: Pipeline) -> dict[str, float]:
    """Ridge coefficient per model input."""
    names = model[:-1].get_feature_names_out()
    return dict(zip(map(str, names), map(float, model[-1].coef_), strict=True))
