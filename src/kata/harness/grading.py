"""Verdicts on the learner's own tests: they must catch every mutant and survive every refactoring.

A stage that asks for tests has two checks that share one batch of runs (`verdict_on_tests` keeps it
for the check run), so the verdicts come from the same runs and cost them once.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from kata.harness.failures import fail, tail
from kata.harness.learner_tests import run_learner_tests
from kata.harness.mutants import Mutant, TestVerdict, describe, judge_tests, load_mutants

_verdicts: dict[tuple, TestVerdict] = {}
_baselines: dict[tuple, object] = {}  # the TestRun of each copy of the tests, by its verdicts' key


def verdict_on_tests(
    workspace: Path,
    stage,
    mutants: Sequence[Mutant] | None = None,
    without: Sequence[str] = (),
    refactorings: Sequence | None = None,
    cpu_limit: float | None = None,
) -> TestVerdict:
    """The learner's tests against the stage's mutants and refactorings, run once per check run.

    `without` leaves paths out of every copy; `refactorings=()` tries mutants only; `cpu_limit`
    ends a run that has used that many seconds of the processor.
    """
    mutants = load_mutants(stage.stage_dir) if mutants is None else mutants
    names = tuple(m.name for m in mutants)
    chosen = None if refactorings is None else tuple(r.name for r in refactorings)
    key = (str(workspace), stage.slug, names, tuple(without), chosen, cpu_limit)
    if key not in _verdicts:
        # Every batch on the same copy of the tests shares one baseline run: the unit tests'
        # own check and the mutant check would otherwise each run the tests on the learner's code.
        same_tests = (str(workspace), stage.slug, tuple(without), cpu_limit)
        _verdicts[key] = judge_tests(
            workspace,
            stage,
            mutants=mutants,
            refactorings=refactorings,
            without=without,
            baseline=_baselines.get(same_tests),
            cpu_limit=cpu_limit,
        )
        _baselines.setdefault(same_tests, _verdicts[key].baseline)
    return _verdicts[key]


def require_learner_tests_pass(workspace: Path, missing: str, advice: str) -> None:
    """The workspace's tests/ holds a test_*.py file, pytest collects tests, and they all pass.

    `missing` says which step asks for the file; `advice` follows the summary of a red run.
    """
    if not list((workspace / "tests").rglob("test_*.py")):
        fail(f"There is no test file in tests/ yet. {missing}")
    run = run_learner_tests(workspace)
    if run.ran == 0:
        fail(
            "pytest found no tests in tests/; name each test function test_... so it is collected."
        )
    assert run.ok, f"Your tests did not all pass ({run.summary()}). {advice}\n" + tail(
        run.output, 15
    )


def require_every_mutant_caught(verdict: TestVerdict, total: int, advice: str) -> None:
    if total == 0:
        raise RuntimeError("this stage grades tests but has no mutants: a kata author's mistake")
    _require_baseline(verdict)
    if verdict.not_placed:
        missing = sorted({m.function for m in verdict.not_placed})
        fail(
            f"Your code defines no function {', '.join(missing)} (outside tests/), so "
            f"{len(verdict.not_placed)} broken version(s) could not be made of it. The README's "
            "interface gives the names."
        )
    if verdict.survivors:
        fail(
            f"{len(verdict.survivors)} of {total} broken versions passed your tests: "
            f"{describe(verdict.survivors)}. {advice}"
        )


def _require_baseline(verdict: TestVerdict) -> None:
    """A mutant 'caught' by tests that fail anyway proves nothing: they must pass first."""
    run = verdict.baseline
    if run.ran == 0:
        fail(
            "No tests ran, so nothing can catch a broken version of your code (see the check above)."
        )
    if not run.ok:
        fail(
            f"Your tests do not pass on your own code as it is ({run.summary()}), so a broken "
            "version failing them proves nothing. Make them pass first (see the check above)."
        )


def require_every_refactoring_survived(verdict: TestVerdict) -> None:
    _require_baseline(verdict)
    if verdict.broken_by:
        refactoring, failing = verdict.broken_by[0]
        more = (
            f" (and {len(verdict.broken_by) - 1} more rewrites)"
            if len(verdict.broken_by) > 1
            else ""
        )
        fail(
            f"Your tests fail on a copy of your code that computes exactly the same, only written "
            f"differently: {refactoring.description}{more}. Failing: {', '.join(failing[:3])}. "
            "A test that pins how the code is written (its text, a hash of a file, a copy of the "
            "source) blocks every refactoring; test what the code computes instead."
        )


def require_golden_master_catches(
    workspace: Path, stage, slips: Sequence[Mutant], golden_master: str
) -> None:
    """The golden master alone (every other test file set aside) still fails on each slip that
    the stage which wrote it planted: a refactoring keeps every key result pinned."""
    if not (workspace / golden_master).is_file():
        fail(f"Expected your golden master in {golden_master}, where an earlier stage put it.")
    others = [
        str(path.relative_to(workspace))
        for path in (workspace / "tests").rglob("test_*.py")
        if path != workspace / golden_master
    ]
    verdict = verdict_on_tests(workspace, stage, mutants=slips, without=others, refactorings=())
    if not verdict.baseline.ok:
        fail(
            f"Your golden master ({golden_master}) does not pass on its own on your code "
            f"({verdict.baseline.summary()}), so it pins nothing (see the check on all your tests)."
        )
    if verdict.survivors:
        fail(
            f"Your golden master ({golden_master}) does not catch {len(verdict.survivors)} of "
            f"these {len(slips)} slips: {describe(verdict.survivors)}. It must pin every key "
            "result with all its digits; was a test or a value lost, or recorded too roughly?"
        )
