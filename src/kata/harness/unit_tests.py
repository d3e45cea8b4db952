"""A learner's unit tests judged on their own: without the golden master and without the data
folder, so that only tests on inputs built by hand can pass, and catch the function mutants.
Penguins stage 4 and ab-test stages 2 to 5 grade unit tests this way."""

from __future__ import annotations

import os
from pathlib import Path

from kata.harness.failures import fail, tail
from kata.harness.grading import verdict_on_tests
from kata.harness.learner_tests import TestRun

# Generous on purpose: the reference unit tests take a second or two, and a loaded laptop may be
# three times slower; only tests that do far more than build a few rows by hand come near this.
FAST_SECONDS = 15.0


def set_aside(golden_master: str) -> tuple[str, str]:
    """What a unit-test run leaves out: the golden master and the kata's data folder."""
    return (golden_master, "../data")


def unit_tests_alone(workspace: Path, stage, golden_master: str, missing: str) -> TestRun:
    """The unit tests' run without the golden master and the data folder (the baseline of the
    mutant batch, so it costs nothing more); `missing` says which step starts the unit tests."""
    if not any(
        path != workspace / golden_master for path in (workspace / "tests").rglob("test_*.py")
    ):
        fail(f"tests/ holds no unit tests yet, only the golden master. {missing}")
    verdict = verdict_on_tests(
        workspace, stage, mutants=[], without=set_aside(golden_master), refactorings=()
    )
    return verdict.baseline


def require_unit_tests_pass(run: TestRun, built_by_hand: str) -> None:
    """They ran and passed; `built_by_hand` says what a unit test builds ("a few birds")."""
    if run.timed_out:
        fail(
            "Your unit tests did not finish within the checks' time limit for a run (minutes, "
            "not seconds): look for a loop over many rows or simulations, and use numpy arrays."
        )
    if run.ran == 0:
        fail("pytest found no unit tests in tests/ besides the golden master; name them test_... .")
    assert run.ok, (
        f"Without the golden master and without ../data, your unit tests did not all pass "
        f"({run.summary()}). Unit tests build {built_by_hand} by hand; a test that reads the data "
        "file or runs the notebook belongs to the golden master.\n" + tail(run.output)
    )


def require_unit_tests_fast(run: TestRun, what_is_slow: str) -> None:
    """They took less than the limit by pytest's own clock; `what_is_slow` says where to look."""
    if not run.ok:
        fail("Your unit tests cannot be timed until they pass (see the check above).")
    limit = time_limit()
    assert run.seconds < limit, (
        f"Your unit tests took {run.seconds:.1f} s by pytest's own clock (the limit is "
        f"{limit:.0f} s). {what_is_slow}"
    )


def time_limit(load: float | None = None, cores: int | None = None) -> float:
    """FAST_SECONDS, stretched on a busy machine: a clock, unlike a processor, counts the time
    other programs took, so quick tests sharing two cores with a dozen runs take several times
    longer (a suite of checks in CI, or a laptop compiling). Slow tests are stretched alike."""
    load = os.getloadavg()[0] if load is None else load
    cores = (os.cpu_count() or 1) if cores is None else cores
    return FAST_SECONDS * max(1.0, load / cores)
