"""The model: what a penguin's body mass is estimated from, and the pipeline that estimates it.

Pure functions of their arguments: no files, no network, no plotting. Everything learned from data
(medians, most common sex, scaling, species columns, the ridge) lives in one scikit-learn Pipeline,
so that fitting it on the training birds fits all of it on them alone.
"""

from __future__ import annotations

import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import Ridge
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

MEASUREMENTS = ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "delta_15n", "delta_13c"]
CATEGORIES = ["species", "sex"]
FEATURES = MEASUREMENTS + CATEGORIES
TARGET = "body_mass_g"


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


def coefficients(model: Pipeline) -> dict[str, float]:
    """The fitted ridge's coefficient for each model input, by input name."""
    names = model.named_steps["preprocess"].get_feature_names_out()
    weights = model.named_steps["ridge"].coef_
    return {str(name): float(weight) for name, weight in zip(names, weights, strict=True)}
