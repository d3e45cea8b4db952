"""A learner's unit tests judged on their own: without the golden master and without the data
folder, so that only tests on inputs built by hand can pass, and catch the function mutants.
Penguins stage 4 and ab-test stages 2 to 6 grade unit tests this way, with the checks that
`UnitTestChecks` writes for them."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from kata.harness.failures import fail, tail
from kata.harness.grading import (
    require_every_mutant_caught,
    require_every_refactoring_survived,
    verdict_on_tests,
)
from kata.harness.learner_tests import TestRun
from kata.harness.mutants import TestVerdict

# Generous on purpose: the reference unit tests take a second or two, and a loaded laptop may be
# three times slower; only tests that do far more than build a few rows by hand come near this.
FAST_SECONDS = 15.0
# Unit tests that have used twice that of the processor are stopped: they are too slow whatever
# the load, and a case or a learner need not wait for the clock's limit of minutes.
PROCESSOR_LIMIT = 2 * FAST_SECONDS


def set_aside(golden_master: str) -> tuple[str, str]:
    """What a unit-test run leaves out: the golden master and the kata's data folder."""
    return (golden_master, "../data")


def verdict_alone(workspace: Path, stage, golden_master: str, **batch) -> TestVerdict:
    """`verdict_on_tests` on the unit tests alone, each run stopped at PROCESSOR_LIMIT; every
    check of them goes through here, so all share one baseline run (`batch` narrows the mutants
    or the refactorings)."""
    return verdict_on_tests(
        workspace, stage, without=set_aside(golden_master), cpu_limit=PROCESSOR_LIMIT, **batch
    )


def unit_tests_alone(workspace: Path, stage, golden_master: str, missing: str) -> TestRun:
    """The unit tests' run without the golden master and the data folder (the baseline of the
    mutant batch, so it costs nothing more); `missing` says which step starts the unit tests."""
    if not any(
        path != workspace / golden_master for path in (workspace / "tests").rglob("test_*.py")
    ):
        fail(f"tests/ holds no unit tests yet, only the golden master. {missing}")
    return verdict_alone(workspace, stage, golden_master, mutants=[], refactorings=()).baseline


def require_unit_tests_pass(run: TestRun, built_by_hand: str) -> None:
    """They ran and passed; `built_by_hand` says what a unit test builds ("a few birds")."""
    if run.timed_out:
        fail(
            f"Your unit tests were stopped before they finished: they used {PROCESSOR_LIMIT:.0f} s "
            "of the processor (or minutes by the clock). Look for a loop over many rows or "
            "simulations, and use numpy arrays."
        )
    if run.ran == 0:
        fail("pytest found no unit tests in tests/ besides the golden master; name them test_... .")
    assert run.ok, (
        f"Without the golden master and without ../data, your unit tests did not all pass "
        f"({run.summary()}). Unit tests build {built_by_hand} by hand; a test that reads the data "
        "file or runs the notebook belongs to the golden master.\n" + tail(run.output)
    )


def require_unit_tests_fast(run: TestRun, what_is_slow: str) -> None:
    """They took less than FAST_SECONDS by pytest's own clock, or, on a busy machine, of the
    processor; `what_is_slow` says where to look."""
    if run.timed_out:
        fail(
            f"Your unit tests were stopped before they finished, after {PROCESSOR_LIMIT:.0f} s of "
            f"the processor or minutes by the clock (the limit is {FAST_SECONDS:.0f} s). "
            f"{what_is_slow}"
        )
    if not run.ok:
        fail("Your unit tests cannot be timed until they pass (see the check above).")
    assert not too_slow(run.seconds, run.cpu_seconds), (
        f"Your unit tests took {run.seconds:.1f} s by pytest's own clock and "
        f"{run.cpu_seconds:.1f} s of the processor (the limit is {FAST_SECONDS:.0f} s). "
        f"{what_is_slow}"
    )


def too_slow(clock: float, processor: float, load: float | None = None) -> bool:
    """Slow by the clock and the processor alike, or by a clock far past what the load explains.

    A clock, unlike a processor, counts the time other programs took: quick tests sharing two
    cores with a dozen runs (a suite of checks in CI, a laptop compiling) take several times
    longer. The processor's time does not stretch with the load, but it adds up the threads of a
    library that computes on both cores, and it misses a test that waits (a sleep, a server).
    So tests are slow when both measures reach the limit, or when the clock reaches twice the
    limit stretched by the load per core: a wait that long is no quirk of a busy machine."""
    return min(clock, processor) >= FAST_SECONDS or clock >= 2 * time_limit(load)


def time_limit(load: float | None = None, cores: int | None = None) -> float:
    """FAST_SECONDS stretched by the load per core."""
    load = os.getloadavg()[0] if load is None else load
    cores = (os.cpu_count() or 1) if cores is None else cores
    return FAST_SECONDS * max(1.0, load / cores)


@dataclass(frozen=True)
class UnitTestChecks:
    """The checks of a stage whose unit tests are judged alone, written once for every such stage.

    A stage's check file names each check, so that its cases and its README can:

        CHECKS = UnitTestChecks("tests/test_golden_master.py", module="checkout_analysis", ...)
        unit_run = CHECKS.unit_run()
        test_your_unit_tests_pass_on_logs_built_by_hand = CHECKS.pass_alone()
        test_your_unit_tests_run_in_seconds = CHECKS.run_in_seconds()
        test_your_unit_tests_catch_every_slip_in_the_rule = CHECKS.catch_every_slip("...")
        test_your_unit_tests_survive_a_rewrite_that_changes_nothing = CHECKS.survive_rewrites()
    """

    golden_master: str
    module: str  # the learner's module under test, as the rewrite check names it
    missing: str  # which step of the README starts the unit tests
    built_by_hand: str  # what a unit test builds by hand ("a few birds")
    what_is_slow: str  # where to look when they are slow
    slip_advice: str  # how to catch the slips that passed

    def unit_run(self) -> Callable:
        """The fixture `unit_run`: the unit tests alone, the mutant batch's own baseline."""

        @pytest.fixture(scope="module", name="unit_run")
        def unit_run(workspace, stage):
            return unit_tests_alone(workspace, stage, self.golden_master, self.missing)

        return unit_run

    def pass_alone(self) -> Callable:
        def check(unit_run):
            require_unit_tests_pass(unit_run, self.built_by_hand)

        check.__doc__ = (
            "Your unit tests pass without the golden master and without the data folder."
        )
        return check

    def run_in_seconds(self) -> Callable:
        def check(unit_run):
            require_unit_tests_fast(unit_run, self.what_is_slow)

        check.__doc__ = (
            "Your unit tests take seconds, not minutes, so you can run them after every change."
        )
        return check

    def catch_every_slip(self, doc: str) -> Callable:
        """The mutant check; `doc` says which slips ("each deliberately broken interval")."""

        def check(workspace, stage, mutants):
            verdict = verdict_alone(workspace, stage, self.golden_master)
            require_every_mutant_caught(verdict, len(mutants), self.slip_advice)

        check.__doc__ = doc
        return pytest.mark.expensive(check)

    def survive_rewrites(self) -> Callable:
        def check(workspace, stage):
            require_every_refactoring_survived(verdict_alone(workspace, stage, self.golden_master))

        check.__doc__ = (
            f"Your unit tests still pass when {self.module} is reformatted, its locals renamed "
            "or its bodies moved."
        )
        return pytest.mark.expensive(check)
