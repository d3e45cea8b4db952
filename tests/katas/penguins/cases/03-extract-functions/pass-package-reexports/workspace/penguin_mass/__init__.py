"""Estimate a penguin's body mass from caliper measurements: the notebook's steps as functions."""

from penguin_mass.cleaning import clean_penguins, impute_missing
from penguin_mass.features import build_features
from penguin_mass.loading import read_raw
from penguin_mass.scoring import evaluate, species_baseline
from penguin_mass.splitting import split_train_test

__all__ = [
    "read_raw",
    "clean_penguins",
    "impute_missing",
    "build_features",
    "split_train_test",
    "species_baseline",
    "evaluate",
]
