"""The domain: the model, and everything a reader of the model needs in one place."""

from penguin_mass.domain.model import (
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
from penguin_mass.presentation import mass_against_measurements, predicted_against_measured

__all__ = [
    "CATEGORIES",
    "FEATURES",
    "MEASUREMENTS",
    "TARGET",
    "coefficients",
    "cross_validated_mae",
    "evaluate",
    "fit_model",
    "make_model",
    "mass_against_measurements",
    "predicted_against_measured",
    "species_baseline",
    "split_train_test",
]
