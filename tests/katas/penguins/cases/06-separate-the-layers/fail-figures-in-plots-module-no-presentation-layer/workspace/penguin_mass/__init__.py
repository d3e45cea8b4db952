"""Estimate a penguin's body mass from caliper measurements.

The public API: everything a report, a script or a test needs, importable from `penguin_mass`.
The layers behind it:

- `penguin_mass.data`: reading the LTER export and putting it into the shape the domain expects.
- `penguin_mass.domain`: features, model, split and evaluation; pure, no files, no plotting.
- `penguin_mass.plots`: figures for the report.

Imports point one way only, presentation -> data -> domain (checked by `lint-imports`).
"""

from penguin_mass.data import clean_penguins, load_penguins, read_raw
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
from penguin_mass.plots import mass_against_measurements, predicted_against_measured

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
    "load_penguins",
    "make_model",
    "mass_against_measurements",
    "predicted_against_measured",
    "read_raw",
    "species_baseline",
    "split_train_test",
]
