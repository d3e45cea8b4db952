"""Checks for ab-test stage 7: the notebook reads the re-run's log, checks its split before any
number of the readout, reads out the users outside the iOS app, stops when the split fails, and
your golden master was recorded again for it."""

import pytest
from experiment_plans import (
    PLAN,
    PLANNED_KEYS,
    plan_mismatches,
    read_plan,
    runs_as_planned_and_replanned,
)
from readout_checks import (
    MODULE,
    NOTEBOOK,
    notebook_of_the_start,
    require_notebook_calls,
    results_of,
)
from scipy.stats import chisquare
from user_readout import normal_intervals, outside_ios_app, readout, users_per_variant

from kata.harness import fail, notebook_pair_in_sync
from kata.harness.grading import require_golden_master_catches
from kata.harness.mutants import Mutant
from kata.harness.notebooks import notebook_calls_by_cell
from kata.harness.slips import in_results_cell

GOLDEN_MASTER = "tests/test_golden_master.py"
SPLIT_KEYS = ("split_p_value", "readout_split_p_value", "excluded_users")
READOUT = (  # the module's functions that compute a number of the readout
    "relative_uplift", "per_user_p_value", "difference_interval", "uplift_interval",
    "bootstrap_uplift_interval", "stopping_look", "detectable_uplift",
)  # fmt: skip
EVERY_SPLIT_FAILS = 0.99
NEW_NUMBERS_MOVED = [
    Mutant(
        f"the-{key.replace('_', '-')}-moved",
        f"The results cell moves {key} {how}, as a slip in the split check or its users would.",
        rewrite=in_results_cell("analysis.py", f"{{name}}[{key!r}]{change}"),
    )
    for key, how, change in (
        ("split_p_value", "by 1 %", " *= 1.01"),
        ("readout_split_p_value", "by 1 %", " *= 1.01"),
        ("excluded_users", "by one user of the control", "['control'] += 1"),
    )
]


@pytest.fixture(scope="module")
def runs(workspace, stage):
    """The notebook as it is, and a copy run with a split_alpha at which every split fails."""
    yield from runs_as_planned_and_replanned(workspace, stage, split_alpha=EVERY_SPLIT_FAILS)


@pytest.fixture(scope="module")
def notebook_run(runs):
    return runs[0]


def test_the_notebook_is_still_paired_and_in_sync(workspace):
    """analysis.ipynb and analysis.py hold the same cells, so the golden master runs the notebook."""
    problem = notebook_pair_in_sync(workspace / NOTEBOOK)
    assert problem is None, problem


def test_the_plan_sets_the_split_threshold(workspace):
    """plan.toml keeps stage 6's settings and adds split_alpha, a small probability."""
    threshold = read_plan(workspace).get("split_alpha")
    if threshold is None:
        fail(f"{PLAN} has no split_alpha; step 5 adds it (split_alpha = 0.001).")
    strict = isinstance(threshold, float) and 0 < threshold <= 0.05
    assert strict, (
        f"In {PLAN}, split_alpha = {threshold!r}; it should be a probability above 0 and at most "
        "0.05 (0.001 is usual), written as a number like 0.001."
    )


def test_the_split_is_checked_before_the_readout(workspace):
    """The notebook calls split_p_value and check_split, and computes no readout before the check.

    No cell before the first call of check_split calls a function that computes a number of the
    readout."""
    require_notebook_calls(
        workspace / NOTEBOOK,
        MODULE,
        ("split_p_value", "check_split"),
        "step 6 computes the split of all users, step 8 checks the split of the users read out.",
    )
    seen = []
    for number, calls in notebook_calls_by_cell(workspace / NOTEBOOK):
        if "check_split" in calls:
            break
        seen += [f"{name} (cell {number})" for name in READOUT if name in calls]
    assert not seen, (
        f"The notebook computes {', '.join(seen)} before it calls check_split. Check the split "
        "first, in the cell that builds the readout's table, so that a failed split stops the "
        "notebook before any number of the readout exists."
    )


@pytest.mark.expensive  # it waits for the notebooks to run; the cheap checks report first
def test_the_notebook_still_runs_top_to_bottom(notebook_run):
    """The notebook runs from the first cell to the last in a fresh kernel."""
    if isinstance(notebook_run, str):
        fail(notebook_run)


@pytest.mark.expensive
def test_the_results_report_the_split_of_the_rerun(notebook_run, rerun_events):
    """The split's p-values of all users and of the users read out, and the users left out."""
    results = results_of(notebook_run, SPLIT_KEYS, "step 8")
    everyone = users_per_variant(rerun_events)
    kept = users_per_variant(outside_ios_app(rerun_events))
    expected = {
        "split_p_value": chisquare(list(everyone.values())).pvalue,
        "readout_split_p_value": chisquare(list(kept.values())).pvalue,
    }
    moved = [
        f"{key} is {results[key]!r}, not {value:.4g}"
        for key, value in expected.items()
        if not isinstance(results[key], float) or results[key] != pytest.approx(value, rel=1e-6)
    ]
    assert not moved, (
        f"{'; '.join(moved)}. split_p_value is the split of all the re-run's users (bots out, "
        "each event once), readout_split_p_value that of the users read out."
    )
    left_out = {variant: everyone[variant] - kept[variant] for variant in everyone}
    assert results["excluded_users"] == left_out, (
        f"excluded_users is {results['excluded_users']!r}; the users who used the iOS app on any "
        f"visit are {left_out}: every one of them is left out, in both variants."
    )


@pytest.mark.expensive
def test_the_readout_is_of_the_users_outside_the_ios_app(notebook_run, rerun_events, workspace):
    """`results` keeps stage 6's keys, now the readout of the re-run's users outside the iOS app."""
    earlier = readout(outside_ios_app(rerun_events))
    expected = {**earlier, **normal_intervals(earlier)}
    results = results_of(
        notebook_run, (*expected, "uplift_ci", "stopped_on", *PLANNED_KEYS), "step 8"
    )
    moved = [
        f"{key}: {results[key]!r} (expected {value!r})"
        for key, value in expected.items()
        if results[key] != pytest.approx(value)
    ]
    assert not moved, (
        f"These results are not the re-run's readout of the users outside the iOS app: "
        f"{'; '.join(moved[:3])}. Read ../data/rerun_events.csv, and leave out every user who "
        "used the iOS app on any visit, in both variants (step 8)."
    )
    fewest = min(earlier["users"].values())
    problems = plan_mismatches(results, read_plan(workspace), fewest)
    assert not problems, f"With the settings of {PLAN}: {'; '.join(problems)}."


@pytest.mark.expensive
def test_a_failed_split_stops_the_notebook(runs):
    """With split_alpha = 0.99, at which every split fails, the notebook stops: SampleRatioMismatch."""
    refused = runs[1]
    assert isinstance(refused, str), (
        f"With split_alpha = {EVERY_SPLIT_FAILS} in {PLAN}, the notebook ran to the end. At that "
        "threshold every split fails: the check should raise SampleRatioMismatch and stop the "
        "notebook. Read the threshold from the plan, and do not catch the exception."
    )
    assert "SampleRatioMismatch" in refused, (
        f"With split_alpha = {EVERY_SPLIT_FAILS} in {PLAN}, the notebook stopped, but not with "
        f"SampleRatioMismatch: {refused}"
    )


@pytest.mark.expensive
def test_your_golden_master_pins_the_rerun(workspace, stage, rerun_slips):
    """Your golden master pins the re-run's readout: it fails on stage 6's notebook and on slips."""
    start = notebook_of_the_start(
        stage.start_dir,
        "the-first-test-without-a-split-check",
        "The notebook and checkout_analysis of stage 6, which read out the first test and check "
        "no split. A golden master recorded again for the re-run must fail on it.",
    )
    slips = [*rerun_slips, start, *NEW_NUMBERS_MOVED]
    require_golden_master_catches(workspace, stage, slips, GOLDEN_MASTER)
