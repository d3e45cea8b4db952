"""Checks for ab-test stage 5: the notebook's daily check asks your rule whether the test may stop,
its results say it, and your golden master was extended for it."""

import pytest
from readout_checks import notebook_of_the_start, require_notebook_calls, results_of
from user_readout import normal_intervals, readout

from kata.harness import fail, notebook_pair_in_sync
from kata.harness.grading import require_golden_master_catches

MODULE = "checkout_analysis"
NOTEBOOK = "analysis.ipynb"
GOLDEN_MASTER = "tests/test_golden_master.py"


def test_the_notebook_is_still_paired_and_in_sync(workspace):
    """analysis.ipynb and analysis.py hold the same cells, so the golden master runs the notebook."""
    problem = notebook_pair_in_sync(workspace / NOTEBOOK)
    assert problem is None, problem


def test_the_daily_check_asks_the_rule(workspace):
    """The notebook calls stopping_look for its daily check, and defines nothing itself."""
    require_notebook_calls(
        workspace / NOTEBOOK,
        MODULE,
        ("stopping_look",),
        "step 5 asks the rule, with the per-user counts of every evening so far.",
    )


@pytest.mark.expensive  # it waits for the notebooks to run; the cheap checks report first
def test_the_notebook_still_runs_top_to_bottom(notebook_run):
    """The notebook runs from the first cell to the last in a fresh kernel."""
    if isinstance(notebook_run, str):
        fail(notebook_run)


@pytest.mark.expensive
def test_the_results_say_the_rule_would_not_have_stopped(notebook_run, checkout_events):
    """`results` holds stage 4's keys, and `stopped_on` is None: no 5 % rule stops this test."""
    earlier = readout(checkout_events)
    expected = {**earlier, **normal_intervals(earlier)}
    results = results_of(notebook_run, (*expected, "uplift_ci", "stopped_on"), "step 5")
    moved = [
        f"{key}: {results[key]!r} (expected {value!r})"
        for key, value in expected.items()
        if results[key] != pytest.approx(value)
    ]
    assert not moved, f"These results moved since stage 4: {'; '.join(moved[:3])}."
    assert results["stopped_on"] is None, (
        f"results['stopped_on'] is {results['stopped_on']!r}, but per user the p-value never "
        "goes below 0.44 in these 13 evenings, so no rule with 5 % false positives over 28 looks "
        "stops the test. Does the daily check pass cumulative per-user counts, one column per "
        "evening, with planned_looks=28?"
    )


@pytest.mark.expensive
def test_your_golden_master_pins_the_rules_verdict(workspace, stage, per_user_slips):
    """Your golden master pins the new result: it fails on stage 4's notebook and on the slips."""
    start = notebook_of_the_start(
        stage.start_dir,
        "the-readout-without-a-rule",
        "The notebook and checkout_analysis of stage 4, whose results say nothing of stopping. "
        "A golden master extended for stopped_on must fail on it.",
    )
    require_golden_master_catches(workspace, stage, [*per_user_slips, start], GOLDEN_MASTER)
