"""Unit tests for penguin_mass: plain functions, birds built by the helpers below."""

import math

import numpy as np
import pandas as pd
from sklearn.model_selection import KFold

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


def close(a, b, tol=1e-6):
    return np.allclose(np.asarray(a, dtype=float), np.asarray(b, dtype=float), rtol=tol, atol=tol)


def line_of_birds(n):
    return pd.DataFrame(
        {
            "species": [["Adelie", "Chinstrap", "Gentoo"][i % 3] for i in range(n)],
            "island": "Dream",
            "sex": [["female", "male"][i % 2] for i in range(n)],
            "bill_length_mm": np.linspace(35, 55, n),
            "bill_depth_mm": np.linspace(13, 21, n),
            "flipper_length_mm": np.linspace(180, 230, n),
            "body_mass_g": 3000.0 + 10 * np.arange(n),
            "delta_15n": np.linspace(7.5, 10, n),
            "delta_13c": np.linspace(-27, -23.5, n),
        }
    )


def scattered_birds(n):
    birds = line_of_birds(n)
    birds["body_mass_g"] += [(-1) ** i * 35.0 * (i % 4) for i in range(n)]
    birds.loc[::3, "delta_13c"] = np.nan
    return birds


def five_birds():
    # flipper lengths 185, 195, 200, 240 without the gap: median 197.5, mean 205
    return pd.DataFrame(
        {
            "species": ["Adelie", "Gentoo", "Adelie", "Chinstrap", "Gentoo"],
            "sex": ["male", "male", np.nan, "female", "male"],
            "bill_length_mm": [38.0, 47.0, 40.0, 49.0, 50.0],
            "bill_depth_mm": [18.0, 14.0, 17.5, 18.5, 15.0],
            "flipper_length_mm": [185.0, 240.0, np.nan, 195.0, 200.0],
            "body_mass_g": [3500.0, 5300.0, 3300.0, 3700.0, 5000.0],
            "delta_15n": [8.5, 8.1, 9.0, 9.6, 8.2],
            "delta_13c": [-25.5, -26.2, -25.1, -24.4, -26.0],
        },
        index=[10, 20, 30, 40, 50],
    )


def test_the_model_ignores_whatever_happens_to_the_held_out_birds():
    birds = line_of_birds(40)
    birds.loc[birds.index[:6], "flipper_length_mm"] = np.nan  # training birds with gaps, too
    train, test = split_train_test(birds, 0.25, seed=7)
    other = birds.copy()
    other.loc[test.index, "bill_length_mm"] = 80.0
    other.loc[test.index, "flipper_length_mm"] = np.nan
    other.loc[test.index, "sex"] = "male"
    other_train, _ = split_train_test(other, 0.25, seed=7)
    before, after = coefficients(fit_model(train)), coefficients(fit_model(other_train))
    assert before.keys() == after.keys()
    for name in before:
        assert math.isclose(before[name], after[name], rel_tol=1e-9, abs_tol=1e-9), name


def test_a_missing_flipper_is_the_median_of_the_fitted_birds():
    birds = five_birds()
    model = fit_model(birds)
    bird = birds.loc[[30]]
    assert close(model.predict(bird), model.predict(bird.assign(flipper_length_mm=197.5)))
    assert not close(model.predict(bird), model.predict(bird.assign(flipper_length_mm=205.0)))


def test_a_missing_sex_is_the_most_common_sex_of_the_fitted_birds():
    birds = five_birds()
    model = fit_model(birds)
    bird = birds.loc[[30]]
    assert close(model.predict(bird), model.predict(bird.assign(sex="male")))


def test_measurements_are_standardised():
    birds = scattered_birds(18)
    grams = birds.assign(bill_depth_mm=birds["bill_depth_mm"] * 1000 + 5)
    assert close(fit_model(grams).predict(grams), fit_model(birds).predict(birds))


def test_coefficients_are_the_nine_inputs():
    names = coefficients(fit_model(line_of_birds(12)))
    assert sorted(names) == sorted(
        [
            "bill_length_mm",
            "bill_depth_mm",
            "flipper_length_mm",
            "delta_15n",
            "delta_13c",
            "species_Adelie",
            "species_Chinstrap",
            "species_Gentoo",
            "sex_male",
        ]
    )
    assert all(isinstance(v, float) for v in names.values())


def test_alpha_changes_the_fit():
    birds = scattered_birds(18)
    assert not close(fit_model(birds, alpha=0.1).predict(birds), fit_model(birds, alpha=50).predict(birds))
    assert fit_model(birds, alpha=50).named_steps["ridge"].alpha == 50


def test_make_model_gives_a_new_unfitted_pipeline():
    first, second = make_model(4.0), make_model(4.0)
    assert first is not second
    assert first.steps[-1][1].alpha == 4.0
    assert not hasattr(first.steps[-1][1], "coef_")


def test_fit_model_leaves_its_birds_alone():
    birds = five_birds()
    fit_model(birds)
    pd.testing.assert_frame_equal(birds, five_birds())


def test_cross_validation_is_the_mean_over_shuffled_folds():
    birds = scattered_birds(21)
    maes = []
    for train_rows, test_rows in KFold(n_splits=3, shuffle=True, random_state=11).split(birds):
        fold = birds.iloc[test_rows]
        pred = fit_model(birds.iloc[train_rows], alpha=0.5).predict(fold)
        maes.append(evaluate(fold["body_mass_g"], pred)["mae"])
    assert math.isclose(cross_validated_mae(birds, 0.5, 3, 11), np.mean(maes), rel_tol=1e-9)


def test_cross_validation_repeats():
    birds = scattered_birds(21)
    assert cross_validated_mae(birds, 1.0, 3, 1) == cross_validated_mae(birds, 1.0, 3, 1) > 0


def test_clean_penguins():
    raw = pd.DataFrame(
        {
            "Species": ["Chinstrap penguin (Pygoscelis antarctica)", "Adelie Penguin (Pygoscelis adeliae)"],
            "Island": ["Dream", "Dream"],
            "Culmen Length (mm)": [49.0, 39.0],
            "Culmen Depth (mm)": [18.0, 19.0],
            "Flipper Length (mm)": [195.0, np.nan],
            "Body Mass (g)": [3700.0, np.nan],
            "Sex": ["MALE", np.nan],
            "Delta 15 N (o/oo)": [9.5, np.nan],
            "Delta 13 C (o/oo)": [-24.5, np.nan],
        }
    )
    copy = raw.copy()
    clean = clean_penguins(raw)
    pd.testing.assert_frame_equal(raw, copy)
    assert clean.to_dict("records") == [
        {
            "species": "Chinstrap",
            "island": "Dream",
            "sex": "male",
            "bill_length_mm": 49.0,
            "bill_depth_mm": 18.0,
            "flipper_length_mm": 195.0,
            "body_mass_g": 3700.0,
            "delta_15n": 9.5,
            "delta_13c": -24.5,
        }
    ]


def test_split():
    birds = line_of_birds(30)
    train, test = split_train_test(birds, 0.2, seed=3)
    assert (len(train), len(test)) == (24, 6)
    assert sorted([*train.index, *test.index]) == list(birds.index)
    assert list(split_train_test(birds, 0.2, seed=3)[1].index) == list(test.index)


def test_baseline_and_evaluate():
    train = pd.DataFrame({"species": ["Gentoo", "Gentoo"], "body_mass_g": [5000.0, 5400.0]})
    test = pd.DataFrame({"species": ["Gentoo"], "body_mass_g": [1.0]})
    assert list(species_baseline(train, test)) == [5200.0]
    scores = evaluate([1000.0, 2000.0, 3000.0], [1000.0, 2300.0, 2600.0])
    assert close([scores["mae"], scores["rmse"]], [700 / 3, math.sqrt(250_000 / 3)])
    assert close(scores["r2"], 1 - 250_000 / 2_000_000)
