"""penguin_mass: estimate body mass from caliper measurements. Public API only; see the layers."""

from penguin_mass.data import clean_penguins, penguins_from_export, read_raw, save_results
from penguin_mass.domain import (
    CATEGORIES,
    FEATURES,
    MEASUREMENTS,
    TARGET,
    coefficients,
    cross_validated_mae,
    evaluate,
    fit_model,
    make_model,
    species_baseline,
    split_train_test,
)
from penguin_mass.presentation import prediction_figure, scatter_figure

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
    "make_model",
    "penguins_from_export",
    "prediction_figure",
    "read_raw",
    "save_results",
    "scatter_figure",
    "species_baseline",
    "split_train_test",
]
