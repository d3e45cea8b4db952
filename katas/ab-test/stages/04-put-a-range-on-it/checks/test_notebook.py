"""Checks for ab-test stage 4: the notebook reports the difference and both intervals of the uplift,
the normal one agrees with the bootstrap, and your golden master was extended for them."""

import pytest
from readout_checks import (
    notebook_of_the_start,
    require_interval_around_the_uplift,
    require_notebook_calls,
    results_of,
)
from user_readout import normal_intervals, readout

from kata.harness import fail, notebook_pair_in_sync
from kata.harness.grading import require_golden_master_catches
from kata.harness.mutants import Mutant
from kata.harness.slips import in_results_cell

MODULE = "checkout_analysis"
NOTEBOOK = "analysis.ipynb"
GOLDEN_MASTER = "tests/test_golden_master.py"
CALLED = ("difference_interval", "uplift_interval", "bootstrap_uplift_interval")
NEW_KEYS = ("difference", "difference_ci", "uplift_ci_normal")
AGREE = (
    0.04  # the bootstrap's ends move by about 0.01 between seeds at 200 resamples (sd 0.007-0.009)
)
RANGES_MOVED = Mutant(
    "the-new-numbers-moved",
    "The results cell moves the difference and both new intervals by 1 %, as a slip in either "
    "formula would: a golden master that records every digit of the new keys catches it.",
    rewrite=in_results_cell(
        "analysis.py",
        "for _key in ('difference', 'difference_ci', 'uplift_ci_normal'):\n"
        "    _value = {name}[_key]\n"
        "    {name}[_key] = [end * 1.01 for end in _value] if isinstance(_value, list) "
        "else _value * 1.01",
    ),
)


def test_the_notebook_is_still_paired_and_in_sync(workspace):
    """analysis.ipynb and analysis.py hold the same cells, so the golden master runs the notebook."""
    problem = notebook_pair_in_sync(workspace / NOTEBOOK)
    assert problem is None, problem


def test_the_notebook_computes_the_intervals_with_the_module(workspace):
    """The notebook calls both interval functions and the bootstrap, and defines nothing itself."""
    require_notebook_calls(
        workspace / NOTEBOOK,
        MODULE,
        CALLED,
        "step 4 puts both intervals in the results, beside the bootstrap's.",
    )


@pytest.mark.expensive  # it waits for the notebooks to run; the cheap checks report first
def test_the_notebook_still_runs_top_to_bottom(notebook_run):
    """The notebook runs from the first cell to the last in a fresh kernel."""
    if isinstance(notebook_run, str):
        fail(notebook_run)


@pytest.mark.expensive
def test_the_results_add_the_difference_and_the_normal_intervals(notebook_run, checkout_events):
    """`results` holds stage 3's per-user readout and the three keys of step 4."""
    earlier = readout(checkout_events)
    results = results_of(notebook_run, (*earlier, "uplift_ci", *NEW_KEYS), "step 4")
    expected = {**earlier, **normal_intervals(earlier)}
    moved = [
        f"{key}: {results[key]!r} (expected {value!r})"
        for key, value in expected.items()
        if results[key] != pytest.approx(value)
    ]
    assert not moved, (
        f"These results are not the per-user readout with its normal intervals: "
        f"{'; '.join(moved[:3])}. The difference is new_checkout's conversion minus control's; "
        "each interval is step 2's, at level 0.95, of the per-user table."
    )
    require_interval_around_the_uplift(results)


@pytest.mark.expensive
def test_the_normal_and_the_bootstrap_intervals_agree(notebook_run):
    """The normal interval of the uplift and the bootstrap's agree to within 0.04 on each end."""
    results = results_of(notebook_run, ("uplift_ci", "uplift_ci_normal"), "step 4")
    bootstrap, normal = results["uplift_ci"], results["uplift_ci_normal"]
    for key, found in (("uplift_ci", bootstrap), ("uplift_ci_normal", normal)):
        if not (isinstance(found, list) and len(found) == 2):
            fail(f"results['{key}'] is {found!r}; it should be [low, high], two floats.")
    gap = max(abs(a - b) for a, b in zip(bootstrap, normal, strict=True))
    assert gap <= AGREE, (
        f"The bootstrap interval {bootstrap} and the normal one {normal} differ by up to "
        f"{gap:.3f}, "
        f"more than {AGREE}. Is the bootstrap still drawing 200 users' resamples at level 0.95? "
        "Is the normal one on the log scale?"
    )


@pytest.mark.expensive
def test_your_golden_master_pins_the_new_results(workspace, stage, per_user_slips):
    """Your golden master pins the new results: it fails on stage 3's notebook and on the slips."""
    start = notebook_of_the_start(
        stage.start_dir,
        "the-readout-without-ranges",
        "The notebook and checkout_analysis of stage 3, with no difference and no normal "
        "interval. A golden master extended for them must fail on it.",
    )
    require_golden_master_catches(
        workspace, stage, [*per_user_slips, start, RANGES_MOVED], GOLDEN_MASTER
    )
