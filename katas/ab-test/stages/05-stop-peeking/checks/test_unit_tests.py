"""Checks for ab-test stage 5: unit tests on counts built by hand and on simulated experiments catch
every slip in the stopping rule. They are judged on their own, without tests/test_golden_master.py
and without the data folder."""

import pytest

from kata.harness.grading import (
    require_every_mutant_caught,
    require_every_refactoring_survived,
    verdict_on_tests,
)
from kata.harness.unit_tests import (
    require_unit_tests_fast,
    require_unit_tests_pass,
    set_aside,
    unit_tests_alone,
)

GOLDEN_MASTER = "tests/test_golden_master.py"
SET_ASIDE = set_aside(GOLDEN_MASTER)


@pytest.fixture(scope="module")
def unit_run(workspace, stage):
    """The unit tests alone, no golden master and no data folder: the mutant batch's own baseline."""
    return unit_tests_alone(workspace, stage, GOLDEN_MASTER, "Step 4 of the README tests the rule.")


def test_your_unit_tests_pass_on_logs_built_by_hand(unit_run):
    """Your unit tests pass without the golden master and without the data folder."""
    require_unit_tests_pass(unit_run, built_by_hand="counts built by hand and simulated")


def test_your_unit_tests_run_in_seconds(unit_run):
    """Your unit tests take seconds, not minutes, so you can run them after every change."""
    require_unit_tests_fast(
        unit_run,
        "Simulate with numpy arrays, not a loop over experiments; 2,000 experiments are enough.",
    )


@pytest.mark.expensive
def test_your_unit_tests_catch_every_slip_in_the_rule(workspace, stage, mutants):
    """Your unit tests fail on each deliberately broken stopping rule."""
    require_every_mutant_caught(
        verdict_on_tests(workspace, stage, without=SET_ASIDE),
        len(mutants),
        "Noor's rule needs a simulation test of the A/A rate; the others need a look you know, "
        "a control that wins, another alpha, or an effect no rule can miss.",
    )


@pytest.mark.expensive
def test_your_unit_tests_survive_a_rewrite_that_changes_nothing(workspace, stage):
    """Your unit tests still pass when checkout_analysis is reformatted or its locals renamed."""
    require_every_refactoring_survived(verdict_on_tests(workspace, stage, without=SET_ASIDE))
