"""build_features, split_train_test, species_baseline and evaluate on small frames."""

import numpy as np
import pandas as pd
import pytest

from penguin_mass import build_features, evaluate, species_baseline, split_train_test

MEASUREMENTS = ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "delta_15n", "delta_13c"]


def birds(n, index=None):
    """n complete birds, alternating species and sex, every measurement different."""
    rng = np.random.default_rng(0)
    frame = pd.DataFrame(
        {
            "species": ["Gentoo" if i % 2 else "Chinstrap" for i in range(n)],
            "island": "Dream",
            "sex": ["male" if i % 3 == 0 else "female" for i in range(n)],
            "body_mass_g": 3000.0 + 100.0 * np.arange(n),
        },
        index=index,
    )
    for column in MEASUREMENTS:
        frame[column] = rng.normal(50.0, 5.0, size=n)
    return frame


def test_features_are_scaled_like_standard_scaler():
    flock = birds(6, index=list("abcdef"))
    features = build_features(flock)
    expected = (flock[MEASUREMENTS] - flock[MEASUREMENTS].mean()) / flock[MEASUREMENTS].std(ddof=0)
    np.testing.assert_allclose(features[MEASUREMENTS].to_numpy(), expected.to_numpy())
    np.testing.assert_allclose(features[MEASUREMENTS].std(ddof=0), 1.0)


def test_features_have_0_1_male_and_species_columns_and_keep_the_index():
    flock = birds(6, index=list("abcdef"))
    features = build_features(flock)
    assert features.index.tolist() == list("abcdef")
    assert features["male"].tolist() == [1, 0, 0, 1, 0, 0]
    assert features["species_Gentoo"].tolist() == [0, 1, 0, 1, 0, 1]
    assert features["species_Chinstrap"].tolist() == [1, 0, 1, 0, 1, 0]
    assert "species_Adelie" not in features.columns


def test_build_features_leaves_the_birds_alone():
    flock = birds(4)
    before = flock.copy()
    build_features(flock)
    pd.testing.assert_frame_equal(flock, before)


@pytest.mark.parametrize(("n", "fraction", "n_test"), [(10, 0.2, 2), (10, 0.3, 3), (7, 0.5, 3), (20, 0.25, 5)])
def test_split_sizes(n, fraction, n_test):
    train, test = split_train_test(birds(n), test_fraction=fraction, seed=4)
    assert len(test) == n_test
    assert len(train) == n - n_test


@pytest.mark.parametrize("seed", [0, 1, 42])
def test_split_partitions_the_birds(seed):
    flock = birds(9, index=range(200, 209))
    train, test = split_train_test(flock, 0.3, seed)
    assert train.index.intersection(test.index).empty
    assert train.index.union(test.index).sort_values().tolist() == list(range(200, 209))
    assert train.columns.tolist() == flock.columns.tolist()


def test_split_is_repeatable_for_a_seed_and_leaves_the_birds_alone():
    flock = birds(9)
    before = flock.copy()
    first, second = split_train_test(flock, 0.3, 9), split_train_test(flock, 0.3, 9)
    assert first[0].index.equals(second[0].index) and first[1].index.equals(second[1].index)
    pd.testing.assert_frame_equal(flock, before)


def test_baseline_never_sees_the_test_birds():
    train = pd.DataFrame({"species": ["Adelie", "Adelie", "Adelie"], "body_mass_g": [3000.0, 3300.0, 3900.0]})
    test = pd.DataFrame({"species": ["Adelie"], "body_mass_g": [7400.0]}, index=["x"])
    before = train.copy(), test.copy()
    baseline = species_baseline(train, test)
    assert baseline.to_dict() == {"x": pytest.approx(3400.0)}
    pd.testing.assert_frame_equal(train, before[0])
    pd.testing.assert_frame_equal(test, before[1])


@pytest.mark.parametrize(
    ("y_true", "y_pred", "expected"),
    [
        ([10.0, 20.0], [13.0, 17.0], {"mae": 3.0, "rmse": 3.0}),
        ([1.0, 2.0, 3.0, 4.0], [3.0, 4.0, 5.0, -2.0], {"mae": 3.0, "rmse": np.sqrt(12.0)}),
        ([1.0, 2.0, 3.0], [1.0, 2.0, 3.0], {"mae": 0.0, "rmse": 0.0, "r2": 1.0}),
        ([1.0, 2.0, 3.0], [2.0, 2.0, 2.0], {"mae": 2 / 3, "rmse": np.sqrt(2 / 3), "r2": 0.0}),
    ],
)
def test_evaluate_on_paper(y_true, y_pred, expected):
    scores = evaluate(np.array(y_true), np.array(y_pred))
    assert {key: scores[key] for key in expected} == pytest.approx(expected)
