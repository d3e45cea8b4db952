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
training on data that is committed.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shlex
import signal
import subprocess
import sys
import sysconfig
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from carried_checks import (  # noqa: F401 - collected here as this stage's checks
    test_every_module_sits_in_a_layer_of_your_contracts,
    test_the_domain_touches_no_file_while_train_runs,
    test_the_layer_rules_still_hold,
    test_train_writes_every_output_atomically,
)

from kata.harness import CheckFailed, fail, staging

CONFIG = ".pre-commit-config.yaml"
WORKFLOWS = ".github/workflows"
NOTEBOOK, SCRIPT = "analysis.ipynb", "analysis.py"
PACKAGE = "penguin_mass"
RUN_TIMEOUT = 300

# Hook languages that run a tool already installed, without building an environment. `system`
# and `script` are the names pre-commit used before 4.4 for `unsupported` and `unsupported_script`.
RUNS_INSTALLED_TOOLS = {"unsupported", "system", "unsupported_script", "script", "pygrep", "fail"}


@dataclass(frozen=True)
class Purpose:
    label: str  # what the learner reads
    example: str  # an entry that would do
    pattern: re.Pattern[str]  # searched in the hook's command (entry and args, scripts it runs)
    probe: str  # what the second run gives this guard rail to catch


PURPOSES = {
    "lint": Purpose(
        "lint with ruff check",
        "ruff check --fix",
        re.compile(r"\bruff\b[^&|;\n]*?(?<![\w-])check\b"),
        f"{PACKAGE}/guard_rail_probe_lint.py, which compares with None and uses an undefined name",
    ),
    "format": Purpose(
        "format with ruff format",
        "ruff format",
        re.compile(r"\bruff\b[^&|;\n]*?(?<![\w-])format\b"),
        f"{PACKAGE}/guard_rail_probe_format.py, which ruff format would rewrite",
    ),
    "pairing": Purpose(
        "keep analysis.ipynb and analysis.py in sync with jupytext",
        "jupytext --sync",
        re.compile(r"\bjupytext\b"),
        f"a cell added to {SCRIPT} but not to {NOTEBOOK}",
    ),
    "outputs": Purpose(
        "strip notebook outputs with nbstripout",
        "nbstripout",
        re.compile(r"\bnbstripout\b|clear[-_]output|ClearOutput", re.IGNORECASE),
        f"an output left in {NOTEBOOK}",
    ),
    "tests": Purpose(
        "run the fast tests",
        'pytest -m "not slow"',
        re.compile(r"\bpy\.?test\b|\bunittest\b|\btox\b|\bnox\b|\bmake\s+test"),
        "a test file that fails, planted beside your tests",
    ),
}


@dataclass
class Hook:
    repo: str
    id: str
    name: str
    entry: str
    language: str
    args: list[str]
    additional_dependencies: list[str]
    command: str = ""  # entry and args, and the text of any workspace script they run
    purposes: set[str] = field(default_factory=set)

    def describe(self) -> str:
        return f"{self.id} ({' '.join([self.entry, *self.args]).strip() or 'no entry'})"


# Running pre-commit twice, side by side, while the other checks read files


@dataclass
class HookRun:
    """`pre-commit run --all-files` in a git-initialised copy of the workspace."""

    copy: Path | None
    process: subprocess.Popen | None = None
    log: Path | None = None
    code: int | None = None
    output: str = ""
    problem: str = ""  # why the hooks were not run, or did not finish

    def wait(self) -> HookRun:
        if self.process is not None and self.code is None:
            try:
                self.code = self.process.wait(RUN_TIMEOUT)
            except subprocess.TimeoutExpired:
                _stop(self.process)
                self.code = -1
                self.problem = f"pre-commit run --all-files did not finish in {RUN_TIMEOUT} s"
            self.output = self.log.read_text(encoding="utf-8", errors="replace")
        return self

    def statuses(self) -> dict[str, list[str]]:
        """{hook id: [Passed | Failed | Skipped, ...]} as pre-commit --verbose reports them."""
        found: dict[str, list[str]] = {}
        status = None
        for line in self.output.splitlines():
            match = STATUS_LINE.match(line)
            if match:
                status = match.group("status")
            elif status and line.startswith("- hook id: "):
                found.setdefault(line.removeprefix("- hook id: ").strip(), []).append(status)
                status = None
        return found

    def failed_sections(self, limit: int = 30) -> str:
        """The report of each hook that failed (or of pre-commit itself), and what hooks changed."""
        lines, keep = [], False
        changes: list[str] = []
        for line in self.output.splitlines():
            match = STATUS_LINE.match(line)
            if match:
                keep = match.group("status") == "Failed"
            elif line.startswith("All changes made by hooks:"):
                changes, keep = [line], False
                continue
            if changes:
                changes.append(line)
            elif keep or line.startswith(("[ERROR]", "An error has occurred", "Check the log")):
                lines.append(line)
        if not lines:
            lines = self.output.strip().splitlines()[-15:]
        return "\n".join([*_cut(lines, limit), *_cut(changes, 20)])


def _cut(lines: list[str], limit: int) -> list[str]:
    if len(lines) <= limit:
        return lines
    return [*lines[:limit], f"... ({len(lines) - limit} more lines)"]


STATUS_LINE = re.compile(r"^(?P<name>.*?)\.{3,}(?:\(.*\))?(?P<status>Passed|Failed|Skipped)$")


@pytest.fixture(scope="module", autouse=True)
def hook_runs(workspace, stage):
    """Start both pre-commit runs before the first check, so that they run while the others do.

    Hooks that would clone a repository or download packages are not run at all: checks reach
    no network.
    """
    try:
        repos, hooks = _read_config(workspace)
    except CheckFailed as error:
        reason = str(error)
        runs = {"clean": HookRun(None, problem=reason), "probe": HookRun(None, problem=reason)}
    else:
        blocked = _network_problems(repos, hooks)
        if blocked:
            reason = f"running them would reach the network: {blocked[0]} (see above)"
            runs = {"clean": HookRun(None, problem=reason), "probe": HookRun(None, problem=reason)}
        else:
            # The probe needs only the hooks it can prove something about.
            bystanders = sorted({hook.id for hook in hooks if not hook.purposes})
            runs = {
                "clean": _start_run(workspace, stage, skip=[]),
                "probe": _start_run(workspace, stage, skip=bystanders, probe=True),
            }
    yield runs
    for run in runs.values():
        if run.process is not None and run.process.poll() is None:
            _stop(run.process)
        if run.copy is not None:
            staging.remove_stage(run.copy)


def _start_run(workspace: Path, stage, skip: list[str], probe: bool = False) -> HookRun:
    copy = staging.stage_copy(workspace, stage.kata_dir)
    run = HookRun(copy)
    base = copy.parent.parent
    environment = _hook_environment(base, probe)
    if skip:
        environment["SKIP"] = ",".join(skip)
    try:
        if probe:
            _break_every_rule(copy)
        git = ["git", "-c", "init.defaultBranch=main"]
        for command in (
            ["init", "-q"],
            ["config", "user.name", "Kata Check"],
            ["config", "user.email", "kata-check@example.invalid"],
            ["config", "commit.gpgsign", "false"],
            ["add", "-A"],
            ["commit", "-q", "--no-verify", "-m", "the workspace as it is"],
        ):
            subprocess.run(
                [*git, *command], cwd=copy, env=environment, check=True, capture_output=True
            )
    except (OSError, subprocess.CalledProcessError) as error:
        detail = (getattr(error, "stderr", b"") or b"").decode(errors="replace")
        run.problem = (
            f"a copy of your workspace could not be made a git repository: {error} {detail}"
        )
        return run
    run.log = base / "pre-commit.log"
    with run.log.open("wb") as log:
        run.process = subprocess.Popen(
            [sys.executable, "-m", "pre_commit", "run", "--all-files", "--verbose",
             "--color", "never", "--show-diff-on-failure"],
            cwd=copy, env=environment, stdin=subprocess.DEVNULL, stdout=log,
            stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    return run


def _hook_environment(base: Path, probe: bool) -> dict[str, str]:
    """The environment a commit on a learner's machine would give the hooks, minus surprises.

    The tools come from the environment that runs the checks (as they would from an activated
    one), pre-commit keeps its cache in the copy's folder, and nothing inherited from this
    process (git's variables, SKIP, pytest's own) changes what the hooks do.
    """
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("GIT_", "PRE_COMMIT", "PYTEST_")) and name != "SKIP"
    }
    tools = sysconfig.get_path("scripts")
    environment["PATH"] = os.pathsep.join([tools, str(Path(sys.executable).parent)]) + (
        os.pathsep + os.environ.get("PATH", "")
    )
    environment["PRE_COMMIT_HOME"] = str(base / "pre-commit-home")
    environment["GIT_CONFIG_NOSYSTEM"] = "1"
    environment["GIT_CONFIG_GLOBAL"] = os.devnull
    environment["MPLBACKEND"] = "Agg"
    # jsonschema, under nbformat (jupytext, nbstripout), imports the optional rfc3987_syntax
    # package when it is installed, and that builds a grammar at import time: two seconds per
    # notebook hook. No notebook schema uses it; `kata` itself keeps it from loading the same way.
    shim = base / "hook-shim"
    shim.mkdir(exist_ok=True)
    (shim / "sitecustomize.py").write_text(
        'import sys\n\nsys.modules.setdefault("rfc3987_syntax", None)\n', encoding="utf-8"
    )
    environment["PYTHONPATH"] = os.pathsep.join(
        [str(shim), *filter(None, [os.environ.get("PYTHONPATH")])]
    )
    if probe:
        # The planted test file fails as pytest collects it, first; with -x pytest stops there
        # instead of importing every other test module.
        environment["PYTEST_ADDOPTS"] = "-x"
    return environment


def _stop(process: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


# Formatted as ruff format would leave it, and wrong by rules from pyflakes (F821) and
# pycodestyle (E711), which ruff checks by default and every rule set keeps. Neither has a safe
# fix, so a hook that only fixes and never fails (`ruff check --fix --exit-zero`) lets it through.
LINT_PROBE = """def heaviest(birds):
    if birds == None:
        return unknown_bird
    return max(birds)
"""


def _break_every_rule(copy: Path) -> None:
    """Give each guard rail something to catch (see PURPOSES[...].probe)."""
    package = copy / PACKAGE if (copy / PACKAGE).is_dir() else copy
    (package / "guard_rail_probe_format.py").write_text(
        'birds   =  [ "Adelie","Chinstrap" ,"Gentoo" ]\n', encoding="utf-8"
    )
    (package / "guard_rail_probe_lint.py").write_text(LINT_PROBE, encoding="utf-8")
    tests = copy / "tests"
    folders = {path.parent for path in tests.rglob("test_*.py")} if tests.is_dir() else set()
    for number, folder in enumerate(sorted(folders or {tests})):
        folder.mkdir(exist_ok=True)
        (folder / f"test_000_guard_rail_probe_{number}.py").write_text(
            'raise AssertionError("planted by kata check: the tests hook must fail here")\n',
            encoding="utf-8",
        )
    notebook, script = copy / NOTEBOOK, copy / SCRIPT
    if notebook.is_file() and script.is_file():
        _leave_an_output(notebook)
        with script.open("a", encoding="utf-8") as file:
            file.write("\n# %% [markdown]\n# A note written in the script only.\n")
        now = time.time()
        os.utime(notebook, (now - 60, now - 60))
        os.utime(script, (now - 30, now - 30))  # the script is the side that moved on


def _leave_an_output(notebook: Path) -> None:
    try:
        document = json.loads(notebook.read_text(encoding="utf-8"))
        cell = next(cell for cell in document["cells"] if cell.get("cell_type") == "code")
    except (ValueError, KeyError, StopIteration, TypeError):
        return
    cell["execution_count"] = 1
    cell["outputs"] = [
        {"output_type": "stream", "name": "stdout", "text": ["left behind by a run\n"]}
    ]
    notebook.write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n", "utf-8")


# Reading the hook configuration


@pytest.fixture(scope="module")
def hooks(workspace) -> list[Hook]:
    return _read_config(workspace)[1]


def _read_config(workspace: Path) -> tuple[list[str], list[Hook]]:
    """The repos (by their `repo:` value) and the hooks of the learner's pre-commit config."""
    path = workspace / CONFIG
    if not path.is_file():
        fail(
            f"Expected {CONFIG} in your workspace, beside {SCRIPT}, but it is not there. Step 4 of "
            "the README starts it."
        )
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        fail(f"{CONFIG} is not valid YAML: {_one_line(str(error))}")
    repos = document.get("repos") if isinstance(document, dict) else None
    if not isinstance(repos, list):
        fail(f"{CONFIG} needs a top-level list `repos:`; found {type(repos).__name__}.")
    names, found = [], []
    for repo in repos:
        if not isinstance(repo, dict):
            continue
        names.append(str(repo.get("repo", "")))
        for hook in repo.get("hooks") or []:
            if isinstance(hook, dict):
                found.append(_hook(workspace, names[-1], hook))
    return names, found


def _network_problems(repos: list[str], hooks: list[Hook]) -> list[str]:
    problems = [
        f"repo: {repo} would be cloned, and these machines reach package registries only; "
        "move its hooks into the `repo: local` block"
        for repo in dict.fromkeys(repos)
        if repo not in ("local", "meta")
    ]
    for hook in hooks:
        if hook.repo != "local":
            continue
        if hook.additional_dependencies:
            problems.append(
                f"{hook.id} has additional_dependencies, which pre-commit downloads into an "
                "environment of its own; pin the tool in requirements.txt instead"
            )
        elif hook.language not in RUNS_INSTALLED_TOOLS | {"python"}:
            problems.append(
                f"{hook.id} has language: {hook.language}, for which pre-commit builds (and "
                "downloads) an environment"
            )
    return problems


def _hook(workspace: Path, repo: str, raw: dict) -> Hook:
    args = [str(arg) for arg in raw.get("args") or []]
    hook = Hook(
        repo=repo,
        id=str(raw.get("id", "")),
        name=str(raw.get("name", "")),
        entry=str(raw.get("entry", "")),
        language=str(raw.get("language", "")),
        args=args,
        additional_dependencies=[str(d) for d in raw.get("additional_dependencies") or []],
    )
    command = " ".join([hook.entry, *args])
    scripts = []
    with contextlib.suppress(ValueError):
        for word in shlex.split(command):
            path = workspace / word
            if (
                word
                and not word.startswith("-")
                and path.is_file()
                and path.stat().st_size < 100_000
            ):
                scripts.append(path.read_text(encoding="utf-8", errors="replace"))
    hook.command = "\n".join([command, *scripts])
    hook.purposes = {
        key for key, purpose in PURPOSES.items() if purpose.pattern.search(hook.command)
    }
    return hook


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
    problems = _network_problems(*_read_config(workspace))
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
    settings, source = _ruff_settings(workspace)
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


def _ruff_settings(workspace: Path) -> tuple[dict, str | None]:
    """The settings ruff reads in the workspace folder, and the file they come from."""
    for name in (".ruff.toml", "ruff.toml", "pyproject.toml"):
        path = workspace / name
        if not path.is_file():
            continue
        try:
            document = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
            fail(f"{name} is not valid TOML: {_one_line(str(error))}")
        if name != "pyproject.toml":
            return document, name
        tool = document.get("tool") or {}
        if isinstance(tool, dict) and isinstance(tool.get("ruff"), dict):
            return tool["ruff"], "[tool.ruff] in pyproject.toml"
    return {}, None


def test_the_workflow_is_a_valid_github_workflow(workspace):
    """Your workflow files validate against the GitHub workflow schema (check-jsonschema)."""
    files = _workflow_files(workspace)
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
    jobs = _jobs(workspace)
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
                problems.extend(f"{label} {why}" for why in _switched_off(job, step, run))
                if not checked_out:
                    problems.append(f"{label} runs before any actions/checkout step in its job")
                if not installed and not INSTALLING_RUNNER.search(run):
                    problems.append(f"{label} runs before any step installs the requirements")
            for requirements in REQUIREMENTS_FILE.findall(run):
                problems.extend(_unpinned(workspace, requirements))
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


# What lets a failing step pass, or keeps it from running at all.
SWALLOWED = re.compile(r"\|\|\s*(true|:|exit\s+0)\b|;\s*(true|exit\s+0)\s*$|\bset\s+\+e\b", re.M)
RUNS_NO_TESTS = re.compile(
    r"\s(--collect-only|--co|--setup-plan|--fixtures|--markers|--version|-h|--help)\b"
)


def _switched_off(job: dict, step: dict, run: str) -> list[str]:
    """Why a step that looks like it tests would not fail the build when its command fails."""
    why = []
    for owner, where in ((job, "its job"), (step, "the step")):
        if "if" in owner:
            why.append(f"runs only `if: {owner['if']}` ({where}); it must run on every push")
        if owner.get("continue-on-error", False) not in (False, "false"):
            why.append(f"has continue-on-error ({where}), so its failure passes the build")
    if SWALLOWED.search(run):
        why.append("swallows a failure (`|| true`, `; exit 0`, `set +e`)")
    testing = [line for line in run.splitlines() if TESTS.search(line)]
    if testing and all(RUNS_NO_TESTS.search(line) for line in testing):
        why.append("runs pytest only with an option that runs no test")
    return why


@pytest.mark.expensive
def test_the_smoke_run_reads_a_sample_that_is_committed(workspace, hook_runs):
    """The data file the CI smoke run reads lies inside the project and is committed."""
    smoke = _smoke_step(workspace)
    if smoke is None:
        fail("No step of your workflow runs `python -m penguin_mass train`; see the check above.")
    run, environment = smoke
    data_path = _smoke_data_path(workspace, run, environment)
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
    run = _finished(hook_runs, "clean")
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
    if _finished(hook_runs, "clean").code != 0:
        fail(
            "This check runs your hooks on a copy with mistakes planted on purpose, to see each "
            "hook catch its own; it can tell only once your hooks pass on your workspace (above)."
        )
    run = _finished(hook_runs, "probe")
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


# Helpers for the workflow


INSTALL = re.compile(
    r"\b(?:pip3?|uv|poetry|pdm|pipenv|conda|mamba|micromamba|pixi|hatch)\b[^\n]*?"
    r"\b(?:install|sync|create|update)\b"
)
INSTALLING_ACTION = re.compile(r"setup-micromamba|setup-miniconda|setup-pixi|install-pinned")
INSTALLING_RUNNER = re.compile(r"\b(?:uv|pixi|hatch|pdm|poetry|pipenv)\s+run\b|\btox\b|\bnox\b")
TESTS = re.compile(r"\bpy\.?test\b|\bunittest\b|\btox\b|\bnox\b|\bmake\s+test")
SMOKE = re.compile(r"\bpenguin_mass\b[^\n]*\btrain\b")
REQUIREMENTS_FILE = re.compile(r"(?:^|\s)(?:-r|-c|--requirement|--constraint)[\s=]+([^\s;&|]+)")


def _workflow_files(workspace: Path) -> list[Path]:
    folder = workspace / WORKFLOWS
    files = sorted([*folder.glob("*.yml"), *folder.glob("*.yaml")]) if folder.is_dir() else []
    if not files:
        fail(
            f"Expected a workflow file in {WORKFLOWS}/ (the README names it ci.yml), but there is "
            "none. GitHub runs every .yml file in that folder."
        )
    return files


def _jobs(workspace: Path) -> list[tuple[str, dict]]:
    jobs = []
    for path in _workflow_files(workspace):
        try:
            document = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (yaml.YAMLError, UnicodeDecodeError) as error:
            fail(f"{WORKFLOWS}/{path.name} is not valid YAML: {_one_line(str(error))}")
        if not isinstance(document, dict):
            continue
        for name, job in (document.get("jobs") or {}).items():
            if isinstance(job, dict):
                job = {**job, "env": {**(document.get("env") or {}), **(job.get("env") or {})}}
                jobs.append((f"{path.name}, job {name}", job))
    return jobs


def _smoke_step(workspace: Path) -> tuple[str, dict] | None:
    for _, job in _jobs(workspace):
        for step in job.get("steps") or []:
            if isinstance(step, dict) and SMOKE.search(str(step.get("run", ""))):
                environment = {**(job.get("env") or {}), **(step.get("env") or {})}
                return str(step["run"]), {str(k): str(v) for k, v in environment.items()}
    return None


def _smoke_data_path(workspace: Path, run: str, environment: dict[str, str]) -> str | None:
    """Where the smoke run's data_path points: --set, environment, profile, then defaults."""
    line = next(line for line in run.splitlines() if SMOKE.search(line))
    setting = re.search(r"--set[\s=]+['\"]?data_path=([^\s'\"]+)", line)
    if setting:
        return setting.group(1)
    if "PENGUIN_MASS_DATA_PATH" in environment:
        return environment["PENGUIN_MASS_DATA_PATH"]
    chosen = re.search(r"--profile[\s=]+['\"]?([\w-]+)", line)
    profile = chosen.group(1) if chosen else environment.get("PENGUIN_MASS_PROFILE")
    try:
        settings = tomllib.loads((workspace / "penguin_mass.toml").read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return None
    tables = [settings.get("defaults") or {}]
    if profile:
        tables.append((settings.get("profiles") or {}).get(profile) or {})
    paths = [
        table["data_path"] for table in tables if isinstance(table, dict) and "data_path" in table
    ]
    return str(paths[-1]) if paths else "../data/penguins_raw.csv"


def _unpinned(workspace: Path, name: str) -> list[str]:
    path = workspace / name
    if not path.is_file():
        return [f"the workflow installs from {name}, but there is no such file in your workspace"]
    loose = []
    for line in path.read_text(encoding="utf-8").splitlines():
        requirement = line.split("#", 1)[0].strip()
        if (
            requirement
            and not requirement.startswith(("-", ".", "/"))
            and not re.search(r"===?|@", requirement)
        ):
            loose.append(requirement)
    if loose:
        return [
            f"{name} does not pin {', '.join(loose[:5])}: write an exact version (name==1.2.3) so "
            "that CI installs what you tested with"
        ]
    return []


def _finished(hook_runs: dict, key: str) -> HookRun:
    run = hook_runs.get(key)
    if run is None:
        fail(f"Expected {CONFIG} in your workspace, but it is not there.")
    run.wait()
    if run.problem:
        fail(f"Your hooks were not run: {run.problem}")
    return run


def _one_line(text: str) -> str:
    return " ".join(text.split())
