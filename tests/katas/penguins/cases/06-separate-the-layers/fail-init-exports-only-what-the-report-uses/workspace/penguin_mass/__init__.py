"""Estimate a penguin's body mass from caliper measurements: what the report uses."""

from penguin_mass.data import load_penguins
from penguin_mass.domain import (
    TARGET,
    coefficients,
    cross_validated_mae,
    evaluate,
    fit_model,
    species_baseline,
    split_train_test,
)
from penguin_mass.presentation import mass_against_measurements, predicted_against_measured

__all__ = [
    "TARGET",
    "coefficients",
    "cross_validated_mae",
    "evaluate",
    "fit_model",
    "load_penguins",
    "mass_against_measurements",
    "predicted_against_measured",
    "species_baseline",
    "split_train_test",
]
