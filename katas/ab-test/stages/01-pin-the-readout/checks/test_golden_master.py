"""Checks for ab-test stage 1: a golden-master test pins the readout, and would notice a slip."""

import pytest

from kata.harness.grading import (
    require_every_mutant_caught,
    require_every_refactoring_survived,
    require_learner_tests_pass,
    verdict_on_tests,
)


def test_your_golden_master_passes(workspace):
    """Your tests in tests/ run and pass on the notebook as it is."""
    require_learner_tests_pass(
        workspace,
        missing="Step 7 of the README asks for tests/test_golden_master.py (any tests/test_*.py "
        "file will do).",
        advice="Run pytest in the workspace and read the first failure: the golden master must "
        "be green on the notebook as it is before it can tell you anything.",
    )


@pytest.mark.expensive
def test_your_golden_master_catches_every_slip_in_the_readout(workspace, stage, mutants):
    """Your tests fail on each deliberately broken run of the readout."""
    require_every_mutant_caught(
        verdict_on_tests(workspace, stage),
        len(mutants),
        "Which key result would each of them move, and by how much? Record it with all its digits "
        "and compare with pytest.approx at its default tolerance.",
    )


@pytest.mark.expensive
def test_your_golden_master_survives_a_rewrite_that_changes_nothing(workspace, stage):
    """Your tests still pass when the notebook is reformatted or a note is added to it."""
    require_every_refactoring_survived(verdict_on_tests(workspace, stage))
