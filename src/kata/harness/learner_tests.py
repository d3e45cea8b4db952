"""Running the learner's own tests, many times over when mutants are involved.

Each run imports pandas and scikit-learn again, which costs about two seconds. Where the
platform allows it, the runs are forked from a process that has imported them once already;
otherwise each run is a fresh interpreter. Both give the same answer.
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kata.harness import mutants, staging

PYTEST_ARGS = ("-q", "-p", "no:cacheprovider", "-p", "no:randomly")


@dataclass
class TestRun:
    passed: int
    failed: int
    errors: int
    output: str
    timed_out: bool = False
    failing: list[str] = field(default_factory=list)  # "file::test" of each failed or erred test
    seconds: float = 0.0  # the tests' own time as pytest measured it (start-up and imports aside)
    skipped: list[str] = field(default_factory=list)  # "file::test" of each skipped or xfailed test

    __test__ = False  # not a test class, whatever pytest thinks of the name

    @property
    def ran(self) -> int:
        return self.passed + self.failed + self.errors

    @property
    def ok(self) -> bool:
        """At least one test ran, and none failed, errored or was skipped.

        A check runs the tests where the data and every library are present: a test that skips
        there proves nothing, like a check that skips."""
        return (
            not self.timed_out
            and self.passed > 0
            and self.failed == 0
            and self.errors == 0
            and not self.skipped
        )

    def summary(self) -> str:
        if self.timed_out:
            return "the tests did not finish in time"
        text = f"{self.passed} passed, {self.failed} failed, {self.errors} errors"
        if self.skipped:
            shown = ", ".join(self.skipped[:3]) + (", ..." if len(self.skipped) > 3 else "")
            text += (
                f", {len(self.skipped)} skipped ({shown}): a test that skips where the data and "
                "every library are present proves nothing"
            )
        return text


def run_learner_tests(root: Path, timeout: int = 120) -> TestRun:
    """Run `pytest` in a temporary copy of `root` (normally the workspace)."""
    return start_learner_tests(root, timeout).result()


class PendingTestRun:
    """The learner's tests, running in the background in a temporary copy of their workspace.

    Start one before a slow step (a notebook run) so that both use a core each; `result()` waits
    for the tests, and `close()` stops them if nobody asked.
    """

    def __init__(self, root: Path, timeout: int = 120) -> None:
        root = Path(root)
        self._copy = staging.stage_copy(root, staging.kata_dir_of(root))
        self._scratch = Path(tempfile.mkdtemp(prefix="kata-runs-"))
        use_fork = _fork_is_safe()
        if use_fork:
            _preload(self._copy)
        job_cls = _ForkedJob if use_fork else _ProcessJob
        self._job: _Job | None = job_cls(self._copy, self._scratch / "run", timeout)
        self._result: TestRun | None = None

    def result(self) -> TestRun:
        if self._result is None and self._job is not None:
            while not self._job.finished():
                time.sleep(0.005)
            self._result = self._job.result()
            self._job = None
            self._clean_up()
        assert self._result is not None, "the run was closed before it finished"
        return self._result

    def close(self) -> None:
        if self._job is not None:
            if not self._job.finished():
                self._job._kill()
            self._job = None
            self._clean_up()

    def _clean_up(self) -> None:
        staging.remove_stage(self._copy)
        shutil.rmtree(self._scratch, ignore_errors=True)


def start_learner_tests(root: Path, timeout: int = 120) -> PendingTestRun:
    """Start `pytest` in a temporary copy of `root` and return at once; see PendingTestRun."""
    return PendingTestRun(root, timeout)


def run_test_suites(
    folders: list[Path],
    timeout: int = 120,
    stop_at_first_failure: bool | Sequence[bool] = False,
    environments: Sequence[dict[str, str]] | None = None,
) -> list[TestRun]:
    """Run pytest in each folder (side by side, as many as there are cores) and report each.

    With `stop_at_first_failure`, a run ends at its first failing test (`-x`): enough to know that
    a mutant was caught; a sequence says it folder by folder. `environments` adds variables to
    each run's environment (a library mutant is switched on that way).
    """
    stops = (
        [stop_at_first_failure] * len(folders)
        if isinstance(stop_at_first_failure, bool)
        else list(stop_at_first_failure)
    )
    environments = list(environments or [{} for _ in folders])
    use_fork = _fork_is_safe()
    if use_fork and folders:
        _preload(folders[0])
    pending = list(enumerate(folders))
    running: dict[int, _Job] = {}
    results: dict[int, TestRun] = {}
    workers = max(1, os.cpu_count() or 1)
    with tempfile.TemporaryDirectory(prefix="kata-runs-") as scratch:
        while pending or running:
            while pending and len(running) < workers:
                index, folder = pending.pop(0)
                job_cls = _ForkedJob if use_fork else _ProcessJob
                extra = ("-x",) if stops[index] else ()
                running[index] = job_cls(
                    folder, Path(scratch) / str(index), timeout, extra, environments[index]
                )
            for index, job in list(running.items()):
                if job.finished():
                    results[index] = job.result()
                    del running[index]
            time.sleep(0.005)
    return [results[index] for index in range(len(folders))]


def _fork_is_safe() -> bool:
    # Forking is only safe with one thread, and before a notebook kernel has left ZeroMQ sockets here.
    from kata.harness import notebooks

    return hasattr(os, "fork") and threading.active_count() == 1 and not notebooks.kernels_started


def _preload(folder: Path) -> None:
    """Import, once, the installed libraries that the folder's code imports, for the forks to share."""
    for name in sorted(_imported_modules(folder)):
        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):
            continue
        if spec is not None and spec.origin and spec.origin.startswith(_LIBRARIES):
            try:
                importlib.import_module(name)
            except Exception:
                continue


_LIBRARIES = tuple({sys.prefix, sys.base_prefix, sys.exec_prefix})


def _imported_modules(folder: Path) -> set[str]:
    names = set()
    for path in folder.rglob("*.py"):
        try:
            tree = ast.parse(path.read_bytes())
        except (SyntaxError, ValueError):
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.add(node.module)
    return names


class _Job:
    def __init__(
        self,
        folder: Path,
        scratch: Path,
        timeout: int,
        extra: tuple[str, ...] = (),
        environment: dict[str, str] | None = None,
    ) -> None:
        scratch.mkdir(parents=True)
        self.extra = extra
        self.environment = {"MPLBACKEND": "Agg", **(environment or {})}
        self.folder = folder
        self.junit = scratch / "junit.xml"
        self.log = scratch / "output.txt"
        self.deadline = time.monotonic() + timeout
        self.timed_out = False

    def finished(self) -> bool:
        if self._poll():
            return True
        if time.monotonic() > self.deadline:
            self._kill()
            self.timed_out = True
            return True
        return False

    def result(self) -> TestRun:
        output = self.log.read_text(errors="replace") if self.log.exists() else ""
        passed = failed = errors = 0
        seconds = 0.0
        failing, skipped = [], []
        if self.junit.exists():
            root = ET.parse(self.junit).getroot()
            for case in root.iter("testcase"):
                seconds += float(case.get("time", 0) or 0)
                module = (case.get("classname") or "").replace(".", "/")
                if case.find("failure") is not None or case.find("error") is not None:
                    failing.append(f"{module}.py::{case.get('name')}")
                elif case.find("skipped") is not None:
                    skipped.append(f"{module}.py::{case.get('name')}")
            for suite in root.iter("testsuite"):
                total = int(suite.get("tests", 0))
                failed += int(suite.get("failures", 0))
                errors += int(suite.get("errors", 0))
                passed += (
                    total
                    - int(suite.get("failures", 0))
                    - int(suite.get("errors", 0))
                    - int(suite.get("skipped", 0))
                )
        elif not self.timed_out:
            errors = 1  # pytest itself failed (bad configuration, a conftest that does not import)
        return TestRun(passed, failed, errors, output, self.timed_out, failing, seconds, skipped)

    def args(self) -> list[str]:
        return [
            *PYTEST_ARGS,
            *self.extra,
            f"--junitxml={self.junit}",
            "--rootdir",
            str(self.folder),
        ]

    def _poll(self) -> bool:
        raise NotImplementedError

    def _kill(self) -> None:
        raise NotImplementedError


class _ProcessJob(_Job):
    def __init__(self, folder: Path, scratch: Path, timeout: int, *options) -> None:
        super().__init__(folder, scratch, timeout, *options)
        with self.log.open("w") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "pytest", *self.args()],
                cwd=folder,
                stdout=log,
                stderr=subprocess.STDOUT,
                env={**os.environ, **self.environment},
            )

    def _poll(self) -> bool:
        return self.process.poll() is not None

    def _kill(self) -> None:
        self.process.kill()
        self.process.wait()


class _ForkedJob(_Job):
    def __init__(self, folder: Path, scratch: Path, timeout: int, *options) -> None:
        super().__init__(folder, scratch, timeout, *options)
        self.pid = os.fork()
        if self.pid == 0:
            os._exit(_run_in_child(folder, self.log, self.args(), self.environment))

    def _poll(self) -> bool:
        pid, _ = os.waitpid(self.pid, os.WNOHANG)
        return pid != 0

    def _kill(self) -> None:
        os.kill(self.pid, 9)
        os.waitpid(self.pid, 0)


def _run_in_child(folder: Path, log: Path, args: list[str], environment: dict[str, str]) -> int:
    try:
        descriptor = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
        os.dup2(descriptor, 1)
        os.dup2(descriptor, 2)
        # Inside a pytest run, sys.stdout is the parent's capture object, not file descriptor 1.
        sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__
        os.chdir(folder)
        os.environ.update(environment)
        _forget_non_library_modules()
        if mutants.ENVIRONMENT in environment:
            mutants.activate_from_environment()
        import warnings

        warnings.resetwarnings()
        import pytest

        return int(pytest.main(args))
    except BaseException:
        import traceback

        traceback.print_exc()
        return 3
    finally:
        sys.stdout.flush()
        sys.stderr.flush()


def _forget_non_library_modules() -> None:
    """Drop modules the parent imported from outside the installed libraries (checks, workspaces)."""
    for name, module in list(sys.modules.items()):
        file = getattr(module, "__file__", None)
        if file and not file.startswith(_LIBRARIES) and name != "__main__":
            del sys.modules[name]
    sys.meta_path[:] = [f for f in sys.meta_path if type(f).__name__ != "AssertionRewritingHook"]
