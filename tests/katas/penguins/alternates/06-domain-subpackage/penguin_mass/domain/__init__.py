"""The domain: from clean birds to a fitted model and its scores. Nothing here touches a file."""

from .evaluation import cross_validated_mae, evaluate, species_baseline
from .features import CATEGORIES, FEATURES, MEASUREMENTS, TARGET, clean_penguins
from .model import coefficients, fit_model, make_model, split_train_test

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
