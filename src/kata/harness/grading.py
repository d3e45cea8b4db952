"""Verdicts on the learner's own tests: they must catch every mutant and survive every refactoring.

A stage that asks for tests has two checks that share one batch of runs (`verdict_on_tests` keeps it
for the check run), so the verdicts come from the same runs and cost them once.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from kata.harness.failures import fail
from kata.harness.mutants import Mutant, TestVerdict, describe, judge_tests

_verdicts: dict[tuple, TestVerdict] = {}


def verdict_on_tests(
    workspace: Path,
    stage,
    mutants: Sequence[Mutant] | None = None,
    without: Sequence[str] = (),
) -> TestVerdict:
    """The learner's tests against the stage's mutants and refactorings, run once per check run."""
    names = tuple(m.name for m in (stage.mutants if mutants is None else mutants))
    key = (str(workspace), stage.slug, names, tuple(without))
    if key not in _verdicts:
        _verdicts[key] = judge_tests(workspace, stage, mutants=mutants, without=without)
    return _verdicts[key]


def require_every_mutant_caught(verdict: TestVerdict, total: int, advice: str) -> None:
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


def require_every_refactoring_survived(verdict: TestVerdict) -> None:
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
