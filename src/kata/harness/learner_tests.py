"""Running the learner's own tests, many times over when mutants are involved.

Each run is `python -m pytest` in a copy of the workspace, forked from the kata's warm helper
Python (`kata.harness.processes`), so the libraries are imported once per check, not once per run.
"""

from __future__ import annotations

import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kata.harness import processes, staging
from kata.manifest import MANIFEST, load_kata

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
    # Each test file's share of `seconds`, by its path in the workspace; None when a test could not
    # be traced to a file (a doctest, a plugin's item), so that no caller runs a partial list.
    file_seconds: dict[str, float] | None = None
    cpu_seconds: float = 0.0  # processor time of the whole pytest run, start-up included

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

    def files_cheapest_first(self) -> list[str] | None:
        """The test files, quickest first: the order in which a run that stops at its first
        failure finds a mutant soonest (a golden master that runs the notebook goes last)."""
        if not self.file_seconds:
            return None
        return sorted(self.file_seconds, key=lambda path: (self.file_seconds[path], path))


def run_learner_tests(root: Path, timeout: int = 120) -> TestRun:
    """Run `pytest` in a temporary copy of `root` (normally the workspace)."""
    return start_learner_tests(root, timeout).result()


class PendingTestRun:
    """The learner's tests, running in the background in a temporary copy of their workspace.

    Start one before a slow step (a notebook run) so that both use a core each; `result()` waits
    for the tests, and `close()` forgets them if nobody asked (the helper ends them at its timeout).
    """

    def __init__(self, root: Path, timeout: int = 120) -> None:
        root = Path(root)
        kata_dir = staging.kata_dir_of(root)
        self._copy = staging.stage_copy(root, kata_dir)
        self._junit = self._copy.parent / "junit.xml"
        self._processes = processes.shared(preload_of(kata_dir))
        self._run: processes.Run | None = self._processes.start(
            self._copy, pytest_argv(self._junit), timeout=timeout
        )
        self._result: TestRun | None = None

    def result(self) -> TestRun:
        if self._result is None and self._run is not None:
            (run,) = self._processes.wait(self._run)
            self._result = reported(run, self._junit)
            self._run = None
            staging.remove_stage(self._copy)
        assert self._result is not None, "the run was closed before it finished"
        return self._result

    def close(self) -> None:
        if self._run is not None:
            self._processes.cancel(self._run)
            self._run = None
            staging.remove_stage(self._copy)


def start_learner_tests(root: Path, timeout: int = 120) -> PendingTestRun:
    """Start `pytest` in a temporary copy of `root` and return at once; see PendingTestRun."""
    return PendingTestRun(root, timeout)


def run_test_suites(
    folders: list[Path],
    timeout: int = 120,
    stop_at_first_failure: bool | Sequence[bool] = False,
    environments: Sequence[dict[str, str]] | None = None,
    order: Sequence[str] | None = None,
    cpu_limit: float | None = None,
) -> list[TestRun]:
    """Run pytest in each folder (side by side, as many as there are cores) and report each.

    With `stop_at_first_failure`, a run ends at its first failing test (`-x`): enough to know that
    a mutant was caught; a sequence says it folder by folder. `environments` adds variables to
    each run's environment (a library mutant is switched on that way). `order` lists the test
    files to run, in that order, for the runs that stop at their first failure. `cpu_limit` ends
    a run that has used that many seconds of the processor (see `processes.Processes.start`).
    """
    stops = (
        [stop_at_first_failure] * len(folders)
        if isinstance(stop_at_first_failure, bool)
        else list(stop_at_first_failure)
    )
    environments = list(environments or [{} for _ in folders])
    if not folders:
        return []
    service = processes.shared(preload_of(staging.kata_dir_of(Path(folders[0]))))
    with tempfile.TemporaryDirectory(prefix="kata-runs-") as scratch:
        reports = [Path(scratch) / f"{index}.xml" for index in range(len(folders))]
        runs = [
            service.start(
                folder,
                pytest_argv(report, ("-x", *(order or ())) if stop else ()),
                env=environment,
                timeout=timeout,
                cpu_limit=cpu_limit,
            )
            for folder, report, stop, environment in zip(
                folders, reports, stops, environments, strict=True
            )
        ]
        service.wait(*runs)
        return [reported(run, report) for run, report in zip(runs, reports, strict=True)]


def preload_of(kata_dir: Path | None) -> tuple[str, ...]:
    """The libraries the kata's manifest says its learners' code imports (and pytest)."""
    if kata_dir is None or not (kata_dir / MANIFEST).is_file():
        return ("pytest",)
    return ("pytest", *load_kata(kata_dir).preload)


def pytest_argv(junit: Path, extra: Sequence[str] = ()) -> list[str]:
    return ["-m", "pytest", *PYTEST_ARGS, *extra, f"--junitxml={junit}", "--rootdir", "."]


def reported(run: processes.Run, junit: Path) -> TestRun:
    """What a finished pytest run reported in its JUnit XML (and said on its output)."""
    output = run.stdout + run.stderr
    passed = failed = errors = 0
    seconds = 0.0
    failing, skipped = [], []
    file_seconds: dict[str, float] | None = {}
    if junit.exists() and not run.timed_out:
        root = ET.parse(junit).getroot()
        for case in root.iter("testcase"):
            took = float(case.get("time", 0) or 0)
            seconds += took
            source = _test_file(run.folder, case.get("classname") or "")
            if source is None or file_seconds is None:
                file_seconds = None
            else:
                file_seconds[source] = file_seconds.get(source, 0.0) + took
            test_id = _test_id(case.get("classname") or "", source, case.get("name"))
            if case.find("failure") is not None or case.find("error") is not None:
                failing.append(test_id)
            elif case.find("skipped") is not None:
                skipped.append(test_id)
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
    elif not run.timed_out:
        errors = 1  # pytest itself failed (bad configuration, a conftest that does not import)
    return TestRun(
        passed, failed, errors, output, run.timed_out, failing, seconds, skipped, file_seconds,
        run.cpu_seconds,
    )  # fmt: skip


def _test_id(classname: str, source: str | None, name: str | None) -> str:
    """pytest's id of a JUnit test case: tests/test_model.py::TestFit::test_x when the file is
    known, or the classname read as a path when it is not."""
    if source is None:
        return f"{classname.replace('.', '/')}.py::{name}"
    dotted = source.removesuffix(".py").replace("/", ".")
    classes = classname.removeprefix(dotted).strip(".")
    return "::".join([source, *classes.split(".")] if classes else [source]) + f"::{name}"


def _test_file(folder: Path, classname: str) -> str | None:
    """The file a JUnit classname ("tests.test_model" or "tests.test_model.TestFit") came from,
    relative to `folder`, or None when no file of that name is there."""
    parts = classname.split(".")
    for end in range(len(parts), 0, -1):
        relative = "/".join(parts[:end]) + ".py"
        if (Path(folder) / relative).is_file():
            return relative
    return None
