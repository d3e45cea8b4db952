"""Checks for penguins stage 3: the notebook calls its functions, defines none, still runs, and
still gives the results it gave before the refactoring, which your golden master still pins.
"""

import pytest
from key_results import (  # noqa: F401 - the notebook check is collected here
    test_the_notebook_still_runs_top_to_bottom,
)

from kata.harness import (
    fail,
    notebook_definitions,
    notebook_pair_in_sync,
    tail,
)
from kata.harness.grading import require_golden_master_catches
from kata.harness.key_results import require_same_key_results
from kata.harness.notebooks import notebook_calls, notebook_imports

MODULE = "penguin_mass"
NOTEBOOK = "analysis.ipynb"
GOLDEN_MASTER = "tests/test_golden_master.py"
INTERFACE = [
    "read_raw", "clean_penguins", "impute_missing", "build_features", "split_train_test",
    "species_baseline", "evaluate",
]  # fmt: skip


pytestmark = pytest.mark.usefixtures("learner_tests")  # they run while the notebook does


def test_the_notebook_is_still_paired_and_in_sync(workspace):
    """analysis.ipynb and analysis.py hold the same cells, so the golden master runs what the notebook does."""
    problem = notebook_pair_in_sync(workspace / NOTEBOOK)
    assert problem is None, problem


def test_the_notebook_calls_its_functions_and_defines_none(workspace):
    """The notebook calls every function of the interface from penguin_mass and defines none itself."""
    defined = notebook_definitions(workspace / NOTEBOOK)
    assert not defined, (
        f"The notebook still defines {', '.join(defined)}. Move each into {MODULE} and import it."
    )
    assert notebook_imports(workspace / NOTEBOOK, MODULE), (
        f"The notebook does not import {MODULE}; add `from {MODULE} import ...`."
    )
    called = notebook_calls(workspace / NOTEBOOK)
    unused = [name for name in INTERFACE if name not in called]
    assert not unused, (
        f"The notebook never calls {', '.join(unused)}: its cells still do that work inline. "
        "Replace each step's code with a call to its function (see the README's hints)."
    )


@pytest.mark.expensive
def test_your_golden_master_still_catches_the_stage_2_slips(workspace, stage, golden_master_slips):
    """Your golden master, on its own, still fails on each slip stage 2 planted."""
    require_golden_master_catches(workspace, stage, golden_master_slips, GOLDEN_MASTER)


def test_the_key_results_are_the_same_as_before_the_refactoring(notebook_runs):
    """The notebook's results dictionary holds the same values as the notebook this stage started from."""
    require_same_key_results(
        *notebook_runs,
        "A refactoring changes how the code is laid out, not what it computes. Compare each "
        "extracted function with the cells it replaced (the shuffle, the fills, the columns), and "
        "put the behaviour back.",
    )


def test_your_golden_master_still_passes(learner_tests):
    """Your golden master (and any other tests in tests/) still pass: the behaviour is unchanged."""
    run = learner_tests.result()
    if run.ran == 0:
        fail("pytest found no tests in tests/ any more; stage 2's golden master belongs there.")
    assert run.ok, (
        f"Your tests do not all pass any more ({run.summary()}). A refactoring changes the shape of "
        "the code, not what it computes: find the function whose move changed a result. "
        "Run pytest in the workspace after each extraction.\n" + tail(run.output)
    )
