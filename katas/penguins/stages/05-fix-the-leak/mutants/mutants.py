"""Realistic slips in the rebuilt pipeline and in the notebook that uses it.

Those whose name starts with "leak-" let the held-out birds into the model or into its score: your
golden master (tests/test_golden_master.py, on its own) must fail on each of them, because it
should pin the numbers of the fixed notebook, not the leaky ones.

The others break the pipeline: your unit tests (everything in tests/ but the golden master, run
without the data folder) must fail on each, so that a failure names what broke. Each is placed
around your own function of the interface, or changes the scikit-learn class your pipeline uses,
so it reaches your code however you wrote it.
"""

import functools

import pandas as pd

from kata.harness.mutants import Mutant
from kata.harness.slips import fit_with_parameters

MEASUREMENTS = ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "delta_15n", "delta_13c"]


def trained_on_held_out_birds(split_train_test):
    @functools.wraps(split_train_test)
    def broken(*args, **kwargs):
        train, test = split_train_test(*args, **kwargs)
        return pd.concat([train, test]), test

    return broken


def gaps_filled_before_the_split(clean_penguins):
    @functools.wraps(clean_penguins)
    def broken(*args, **kwargs):
        penguins = clean_penguins(*args, **kwargs)
        present = [column for column in MEASUREMENTS if column in penguins]
        return penguins.fillna(penguins[present].median())

    return broken


def cross_validation_on_filled_birds(cross_validated_mae):
    @functools.wraps(cross_validated_mae)
    def broken(penguins, *args, **kwargs):
        present = [column for column in MEASUREMENTS if column in penguins]
        return cross_validated_mae(penguins.fillna(penguins[present].median()), *args, **kwargs)

    return broken


def split_fills_gaps_from_every_bird(split_train_test):
    @functools.wraps(split_train_test)
    def broken(penguins, *args, **kwargs):
        present = [column for column in MEASUREMENTS if column in penguins]
        return split_train_test(penguins.fillna(penguins[present].median()), *args, **kwargs)

    return broken


def baseline_from_all_birds(species_baseline):
    @functools.wraps(species_baseline)
    def broken(train, test, *args, **kwargs):
        return species_baseline(pd.concat([train, test]), test, *args, **kwargs)

    return broken


def alpha_ignored(fit_model):
    @functools.wraps(fit_model)
    def broken(train, *args, **kwargs):
        return fit_model(train)

    return broken


MUTANTS = [
    Mutant(
        "leak-model-fitted-on-held-out-birds",
        "The model is fitted on the training birds and the held-out birds, then tested on the held-out ones.",
        function="split_train_test",
        wrap=trained_on_held_out_birds,
    ),
    Mutant(
        "leak-gaps-filled-before-the-split",
        "Missing measurements are filled with the medians of all 342 birds before the split, as the stage 4 notebook did.",
        function="clean_penguins",
        wrap=gaps_filled_before_the_split,
    ),
    Mutant(
        "leak-cross-validation-fills-all-birds-first",
        "The cross-validation fills every bird's gaps with the medians of all 342 birds before it splits the folds.",
        function="cross_validated_mae",
        wrap=cross_validation_on_filled_birds,
    ),
    Mutant(
        "leak-baseline-from-all-birds",
        "The species baseline is computed from the training and the held-out birds together.",
        function="species_baseline",
        wrap=baseline_from_all_birds,
    ),
    Mutant(
        "measurements-filled-with-the-mean",
        "The pipeline fills missing measurements with the mean of the training birds instead of their median.",
        patch=fit_with_parameters(
            "sklearn.impute",
            "SimpleImputer",
            strategy=lambda given: "mean" if given == "median" else given,
        ),
    ),
    Mutant(
        "measurements-not-scaled",
        "The pipeline fills the measurements but no longer standardises them, so the ridge penalises them by their units.",
        patch=fit_with_parameters(
            "sklearn.preprocessing",
            "StandardScaler",
            keep=True,
            with_mean=lambda given: False,
            with_std=lambda given: False,
        ),
    ),
    Mutant(
        "sex-encoded-as-two-columns",
        'Sex is one-hot encoded without drop="if_binary", so the model gets both sex_female and sex_male.',
        patch=fit_with_parameters(
            "sklearn.preprocessing", "OneHotEncoder", keep=True, drop=lambda given: None
        ),
    ),
    Mutant(
        "fit-model-ignores-alpha",
        "fit_model builds its pipeline with the default alpha=1.0, whatever alpha it is given.",
        function="fit_model",
        wrap=alpha_ignored,
    ),
    Mutant(
        "cv-fills-all-birds-before-the-folds",
        "cross_validated_mae fills every bird's gaps with the medians of all the birds it is given, then splits the folds: each fold's model has seen the held-out birds' medians.",
        function="cross_validated_mae",
        wrap=cross_validation_on_filled_birds,
    ),
    Mutant(
        "split-fills-gaps-from-every-bird",
        "split_train_test 'tidies' the birds first: it fills every gap with the median of all the birds, held-out ones included, then splits. The leak of stage 4, moved into the split; a leak test whose training birds have gaps catches it.",
        function="split_train_test",
        wrap=split_fills_gaps_from_every_bird,
    ),
    Mutant(
        "cv-folds-not-shuffled",
        "The cross-validation folds are split in file order without shuffling, so a fold can hold one species only.",
        patch=fit_with_parameters(
            "sklearn.model_selection",
            "KFold",
            shuffle=lambda given: False,
            random_state=lambda given: None,
        ),
    ),
]
