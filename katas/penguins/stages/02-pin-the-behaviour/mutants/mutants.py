"""Realistic slips in what the notebook computes. Your golden master must fail on every one.

Each slip changes a library for the whole test run (the notebook's kernel or script included), so
it reaches your notebook however its lines are written. Later stages carry these slips: your golden
master must keep catching them after every refactoring.
"""

from kata.harness.mutants import Mutant
from kata.harness.slips import (
    csv_columns_swapped,
    csv_loses_last_row,
    csv_value_nudged,
    fit_with_parameter_scaled,
    group_means_are_medians,
    in_results_cell,
    median_is_mean,
    seed_moved,
)

MUTANTS = [
    Mutant(
        "another-seed",
        "The split is drawn with seed 43 instead of 42, so other birds are held out for testing.",
        patch=seed_moved(by=1),
    ),
    Mutant(
        "a-bird-lost-on-reading",
        "The export is read without its last row, as if the file had been cut off.",
        patch=csv_loses_last_row(),
    ),
    Mutant(
        "one-flipper-typo",
        "One bird's flipper length is 1 mm longer in the data: the results move by less than a gram.",
        patch=csv_value_nudged("Flipper Length (mm)", row=100, by=1.0),
    ),
    Mutant(
        "culmen-columns-swapped",
        "The culmen length and depth columns are swapped: every error stays the same, only the "
        "coefficients tell.",
        patch=csv_columns_swapped("Culmen Length (mm)", "Culmen Depth (mm)"),
    ),
    Mutant(
        "isotopes-filled-with-mean",
        "Missing values are filled with the mean instead of the median.",
        patch=median_is_mean(),
    ),
    Mutant(
        "baseline-from-medians",
        "The species baseline predicts each species' median mass instead of its mean.",
        patch=group_means_are_medians(),
    ),
    Mutant(
        "stronger-regularisation-left-in",
        "An experiment with ten times the regularisation was never reverted (alpha 10 instead of 1).",
        patch=fit_with_parameter_scaled("sklearn.linear_model", "Ridge", "alpha", 10),
    ),
    Mutant(
        "results-rounded-in-the-notebook",
        "The notebook's results cell rounds every result to one decimal 'for the report'.",
        rewrite=in_results_cell(
            "analysis.py",
            "{name} = {{key: round(value, 1) if isinstance(value, float) else value\n"
            "           for key, value in {name}.items()}}",
        ),
    ),
]
