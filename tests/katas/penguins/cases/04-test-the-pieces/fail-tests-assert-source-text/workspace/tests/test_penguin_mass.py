"""Tests for penguin_mass: check that each function does the right thing."""

import inspect

import pandas as pd
import pytest

import penguin_mass
from penguin_mass import (
    build_features,
    clean_penguins,
    evaluate,
    impute_missing,
    species_baseline,
    split_train_test,
)


@pytest.mark.parametrize(
    ("function", "fragment"),
    [
        (penguin_mass, '"Culmen Length (mm)": "bill_length_mm"'),
        (penguin_mass, '"Culmen Depth (mm)": "bill_depth_mm"'),
        (clean_penguins, "raw[list(RAW_NAMES)].rename(columns=RAW_NAMES)"),
        (clean_penguins, 'dropna(subset=["body_mass_g"])'),
        (impute_missing, ".median()"),
        (impute_missing, "penguins.copy()"),
        (build_features, "StandardScaler()"),
        (split_train_test, "penguins.iloc[order[n_test:]]"),
        (species_baseline, 'train.groupby("species")'),
        (evaluate, "np.sqrt(np.mean(errors**2))"),
    ],
)
def test_the_source_does_the_right_thing(function, fragment):
    assert fragment in inspect.getsource(function)


def test_impute_never_uses_the_mean():
    assert ".mean()" not in inspect.getsource(impute_missing)


def test_clean_returns_a_frame():
    raw = pd.DataFrame({name: ["x"] for name in penguin_mass.RAW_NAMES} | {"Body Mass (g)": [3800.0]})
    assert isinstance(clean_penguins(raw), pd.DataFrame)
