import math

import numpy as np
from sklearn.model_selection import KFold

from penguin_mass import (
    coefficients,
    cross_validated_mae,
    evaluate,
    fit_model,
    make_model,
    split_train_test,
)


class TestTheLeak:
    def test_held_out_birds_cannot_change_the_model(self, colony):
        colony = colony.copy()
        colony.loc[colony.index[:6], "bill_length_mm"] = np.nan  # training birds with gaps
        train, test = split_train_test(colony, 0.25, seed=2)
        other = colony.copy()
        other.loc[test.index, "bill_length_mm"] = 70.0
        other.loc[test.index, "delta_13c"] = np.nan
        other_train, _ = split_train_test(other, 0.25, seed=2)
        before = coefficients(fit_model(train))
        after = coefficients(fit_model(other_train))
        assert all(math.isclose(before[name], after[name]) for name in before)

    def test_cross_validation_refits_everything_on_each_fold(self, colony):
        by_hand = []
        for fit_rows, score_rows in KFold(4, shuffle=True, random_state=5).split(colony):
            model = fit_model(colony.iloc[fit_rows], alpha=3.0)
            scored = colony.iloc[score_rows]
            by_hand.append(evaluate(scored["body_mass_g"], model.predict(scored))["mae"])
        found = cross_validated_mae(colony, alpha=3.0, folds=4, seed=5)
        assert math.isclose(found, float(np.mean(by_hand)))

    def test_cross_validation_is_repeatable(self, colony):
        assert cross_validated_mae(colony, 1.0, 3, 9) == cross_validated_mae(colony, 1.0, 3, 9)


class TestThePipeline:
    def test_it_starts_unfitted_and_ends_in_the_ridge(self):
        model = make_model(alpha=0.5)
        assert not hasattr(model[-1], "coef_")
        assert model[-1].alpha == 0.5

    def test_a_gap_gets_the_training_median(self, make_colony):
        birds = make_colony(12, gaps=False)
        birds.loc[birds.index[0], "bill_length_mm"] = 99.0  # mean and median now differ a lot
        model = fit_model(birds)
        one = birds.iloc[[4]].copy()
        median = birds["bill_length_mm"].median()
        gap = one.assign(bill_length_mm=np.nan)
        assert np.allclose(model.predict(gap), model.predict(one.assign(bill_length_mm=median)))

    def test_units_do_not_matter(self, make_colony):
        birds = make_colony(15, gaps=False)
        in_metres = birds.assign(flipper_length_mm=birds["flipper_length_mm"] / 1000)
        assert np.allclose(fit_model(birds).predict(birds), fit_model(in_metres).predict(in_metres))

    def test_one_column_for_sex_one_per_species(self, colony):
        names = sorted(coefficients(fit_model(colony)))
        assert names == sorted(
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

    def test_alpha_shrinks_the_coefficients(self, colony):
        loose = coefficients(fit_model(colony, alpha=0.01))
        tight = coefficients(fit_model(colony, alpha=100.0))
        assert sum(map(abs, tight.values())) < 0.5 * sum(map(abs, loose.values()))

    def test_fitting_leaves_the_birds_alone(self, colony):
        before = colony.copy()
        fit_model(colony)
        assert before.equals(colony)
