"""Checks for ab-test stage 2: the notebook calls the module, defines nothing, still runs, and
still gives the readout it gave before, which your golden master still pins."""

import pytest
from readout_checks import require_notebook_calls

from kata.harness import fail, notebook_pair_in_sync
from kata.harness.grading import require_golden_master_catches
from kata.harness.key_results import require_same_key_results

MODULE = "checkout_analysis"
NOTEBOOK = "analysis.ipynb"
GOLDEN_MASTER = "tests/test_golden_master.py"
INTERFACE = (
    "load_events", "remove_bots", "conversion_by_variant", "relative_uplift",
    "chi_squared_p_value", "bootstrap_uplift_interval",
)  # fmt: skip


def test_the_notebook_is_still_paired_and_in_sync(workspace):
    """analysis.ipynb and analysis.py hold the same cells, so the golden master runs the notebook."""
    problem = notebook_pair_in_sync(workspace / NOTEBOOK)
    assert problem is None, problem


def test_the_notebook_calls_the_module_and_defines_nothing(workspace):
    """The notebook imports checkout_analysis, calls its six functions and defines none itself."""
    require_notebook_calls(
        workspace / NOTEBOOK,
        MODULE,
        INTERFACE,
        "its cells still do that work inline. Replace each cell's logic with a call to its "
        "function (step 3).",
    )


@pytest.mark.expensive  # it waits for the notebooks to run; the cheap checks report first
def test_the_notebook_still_runs_top_to_bottom(notebook_runs):
    """The notebook runs from the first cell to the last in a fresh kernel."""
    mine, _ = notebook_runs
    if isinstance(mine, str):
        fail(mine)


@pytest.mark.expensive
def test_the_readout_is_the_same_as_before_the_extraction(notebook_runs):
    """The notebook's results hold exactly the values of the notebook this stage started from."""
    require_same_key_results(
        *notebook_runs,
        "Extracting functions changes where the code lives, not what it computes: compare each "
        "function with the cells it replaced (the bot filter, the counts, the bootstrap's draws).",
    )


@pytest.mark.expensive
def test_your_golden_master_still_catches_the_stage_1_slips(workspace, stage, readout_slips):
    """Your golden master, on its own, still fails on each slip stage 1 planted."""
    require_golden_master_catches(workspace, stage, readout_slips, GOLDEN_MASTER)
