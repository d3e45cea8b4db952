"""Body mass from caliper measurements, split into cleaning and modelling."""

from penguin_mass.cleaning import clean_penguins, impute_missing, read_raw
from penguin_mass.modelling import build_features, evaluate, species_baseline, split_train_test

__all__ = [
    "build_features",
    "clean_penguins",
    "evaluate",
    "impute_missing",
    "read_raw",
    "species_baseline",
    "split_train_test",
]
