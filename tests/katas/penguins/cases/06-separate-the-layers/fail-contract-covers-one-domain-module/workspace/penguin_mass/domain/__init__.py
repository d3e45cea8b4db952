"""The domain layer: features, model, split and evaluation. Pure: no files, no plotting."""

from penguin_mass.domain.model import (
    CATEGORIES,
    FEATURES,
    MEASUREMENTS,
    TARGET,
    coefficients,
    fit_model,
    make_model,
)
from penguin_mass.domain.scoring import (
    cross_validated_mae,
    evaluate,
    species_baseline,
    split_train_test,
)

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
    "species_baseline",
    "split_train_test",
]
