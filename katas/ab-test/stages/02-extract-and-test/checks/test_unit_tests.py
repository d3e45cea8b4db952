"""Checks for ab-test stage 2: unit tests on event logs built by hand, which catch every slip in the
functions. They are judged on their own, without tests/test_golden_master.py and without the data
folder, so that only tests on logs built by hand can pass and catch the slips."""

import pytest

from kata.harness import fail, tail
from kata.harness.grading import (
    require_every_mutant_caught,
    require_every_refactoring_survived,
    verdict_on_tests,
)

GOLDEN_MASTER = "tests/test_golden_master.py"
SET_ASIDE = (GOLDEN_MASTER, "../data")
# Generous on purpose: the reference's unit tests take about a second; only tests that do far more
# than build a few rows (a bootstrap of thousands of resamples, a loop over the real log) come near.
FAST_SECONDS = 15.0


@pytest.fixture(scope="module")
def unit_run(workspace, stage):
    """The unit tests alone, no golden master and no data folder: the mutant batch's own baseline."""
    unit_tests = [
        p for p in (workspace / "tests").rglob("test_*.py") if p != workspace / GOLDEN_MASTER
    ]
    if not unit_tests:
        fail(
            "tests/ holds no unit tests yet, only the golden master. Steps 4 and 5 of the README "
            "start tests/test_checkout_analysis.py."
        )
    return verdict_on_tests(
        workspace, stage, mutants=[], without=SET_ASIDE, refactorings=()
    ).baseline


def test_your_unit_tests_pass_on_logs_built_by_hand(unit_run):
    """Your unit tests pass without the golden master and without the data folder."""
    if unit_run.ran == 0:
        fail("pytest found no unit tests in tests/ besides the golden master; name them test_... .")
    assert unit_run.ok, (
        f"Without the golden master and without ../data, your unit tests did not all pass "
        f"({unit_run.summary()}). Unit tests build a few rows by hand; a test that reads the log "
        "or runs the notebook belongs to the golden master.\n" + tail(unit_run.output)
    )


def test_your_unit_tests_run_in_seconds(unit_run):
    """Your unit tests take seconds, not minutes, so you can run them after every change."""
    if not unit_run.ok:
        fail("Your unit tests cannot be timed until they pass (see the check above).")
    assert unit_run.seconds < FAST_SECONDS, (
        f"Your unit tests took {unit_run.seconds:.1f} s by pytest's own clock (the limit is "
        f"{FAST_SECONDS:.0f} s). Look for a bootstrap with thousands of resamples or a big log; "
        "a few rows and a few dozen resamples are enough."
    )


@pytest.mark.expensive
def test_your_unit_tests_catch_every_slip_in_the_functions(workspace, stage, mutants):
    """Your unit tests fail on each deliberately broken function of checkout_analysis."""
    require_every_mutant_caught(
        verdict_on_tests(workspace, stage, without=SET_ASIDE),
        len(mutants),
        "For each, which function is broken, and which value would a test of it on a few rows "
        "built by hand see change?",
    )


@pytest.mark.expensive
def test_your_unit_tests_survive_a_rewrite_that_changes_nothing(workspace, stage):
    """Your unit tests still pass when checkout_analysis is reformatted or its locals renamed."""
    require_every_refactoring_survived(verdict_on_tests(workspace, stage, without=SET_ASIDE))
