"""Checks for ab-test stage 8: the notebook decides by the plan's rule, records the decision in
the tracking store, and your golden master pins the decision."""

import hashlib
import shutil

import pytest
from experiment_plans import read_plan
from readout_checks import (
    MODULE,
    NOTEBOOK,
    notebook_of_the_start,
    require_notebook_calls,
    results_of,
)

from kata.harness import fail, notebook_pair_in_sync, run_notebooks
from kata.harness.grading import require_golden_master_catches
from kata.harness.mutants import Mutant
from kata.harness.staging import remove_stage, stage_copy

GOLDEN_MASTER = "tests/test_golden_master.py"
EXPERIMENT = "checkout-tests"
DECISION_CHANGED = Mutant(
    "the-decision-changed",
    "decide says ship, whatever the readout, as a slip in the rule or in the plan's bar would.",
    function="decide",
    wrap=lambda decide: lambda *args, **kwargs: "ship",
)


@pytest.fixture(scope="module")
def recorded_run(workspace, stage):
    """The notebook run in a copy, with its tracking store in the copy, and the runs it holds."""
    from mlflow import MlflowClient

    copy = stage_copy(workspace, stage.kata_dir)
    for kept in ("mlflow.db", "mlruns", "mlartifacts"):  # the runs of your own, left out
        target = copy / kept
        shutil.rmtree(target) if target.is_dir() else target.unlink(missing_ok=True)
    uri = f"sqlite:///{copy / 'mlflow.db'}"
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("MLFLOW_TRACKING_URI", uri)
            run = run_notebooks([copy / NOTEBOOK])[0]
        found = MlflowClient(uri).get_experiment_by_name(EXPERIMENT)
        runs = [] if found is None else MlflowClient(uri).search_runs([found.experiment_id])
        yield run, runs
    finally:
        remove_stage(copy)


def test_the_notebook_is_still_paired_and_in_sync(workspace):
    """analysis.ipynb and analysis.py hold the same cells, so the golden master runs the notebook."""
    problem = notebook_pair_in_sync(workspace / NOTEBOOK)
    assert problem is None, problem


def test_the_notebook_decides_and_records(workspace):
    """The notebook calls decide and record_decision, and defines nothing itself."""
    require_notebook_calls(
        workspace / NOTEBOOK,
        MODULE,
        ("decide", "record_decision"),
        "step 5 adds a cell after the results that decides and records.",
    )


@pytest.mark.expensive  # it waits for the notebook to run; the cheap checks report first
def test_the_notebook_still_runs_top_to_bottom(recorded_run):
    """The notebook runs from the first cell to the last in a fresh kernel."""
    if isinstance(recorded_run[0], str):
        fail(recorded_run[0])


def rule(results: dict, plan: dict) -> str:
    low, high = results["uplift_ci_normal"]
    if high < plan["minimum_detectable_uplift"]:
        return "do not ship"
    return "ship" if low > 0 else "inconclusive"


@pytest.mark.expensive
def test_the_results_hold_the_plans_decision(recorded_run, workspace):
    """`results` adds decision: the rule's decision for the readout's interval and your plan."""
    results = results_of(recorded_run[0], ("uplift_ci_normal", "decision"), "step 5")
    expected = rule(results, read_plan(workspace))
    assert results["decision"] == expected, (
        f"results['decision'] is {results['decision']!r}; for the interval "
        f"{results['uplift_ci_normal']} and your plan's minimum_detectable_uplift, the rule "
        f"says {expected!r}."
    )


@pytest.mark.expensive
def test_the_run_records_the_decision_on_the_rerun(recorded_run, stage):
    """The notebook recorded one run in checkout-tests, with its decision and the log's SHA-256."""
    notebook, runs = recorded_run
    results = results_of(notebook, ("decision",), "step 5")
    if len(runs) != 1:
        fail(
            f"Run with MLFLOW_TRACKING_URI pointing at a store of its own, the notebook recorded "
            f"{len(runs)} runs in {EXPERIMENT!r}, not one. record_decision should use "
            "MLFLOW_TRACKING_URI when it is given no tracking_uri."
        )
    tags = runs[0].data.tags
    digest = hashlib.sha256((stage.kata_dir / "data" / "rerun_events.csv").read_bytes()).hexdigest()
    found = (tags.get("decision"), tags.get("data_sha256"))
    assert found == (results["decision"], digest), (
        f"The recorded run has decision {found[0]!r} and data_sha256 {found[1]!r}; it should "
        f"have the notebook's decision ({results['decision']!r}) and the SHA-256 of "
        "../data/rerun_events.csv, the log the readout read."
    )


@pytest.mark.expensive
def test_your_golden_master_pins_the_decision(workspace, stage, rerun_slips):
    """Your golden master pins the decision: it fails on stage 7's notebook and on slips."""
    start = notebook_of_the_start(
        stage.start_dir,
        "the-readout-without-a-decision",
        "The notebook and checkout_analysis of stage 7, whose results hold no decision. A golden "
        "master extended for the decision must fail on it.",
    )
    require_golden_master_catches(
        workspace, stage, [*rerun_slips, start, DECISION_CHANGED], GOLDEN_MASTER
    )
