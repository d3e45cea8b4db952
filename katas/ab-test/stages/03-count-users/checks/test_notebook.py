"""Checks for ab-test stage 3: the notebook cleans the log and counts users with the module's
functions, runs, reports the per-user readout, and your golden master was recorded again for it."""

import pytest
from readout_checks import (
    notebook_of_the_start,
    require_interval_around_the_uplift,
    require_notebook_calls,
    results_of,
)
from user_readout import readout

from kata.harness import fail, notebook_pair_in_sync
from kata.harness.grading import require_golden_master_catches

MODULE = "checkout_analysis"
NOTEBOOK = "analysis.ipynb"
GOLDEN_MASTER = "tests/test_golden_master.py"
CALLED = (
    "remove_bots", "drop_duplicate_events", "users_table", "user_conversion_by_variant",
    "per_user_p_value", "bootstrap_uplift_interval",
)  # fmt: skip
KEYS = (
    "users", "converters", "conversion", "uplift", "p_value", "uplift_ci", "revenue_per_user_eur",
)  # fmt: skip


def test_the_notebook_is_still_paired_and_in_sync(workspace):
    """analysis.ipynb and analysis.py hold the same cells, so the golden master runs the notebook."""
    problem = notebook_pair_in_sync(workspace / NOTEBOOK)
    assert problem is None, problem


def test_the_notebook_counts_users_with_the_module(workspace):
    """The notebook cleans the log, builds the users table and tests it with checkout_analysis."""
    require_notebook_calls(
        workspace / NOTEBOOK,
        MODULE,
        CALLED,
        "steps 2 to 5 of the README clean the log, build one row per user, and compute the "
        "p-value and the interval from those rows.",
    )


@pytest.mark.expensive  # it waits for the notebooks to run; the cheap checks report first
def test_the_notebook_still_runs_top_to_bottom(notebook_run):
    """The notebook runs from the first cell to the last in a fresh kernel."""
    if isinstance(notebook_run, str):
        fail(notebook_run)


@pytest.mark.expensive
def test_the_results_are_the_readout_per_user(notebook_run, checkout_events):
    """`results` holds the keys of step 5: the per-user readout of the log without bots and duplicates."""
    results = results_of(notebook_run, KEYS, "step 5")
    expected = readout(checkout_events)
    moved = [
        f"{key}: {results[key]!r} (expected {value!r})"
        for key, value in expected.items()
        if results[key] != pytest.approx(value)
    ]
    assert not moved, (
        f"These results are not the per-user readout of the clean log: {'; '.join(moved[:3])}. "
        "Every bot out (step 2's markers), each event_id once, then one row per user; a user "
        "converts if they ordered at least once."
    )
    require_interval_around_the_uplift(results)


@pytest.mark.expensive
def test_your_golden_master_pins_the_readout_per_user(workspace, stage, per_user_slips):
    """Your golden master pins the per-user readout: it fails on stage 2's notebook and on the slips."""
    require_golden_master_catches(
        workspace,
        stage,
        [
            *per_user_slips,
            notebook_of_the_start(
                stage.start_dir,
                "the-per-view-readout",
                "The notebook and checkout_analysis of stage 2: Googlebot filtered, duplicates "
                "kept, orders per checkout view. A golden master recorded again for users must "
                "fail on it.",
            ),
        ],
        GOLDEN_MASTER,
    )
