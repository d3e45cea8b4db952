"""Estimate a penguin's body mass from caliper measurements.

The public API: everything a report, a script or a test needs, importable from `penguin_mass`.
The layers behind it:

- `penguin_mass.cli` and `penguin_mass.workflow`: the command line (`python -m penguin_mass`) and
  the use cases behind it (train, evaluate, predict), run from `Settings`.
- `penguin_mass.config`: the settings, from penguin_mass.toml, the environment and flags.
- `penguin_mass.presentation`: figures for the report.
- `penguin_mass.data` and `penguin_mass.storage`: reading the LTER export into the shape the
  domain expects; writing outputs atomically and models with skops.
- `penguin_mass.validation`: the checks a raw export must pass before anything uses it.
- `penguin_mass.domain`: features, model, split and evaluation; pure, no files, no plotting.

Imports point down that list only (checked by `lint-imports`).
"""

from penguin_mass.config import ConfigError, Settings, load_settings
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
    predict_masses,
    species_baseline,
    split_train_test,
)
from penguin_mass.presentation import mass_against_measurements, predicted_against_measured
from penguin_mass.validation import DataError, validate_raw

__all__ = [
    "CATEGORIES",
    "FEATURES",
    "MEASUREMENTS",
    "TARGET",
    "ConfigError",
    "DataError",
    "Settings",
    "clean_penguins",
    "coefficients",
    "cross_validated_mae",
    "evaluate",
    "fit_model",
    "load_penguins",
    "load_settings",
    "make_model",
    "mass_against_measurements",
    "predict_masses",
    "predicted_against_measured",
    "read_raw",
    "species_baseline",
    "split_train_test",
    "validate_raw",
]
