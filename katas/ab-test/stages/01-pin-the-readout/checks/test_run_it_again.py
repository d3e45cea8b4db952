"""Checks for ab-test stage 1: the notebook is paired, runs anywhere, twice alike, and still says
what Noor sent."""

import pytest
from noor_readout import readout
from readout_checks import require_interval_around_the_uplift, results_of

from kata.harness import fail, notebook_pair_in_sync
from kata.harness.reruns import first_differing_cell, fresh_runs_or_why, machine_specific_paths

NOTEBOOK = "analysis.ipynb"
KEYS = ("views", "orders", "conversion", "uplift", "p_value", "uplift_ci", "revenue_per_view_eur")


@pytest.fixture(scope="module")
def two_runs(workspace):
    """Two executions of the notebook, each in its own fresh kernel; or why it did not run."""
    return fresh_runs_or_why(workspace / NOTEBOOK)


def test_the_notebook_is_paired_and_in_sync(workspace):
    """analysis.ipynb is paired with analysis.py (py:percent) and both hold the same cells."""
    problem = notebook_pair_in_sync(workspace / NOTEBOOK)
    assert problem is None, f"{problem} (Step 3 of the README.)"


def test_no_absolute_paths(workspace):
    """The code names no path of one machine, so it runs on any machine with the repository."""
    found = machine_specific_paths(workspace, NOTEBOOK)
    assert not found, (
        "The notebook still names a path that only exists on one machine: "
        + "; ".join(found)
        + ". Use a path relative to the notebook's folder: '../data/checkout_events.csv' (step 4)."
    )


def test_the_notebook_runs_top_to_bottom_in_a_fresh_kernel(two_runs):
    """The notebook runs from the first cell to the last in a fresh kernel, without errors."""
    if isinstance(two_runs, str):
        fail(
            f"{two_runs}. In Jupyter, use 'Restart Kernel and Run All Cells' and fix the first cell "
            "that fails: a file that is not there, or a name defined in a cell further down (step 4)."
        )


def test_two_fresh_runs_give_identical_results(two_runs):
    """Two runs in two fresh kernels print and show exactly the same results."""
    if isinstance(two_runs, str):
        fail("The two runs cannot be compared until the notebook runs top to bottom (see above).")
    differing = first_differing_cell(*two_runs)
    if differing:
        number, first, second = differing
        fail(
            f"Cell {number} gave different output in two fresh runs:\n"
            f"  first run:  {first}\n"
            f"  second run: {second}\n"
            "Something random is not seeded: give the bootstrap's resampling one seeded generator, "
            "rng = np.random.default_rng(42), passed as random_state=rng (step 5)."
        )


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
