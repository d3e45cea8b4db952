"""Unit tests for penguin_mass on birds from conftest.py."""

import numpy as np
import pandas as pd
import pytest
from sklearn.model_selection import KFold
from sklearn.pipeline import Pipeline

from penguin_mass import (
    clean_penguins,
    coefficients,
    cross_validated_mae,
    evaluate,
    fit_model,
    make_model,
    species_baseline,
    split_train_test,
)

NINE = {
    "bill_length_mm",
    "bill_depth_mm",
    "flipper_length_mm",
    "delta_15n",
    "delta_13c",
    "species_Adelie",
    "species_Chinstrap",
    "species_Gentoo",
    "sex_male",
}


@pytest.fixture
def raw():
    return pd.DataFrame(
        {
            "Species": ["Adelie Penguin (Pygoscelis adeliae)", "Gentoo penguin (Pygoscelis papua)"],
            "Island": ["Torgersen", "Biscoe"],
            "Sex": ["MALE", "FEMALE"],
            "Culmen Length (mm)": [39.1, 46.1],
            "Culmen Depth (mm)": [18.7, 13.2],
            "Flipper Length (mm)": [181.0, 211.0],
            "Body Mass (g)": [3750.0, np.nan],
            "Delta 15 N (o/oo)": [8.9, 7.9],
            "Delta 13 C (o/oo)": [-24.7, -25.4],
        }
    )


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("species", "Adelie"),
        ("sex", "male"),
        ("bill_length_mm", 39.1),
        ("bill_depth_mm", 18.7),
        ("flipper_length_mm", 181.0),
        ("delta_15n", 8.9),
        ("delta_13c", -24.7),
    ],
)
def test_clean_penguins_names_each_column(raw, column, value):
    assert clean_penguins(raw).loc[0, column] == value


def test_clean_penguins_drops_unweighed_birds_and_leaves_raw_alone(raw):
    before = raw.copy()
    assert list(clean_penguins(raw).index) == [0]
    pd.testing.assert_frame_equal(raw, before)


def test_make_model_is_a_fresh_unfitted_pipeline_ending_in_ridge():
    model = make_model(alpha=0.3)
    assert isinstance(model, Pipeline)
    assert model[-1].alpha == 0.3
    assert not hasattr(model[-1], "coef_")
    assert make_model() is not make_model()


@pytest.mark.parametrize("alpha", [0.01, 1.0, 25.0])
def test_fit_model_uses_alpha(flock, alpha):
    birds = flock(15, wobble=50.0)
    fitted = fit_model(birds, alpha=alpha)
    assert fitted[-1].alpha == alpha
    by_hand = make_model(alpha).fit(birds.drop(columns="body_mass_g"), birds["body_mass_g"])
    assert coefficients(fitted) == pytest.approx(coefficients(by_hand))


def test_a_bigger_alpha_shrinks_the_coefficients(flock):
    birds = flock(15, wobble=50.0)
    small = np.abs(list(coefficients(fit_model(birds, alpha=0.01)).values())).sum()
    large = np.abs(list(coefficients(fit_model(birds, alpha=25.0)).values())).sum()
    assert large < small


def test_a_gap_is_the_training_median(five):
    model = fit_model(five)
    bird = five.iloc[[2]]
    assert model.predict(bird) == pytest.approx(model.predict(bird.assign(delta_13c=-24.75)))


def test_a_missing_sex_is_the_most_common_training_sex(five):
    model = fit_model(five)
    bird = five.iloc[[1]]
    assert model.predict(bird) == pytest.approx(model.predict(bird.assign(sex="male")))


@pytest.mark.parametrize(
    ("column", "factor"), [("flipper_length_mm", 0.1), ("bill_length_mm", 10.0), ("delta_15n", 1000.0)]
)
def test_units_do_not_matter(flock, column, factor):
    birds = flock(16, wobble=40.0, gaps=True)
    other = birds.assign(**{column: birds[column] * factor})
    assert fit_model(other).predict(other) == pytest.approx(fit_model(birds).predict(birds))


def test_the_nine_inputs_are_named(flock):
    assert set(coefficients(fit_model(flock(9)))) == NINE


def test_fit_model_does_not_touch_its_birds(five):
    before = five.copy()
    fit_model(five)
    pd.testing.assert_frame_equal(five, before)


@pytest.mark.parametrize(("folds", "seed", "alpha"), [(3, 0, 1.0), (4, 13, 5.0)])
def test_cross_validation_agrees_with_a_loop(flock, folds, seed, alpha):
    birds = flock(24, wobble=60.0, gaps=True)
    maes = [
        evaluate(
            birds.iloc[held]["body_mass_g"],
            fit_model(birds.iloc[kept], alpha).predict(birds.iloc[held]),
        )["mae"]
        for kept, held in KFold(folds, shuffle=True, random_state=seed).split(birds)
    ]
    assert cross_validated_mae(birds, alpha, folds, seed) == pytest.approx(np.mean(maes))


def test_cross_validation_repeats_with_its_seed(flock):
    birds = flock(24, wobble=60.0, gaps=True)
    first = cross_validated_mae(birds, 1.0, 4, 8)
    assert first > 0
    assert cross_validated_mae(birds, 1.0, 4, 8) == first


@pytest.mark.parametrize(("n", "n_test"), [(10, 2), (342, 68), (11, 2)])
def test_split_sizes(flock, n, n_test):
    train, test = split_train_test(flock(n), 0.2, 0)
    assert (len(train), len(test)) == (n - n_test, n_test)
    assert set(train.index).isdisjoint(test.index)


def test_split_repeats(flock):
    a = split_train_test(flock(20), 0.2, 5)[1]
    b = split_train_test(flock(20), 0.2, 5)[1]
    assert list(a.index) == list(b.index)


def test_baseline_is_the_training_species_mean():
    train = pd.DataFrame({"species": ["Chinstrap", "Chinstrap"], "body_mass_g": [3500.0, 3900.0]})
    test = pd.DataFrame({"species": ["Chinstrap"], "body_mass_g": [100.0]}, index=[9])
    assert species_baseline(train, test).to_dict() == {9: 3700.0}


@pytest.mark.parametrize(
    ("true", "pred", "expected"),
    [
        ([3000.0, 4000.0], [3000.0, 4000.0], {"mae": 0.0, "rmse": 0.0, "r2": 1.0}),
        ([3000.0, 4000.0, 5000.0], [3200.0, 4000.0, 4700.0], {"mae": 500 / 3, "rmse": np.sqrt(130_000 / 3), "r2": 1 - 130_000 / 2_000_000}),
    ],
)
def test_evaluate(true, pred, expected):
    assert evaluate(true, pred) == pytest.approx(expected)
