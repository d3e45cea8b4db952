"""Unit tests for penguin_mass, each on a few birds built by hand."""

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
    "studyName",
    "Sample Number",
    "Species",
    "Region",
    "Island",
    "Stage",
    "Individual ID",
    "Clutch Completion",
    "Date Egg",
    "Culmen Length (mm)",
    "Culmen Depth (mm)",
    "Flipper Length (mm)",
    "Body Mass (g)",
    "Sex",
    "Delta 15 N (o/oo)",
    "Delta 13 C (o/oo)",
    "Comments",
]


def raw_bird(species, island, length, depth, flipper, mass, sex, d15n, d13c, number=1):
    """One row as the LTER export writes it."""
    return [
        "PAL0809", number, species, "Anvers", island, "Adult, 1 Egg Stage", f"N{number}A1",
        "Yes", "2008-11-09", length, depth, flipper, mass, sex, d15n, d13c, np.nan,
    ]


@pytest.fixture
def raw():
    """Three birds; the second was never weighed. Every measurement has its own value."""
    rows = [
        raw_bird("Gentoo penguin (Pygoscelis papua)", "Biscoe", 47.5, 15.0, 217.0, 5200.0, "MALE", 8.1, -26.1, 1),
        raw_bird("Adelie Penguin (Pygoscelis adeliae)", "Torgersen", 39.0, 18.0, 190.0, np.nan, "FEMALE", 9.0, -25.0, 2),
        raw_bird("Chinstrap penguin (Pygoscelis antarctica)", "Dream", 49.6, 18.2, 193.0, 3775.0, np.nan, 9.5, -24.5, 3),
    ]
    return pd.DataFrame(rows, columns=RAW_COLUMNS, index=[10, 11, 12])


@pytest.fixture
def penguins():
    """Five clean birds with gaps: the isotope medians differ from their means, females outnumber males."""
    return pd.DataFrame(
        {
            "species": ["Adelie", "Adelie", "Gentoo", "Gentoo", "Chinstrap"],
            "island": ["Torgersen", "Dream", "Biscoe", "Biscoe", "Dream"],
            "sex": ["female", "female", np.nan, "male", "female"],
            "bill_length_mm": [38.0, 40.0, 47.0, 50.0, 49.0],
            "bill_depth_mm": [18.0, 19.0, 15.0, 16.0, 18.5],
            "flipper_length_mm": [185.0, 195.0, 215.0, 225.0, 196.0],
            "body_mass_g": [3400.0, 3800.0, 5000.0, 5600.0, 3700.0],
            "delta_15n": [8.0, 9.0, np.nan, 8.2, 12.0],
            "delta_13c": [-25.0, np.nan, -26.0, -26.4, -20.0],
        },
        index=[3, 7, 8, 12, 20],
    )


# --- read_raw -------------------------------------------------------------------------------------


def test_read_raw_returns_the_file_as_it_is(tmp_path, raw):
    path = tmp_path / "export.csv"
    raw.to_csv(path, index=False)
    back = read_raw(path)
    assert list(back.columns) == RAW_COLUMNS
    assert len(back) == 3
    assert back["Body Mass (g)"].isna().sum() == 1


# --- clean_penguins -------------------------------------------------------------------------------


def test_clean_keeps_exactly_the_nine_short_columns(raw):
    assert list(clean_penguins(raw).columns) == [
        "species", "island", "sex", "bill_length_mm", "bill_depth_mm",
        "flipper_length_mm", "body_mass_g", "delta_15n", "delta_13c",
    ]


def test_birds_without_a_body_mass_are_left_out(raw):
    assert list(clean_penguins(raw).index) == [10, 12]


def test_species_is_the_first_word_of_the_raw_name(raw):
    assert list(clean_penguins(raw)["species"]) == ["Gentoo", "Chinstrap"]


def test_sex_is_lower_case_and_a_missing_sex_stays_missing(raw):
    sex = clean_penguins(raw)["sex"]
    assert sex.loc[10] == "male"
    assert pd.isna(sex.loc[12])


@pytest.mark.parametrize(
    ("clean_column", "raw_column"),
    [
        ("bill_length_mm", "Culmen Length (mm)"),
        ("bill_depth_mm", "Culmen Depth (mm)"),
        ("flipper_length_mm", "Flipper Length (mm)"),
        ("body_mass_g", "Body Mass (g)"),
        ("delta_15n", "Delta 15 N (o/oo)"),
        ("delta_13c", "Delta 13 C (o/oo)"),
    ],
)
def test_each_measurement_lands_in_the_column_named_after_it(raw, clean_column, raw_column):
    clean = clean_penguins(raw)
    assert clean[clean_column].tolist() == raw.loc[[10, 12], raw_column].tolist()


def test_clean_leaves_the_raw_frame_unchanged(raw):
    before = raw.copy()
    clean_penguins(raw)
    pd.testing.assert_frame_equal(raw, before)


# --- impute_missing -------------------------------------------------------------------------------


def test_missing_isotopes_become_the_median_not_the_mean(penguins):
    filled = impute_missing(penguins)
    assert filled.loc[8, "delta_15n"] == pytest.approx(8.6)  # median of 8, 9, 8.2, 12; mean is 9.3
    assert filled.loc[7, "delta_13c"] == pytest.approx(-25.5)  # median of -25, -26, -26.4, -20; mean is -24.35


def test_a_missing_sex_becomes_the_most_common_sex(penguins):
    assert impute_missing(penguins).loc[8, "sex"] == "female"


def test_impute_changes_nothing_but_the_gaps(penguins):
    filled = impute_missing(penguins)
    assert filled.notna().all().all()
    known = penguins.notna()
    pd.testing.assert_frame_equal(filled[known].astype(object), penguins[known].astype(object))


def test_impute_leaves_its_input_unchanged(penguins):
    before = penguins.copy()
    impute_missing(penguins)
    pd.testing.assert_frame_equal(penguins, before)


# --- build_features -------------------------------------------------------------------------------


@pytest.fixture
def complete(penguins):
    return impute_missing(penguins)


@pytest.mark.parametrize(
    "column", ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "delta_15n", "delta_13c"]
)
def test_measurements_are_standardised_with_the_population_sd(complete, column):
    scaled = build_features(complete)[column]
    assert scaled.mean() == pytest.approx(0.0, abs=1e-12)
    assert scaled.std(ddof=0) == pytest.approx(1.0)
    expected = (complete[column] - complete[column].mean()) / complete[column].std(ddof=0)
    assert scaled.tolist() == pytest.approx(expected.tolist())


def test_male_is_1_for_males_and_0_otherwise(complete):
    assert build_features(complete)["male"].tolist() == [0, 0, 0, 1, 0]


def test_one_0_1_column_per_species_present(complete):
    features = build_features(complete)
    assert features["species_Adelie"].tolist() == [1, 1, 0, 0, 0]
    assert features["species_Gentoo"].tolist() == [0, 0, 1, 1, 0]
    assert features["species_Chinstrap"].tolist() == [0, 0, 0, 0, 1]


def test_features_keep_the_index(complete):
    assert build_features(complete).index.equals(complete.index)


def test_build_features_leaves_its_input_unchanged(complete):
    before = complete.copy()
    build_features(complete)
    pd.testing.assert_frame_equal(complete, before)


# --- split_train_test -----------------------------------------------------------------------------


@pytest.fixture
def ten_birds():
    return pd.DataFrame(
        {"species": ["Adelie"] * 5 + ["Gentoo"] * 5, "body_mass_g": np.arange(3000.0, 5000.0, 200.0)},
        index=range(100, 110),
    )


@pytest.mark.parametrize(("test_fraction", "n_test"), [(0.2, 2), (0.25, 2), (0.5, 5), (0.35, 3)])
def test_split_sizes_follow_the_test_fraction(ten_birds, test_fraction, n_test):
    train, test = split_train_test(ten_birds, test_fraction=test_fraction, seed=1)
    assert len(test) == n_test
    assert len(train) == 10 - n_test


@pytest.mark.parametrize("test_fraction", [0.2, 0.5, 0.35])
def test_no_bird_is_in_both_sets_and_none_is_lost(ten_birds, test_fraction):
    train, test = split_train_test(ten_birds, test_fraction=test_fraction, seed=3)
    assert set(train.index).isdisjoint(test.index)
    assert sorted([*train.index, *test.index]) == list(ten_birds.index)


@pytest.fixture
def a_season():
    """As many birds as the real export keeps, alternating species."""
    return pd.DataFrame(
        {"species": ["Adelie", "Gentoo"] * 171, "body_mass_g": np.linspace(2700.0, 6300.0, 342)}
    )


def test_every_seed_and_fraction_partitions_a_season(a_season):
    for seed in range(30_000):
        for fraction in (0.1, 0.2, 0.3):
            train, test = split_train_test(a_season, fraction, seed)
            assert len(test) == int(342 * fraction)
            assert set(train.index).isdisjoint(test.index)
            assert len(train) + len(test) == 342


def test_the_same_seed_gives_the_same_split(ten_birds):
    first = split_train_test(ten_birds, 0.3, 7)
    second = split_train_test(ten_birds, 0.3, 7)
    for a, b in zip(first, second):
        pd.testing.assert_frame_equal(a, b)


def test_split_rows_keep_their_columns_and_labels(ten_birds):
    train, test = split_train_test(ten_birds)
    pd.testing.assert_frame_equal(test, ten_birds.loc[test.index])
    pd.testing.assert_frame_equal(train, ten_birds.loc[train.index])


def test_split_leaves_its_input_unchanged(ten_birds):
    before = ten_birds.copy()
    split_train_test(ten_birds, 0.5, 0)
    pd.testing.assert_frame_equal(ten_birds, before)


# --- species_baseline -----------------------------------------------------------------------------


@pytest.fixture
def train_and_test():
    train = pd.DataFrame(
        {"species": ["Adelie", "Adelie", "Gentoo"], "body_mass_g": [3000.0, 3600.0, 5000.0]},
        index=[1, 2, 3],
    )
    test = pd.DataFrame(
        {"species": ["Gentoo", "Adelie"], "body_mass_g": [6200.0, 4500.0]},  # would move the means
        index=[9, 4],
    )
    return train, test


def test_baseline_is_the_mean_of_the_training_birds_of_the_same_species(train_and_test):
    baseline = species_baseline(*train_and_test)
    assert baseline.loc[9] == pytest.approx(5000.0)
    assert baseline.loc[4] == pytest.approx(3300.0)


def test_baseline_is_indexed_like_test(train_and_test):
    train, test = train_and_test
    assert species_baseline(train, test).index.equals(test.index)


def test_baseline_leaves_train_and_test_unchanged(train_and_test):
    train, test = train_and_test
    before = train.copy(), test.copy()
    species_baseline(train, test)
    pd.testing.assert_frame_equal(train, before[0])
    pd.testing.assert_frame_equal(test, before[1])


# --- evaluate -------------------------------------------------------------------------------------


def test_errors_worked_out_on_paper():
    # errors 10, -10, 0, 40: MAE 15, RMSE sqrt(1800 / 4), R² 1 - 1800 / 50000
    scores = evaluate(pd.Series([100.0, 200.0, 300.0, 400.0]), np.array([110.0, 190.0, 300.0, 440.0]))
    assert scores == pytest.approx({"mae": 15.0, "rmse": 21.2132034, "r2": 0.964})


def test_a_perfect_prediction_has_no_error():
    scores = evaluate([3000.0, 4000.0, 5000.0], [3000.0, 4000.0, 5000.0])
    assert scores == pytest.approx({"mae": 0.0, "rmse": 0.0, "r2": 1.0})
    assert all(isinstance(value, float) for value in scores.values())
