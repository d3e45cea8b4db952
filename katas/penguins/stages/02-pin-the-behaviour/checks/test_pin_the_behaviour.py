"""Checks for penguins stage 2: a golden-master test pins the notebook's key results."""

import pytest

from kata.harness import notebook_pair_in_sync
from kata.harness.grading import (
    require_every_mutant_caught,
    require_every_refactoring_survived,
    require_learner_tests_pass,
    verdict_on_tests,
)

NOTEBOOK = "analysis.ipynb"


def test_the_notebook_is_still_paired_and_in_sync(workspace):
    """analysis.ipynb and analysis.py still hold the same cells, so the test sees what the notebook does."""
    problem = notebook_pair_in_sync(workspace / NOTEBOOK)
    assert problem is None, problem


def test_your_golden_master_passes(workspace):
    """Your tests in tests/ run and pass on the notebook as it is."""
    require_learner_tests_pass(
        workspace,
        missing="Step 3 of the README asks for tests/test_golden_master.py (any tests/test_*.py "
        "file will do).",
        advice="Run pytest in the workspace and read the first failure: a golden master must be "
        "green on the unchanged notebook before it can tell you anything.",
    )


@pytest.mark.expensive
def test_your_golden_master_catches_every_notebook_mutant(workspace, stage, mutants):
    """Your tests fail on each deliberately broken run of the notebook."""
    require_every_mutant_caught(
        verdict_on_tests(workspace, stage),
        len(mutants),
        "Which key result would each of them move? Make sure your test records it, with all its "
        "digits, compared with pytest.approx at its default tolerance.",
    )


@pytest.mark.expensive
def test_your_golden_master_survives_a_rewrite_that_changes_nothing(workspace, stage):
    """Your tests still pass when the notebook is reformatted or a note is added to it."""
    require_every_refactoring_survived(verdict_on_tests(workspace, stage))
