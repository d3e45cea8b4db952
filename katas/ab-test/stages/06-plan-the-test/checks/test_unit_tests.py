"""Checks for ab-test stage 6: unit tests of the power calculation, with values you recorded and a
simulation of the promised power, catch every slip in it. They are judged on their own, without
tests/test_golden_master.py and without the data folder."""

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
    return unit_tests_alone(
        workspace, stage, GOLDEN_MASTER, "Step 4 of the README tests the power calculation."
    )


def test_your_unit_tests_pass_on_logs_built_by_hand(unit_run):
    """Your unit tests pass without the golden master and without the data folder."""
    require_unit_tests_pass(unit_run, built_by_hand="recorded values and simulated tests")


def test_your_unit_tests_run_in_seconds(unit_run):
    """Your unit tests take seconds, not minutes, so you can run them after every change."""
    require_unit_tests_fast(
        unit_run, "Simulate the tests with numpy's binomial draws, a few thousand at once."
    )


@pytest.mark.expensive
def test_your_unit_tests_catch_every_slip_in_the_power_calculation(workspace, stage, mutants):
    """Your unit tests fail on each deliberately broken power calculation."""
    require_every_mutant_caught(
        verdict_on_tests(workspace, stage, without=SET_ASIDE),
        len(mutants),
        "Pin exact values recorded from statsmodels or by hand (users are a whole number, rounded "
        "up), at more than one alpha and power, for both functions.",
    )


@pytest.mark.expensive
def test_your_unit_tests_survive_a_rewrite_that_changes_nothing(workspace, stage):
    """Your unit tests still pass when checkout_analysis is reformatted or its locals renamed."""
    require_every_refactoring_survived(verdict_on_tests(workspace, stage, without=SET_ASIDE))
