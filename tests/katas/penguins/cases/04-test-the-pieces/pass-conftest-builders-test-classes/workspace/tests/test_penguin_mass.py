"""Unit tests of penguin_mass, one class per function, plain asserts and math.isclose."""

import math

import numpy as np
import pandas as pd

import penguin_mass as pm


class TestReadRaw:
    def test_reads_the_csv_without_renaming_or_dropping(self, tmp_path, make_raw):
        raw = make_raw({"Body Mass (g)": np.nan}, {})
        raw.to_csv(tmp_path / "raw.csv", index=False)
        back = pm.read_raw(str(tmp_path / "raw.csv"))
        assert list(back.columns) == list(raw.columns)
        assert len(back) == 2


class TestCleanPenguins:
    def test_keeps_exactly_nine_short_named_columns(self, make_raw):
        clean = pm.clean_penguins(make_raw({}))
        assert list(clean.columns) == [
            "species", "island", "sex", "bill_length_mm", "bill_depth_mm",
            "flipper_length_mm", "body_mass_g", "delta_15n", "delta_13c",
        ]

    def test_each_clean_column_holds_the_raw_measurement_it_is_named_after(self, make_raw):
        bird = {
            "Culmen Length (mm)": 46.1,
            "Culmen Depth (mm)": 13.2,
            "Flipper Length (mm)": 211.0,
            "Body Mass (g)": 4500.0,
            "Delta 15 N (o/oo)": 7.99,
            "Delta 13 C (o/oo)": -25.51,
        }
        clean = pm.clean_penguins(make_raw(bird)).iloc[0]
        assert clean["bill_length_mm"] == 46.1
        assert clean["bill_depth_mm"] == 13.2
        assert clean["flipper_length_mm"] == 211.0
        assert clean["body_mass_g"] == 4500.0
        assert clean["delta_15n"] == 7.99
        assert clean["delta_13c"] == -25.51

    def test_species_gets_its_short_name(self, make_raw):
        raw = make_raw(*({"Species": name} for name in pm_long_names()))
        assert pm.clean_penguins(raw)["species"].tolist() == ["Adelie", "Chinstrap", "Gentoo"]

    def test_sex_is_lower_case_and_missing_sex_stays_missing(self, make_raw):
        clean = pm.clean_penguins(make_raw({"Sex": "MALE"}, {"Sex": np.nan}))
        assert clean["sex"].iloc[0] == "male"
        assert clean["sex"].isna().iloc[1]

    def test_unweighed_birds_are_dropped_and_the_rest_keep_their_labels(self, make_raw):
        raw = make_raw({}, {"Body Mass (g)": np.nan}, {}, index=[5, 6, 7])
        assert pm.clean_penguins(raw).index.tolist() == [5, 7]

    def test_the_raw_frame_is_left_alone(self, make_raw):
        raw = make_raw({}, {"Body Mass (g)": np.nan, "Sex": np.nan})
        snapshot = raw.copy(deep=True)
        pm.clean_penguins(raw)
        pd.testing.assert_frame_equal(raw, snapshot)


def pm_long_names():
    return [
        "Adelie Penguin (Pygoscelis adeliae)",
        "Chinstrap penguin (Pygoscelis antarctica)",
        "Gentoo penguin (Pygoscelis papua)",
    ]


class TestImputeMissing:
    def test_isotope_gaps_get_the_median(self, make_penguins):
        # delta_15n known: 1, 2, 9 -> median 2 (mean 4); delta_13c known: -30, -20, -21 -> median -21 (mean -23.67)
        birds = make_penguins(
            delta_15n=[1.0, 2.0, 9.0, np.nan],
            delta_13c=[np.nan, -30.0, -20.0, -21.0],
        )
        filled = pm.impute_missing(birds)
        assert math.isclose(filled["delta_15n"].iloc[3], 2.0)
        assert math.isclose(filled["delta_13c"].iloc[0], -21.0)

    def test_sex_gaps_get_the_most_common_sex(self, make_penguins):
        birds = make_penguins(sex=[np.nan, "male", "male", "female"])
        assert pm.impute_missing(birds)["sex"].tolist() == ["male", "male", "male", "female"]

    def test_known_values_and_other_columns_do_not_change(self, make_penguins):
        birds = make_penguins(sex=["female", np.nan, "female"], delta_15n=[8.0, np.nan, 9.0])
        filled = pm.impute_missing(birds)
        for column in ["species", "island", "bill_length_mm", "bill_depth_mm", "flipper_length_mm",
                       "body_mass_g", "delta_13c"]:
            assert filled[column].tolist() == birds[column].tolist()
        assert filled.index.tolist() == birds.index.tolist()

    def test_the_callers_frame_keeps_its_gaps(self, make_penguins):
        birds = make_penguins(sex=[np.nan, "male", "male"], delta_15n=[np.nan, 1.0, 2.0],
                              delta_13c=[-20.0, np.nan, -22.0])
        snapshot = birds.copy(deep=True)
        pm.impute_missing(birds)
        pd.testing.assert_frame_equal(birds, snapshot)


class TestBuildFeatures:
    def birds(self, make_penguins):
        return make_penguins(
            species=["Adelie", "Gentoo", "Gentoo", "Adelie"],
            sex=["male", "female", "male", "female"],
            bill_length_mm=[39.0, 47.0, 50.0, 36.0],
            index=[11, 22, 33, 44],
        )

    def test_each_measurement_has_mean_0_and_population_sd_1(self, make_penguins):
        features = pm.build_features(self.birds(make_penguins))
        for column in ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "delta_15n", "delta_13c"]:
            values = features[column].to_numpy()
            assert math.isclose(values.mean(), 0.0, abs_tol=1e-12)
            assert math.isclose(values.std(ddof=0), 1.0)

    def test_a_standardised_value_by_hand(self, make_penguins):
        # bill lengths 39, 47, 50, 36: mean 43, population sd sqrt((16 + 16 + 49 + 49) / 4)
        features = pm.build_features(self.birds(make_penguins))
        assert math.isclose(features.loc[33, "bill_length_mm"], 7 / math.sqrt(32.5))

    def test_male_and_species_are_0_1_columns(self, make_penguins):
        features = pm.build_features(self.birds(make_penguins))
        assert features["male"].tolist() == [1, 0, 1, 0]
        assert features["species_Adelie"].tolist() == [1, 0, 0, 1]
        assert features["species_Gentoo"].tolist() == [0, 1, 1, 0]
        assert not any(column.startswith("species_C") for column in features.columns)

    def test_rows_keep_their_labels(self, make_penguins):
        assert pm.build_features(self.birds(make_penguins)).index.tolist() == [11, 22, 33, 44]

    def test_the_input_is_left_alone(self, make_penguins):
        birds = self.birds(make_penguins)
        snapshot = birds.copy(deep=True)
        pm.build_features(birds)
        pd.testing.assert_frame_equal(birds, snapshot)


class TestSplitTrainTest:
    def test_sizes_for_several_fractions(self, make_penguins):
        birds = make_penguins(body_mass_g=[float(m) for m in range(3000, 4200, 100)])  # 12 birds
        for fraction, expected_test in [(0.2, 2), (0.25, 3), (0.5, 6), (0.1, 1)]:
            train, test = pm.split_train_test(birds, test_fraction=fraction, seed=0)
            assert (len(train), len(test)) == (12 - expected_test, expected_test)

    def test_every_bird_lands_in_exactly_one_set(self, make_penguins):
        birds = make_penguins(body_mass_g=[float(m) for m in range(3000, 4200, 100)], index=range(50, 62))
        train, test = pm.split_train_test(birds, test_fraction=0.25, seed=11)
        assert not set(train.index) & set(test.index)
        assert set(train.index) | set(test.index) == set(birds.index)

    def test_a_seed_repeats_its_split(self, make_penguins):
        birds = make_penguins(body_mass_g=[float(m) for m in range(3000, 4000, 100)])
        a_train, a_test = pm.split_train_test(birds, 0.4, 5)
        b_train, b_test = pm.split_train_test(birds, 0.4, 5)
        assert a_train.index.tolist() == b_train.index.tolist()
        assert a_test.index.tolist() == b_test.index.tolist()

    def test_all_columns_come_along(self, make_penguins):
        birds = make_penguins(body_mass_g=[3000.0, 3100.0, 3200.0, 3300.0, 3400.0])
        train, test = pm.split_train_test(birds, 0.4, 2)
        assert list(train.columns) == list(birds.columns) == list(test.columns)
        assert train.equals(birds.loc[train.index])

    def test_the_input_is_left_alone(self, make_penguins):
        birds = make_penguins(body_mass_g=[3000.0, 3100.0, 3200.0, 3300.0, 3400.0])
        snapshot = birds.copy(deep=True)
        pm.split_train_test(birds, 0.4, 2)
        pd.testing.assert_frame_equal(birds, snapshot)


class TestSpeciesBaseline:
    def test_uses_only_the_training_birds(self, make_penguins):
        train = make_penguins(species=["Gentoo", "Gentoo", "Adelie"], body_mass_g=[5000.0, 5400.0, 3500.0])
        test = make_penguins(species=["Adelie", "Gentoo"], body_mass_g=[2000.0, 9000.0], index=[7, 8])
        baseline = pm.species_baseline(train, test)
        assert baseline.index.tolist() == [7, 8]
        assert math.isclose(baseline.loc[7], 3500.0)
        assert math.isclose(baseline.loc[8], 5200.0)

    def test_leaves_both_frames_alone(self, make_penguins):
        train = make_penguins(species=["Gentoo", "Adelie"], body_mass_g=[5000.0, 3500.0])
        test = make_penguins(species=["Adelie"], body_mass_g=[2000.0], index=[9])
        snapshots = train.copy(deep=True), test.copy(deep=True)
        pm.species_baseline(train, test)
        pd.testing.assert_frame_equal(train, snapshots[0])
        pd.testing.assert_frame_equal(test, snapshots[1])


class TestEvaluate:
    def test_errors_by_hand(self):
        # errors -3, 0, 4 g: MAE 7/3, RMSE sqrt(25/3); mean of truth 20, total squares 200, R² 1 - 25/200
        scores = pm.evaluate(np.array([10.0, 20.0, 30.0]), np.array([7.0, 20.0, 34.0]))
        assert math.isclose(scores["mae"], 7 / 3)
        assert math.isclose(scores["rmse"], math.sqrt(25 / 3))
        assert math.isclose(scores["r2"], 1 - 25 / 200)

    def test_returns_plain_floats(self):
        scores = pm.evaluate(pd.Series([1.0, 2.0]), pd.Series([1.5, 2.5]))
        assert set(scores) == {"mae", "rmse", "r2"}
        assert all(isinstance(v, float) for v in scores.values())
