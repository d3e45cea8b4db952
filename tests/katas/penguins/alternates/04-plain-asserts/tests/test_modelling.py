import math

import numpy as np
import pandas as pd
from penguin_mass import (
    build_features,
    evaluate,
    impute_missing,
    species_baseline,
    split_train_test,
)


def test_features_are_standardised_and_encoded(colony):
    features = build_features(impute_missing(colony))
    for column in [
        "bill_length_mm",
        "bill_depth_mm",
        "flipper_length_mm",
        "delta_15n",
        "delta_13c",
    ]:
        assert abs(features[column].mean()) < 1e-9
        assert abs(features[column].std(ddof=0) - 1) < 1e-9
    assert list(features["male"]) == [1, 1, 0, 1, 0, 1]
    assert list(features["species_Chinstrap"]) == [0, 0, 0, 0, 0, 1]


def test_split_sizes_follow_the_fraction():
    birds = pd.DataFrame({"body_mass_g": np.arange(40.0)})
    for fraction, expected in [(0.2, 8), (0.25, 10), (0.5, 20)]:
        train, test = split_train_test(birds, test_fraction=fraction, seed=3)
        assert len(test) == expected
        assert len(train) == 40 - expected


def test_split_neither_loses_nor_repeats_a_bird():
    birds = pd.DataFrame({"body_mass_g": np.arange(25.0)}, index=np.arange(100, 125))
    train, test = split_train_test(birds, test_fraction=0.2, seed=9)
    together = list(train.index) + list(test.index)
    assert sorted(together) == list(range(100, 125))


def test_split_is_repeatable():
    birds = pd.DataFrame({"body_mass_g": np.arange(30.0)})
    assert list(split_train_test(birds, seed=4)[1].index) == list(
        split_train_test(birds, seed=4)[1].index
    )


def test_baseline_only_learns_from_training_birds(colony):
    train, test = colony.iloc[:5], colony.iloc[[0, 3]].assign(body_mass_g=[9999.0, 9999.0])
    predicted = species_baseline(train, test)
    assert list(predicted) == [(5200.0 + 5600.0 + 4700.0) / 3, (3900.0 + 3300.0) / 2]


def test_evaluate_by_hand():
    scores = evaluate(np.array([4000.0, 5000.0]), np.array([4300.0, 4600.0]))
    assert math.isclose(scores["mae"], 350.0)
    assert math.isclose(scores["rmse"], math.sqrt((300.0**2 + 400.0**2) / 2))
    assert math.isclose(scores["r2"], 1 - (300.0**2 + 400.0**2) / (2 * 500.0**2))
