"""The test that found the leak: change only the held-out birds, expect the same fitted model."""

import numpy as np
import pytest

from penguin_mass import coefficients, fit_model, split_train_test


def move_flippers(birds, rows):
    birds.loc[rows, "flipper_length_mm"] += 40.0


def punch_gaps(birds, rows):
    birds.loc[rows, ["delta_15n", "delta_13c", "sex"]] = np.nan


def swap_sexes(birds, rows):
    birds.loc[rows, "sex"] = birds.loc[rows, "sex"].map({"male": "female", "female": "male"})


def all_males(birds, rows):
    birds.loc[rows, "sex"] = "male"


@pytest.mark.parametrize("change", [move_flippers, punch_gaps, swap_sexes, all_males])
def test_the_held_out_birds_do_not_reach_the_model(flock, change):
    everyone = flock(40, wobble=30.0)
    everyone.loc[everyone.index[:6], ["flipper_length_mm", "delta_15n"]] = np.nan
    train, test = split_train_test(everyone, test_fraction=0.25, seed=2)
    changed = everyone.copy()
    change(changed, test.index)
    changed_train, changed_test = split_train_test(changed, test_fraction=0.25, seed=2)
    assert list(changed_test.index) == list(test.index)
    assert coefficients(fit_model(changed_train)) == pytest.approx(coefficients(fit_model(train)))
