"""The machinery that runs the learner's hooks for the penguins stage 9 checks: `pre-commit run
--all-files` twice, side by side, each in its own git-initialised copy of the workspace, started
before the first check so that it runs while the others do. "clean" runs every hook on the
workspace as it is; "probe" runs the hooks that serve a guard rail (PURPOSES in guard_rails_hooks)
on a copy with a mistake planted for each. Here are HookRun (with the statuses and failure reports
read from pre-commit's output), the environment the hooks get, the planted mistakes, and
started_hook_runs, the generator behind the test file's `hook_runs` fixture.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import sysconfig
import time
from dataclasses import dataclass
from pathlib import Path

from guard_rails_hooks import CONFIG, NOTEBOOK, PACKAGE, SCRIPT, network_problems, read_config

from kata.harness import CheckFailed, fail, staging
from kata.harness.processes import kill_group

RUN_TIMEOUT = 300


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
                kill_group(self.process)
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


def started_hook_runs(workspace: Path, stage):
    """Both pre-commit runs, started; stopped and their copies removed when resumed after the yield.

    Behind the `hook_runs` fixture of test_guard_rails.py. Hooks that would clone a repository or
    download packages are not run at all: checks reach no network.
    """
    try:
        repos, hooks = read_config(workspace)
    except CheckFailed as error:
        reason = str(error)
        runs = {"clean": HookRun(None, problem=reason), "probe": HookRun(None, problem=reason)}
    else:
        blocked = network_problems(repos, hooks)
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
            kill_group(run.process)
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


def finished(hook_runs: dict, key: str) -> HookRun:
    run = hook_runs.get(key)
    if run is None:
        fail(f"Expected {CONFIG} in your workspace, but it is not there.")
    run.wait()
    if run.problem:
        fail(f"Your hooks were not run: {run.problem}")
    return run
