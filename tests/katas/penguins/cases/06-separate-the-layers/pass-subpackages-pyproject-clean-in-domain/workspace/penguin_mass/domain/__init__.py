"""The domain: only computes. Frames in; cleaned frames, a fitted model and numbers out."""

from penguin_mass.domain.cleaning import clean_penguins
from penguin_mass.domain.columns import CATEGORIES, FEATURES, MEASUREMENTS, TARGET
from penguin_mass.domain.model import coefficients, fit_model, make_model
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
    "clean_penguins",
    "coefficients",
    "cross_validated_mae",
    "evaluate",
    "fit_model",
    "make_model",
    "species_baseline",
    "split_train_test",
]
