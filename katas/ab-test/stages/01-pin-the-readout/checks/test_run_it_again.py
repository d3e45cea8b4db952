"""Checks for ab-test stage 1: the notebook is paired, runs anywhere, twice alike, and still says
what Noor sent."""

import pytest
from noor_readout import readout
from readout_checks import require_interval_around_the_uplift, results_of

from kata.harness.reruns import RerunChecks

NOTEBOOK = "analysis.ipynb"
KEYS = ("views", "orders", "conversion", "uplift", "p_value", "uplift_ci", "revenue_per_view_eur")


RERUN = RerunChecks(
    NOTEBOOK,
    pair_step="Step 3 of the README",
    relative_path="'../data/checkout_events.csv' (step 4)",
    first_failures="a file that is not there, or a name defined in a cell further down (step 4)",
    seeding=(
        "give the bootstrap's resampling one seeded generator, rng = np.random.default_rng(42), "
        "passed as random_state=rng (step 5)"
    ),
)
two_runs = RERUN.two_runs()
test_the_notebook_is_paired_and_in_sync = RERUN.paired()
test_no_absolute_paths = RERUN.no_absolute_paths()
test_the_notebook_runs_top_to_bottom_in_a_fresh_kernel = RERUN.runs_top_to_bottom()
test_two_fresh_runs_give_identical_results = RERUN.runs_alike()


def test_the_results_are_still_the_readout_noor_sent(two_runs, checkout_events):
    """`results` holds the keys of step 6, with the readout's numbers unchanged."""
    results = results_of(two_runs if isinstance(two_runs, str) else two_runs[0], KEYS, "step 6")
    expected = readout(checkout_events)
    moved = [
        f"{key}: {results[key]!r} (Noor's readout: {value!r})"
        for key, value in expected.items()
        if results[key] != pytest.approx(value)
    ]
    assert not moved, (
        f"These results are not the readout the notebook gave: {'; '.join(moved[:3])}. This stage "
        "pins the analysis as it is, mistakes included: change how it runs, not what it computes."
    )
    require_interval_around_the_uplift(results)
