"""Helpers for stage checks. Every helper fails with a learner-facing `CheckFailed`."""

from kata.harness.failures import CheckFailed, fail, tail
from kata.harness.learner_code import (
    ArgumentChanged,
    Handle,
    LearnerModule,
    LearnerRaised,
    call_learner,
    learner_module,
    script_variable,
    script_variables,
)
from kata.harness.learner_tests import (
    PendingTestRun,
    TestRun,
    run_learner_tests,
    start_learner_tests,
)
from kata.harness.mutants import (
    Mutant,
    TestVerdict,
    apply_mutant,
    describe,
    judge_tests,
    load_mutants,
)
from kata.harness.notebooks import (
    ExecutedNotebook,
    code_cells,
    notebook_code,
    notebook_definitions,
    notebook_pair_in_sync,
    read_notebook,
    run_notebook,
    run_notebook_many,
    run_notebooks,
    run_script,
    without_magics,
)
from kata.harness.workspace_files import require_file
from kata.manifest import Stage

__all__ = [
    "ArgumentChanged",
    "CheckFailed",
    "ExecutedNotebook",
    "Handle",
    "LearnerModule",
    "LearnerRaised",
    "Mutant",
    "PendingTestRun",
    "Stage",
    "TestRun",
    "TestVerdict",
    "apply_mutant",
    "call_learner",
    "code_cells",
    "describe",
    "fail",
    "judge_tests",
    "learner_module",
    "load_mutants",
    "notebook_code",
    "notebook_definitions",
    "notebook_pair_in_sync",
    "read_notebook",
    "require_file",
    "run_learner_tests",
    "run_notebook",
    "run_notebook_many",
    "run_notebooks",
    "run_script",
    "script_variable",
    "script_variables",
    "start_learner_tests",
    "tail",
    "without_magics",
]
