"""penguin_mass: a penguin's body mass from caliper measurements.

This module is the public API. It only gathers names from the three layers:

* ``penguin_mass.data``: the LTER export on disk;
* ``penguin_mass.domain``: cleaning, features, the model, the split and the scores;
* ``penguin_mass.presentation``: the report's figures.
"""

from penguin_mass.data import read_penguins, read_raw
from penguin_mass.domain import (
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
from penguin_mass.presentation import measured_vs_predicted, size_vs_mass

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
    "measured_vs_predicted",
    "read_penguins",
    "read_raw",
    "size_vs_mass",
    "species_baseline",
    "split_train_test",
]
