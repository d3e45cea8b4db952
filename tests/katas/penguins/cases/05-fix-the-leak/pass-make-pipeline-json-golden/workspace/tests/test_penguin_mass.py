"""Unit tests for penguin_mass, grouped by function, on birds built by hand."""

import numpy as np
import pandas as pd
import pytest
from sklearn.model_selection import KFold

import penguin_mass as pm


def make_birds(n, noisy=False):
    """n complete clean birds: species in turn, sexes in turn, measurements spread evenly."""
    birds = pd.DataFrame(
        {
            "species": [("Adelie", "Chinstrap", "Gentoo")[i % 3] for i in range(n)],
            "island": ["Biscoe"] * n,
            "sex": [("female", "male")[i % 2] for i in range(n)],
            "bill_length_mm": np.linspace(35, 55, n),
            "bill_depth_mm": np.linspace(13, 21, n),
            "flipper_length_mm": np.linspace(180, 230, n),
            "body_mass_g": 3000.0 + 10 * np.arange(n),
            "delta_15n": np.linspace(7.5, 10, n),
            "delta_13c": np.linspace(-27, -23.5, n),
        }
    )
    if noisy:
        birds["body_mass_g"] += np.tile([120.0, -60.0, 0.0, 90.0, -150.0], n)[:n]
        birds.loc[::5, "delta_15n"] = np.nan
        birds.loc[2::7, "delta_13c"] = np.nan
    return birds


class TestCleanPenguins:
    RAW = pd.DataFrame(
        {
            "Species": ["Gentoo penguin (Pygoscelis papua)", "Adelie Penguin (Pygoscelis adeliae)"],
            "Island": ["Biscoe", "Dream"],
            "Culmen Length (mm)": [46.1, np.nan],
            "Culmen Depth (mm)": [13.2, np.nan],
            "Flipper Length (mm)": [211.0, np.nan],
            "Body Mass (g)": [4500.0, np.nan],
            "Sex": ["FEMALE", np.nan],
            "Delta 15 N (o/oo)": [7.9, np.nan],
            "Delta 13 C (o/oo)": [-25.4, np.nan],
            "Comments": [np.nan, "not measured"],
        }
    )

    def test_columns_are_picked_by_name(self):
        bird = pm.clean_penguins(self.RAW).iloc[0]
        assert (bird["bill_length_mm"], bird["bill_depth_mm"]) == (46.1, 13.2)
        assert (bird["flipper_length_mm"], bird["delta_15n"], bird["delta_13c"]) == (
            211.0,
            7.9,
            -25.4,
        )

    def test_names_are_short_and_unweighed_birds_go(self):
        clean = pm.clean_penguins(self.RAW)
        assert clean["species"].tolist() == ["Gentoo"]
        assert clean["sex"].tolist() == ["female"]

    def test_raw_is_untouched(self):
        before = self.RAW.copy()
        pm.clean_penguins(self.RAW)
        pd.testing.assert_frame_equal(self.RAW, before)


class TestTheLeak:
    """Change only the held-out birds: the model fitted on the training birds must not move."""

    def test_held_out_birds_do_not_shape_the_model(self):
        everyone = make_birds(30)
        everyone.loc[everyone.index[:6], "flipper_length_mm"] = np.nan  # gaps in training too
        train, test = pm.split_train_test(everyone, 0.2, seed=1)
        changed = everyone.copy()
        changed.loc[test.index, "flipper_length_mm"] += 40.0
        changed.loc[test.index, "bill_depth_mm"] *= 2
        changed.loc[test.index, ["delta_15n", "sex"]] = np.nan
        changed_train, _ = pm.split_train_test(changed, 0.2, seed=1)
        assert pm.coefficients(pm.fit_model(changed_train)) == pytest.approx(
            pm.coefficients(pm.fit_model(train))
        )


class TestFitModel:
    # five birds; delta_15n values 8, 9, 10, 30 have median 9.5 and mean 14.25
    BIRDS = pd.DataFrame(
        {
            "species": ["Adelie", "Adelie", "Gentoo", "Gentoo", "Chinstrap"],
            "sex": ["male", "female", "female", None, "female"],
            "bill_length_mm": [38.0, 41.0, 46.0, 50.0, 49.0],
            "bill_depth_mm": [17.0, 19.0, 14.0, 15.5, 18.5],
            "flipper_length_mm": [185.0, 195.0, 212.0, 225.0, 199.0],
            "body_mass_g": [3400.0, 4000.0, 4800.0, 5600.0, 3700.0],
            "delta_15n": [8.0, 9.0, np.nan, 10.0, 30.0],
            "delta_13c": [-25.0, -26.5, -26.0, -24.0, -20.0],
        }
    )

    def test_a_measurement_gap_gets_the_training_median(self):
        model = pm.fit_model(self.BIRDS)
        gap = self.BIRDS.iloc[[2]]
        assert model.predict(gap) == pytest.approx(model.predict(gap.assign(delta_15n=9.5)))

    def test_a_missing_sex_gets_the_most_common_training_sex(self):
        model = pm.fit_model(self.BIRDS)
        unknown = self.BIRDS.iloc[[3]]
        assert model.predict(unknown) == pytest.approx(model.predict(unknown.assign(sex="female")))

    def test_measurement_units_do_not_matter(self):
        birds = make_birds(15, noisy=True)
        metres = birds.assign(bill_length_mm=birds["bill_length_mm"] / 1000)
        assert pm.fit_model(metres).predict(metres) == pytest.approx(
            pm.fit_model(birds).predict(birds)
        )

    def test_alpha_is_passed_on(self):
        birds = make_birds(15, noisy=True)
        weak, strong = pm.fit_model(birds, alpha=0.01), pm.fit_model(birds, alpha=100.0)
        assert strong[-1].alpha == 100.0
        assert np.abs(strong[-1].coef_).sum() < np.abs(weak[-1].coef_).sum()

    def test_the_training_frame_is_untouched(self):
        birds = self.BIRDS.copy()
        pm.fit_model(birds)
        pd.testing.assert_frame_equal(birds, self.BIRDS)

    def test_make_model_is_unfitted_and_ends_in_ridge(self):
        model = pm.make_model(alpha=2.5)
        assert model[-1].alpha == 2.5
        assert not hasattr(model[-1], "coef_")


class TestCoefficients:
    def test_nine_named_inputs(self):
        assert set(pm.coefficients(pm.fit_model(make_birds(12)))) == {
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


class TestCrossValidatedMae:
    def test_is_the_mean_of_a_hand_written_fold_loop(self):
        birds = make_birds(25, noisy=True)
        maes = []
        for fit_rows, judge_rows in KFold(5, shuffle=True, random_state=4).split(birds):
            model = pm.fit_model(birds.iloc[fit_rows], alpha=3.0)
            judged = birds.iloc[judge_rows]
            maes.append(np.mean(np.abs(model.predict(judged) - judged["body_mass_g"])))
        assert pm.cross_validated_mae(birds, alpha=3.0, folds=5, seed=4) == pytest.approx(
            np.mean(maes)
        )

    def test_same_seed_same_number_and_positive(self):
        birds = make_birds(20, noisy=True)
        first = pm.cross_validated_mae(birds, 1.0, 4, 9)
        assert first > 0
        assert pm.cross_validated_mae(birds, 1.0, 4, 9) == first


class TestSplitTrainTest:
    @pytest.mark.parametrize(("n", "fraction", "held_out"), [(10, 0.2, 2), (342, 0.2, 68), (7, 0.5, 3)])
    def test_sizes(self, n, fraction, held_out):
        train, test = pm.split_train_test(make_birds(n), fraction, seed=0)
        assert (len(train), len(test)) == (n - held_out, held_out)

    def test_disjoint_and_complete(self):
        birds = make_birds(20)
        train, test = pm.split_train_test(birds, 0.3, seed=2)
        assert not set(train.index) & set(test.index)
        assert set(train.index) | set(test.index) == set(birds.index)

    def test_repeatable(self):
        assert pm.split_train_test(make_birds(20), seed=3)[1].index.tolist() == (
            pm.split_train_test(make_birds(20), seed=3)[1].index.tolist()
        )


class TestBaselineAndEvaluate:
    def test_baseline_uses_training_means(self):
        train = pd.DataFrame({"species": ["Adelie", "Adelie"], "body_mass_g": [3000.0, 3600.0]})
        test = pd.DataFrame({"species": ["Adelie"], "body_mass_g": [9999.0]}, index=[4])
        assert pm.species_baseline(train, test).tolist() == [3300.0]

    def test_evaluate(self):
        scores = pm.evaluate([3000.0, 4000.0], [3300.0, 3900.0])
        assert scores["mae"] == pytest.approx(200.0)
        assert scores["rmse"] == pytest.approx(np.sqrt((90_000 + 10_000) / 2))
        assert scores["r2"] == pytest.approx(1 - 100_000 / 500_000)
