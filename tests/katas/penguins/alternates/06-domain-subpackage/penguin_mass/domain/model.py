"""The model: one pipeline that learns everything it needs from the birds it is fitted on."""

import numpy as np
import pandas as pd
from sklearn.compose import make_column_transformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import Ridge
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

from .features import CATEGORIES, FEATURES, MEASUREMENTS, TARGET


def make_model(alpha: float = 1.0) -> Pipeline:
    numbers = make_pipeline(SimpleImputer(strategy="median"), StandardScaler())
    labels = make_pipeline(
        SimpleImputer(strategy="most_frequent"),
        OneHotEncoder(drop="if_binary", handle_unknown="ignore", sparse_output=False),
    )
    inputs = make_column_transformer(
        (numbers, MEASUREMENTS), (labels, CATEGORIES), verbose_feature_names_out=False
    )
    return make_pipeline(inputs, Ridge(alpha=alpha))


def fit_model(train: pd.DataFrame, alpha: float = 1.0) -> Pipeline:
    return make_model(alpha).fit(train[FEATURES], train[TARGET])


def coefficients(model: Pipeline) -> dict[str, float]:
    names = model[:-1].get_feature_names_out()
    return dict(zip(map(str, names), map(float, model[-1].coef_), strict=True))


def split_train_test(
    penguins: pd.DataFrame, test_fraction: float = 0.2, seed: int = 42
) -> tuple[pd.DataFrame, pd.DataFrame]:
    shuffled = penguins.iloc[np.random.default_rng(seed).permutation(len(penguins))]
    held_out = int(len(penguins) * test_fraction)
    return shuffled.iloc[held_out:], shuffled.iloc[:held_out]
