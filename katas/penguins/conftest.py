"""What the checks of several penguins stages share.

Loaded for every stage's checks (`kata check` makes the kata folder pytest's conftest boundary).
"""

import os
import shutil
from pathlib import Path

import pytest

from kata.harness import run_notebooks, staging, start_learner_tests
from kata.harness.io_audit import audited
from kata.harness.learner_code import workspace_module
from kata.harness.mutants import load_mutants

KATA = Path(__file__).resolve().parent
GOLDEN_MASTER = "tests/test_golden_master.py"
MODULE = "penguin_mass"
NOTEBOOK = "analysis.ipynb"


@pytest.fixture(scope="session")
def golden_master_slips():
    """The slips stage 2 planted; every later stage's golden master must still catch them."""
    return load_mutants(KATA / "stages" / "02-pin-the-behaviour")


@pytest.fixture(scope="module")
def audited_train(workspace):
    """`python -m penguin_mass train` with the defaults in its own copy, under the I/O audit."""
    copy = staging.stage_copy(workspace, KATA)
    shutil.rmtree(copy / "outputs", ignore_errors=True)  # what this run writes, nothing older
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("PENGUIN_MASS_", "MLFLOW_TRACKING"))
    }
    try:
        yield audited(copy, ["-m", "penguin_mass", "train"], env=environment)
    finally:
        staging.remove_stage(copy)


@pytest.fixture(scope="module")
def notebook_runs(workspace, start_workspace):
    """The learner's notebook and the notebook the stage started from, each in a fresh kernel."""
    return run_notebooks([workspace / NOTEBOOK, start_workspace / NOTEBOOK])


@pytest.fixture(scope="module")
def module(workspace):
    """penguin_mass, imported from the workspace in a process of its own (stages 3 to 5)."""
    learner = workspace_module(
        workspace, MODULE, NOTEBOOK, "Step 2 of stage 3's README creates it."
    )
    yield learner
    learner.close()


@pytest.fixture(scope="module")
def learner_tests(workspace):
    """The learner's whole suite, running in the background from the first check that asks for
    it (a file marks itself `usefixtures("learner_tests")` to start it with its first check), on
    one core while a notebook or the mutants use the other."""
    pending = start_learner_tests(workspace)
    yield pending
    pending.close()
