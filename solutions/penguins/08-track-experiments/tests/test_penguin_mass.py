"""Unit tests for penguin_mass: each builds a few birds by hand and checks one behaviour."""

import numpy as np
import pandas as pd
import pytest

from penguin_mass import (
    clean_penguins,
    coefficients,
    cross_validated_mae,
    evaluate,
    fit_model,
    make_model,
    predict_masses,
    species_baseline,
    split_train_test,
)

MEASUREMENTS = ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "delta_15n", "delta_13c"]


@pytest.fixture
def raw():
    """Three birds as the LTER export writes them; the Chinstrap was never measured."""
    return pd.DataFrame(
        {
            "studyName": ["PAL0708", "PAL0708", "PAL0809"],
            "Species": [
                "Adelie Penguin (Pygoscelis adeliae)",
                "Gentoo penguin (Pygoscelis papua)",
                "Chinstrap penguin (Pygoscelis antarctica)",
            ],
            "Island": ["Torgersen", "Biscoe", "Dream"],
            "Culmen Length (mm)": [39.1, 46.1, np.nan],
            "Culmen Depth (mm)": [18.7, 13.2, np.nan],
            "Flipper Length (mm)": [181.0, 211.0, np.nan],
            "Body Mass (g)": [3750.0, 4500.0, np.nan],
            "Sex": ["MALE", "FEMALE", np.nan],
            "Delta 15 N (o/oo)": [8.9, 7.9, np.nan],
            "Delta 13 C (o/oo)": [-24.7, -25.4, np.nan],
            "Comments": [np.nan, np.nan, "Adult not sampled."],
        }
    )


@pytest.fixture
def birds():
    """Five clean birds: three females, one male, one of unknown sex, two isotope gaps."""
    return pd.DataFrame(
        {
            "species": ["Adelie", "Adelie", "Gentoo", "Gentoo", "Chinstrap"],
            "island": ["Dream", "Torgersen", "Biscoe", "Biscoe", "Dream"],
            "sex": ["female", "male", "female", np.nan, "female"],
            "bill_length_mm": [38.0, 41.0, 46.0, 50.0, 49.0],
            "bill_depth_mm": [17.0, 19.0, 14.0, 15.5, 18.5],
            "flipper_length_mm": [185.0, 195.0, 212.0, 225.0, 199.0],
            "body_mass_g": [3400.0, 4000.0, 4800.0, 5600.0, 3700.0],
            "delta_15n": [8.0, 9.0, np.nan, 10.0, 30.0],
            "delta_13c": [-25.0, np.nan, -26.0, -24.0, -20.0],
        },
        index=[3, 5, 8, 13, 21],
    )


def flock(n):
    """n complete birds, species in turn, masses 3000, 3010, 3020, ..."""
    return pd.DataFrame(
        {
            "species": [["Adelie", "Chinstrap", "Gentoo"][i % 3] for i in range(n)],
            "sex": [["female", "male"][i % 2] for i in range(n)],
            "bill_length_mm": np.linspace(35, 55, n),
            "bill_depth_mm": np.linspace(13, 21, n),
            "flipper_length_mm": np.linspace(180, 230, n),
            "body_mass_g": 3000.0 + 10 * np.arange(n),
            "delta_15n": np.linspace(7.5, 10, n),
            "delta_13c": np.linspace(-27, -23.5, n),
        }
    )


# clean_penguins


@pytest.mark.parametrize(
    ("clean_column", "expected"),
    [
        ("bill_length_mm", 46.1),
        ("bill_depth_mm", 13.2),
        ("flipper_length_mm", 211.0),
        ("body_mass_g", 4500.0),
        ("delta_15n", 7.9),
        ("delta_13c", -25.4),
    ],
)
def test_each_measurement_lands_in_its_own_column(raw, clean_column, expected):
    gentoo = clean_penguins(raw).loc[1]
    assert gentoo[clean_column] == pytest.approx(expected)


def test_species_is_the_first_word_of_the_raw_name(raw):
    assert list(clean_penguins(raw)["species"]) == ["Adelie", "Gentoo"]


def test_sex_is_written_in_lower_case(raw):
    assert list(clean_penguins(raw)["sex"]) == ["male", "female"]


def test_birds_without_a_body_mass_are_left_out(raw):
    assert list(clean_penguins(raw).index) == [0, 1]


def test_cleaning_leaves_the_raw_frame_as_it_was(raw):
    before = raw.copy()
    clean_penguins(raw)
    pd.testing.assert_frame_equal(raw, before)


# make_model and fit_model


def test_missing_values_are_filled_from_the_training_birds(birds):
    model = fit_model(birds)
    gap = birds.loc[[8]]  # delta_15n missing: the median of the birds fitted on is 9.5
    filled = gap.assign(delta_15n=9.5)
    assert model.predict(gap) == pytest.approx(model.predict(filled))


def test_a_missing_sex_becomes_the_most_common_sex_of_the_training_birds(birds):
    model = fit_model(birds)
    unknown = birds.loc[[13]]
    assert model.predict(unknown) == pytest.approx(model.predict(unknown.assign(sex="female")))


def test_the_fitted_model_depends_on_the_training_birds_only():
    train, test = flock(30).iloc[:24], flock(30).iloc[24:]
    changed = test.assign(flipper_length_mm=500.0, delta_15n=np.nan, sex=np.nan)
    everyone = pd.concat([train, test])
    everyone_changed = pd.concat([train, changed])
    assert coefficients(fit_model(everyone.loc[train.index])) == pytest.approx(
        coefficients(fit_model(everyone_changed.loc[train.index]))
    )


def test_scaling_is_learned_from_the_birds_fitted_on():
    model = fit_model(flock(9))
    scaler = (
        model.named_steps["preprocess"].named_transformers_["measurements"].named_steps["scale"]
    )
    assert scaler.mean_ == pytest.approx(flock(9)[MEASUREMENTS].mean().to_numpy())


def test_sex_and_species_become_zero_one_inputs():
    names = set(coefficients(fit_model(flock(6))))
    assert {"sex_male", "species_Adelie", "species_Chinstrap", "species_Gentoo"} <= names
    assert "sex_female" not in names


def test_alpha_reaches_the_ridge():
    assert make_model(alpha=3.5).named_steps["ridge"].alpha == 3.5


def test_fitting_leaves_the_training_frame_as_it_was(birds):
    before = birds.copy()
    fit_model(birds)
    pd.testing.assert_frame_equal(birds, before)


def test_a_bird_with_no_body_measurement_gets_no_mass(birds):
    model = fit_model(birds)
    unmeasured = birds.assign(bill_length_mm=np.nan, bill_depth_mm=np.nan, flipper_length_mm=np.nan)
    field = pd.concat(
        [birds.loc[[3]], unmeasured.loc[[5]], birds.assign(bill_length_mm=np.nan).loc[[8]]]
    )
    masses = predict_masses(model, field)
    assert list(masses.index) == [3, 5, 8]
    assert masses[3] == pytest.approx(model.predict(birds.loc[[3]])[0])
    assert np.isnan(masses[5])
    assert masses[8] == pytest.approx(model.predict(field.loc[[8]])[0])


# cross_validated_mae


def test_cross_validation_scores_in_grams_and_repeats_with_its_seed():
    birds = flock(40)
    first = cross_validated_mae(birds, alpha=1.0, folds=4, seed=3)
    assert first > 0
    assert cross_validated_mae(birds, alpha=1.0, folds=4, seed=3) == pytest.approx(first)


def test_cross_validation_of_a_perfectly_linear_flock_is_nearly_exact():
    birds = flock(40)
    assert cross_validated_mae(birds, alpha=1e-6, folds=5, seed=0) == pytest.approx(0, abs=1e-3)


# split_train_test


@pytest.mark.parametrize(("n", "fraction", "n_test"), [(10, 0.2, 2), (342, 0.2, 68), (45, 0.3, 13)])
def test_the_test_set_holds_int_n_times_test_fraction_birds(n, fraction, n_test):
    train, test = split_train_test(flock(n), test_fraction=fraction, seed=0)
    assert (len(train), len(test)) == (n - n_test, n_test)


def test_every_bird_is_in_exactly_one_of_train_and_test():
    everyone = flock(20)
    train, test = split_train_test(everyone, test_fraction=0.25, seed=5)
    assert set(train.index).isdisjoint(test.index)
    assert set(train.index) | set(test.index) == set(everyone.index)


def test_the_same_seed_holds_out_the_same_birds():
    first = split_train_test(flock(30), seed=11)[1]
    again = split_train_test(flock(30), seed=11)[1]
    pd.testing.assert_frame_equal(first, again)


def test_another_seed_holds_out_other_birds():
    first = split_train_test(flock(30), seed=11)[1]
    other = split_train_test(flock(30), seed=12)[1]
    assert set(first.index) != set(other.index)


# species_baseline


def test_the_baseline_is_the_species_mean_of_the_training_birds_only():
    train = pd.DataFrame(
        {"species": ["Adelie", "Adelie", "Gentoo"], "body_mass_g": [3000.0, 3400.0, 5000.0]}
    )
    test = pd.DataFrame(
        {"species": ["Gentoo", "Adelie"], "body_mass_g": [6000.0, 9000.0]}, index=[7, 8]
    )
    predicted = species_baseline(train, test)
    assert list(predicted.index) == [7, 8]
    assert list(predicted) == pytest.approx([5000.0, 3200.0])


# evaluate


def test_errors_are_reported_in_grams():
    scores = evaluate([3000.0, 4000.0, 5000.0], [3100.0, 3900.0, 5300.0])
    assert scores["mae"] == pytest.approx(500 / 3)
    assert scores["rmse"] == pytest.approx(np.sqrt(110_000 / 3))
    assert scores["r2"] == pytest.approx(1 - 110_000 / 2_000_000)


def test_a_perfect_prediction_has_no_error():
    scores = evaluate([3000.0, 4500.0], [3000.0, 4500.0])
    assert scores == pytest.approx({"mae": 0.0, "rmse": 0.0, "r2": 1.0})
