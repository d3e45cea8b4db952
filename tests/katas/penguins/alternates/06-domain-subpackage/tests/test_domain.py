import numpy as np
import pandas as pd
import pytest

from penguin_mass import (
    cross_validated_mae,
    evaluate,
    fit_model,
    species_baseline,
    split_train_test,
)


@pytest.fixture
def flock():
    n = 30
    return pd.DataFrame(
        {
            "species": np.resize(["Adelie", "Chinstrap", "Gentoo"], n),
            "sex": np.resize(["male", "female"], n),
            "bill_length_mm": np.linspace(35, 55, n),
            "bill_depth_mm": np.linspace(21, 13, n),
            "flipper_length_mm": np.linspace(180, 230, n),
            "delta_15n": np.linspace(7.5, 10, n),
            "delta_13c": np.linspace(-27, -23.5, n),
            "body_mass_g": np.linspace(3000, 6000, n),
        }
    )


def test_held_out_birds_do_not_change_the_fitted_model(flock):
    train = flock.iloc[:24]
    other = pd.concat([train, flock.iloc[24:].assign(flipper_length_mm=np.nan)])
    first = fit_model(train).predict(flock.iloc[:3])
    again = fit_model(other.iloc[:24]).predict(flock.iloc[:3])
    assert first == pytest.approx(again)


def test_split_sizes_and_no_overlap(flock):
    train, test = split_train_test(flock, 0.2, 1)
    assert (len(train), len(test)) == (24, 6)
    assert not set(train.index) & set(test.index)


def test_baseline_uses_training_means():
    train = pd.DataFrame({"species": ["A", "A", "B"], "body_mass_g": [1.0, 3.0, 10.0]})
    test = pd.DataFrame({"species": ["B", "A"], "body_mass_g": [0.0, 0.0]})
    assert list(species_baseline(train, test)) == [10.0, 2.0]


def test_scores_by_hand():
    scores = evaluate([1.0, 2.0, 3.0], [2.0, 2.0, 2.0])
    assert scores == pytest.approx({"mae": 2 / 3, "rmse": np.sqrt(2 / 3), "r2": 0.0})


def test_cross_validation_is_repeatable(flock):
    assert cross_validated_mae(flock, folds=3, seed=0) == pytest.approx(
        cross_validated_mae(flock, folds=3, seed=0)
    )
