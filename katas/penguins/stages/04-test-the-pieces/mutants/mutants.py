"""Realistic slips in penguin_mass. Your unit tests must fail on each of them.

Each slip is placed around your own function of the stage 3 interface, wherever your code defines
it: the check calls your function and then makes one mistake with its result (or its input), so the
slip is the same however your function is written. Your unit tests meet them without the golden
master and without the data folder: only tests on birds built by hand can catch them.
"""

import functools
import inspect

import numpy as np
import pandas as pd

from kata.harness.mutants import Mutant

ISOTOPES = ["delta_15n", "delta_13c"]


def isotopes_filled_with_mean(impute_missing):
    @functools.wraps(impute_missing)
    def broken(penguins, *args, **kwargs):
        filled = impute_missing(penguins, *args, **kwargs)
        for column in ISOTOPES:
            if column in penguins and column in filled:
                gaps = penguins[column].isna()
                filled.loc[gaps[gaps].index, column] = penguins[column].mean()
        return filled

    return broken


def unweighed_birds_kept(clean_penguins):
    @functools.wraps(clean_penguins)
    def broken(raw, *args, **kwargs):
        mass = "Body Mass (g)"
        if mass not in raw:
            return clean_penguins(raw, *args, **kwargs)
        unweighed = raw[mass].isna()
        weighed = raw.assign(**{mass: raw[mass].fillna(-1.0)})
        cleaned = clean_penguins(weighed, *args, **kwargs)
        if "body_mass_g" in cleaned:
            cleaned.loc[cleaned.index.isin(unweighed[unweighed].index), "body_mass_g"] = np.nan
        return cleaned

    return broken


def bill_columns_swapped(clean_penguins):
    @functools.wraps(clean_penguins)
    def broken(raw, *args, **kwargs):
        cleaned = clean_penguins(raw, *args, **kwargs)
        columns = ["bill_length_mm", "bill_depth_mm"]
        if set(columns) <= set(cleaned.columns):
            cleaned[columns] = cleaned[columns[::-1]].to_numpy()
        return cleaned

    return broken


def split_off_by_one(split_train_test):
    @functools.wraps(split_train_test)
    def broken(*args, **kwargs):
        train, test = split_train_test(*args, **kwargs)
        if len(test):
            train = pd.concat([test.iloc[-1:], train])  # one held-out bird is trained on too
        return train, test

    return broken


def split_with_fixed(name, value):
    """split_train_test that uses `value` for its parameter `name`, whatever the caller gave."""

    def wrap(split_train_test):
        @functools.wraps(split_train_test)
        def broken(*args, **kwargs):
            call = inspect.signature(split_train_test).bind(*args, **kwargs)
            if name in inspect.signature(split_train_test).parameters:
                call.arguments[name] = value
            return split_train_test(*call.args, **call.kwargs)

        return broken

    return wrap


def baseline_fitted_on_all_birds(species_baseline):
    @functools.wraps(species_baseline)
    def broken(train, test, *args, **kwargs):
        return species_baseline(pd.concat([train, test]), test, *args, **kwargs)

    return broken


def rmse_without_the_root(evaluate):
    @functools.wraps(evaluate)
    def broken(*args, **kwargs):
        scores = evaluate(*args, **kwargs)
        if isinstance(scores, dict) and "rmse" in scores:
            scores = {**scores, "rmse": scores["rmse"] ** 2}
        return scores

    return broken


def imputing_writes_into_its_input(impute_missing):
    @functools.wraps(impute_missing)
    def broken(penguins, *args, **kwargs):
        filled = impute_missing(penguins, *args, **kwargs)
        for column in penguins.columns:
            if column in filled:
                penguins[column] = filled[column]
        return filled

    return broken


MUTANTS = [
    Mutant(
        "isotopes-filled-with-mean",
        "impute_missing fills missing isotope ratios with the column mean instead of the median.",
        function="impute_missing",
        wrap=isotopes_filled_with_mean,
    ),
    Mutant(
        "unweighed-birds-kept",
        "clean_penguins no longer leaves out birds without a body mass.",
        function="clean_penguins",
        wrap=unweighed_birds_kept,
    ),
    Mutant(
        "bill-columns-swapped",
        "clean_penguins puts the culmen length in bill_depth_mm and the culmen depth in bill_length_mm.",
        function="clean_penguins",
        wrap=bill_columns_swapped,
    ),
    Mutant(
        "split-off-by-one",
        "split_train_test puts one held-out bird in the training set as well.",
        function="split_train_test",
        wrap=split_off_by_one,
    ),
    Mutant(
        "split-ignores-its-fraction",
        "split_train_test always holds out 20% of the birds, whatever test_fraction it is given.",
        function="split_train_test",
        wrap=split_with_fixed("test_fraction", 0.2),
    ),
    Mutant(
        "baseline-fitted-on-all-birds",
        "species_baseline computes the species means from train and test together.",
        function="species_baseline",
        wrap=baseline_fitted_on_all_birds,
    ),
    Mutant(
        "rmse-without-the-root",
        "evaluate reports the mean squared error (in grams squared) as rmse.",
        function="evaluate",
        wrap=rmse_without_the_root,
    ),
    Mutant(
        "imputing-writes-into-its-input",
        "impute_missing fills the gaps in the caller's frame as well as in its result.",
        function="impute_missing",
        wrap=imputing_writes_into_its_input,
    ),
]
