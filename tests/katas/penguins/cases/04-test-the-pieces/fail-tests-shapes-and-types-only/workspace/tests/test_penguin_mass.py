"""Unit tests for penguin_mass: every function returns the right kind of thing."""

import numpy as np
import pandas as pd
import pytest

from penguin_mass import (
    build_features,
    clean_penguins,
    evaluate,
    impute_missing,
    read_raw,
    species_baseline,
    split_train_test,
)

RAW_COLUMNS = [
    "studyName", "Sample Number", "Species", "Region", "Island", "Stage", "Individual ID",
    "Clutch Completion", "Date Egg", "Culmen Length (mm)", "Culmen Depth (mm)", "Flipper Length (mm)",
    "Body Mass (g)", "Sex", "Delta 15 N (o/oo)", "Delta 13 C (o/oo)", "Comments",
]


@pytest.fixture
def raw():
    row = ["PAL0708", 1, "Adelie Penguin (Pygoscelis adeliae)", "Anvers", "Torgersen", "Adult, 1 Egg Stage",
           "N1A1", "Yes", "2007-11-11", 39.1, 18.7, 181.0, 3750.0, "MALE", 8.9, -24.7, np.nan]
    gentoo = row[:2] + ["Gentoo penguin (Pygoscelis papua)"] + row[3:9] + [47.5, 15.0, 217.0, 5200.0, "FEMALE", np.nan, np.nan, np.nan]
    return pd.DataFrame([row, gentoo], columns=RAW_COLUMNS)


@pytest.fixture
def penguins(raw):
    return clean_penguins(raw)


def test_read_raw_returns_a_dataframe(tmp_path, raw):
    raw.to_csv(tmp_path / "raw.csv", index=False)
    assert isinstance(read_raw(tmp_path / "raw.csv"), pd.DataFrame)


def test_clean_has_nine_columns(penguins):
    assert penguins.shape[1] == 9


def test_impute_keeps_the_shape(penguins):
    assert impute_missing(penguins).shape == penguins.shape


def test_features_have_one_row_per_bird(penguins):
    features = build_features(impute_missing(penguins))
    assert len(features) == len(penguins)
    assert all(dtype.kind in "fiu" for dtype in features.dtypes)


@pytest.mark.parametrize("fraction", [0.2, 0.5])
def test_split_returns_two_frames(fraction):
    birds = pd.DataFrame({"species": ["Adelie"] * 10, "body_mass_g": np.arange(10.0)})
    train, test = split_train_test(birds, fraction)
    assert isinstance(train, pd.DataFrame) and isinstance(test, pd.DataFrame)
    assert len(test) == int(10 * fraction)


def test_baseline_is_a_series():
    train = pd.DataFrame({"species": ["Adelie", "Gentoo"], "body_mass_g": [3700.0, 5000.0]})
    test = pd.DataFrame({"species": ["Gentoo"], "body_mass_g": [5200.0]})
    assert isinstance(species_baseline(train, test), pd.Series)


def test_evaluate_returns_floats():
    scores = evaluate([1.0, 2.0, 3.0], [1.5, 2.0, 2.0])
    assert set(scores) == {"mae", "rmse", "r2"}
    assert all(isinstance(value, float) for value in scores.values())
