"""Checks for penguins stage 9: the workspace project guards itself with pre-commit hooks and CI.

The hooks are judged by what they do, not by their names. Two copies of the workspace, each made
its own git repository, run `pre-commit run --all-files` side by side: in the first, every hook
must pass; in the second, each guard rail is given something to catch (a badly formatted module,
a module with lint errors, a notebook whose script has moved on, a notebook with outputs, a test
file that fails), and the hooks for it must fail. A hook that never fails (`ruff check
--exit-zero`, `pytest || true`) passes the first run and fails the stage on the second. Hooks that
would clone a repository or download packages are reported and not run: checks reach no network.

The workflow file is validated with check-jsonschema's copy of the GitHub workflow schema (no
network), and read for the steps that CI needs: check out, install, run the tests, smoke-run the
training on data that is committed. The machinery lives beside this file: guard_rails_runs runs
the hooks, guard_rails_hooks reads their configuration and ruff's, guard_rails_ci the workflow.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from carried_checks import (  # noqa: F401 - collected here as this stage's checks
    test_every_module_sits_in_a_layer_of_your_contracts,
    test_the_domain_touches_no_file_while_train_runs,
    test_the_layer_rules_still_hold,
    test_train_writes_every_output_atomically,
)
from guard_rails_ci import (
    INSTALL,
    INSTALLING_ACTION,
    INSTALLING_RUNNER,
    REQUIREMENTS_FILE,
    SMOKE,
    TESTS,
    smoke_data_path,
    smoke_step,
    switched_off,
    unpinned,
    workflow_files,
    workflow_jobs,
)
from guard_rails_hooks import CONFIG, PURPOSES, Hook, network_problems, read_config, ruff_settings
from guard_rails_runs import finished, started_hook_runs

from kata.harness import fail


@pytest.fixture(scope="module", autouse=True)
def hook_runs(workspace, stage):
    """Start both pre-commit runs before the first check, so that they run while the others do.

    Hooks that would clone a repository or download packages are not run at all: checks reach
    no network.
    """
    yield from started_hook_runs(workspace, stage)


@pytest.fixture(scope="module")
def hooks(workspace) -> list[Hook]:
    return read_config(workspace)[1]


# The checks


def test_the_hook_configuration_is_valid(workspace):
    """pre-commit validate-config accepts your .pre-commit-config.yaml."""
    if not (workspace / CONFIG).is_file():
        fail(
            f"Expected {CONFIG} in your workspace, but it is not there. Step 4 of the README "
            "starts it."
        )
    done = subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-config", CONFIG],
        cwd=workspace, capture_output=True, text=True, check=False, timeout=60,
    )  # fmt: skip
    report = "\n".join((done.stdout + done.stderr).strip().splitlines()[:12])
    assert done.returncode == 0, (
        f"pre-commit validate-config rejects {CONFIG}:\n{report}\nRun `pre-commit validate-config` "
        "in your workspace; each hook needs at least id, name, entry and language."
    )


def test_every_hook_is_local_and_needs_no_network(workspace):
    """Every hook is a local one that runs an installed tool: nothing is cloned or downloaded."""
    problems = network_problems(*read_config(workspace))
    assert not problems, (
        "Some hooks would need the network:\n- "
        + "\n- ".join(problems)
        + "\nUse `language: unsupported` (called `system` before pre-commit 4.4): the hook runs "
        "the tool that requirements.txt installed."
    )


def test_the_hooks_lint_format_sync_strip_and_test(hooks):
    """There are hooks for ruff check, ruff format, jupytext, nbstripout and the fast tests."""
    missing = [key for key in PURPOSES if not any(key in hook.purposes for hook in hooks)]
    listed = "\n".join(f"- {hook.describe()}" for hook in hooks) or "- (no hooks at all)"
    remote = any(hook.repo not in ("local", "meta") for hook in hooks)
    assert not missing, (
        "No hook to "
        + "; none to ".join(PURPOSES[key].label for key in missing)
        + ".\nFor each, add a hook to the `repo: local` block whose entry runs the tool, e.g. "
        + ", ".join(f"`{PURPOSES[key].example}`" for key in missing)
        + f". The hooks in {CONFIG}:\n{listed}"
        + ("\n(A hook from another repository counts only once it is local.)" if remote else "")
    )


def test_ruff_has_a_configuration_that_chooses_its_rules(workspace):
    """ruff.toml, .ruff.toml or [tool.ruff] in pyproject.toml selects the rules ruff checks."""
    settings, source = ruff_settings(workspace)
    if source is None:
        fail(
            "Expected a ruff configuration in your workspace: ruff.toml, .ruff.toml, or a "
            "[tool.ruff] table in pyproject.toml. Without one, ruff checks a small default set "
            "of rules and formats to 88 columns; step 2 of the README starts one."
        )
    lint = settings.get("lint") if isinstance(settings.get("lint"), dict) else {}
    chosen = [
        key for table in (lint, settings) for key in ("select", "extend-select") if table.get(key)
    ]
    assert chosen, (
        f"{source} does not choose ruff's rules: add `select = [...]` under [lint] "
        f'(in pyproject.toml, [tool.ruff.lint]), for example select = ["E", "F", "W", '
        '"I", "B", "UP"]. Choosing the rules is the point: say which mistakes you '
        "want to hear about."
    )


def test_the_workflow_is_a_valid_github_workflow(workspace):
    """Your workflow files validate against the GitHub workflow schema (check-jsonschema)."""
    files = workflow_files(workspace)
    from check_jsonschema.cli.main_command import main as check_jsonschema
    from click.testing import CliRunner

    runner = CliRunner()
    invalid = []
    for path in files:
        result = runner.invoke(
            check_jsonschema,
            ["--builtin-schema", "vendor.github-workflows", "--color", "never", str(path)],
        )
        if result.exit_code != 0:
            report = (result.output or str(result.exception)).replace(str(workspace) + "/", "")
            invalid.append("\n".join(report.strip().splitlines()[:10]))
    assert not invalid, (
        "check-jsonschema --builtin-schema vendor.github-workflows rejects your workflow:\n"
        + "\n".join(invalid)
        + "\nEvery job needs runs-on and steps; every step needs uses or run."
    )


def test_the_workflow_installs_runs_the_tests_and_smoke_runs_training(workspace):
    """A job checks out the code, installs the requirements, tests and trains on the sample."""
    jobs = workflow_jobs(workspace)
    found = {"tests": [], "smoke": []}
    problems = []
    for where, job in jobs:
        steps = [step for step in job.get("steps") or [] if isinstance(step, dict)]
        checked_out = installed = False
        for step in steps:
            uses, run = str(step.get("uses", "")), str(step.get("run", ""))
            title = step.get("name") or (run.strip().splitlines() or [uses])[0]
            label = f"{where}, step {title!r}"
            if uses.startswith("actions/checkout@"):
                checked_out = True
            if INSTALL.search(run) or INSTALLING_ACTION.search(uses):
                installed = True
            for kind, pattern in (("tests", TESTS), ("smoke", SMOKE)):
                if not pattern.search(run):
                    continue
                found[kind].append(label)
                problems.extend(f"{label} {why}" for why in switched_off(job, step, run))
                if not checked_out:
                    problems.append(f"{label} runs before any actions/checkout step in its job")
                if not installed and not INSTALLING_RUNNER.search(run):
                    problems.append(f"{label} runs before any step installs the requirements")
            for requirements in REQUIREMENTS_FILE.findall(run):
                problems.extend(unpinned(workspace, requirements))
    missing = []
    if not found["tests"]:
        missing.append('a step that runs the tests (for example `python -m pytest -m "not slow"`)')
    if not found["smoke"]:
        missing.append(
            "a step that smoke-runs the training (`python -m penguin_mass train --profile ci`)"
        )
    assert not missing, (
        f"Your workflow lacks {' and '.join(missing)}. CI earns its keep by running the same "
        "commands you run, on a clean machine, for every push."
    )
    assert not problems, "In your workflow:\n- " + "\n- ".join(dict.fromkeys(problems))


@pytest.mark.expensive
def test_the_smoke_run_reads_a_sample_that_is_committed(workspace, hook_runs):
    """The data file the CI smoke run reads lies inside the project and is committed."""
    smoke = smoke_step(workspace)
    if smoke is None:
        fail("No step of your workflow runs `python -m penguin_mass train`; see the check above.")
    run, environment = smoke
    data_path = smoke_data_path(workspace, run, environment)
    if data_path is None:
        fail(
            "Could not tell which data file the smoke run reads: expected penguin_mass.toml with "
            "a data_path in [defaults] or in the profile the step chooses with --profile."
        )
    inside = (workspace / data_path).resolve()
    if not inside.is_relative_to(workspace.resolve()):
        fail(
            f"The smoke run reads {data_path}, outside the project: a CI runner checks out the "
            "repository and nothing beside it. Point the ci profile at the committed sample, "
            "tests/data/penguins_sample.csv."
        )
    if not inside.is_file():
        fail(f"The smoke run reads {data_path}, but there is no such file in your workspace.")
    clean = hook_runs.get("clean")
    if clean is not None and clean.process is not None:
        relative = inside.relative_to(workspace.resolve()).as_posix()
        tracked = subprocess.run(
            ["git", "ls-files", "--error-unmatch", "--", relative],
            cwd=clean.copy, capture_output=True, check=False,
        )  # fmt: skip
        assert tracked.returncode == 0, (
            f"The smoke run reads {relative}, but git does not commit it: a pattern in "
            ".gitignore leaves it out, so the CI runner would not have it. Make an exception "
            f"for it (a line `!{relative}`) or change the pattern."
        )


@pytest.mark.expensive
def test_your_hooks_pass_on_your_workspace(hook_runs):
    """pre-commit run --all-files passes in a fresh git repository made of your workspace."""
    run = finished(hook_runs, "clean")
    assert run.code == 0, (
        "pre-commit run --all-files failed on a copy of your workspace, committed to a fresh git "
        "repository:\n"
        + run.failed_sections()
        + "\nA hook that fixes files (ruff --fix, ruff format, jupytext --sync, nbstripout) "
        "fails when it had something to fix: run that tool in your workspace, then check again. "
        "Each hook's command must pass when you run it by hand in the workspace."
    )


@pytest.mark.expensive
def test_each_guard_rail_fails_when_its_rule_is_broken(hook_runs, hooks):
    """Each kind of hook fails on a copy of your workspace with its rule broken on purpose."""
    if finished(hook_runs, "clean").code != 0:
        fail(
            "This check runs your hooks on a copy with mistakes planted on purpose, to see each "
            "hook catch its own; it can tell only once your hooks pass on your workspace (above)."
        )
    run = finished(hook_runs, "probe")
    statuses = run.statuses()
    silent = []
    for key, purpose in PURPOSES.items():
        mine = [hook for hook in hooks if key in hook.purposes]
        if not mine or any("Failed" in statuses.get(hook.id, []) for hook in mine):
            continue
        ran = [hook.id for hook in mine if statuses.get(hook.id)]
        note = "" if ran else " (it did not run: check its files, types and stages)"
        silent.append(
            f"{', '.join(hook.id for hook in mine)}{note} did not fail on {purpose.probe}"
        )
    assert not silent, (
        "A guard rail that never fails guards nothing. On a copy of your workspace with "
        "mistakes planted on purpose:\n- "
        + "\n- ".join(silent)
        + "\nRun each hook's command by hand on such a mistake: it must exit non-zero, or change "
        "the file (pre-commit fails a hook that changes files)."
    )
