"""penguin_mass: body mass from calipers. Import everything from here; the layers may move."""

from .data import load, read_raw
from .domain import (
    CATEGORIES,
    FEATURES,
    MEASUREMENTS,
    TARGET,
    clean_penguins,
    coefficients,
    cross_validated_mae,
    evaluate,
    fit_model,
    make_model,
    species_baseline,
    split_train_test,
)
from .presentation import prediction_scatter, species_scatter

__all__ = [
    "CATEGORIES",
    "FEATURES",
    "MEASUREMENTS",
    "TARGET",
    "clean_penguins",
    "coefficients",
    "cross_validated_mae",
    "evaluate",
    "fit_model",
    "load",
    "make_model",
    "prediction_scatter",
    "read_raw",
    "species_baseline",
    "species_scatter",
    "split_train_test",
]
