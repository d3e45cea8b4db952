"""Body mass of a penguin from caliper measurements: the public API.

Layers: penguin_mass.data (the export), penguin_mass.domain (computes only),
penguin_mass.presentation (figures). Nothing is defined here; it is all imported.
"""

from penguin_mass.data import clean_penguins, load_clean, read_raw
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
from penguin_mass.presentation import (
    plot_mass_by_measurement,
    plot_predictions,
)

__all__ = (
    "CATEGORIES",
    "FEATURES",
    "MEASUREMENTS",
    "TARGET",
    "clean_penguins",
    "coefficients",
    "cross_validated_mae",
    "evaluate",
    "fit_model",
    "load_clean",
    "make_model",
    "plot_mass_by_measurement",
    "plot_predictions",
    "read_raw",
    "species_baseline",
    "split_train_test",
)
