"""Checks for penguins stage 3: the features, the split, the baseline and the scores.

Like test_extract_functions.py, they call penguin_mass's functions on birds built by hand and
compare with values worked out by hand.
"""

import math

import numpy as np
import pandas as pd
import pytest
from bird_frames import MEASUREMENTS, call, many_birds

from kata.harness import fail
from kata.harness.frames import frame_result, pair_of_frames, require_columns


def split(module, *args, **kwargs):
    """split_train_test's (train, test), checked to be two frames."""
    return pair_of_frames("split_train_test", call(module, "split_train_test", *args, **kwargs))


def test_build_features_makes_a_species_column_per_species_present(module):
    """With only Adelie and Gentoo birds, build_features makes species_Adelie and species_Gentoo only."""
    birds = many_birds(9)
    birds = birds[birds["species"] != "Chinstrap"]
    features = frame_result("build_features", call(module, "build_features", birds))
    species = sorted(column for column in features.columns if column.startswith("species_"))
    assert species == ["species_Adelie", "species_Gentoo"], (
        f"For birds of two species, build_features made the columns {species}; the README asks "
        "for one 0/1 column per species present (as pd.get_dummies does), not a fixed list."
    )


def test_split_train_test_takes_its_arguments_in_the_readme_s_order(module):
    """split_train_test(penguins, 0.5, 3), called by position, holds out half of the birds."""
    birds = many_birds(20)
    train, test = split(module, birds, 0.5, 3)
    assert (len(train), len(test)) == (10, 10), (
        f"split_train_test(birds, 0.5, 3) held out {len(test)} of 20 birds, not 10. The README's "
        "signature is split_train_test(penguins, test_fraction=0.2, seed=42): the second "
        "argument, by position, is the fraction of the birds it is given to hold out."
    )


def test_build_features_returns_the_model_columns(module):
    """build_features returns the five measurements, male, and one species_<name> column per species."""
    birds = many_birds(6)
    features = frame_result("build_features", call(module, "build_features", birds))
    expected = {*MEASUREMENTS, "male", "species_Adelie", "species_Chinstrap", "species_Gentoo"}
    assert set(features.columns) == expected, (
        f"build_features returned the columns {sorted(features.columns)}; expected {sorted(expected)}."
    )
    assert list(features.index) == list(birds.index), (
        f"build_features returned the index {list(features.index)}; expected the input's "
        f"{list(birds.index)}, so that rows can be matched to train and test by label."
    )


def test_build_features_standardises_the_measurements(module):
    """Each measurement column of build_features has mean 0 and standard deviation 1 (as StandardScaler)."""
    features = frame_result("build_features", call(module, "build_features", many_birds(12)))
    require_columns(features, "build_features", *MEASUREMENTS)
    for column in MEASUREMENTS:
        values = features[column].to_numpy(dtype=float)
        mean_and_std = [values.mean(), values.std()]
        assert mean_and_std == pytest.approx([0, 1], abs=1e-9), (
            f"{column} has mean {values.mean():.3f} and standard deviation {values.std():.3f}; "
            "expected 0 and 1, computed over the frame given (population standard deviation, "
            "ddof=0, as StandardScaler does)."
        )


def test_build_features_encodes_sex_and_species(module):
    """build_features writes 1 for males and for a bird's own species, 0 elsewhere."""
    birds = many_birds(6)
    birds["sex"] = birds["sex"].astype(object)
    birds.loc[birds.index[3], "sex"] = None  # "0 otherwise" includes a bird of unknown sex
    features = frame_result("build_features", call(module, "build_features", birds))
    require_columns(features, "build_features", "male", "species_Gentoo")
    male = [int(v) for v in features["male"]]
    assert male == [int(sex == "male") for sex in birds["sex"]], (
        f"male is {male} for birds whose sex is {list(birds['sex'])}; expected 1 for male, 0 otherwise."
    )
    gentoo = [int(v) for v in features["species_Gentoo"]]
    assert gentoo == [int(s == "Gentoo") for s in birds["species"]], (
        f"species_Gentoo is {gentoo} for the species {list(birds['species'])}; expected 1 for "
        "Gentoos only."
    )


@pytest.mark.parametrize(("n", "fraction", "n_test"), [(50, 0.2, 10), (45, 0.3, 13)])
def test_split_train_test_holds_out_the_right_number(module, n, fraction, n_test):
    """split_train_test holds out int(n * test_fraction) birds for testing and trains on the rest."""
    train, test = split(module, many_birds(n), test_fraction=fraction, seed=1)
    assert (len(train), len(test)) == (n - n_test, n_test), (
        f"With {n} birds and test_fraction={fraction}, split_train_test returned {len(train)} "
        f"training and {len(test)} test birds; expected {n - n_test} and {n_test} "
        f"(int({n} * {fraction}) = {n_test})."
    )


def test_split_train_test_uses_every_bird_exactly_once(module):
    """Every bird lands in exactly one of train and test, with its index label and columns."""
    birds = many_birds(30)
    train, test = split(module, birds, test_fraction=0.2, seed=3)
    both = set(train.index) & set(test.index)
    assert not both, f"The birds {sorted(both)} are in both train and test."
    missing = set(birds.index) - set(train.index) - set(test.index)
    assert not missing, f"The birds {sorted(missing)} are in neither train nor test."
    assert list(test.columns) == list(birds.columns), (
        "split_train_test should return rows of the frame it is given, with all its columns."
    )


def test_split_train_test_is_repeatable_with_a_seed(module):
    """The same seed gives the same split; another seed gives another split."""
    birds = many_birds(40)
    first, again, other = (
        split(module, birds, test_fraction=0.25, seed=seed)[1] for seed in (7, 7, 8)
    )
    assert list(first.index) == list(again.index), (
        "Two calls with seed=7 held out different birds; the seed should fix the shuffle "
        "(np.random.default_rng(seed))."
    )
    assert set(first.index) != set(other.index), (
        "seed=7 and seed=8 held out exactly the same birds; is the seed used at all?"
    )


def test_species_baseline_predicts_the_training_mean_of_each_species(module):
    """species_baseline predicts each test bird's mass as the mean mass of its species in train."""
    train = many_birds(6)  # Adelie 3000 and 3030, Chinstrap 3010 and 3040, Gentoo 3020 and 3050
    test = many_birds(3).set_index(pd.Index([7, 8, 9]))
    predicted = call(module, "species_baseline", train, test)
    try:
        values = [float(value) for value in np.asarray(predicted, dtype=float).ravel()]
    except (TypeError, ValueError):
        fail(
            f"species_baseline returned {predicted!r}; expected a Series of masses, one per test bird."
        )
    assert values == pytest.approx([3015.0, 3025.0, 3035.0]), (
        f"For test birds of species Adelie, Chinstrap, Gentoo, species_baseline predicted {values}; "
        "the training means are 3015, 3025 and 3035."
    )
    if isinstance(predicted, pd.Series):
        assert list(predicted.index) == [7, 8, 9], (
            f"species_baseline returned the index {list(predicted.index)}; expected test's [7, 8, 9]."
        )


def test_evaluate_reports_mae_rmse_and_r2(module):
    """evaluate(y_true, y_pred) returns a dict with mae, rmse (grams) and r2."""
    scores = call(
        module, "evaluate", pd.Series([3000.0, 4000.0, 5000.0]), np.array([3100.0, 3900.0, 5300.0])
    )
    if not isinstance(scores, dict) or not {"mae", "rmse", "r2"} <= set(scores):
        fail(f"evaluate returned {scores!r}; expected a dict with the keys 'mae', 'rmse' and 'r2'.")
    expected = {"mae": 500 / 3, "rmse": math.sqrt(110_000 / 3), "r2": 1 - 110_000 / 2_000_000}
    for key, value in expected.items():
        assert scores[key] == pytest.approx(value), (
            f"For errors of +100, -100 and +300 g, evaluate gave {key} = {scores[key]!r}; "
            f"expected {value:.4g}."
        )
