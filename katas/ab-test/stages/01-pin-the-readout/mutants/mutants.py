"""Realistic slips in the readout. Your golden master must fail on every one.

Each slip changes a library for the whole test run (the notebook's script included), so it reaches
the notebook however its lines are written. Later stages carry these slips: the golden master must
keep catching them while the analysis moves into functions.
"""

from kata.harness.mutants import Mutant
from kata.harness.slips import (
    called_with,
    csv_loses_last_row,
    csv_value_nudged,
    in_results_cell,
    seed_moved,
)

MUTANTS = [
    Mutant(
        "another-seed",
        "Every seed given to numpy is 1000 higher (42 becomes 1042), so the bootstrap draws other "
        "resamples and the interval moves a little.",
        # By 1000, not 1: seeds given per resample (random_state=i) must move to other resamples.
        patch=seed_moved(by=1000),
    ),
    Mutant(
        "an-event-lost-on-reading",
        "The log is read without its last row (one checkout view), as if the export were cut off.",
        patch=csv_loses_last_row(),
    ),
    Mutant(
        "one-order-value-typo",
        "One order in the log is worth 1 euro more: only the revenue per view moves, by a few cents "
        "in a thousand.",
        patch=csv_value_nudged("order_value_eur", row=1022, by=1.0),
    ),
    Mutant(
        "no-continuity-correction",
        "The chi-squared test runs without Yates' continuity correction: the p-value is 0.0278 "
        "instead of 0.0297, and nothing else moves.",
        patch=called_with("scipy.stats", "chi2_contingency", correction=lambda given: False),
    ),
    Mutant(
        "results-rounded-in-the-notebook",
        "The results cell rounds every top-level number to three decimals 'for the slides'.",
        rewrite=in_results_cell(
            "analysis.py",
            "{name} = {{key: round(value, 3) if isinstance(value, float) else value\n"
            "           for key, value in {name}.items()}}",
        ),
    ),
]
