"""The checks of penguins stage 9 (Add guard rails) tell right from wrong.

Each case builds a workspace from the stage's reference solution (see test_penguins_checks.py for
`build`) and runs the stage's checks on it the way `kata check` does. Another team's guard rails
(their own hook ids, `language: system`, one hook for both notebook tools, `python -m pytest`,
ruff settings in a pyproject.toml, a workflow that installs with uv, runs two jobs and picks the
profile by environment variable) must pass. Hooks cloned from GitHub with no tests hook, hooks
that can never fail with a workflow that runs no tests and trains on data CI does not have, and
the stage's start state must each fail, on the checks that name the problem, by assertions a
learner can read. Only two cases run pre-commit: the others stop before it.
"""

from __future__ import annotations

import pytest
from test_penguins_checks import assert_fails_readably, assert_passes, build, passed_checks

STAGE_9 = "09-guard-rails"
START = "08-track-experiments"

pytestmark = [pytest.mark.slow, pytest.mark.extended]  # see the extended marker

NO_TESTS_WORKFLOW = """\
name: CI
on: push
jobs:
  smoke:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.11"
      - run: python -m pip install -r requirements.txt
      - run: python -m penguin_mass train
"""


def failure(run, check):
    return next(r.message for r in run.failures if r.id.split("::")[-1] == check)


def test_stage_9_passes_another_team_s_guard_rails(tmp_path, check_stage):
    workspace = build(
        tmp_path, STAGE_9, remove=["ruff.toml"], overlays=["09-other-tools"], sync=False
    )
    assert_passes(check_stage("penguins", 9, workspace))


def test_stage_9_fails_hooks_from_github_and_no_tests_hook_without_running_them(
    tmp_path, check_stage
):
    """The hooks are not run at all (checks reach no network), and the checks say why."""
    workspace = build(
        tmp_path, STAGE_9, remove=["ruff.toml"], overlays=["09-remote-hooks"], sync=False
    )
    run = check_stage("penguins", 9, workspace)
    assert_fails_readably(
        run,
        "test_every_hook_is_local_and_needs_no_network",
        "test_the_hooks_lint_format_sync_strip_and_test",
        "test_ruff_has_a_configuration_that_chooses_its_rules",
        "test_your_hooks_pass_on_your_workspace",
    )
    missing = failure(run, "test_the_hooks_lint_format_sync_strip_and_test")
    assert "lint with ruff check" in missing
    assert "run the fast tests" in missing
    assert "github.com/astral-sh/ruff-pre-commit" in failure(
        run, "test_your_hooks_pass_on_your_workspace"
    )
    assert "test_the_hook_configuration_is_valid" in passed_checks(run)


def test_stage_9_fails_hooks_that_never_fail_and_ci_without_tests_or_the_sample(
    tmp_path, check_stage
):
    """ruff check --exit-zero, ruff format --diff || true and pytest || true catch nothing; the
    workflow runs no tests and trains on ../data, which a CI machine does not have."""
    workspace = build(
        tmp_path,
        STAGE_9,
        overlays=["09-never-fail"],
        files={".github/workflows/ci.yml": NO_TESTS_WORKFLOW},
        sync=False,
    )
    run = check_stage("penguins", 9, workspace)
    assert_fails_readably(
        run,
        "test_each_guard_rail_fails_when_its_rule_is_broken",
        "test_the_workflow_installs_runs_the_tests_and_smoke_runs_training",
        "test_the_smoke_run_reads_a_sample_that_is_committed",
    )
    silent = failure(run, "test_each_guard_rail_fails_when_its_rule_is_broken")
    for hook in ("ruff-check", "ruff-format", "fast-tests"):
        assert f"- {hook} did not fail" in silent
    for hook in ("jupytext-sync", "nbstripout"):
        assert f"- {hook} did not fail" not in silent
    assert "../data/penguins_raw.csv" in failure(
        run, "test_the_smoke_run_reads_a_sample_that_is_committed"
    )
    assert {
        "test_the_hooks_lint_format_sync_strip_and_test",
        "test_the_workflow_is_a_valid_github_workflow",
        "test_your_hooks_pass_on_your_workspace",
    } <= passed_checks(run)


def test_stage_9_fails_its_start_state_readably(tmp_path, check_stage):
    workspace = build(tmp_path, START, sync=False)
    run = check_stage("penguins", 9, workspace)
    assert_fails_readably(
        run,
        "test_the_hook_configuration_is_valid",
        "test_the_hooks_lint_format_sync_strip_and_test",
        "test_the_workflow_is_a_valid_github_workflow",
        "test_your_hooks_pass_on_your_workspace",
    )
