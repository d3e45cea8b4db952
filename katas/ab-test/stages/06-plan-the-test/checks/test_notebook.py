"""Checks for ab-test stage 6: the notebook reads the plan from plan.toml, reports what it asks for
and what this test could have found, follows the plan when the plan changes, and your golden
master was extended for it."""

import pytest
from experiment_plans import (
    KEYS,
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
from user_readout import normal_intervals, readout

from kata.harness import fail, notebook_pair_in_sync
from kata.harness.grading import require_golden_master_catches
from kata.harness.mutants import Mutant
from kata.harness.slips import in_results_cell

GOLDEN_MASTER = "tests/test_golden_master.py"
NEW_KEYS = PLANNED_KEYS
FEWEST_USERS = 4330  # the smaller variant's users in the readout, per user, without bots
OTHER_PLAN = {  # a plan in which no setting keeps its value, to see the results follow it
    "baseline_conversion": 0.2,
    "minimum_detectable_uplift": 0.05,
    "alpha": 0.01,
    "power": 0.9,
    "users_per_day": 500,
}
NEW_NUMBERS_MOVED = [
    Mutant(
        f"the-{key.replace('_', '-')}-moved",
        f"The results cell moves {key} {how}, as a slip in the plan or its formula would.",
        rewrite=in_results_cell("analysis.py", f"{{name}}['{key}'] {change}"),
    )
    for key, how, change in (
        ("users_needed", "by one user", "+= 1"),
        ("days_needed", "by one day", "+= 1"),
        ("detectable_uplift", "by 1 %", "*= 1.01"),
    )
]


@pytest.fixture(scope="module")
def plan(workspace):
    return read_plan(workspace)


@pytest.fixture(scope="module")
def runs(workspace, stage):
    """The notebook as it is, and a copy run with OTHER_PLAN in its plan.toml, side by side."""
    yield from runs_as_planned_and_replanned(workspace, stage, **OTHER_PLAN)


@pytest.fixture(scope="module")
def notebook_run(runs):
    return runs[0]


def test_the_notebook_is_still_paired_and_in_sync(workspace):
    """analysis.ipynb and analysis.py hold the same cells, so the golden master runs the notebook."""
    problem = notebook_pair_in_sync(workspace / NOTEBOOK)
    assert problem is None, problem


def test_the_plan_is_a_file_of_settings(plan):
    """plan.toml holds the five settings of the plan, each a number in its range."""
    out_of_range = [
        f"{key} = {plan[key]}"
        for key in KEYS
        if not (plan[key] >= 1 if key == "users_per_day" else 0 < plan[key] < 1)
        and not (key == "minimum_detectable_uplift" and plan[key] > 0)
    ]
    assert not out_of_range, (
        f"In {PLAN}, {', '.join(out_of_range)} is out of range: alpha, power and the baseline "
        "are between 0 and 1, the uplift above 0, users_per_day at least 1."
    )


def test_the_notebook_asks_the_power_calculation(workspace):
    """The notebook calls users_per_variant and detectable_uplift, and defines nothing itself."""
    require_notebook_calls(
        workspace / NOTEBOOK,
        MODULE,
        ("users_per_variant", "detectable_uplift"),
        "the plan's cell asks users_per_variant, the readout asks detectable_uplift.",
    )


@pytest.mark.expensive  # it waits for the notebooks to run; the cheap checks report first
def test_the_notebook_still_runs_top_to_bottom(notebook_run):
    """The notebook runs from the first cell to the last in a fresh kernel."""
    if isinstance(notebook_run, str):
        fail(notebook_run)


@pytest.mark.expensive
def test_the_results_report_the_plan(notebook_run, checkout_events, plan):
    """`results` keeps stage 5's keys and adds what the plan asks for and what this test could find."""
    earlier = readout(checkout_events)
    expected = {**earlier, **normal_intervals(earlier)}
    results = results_of(notebook_run, (*expected, "uplift_ci", "stopped_on", *NEW_KEYS), "step 5")
    moved = [
        f"{key}: {results[key]!r} (expected {value!r})"
        for key, value in expected.items()
        if results[key] != pytest.approx(value)
    ]
    assert not moved, f"These results moved since stage 5: {'; '.join(moved[:3])}."
    problems = plan_mismatches(results, plan, FEWEST_USERS)
    assert not problems, f"With the settings of {PLAN}: {'; '.join(problems)}."


@pytest.mark.expensive
def test_the_results_follow_the_plan_when_it_changes(runs):
    """Run with other settings in plan.toml, the notebook reports what the new plan asks for."""
    changed = runs[1]
    if isinstance(changed, str):
        fail(f"With other settings in {PLAN} ({OTHER_PLAN}), the notebook did not run: {changed}")
    results = results_of(changed, NEW_KEYS, "step 5")
    problems = plan_mismatches(results, OTHER_PLAN, FEWEST_USERS)
    assert not problems, (
        f"With {PLAN} changed to {OTHER_PLAN}: {'; '.join(problems)}. A setting the notebook "
        "repeats as a number of its own is not a setting: read every one from the plan."
    )


@pytest.mark.expensive
def test_your_golden_master_pins_the_plan(workspace, stage, per_user_slips):
    """Your golden master pins the plan's results: it fails on stage 5's notebook and on slips."""
    start = notebook_of_the_start(
        stage.start_dir,
        "the-readout-without-a-plan",
        "The notebook and checkout_analysis of stage 5, whose results say nothing of a plan. "
        "A golden master extended for the plan must fail on it.",
    )
    slips = [*per_user_slips, start, *NEW_NUMBERS_MOVED]
    require_golden_master_catches(workspace, stage, slips, GOLDEN_MASTER)
