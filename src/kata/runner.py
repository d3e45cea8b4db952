"""Running a stage's checks against a workspace: one pytest process, results read from its report."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from kata import preflight
from kata.errors import KataError
from kata.helper_variables import CHECK_HELPER
from kata.manifest import Stage
from kata.results import CheckResult, CheckRun, FailureKind, NotRun, Outcome

CHECKS_INI = Path(__file__).resolve().parent / "harness" / "checks.ini"


def run_checks(
    stage: Stage,
    workspace: Path,
    timeout: int = 900,
    only: Sequence[str] = (),
    start: Path | None = None,
    on_result: Callable[[CheckResult], None] | None = None,
    stop_at_first_failure: bool = False,
    gate: bool = False,
    mutants: Sequence[str] = (),
) -> CheckRun:
    """Run the stage's checks on `workspace`; KataError when they cannot run at all.

    `only` names checks (test function names) to run instead of all of them, for the repository's
    own tests that need a few checks' verdicts on a variant and not the whole stage. `start` is the
    workspace the stage started from, for checks that compare behaviour before and after.
    `on_result` is called with each result as soon as it is decided. `stop_at_first_failure`
    ends the run at the first failed check (the checks never run then count as failed, "missing").
    With `gate`, the checks marked expensive run only if the cheaper ones all pass (the others
    count as failed, "waiting"): what a learner at the keyboard wants. Without it, every check runs.
    `mutants` names the only mutants to try (see `kata.harness.mutants.try_only`); all by default.
    """
    process = CheckProcess(stage, workspace, only, start, stop_at_first_failure, gate, mutants)
    try:
        run = process.wait(timeout, on_result)
    finally:
        process.cancel()  # only does something when interrupted or timed out
    ran = {check.name for check in [*run.results, *run.not_run]}
    unknown = [name for name in only if name not in ran]
    if unknown:
        raise KataError(f"{stage.label} has no check named {', '.join(unknown)}")
    return run


class Cancelled(Exception):
    """The run was cancelled before it finished."""


class CheckProcess:
    """The stage's checks running in their own pytest process, which `cancel` ends at once.

    The process leads its own session, and its temporary files go to a folder of ours, so a
    cancelled run leaves neither processes (notebook kernels included) nor files behind.
    """

    def __init__(
        self,
        stage: Stage,
        workspace: Path,
        only: Sequence[str] = (),
        start: Path | None = None,
        stop_at_first_failure: bool = False,
        gate: bool = False,
        mutants: Sequence[str] = (),
    ) -> None:
        if workspace.is_file():
            raise KataError(f"{workspace} is a file; give --workspace the folder of a workspace")
        if not workspace.is_dir():
            raise KataError(
                f"workspace {workspace} does not exist; `kata start KATA STAGE` puts a stage's "
                "start there (with `kata check`, --workspace can name another folder)"
            )
        if not os.access(workspace, os.R_OK | os.X_OK):
            raise KataError(f"workspace {workspace} cannot be read (permission denied); ls -ld it")
        if not stage.checks_dir.is_dir():
            raise KataError(f"{stage.label} has no checks/ folder ({stage.checks_dir})")
        blocking = preflight.problems(workspace)
        if blocking:
            more = f" (and {len(blocking) - 1} more)" if len(blocking) > 1 else ""
            raise KataError(f"cannot check: {blocking[0]}{more}")
        self.stage, self.workspace = stage, workspace
        self.cancelled = False
        self.scratch = Path(tempfile.mkdtemp(prefix="kata-check-"))
        self.report = self.scratch / "report.json"
        command = [
            sys.executable, "-m", "pytest", str(stage.checks_dir),
            "-c", str(CHECKS_INI), "--rootdir", str(stage.checks_dir),
            "--confcutdir", str(stage.stage_dir.parent.parent),  # the kata's conftest.py applies
            "-p", "kata.harness.plugin", "--continue-on-collection-errors",
            "--workspace", str(workspace), "--kata-report", str(self.report),
            "-q", "--no-header", "--tb=no", "-o", "console_output_style=classic",
        ]  # fmt: skip
        if only:
            command += ["-k", " or ".join(only)]
        if start is not None:
            command += ["--kata-start", str(start)]
        if stop_at_first_failure:
            command += ["-x"]
        if gate:
            command += ["--kata-gate"]
        if mutants:
            command += ["--kata-mutants", ",".join(mutants)]
        (self.scratch / "tmp").mkdir()
        self.began = time.monotonic()
        try:
            self.process = self._start(command)
        except BaseException:  # Ctrl-C or a signal while it starts: nothing is left behind
            shutil.rmtree(self.scratch, ignore_errors=True)
            raise

    def _start(self, command: list[str]):
        environment = {**os.environ, "TMPDIR": str(self.scratch / "tmp")}
        helper = os.environ.get(CHECK_HELPER)
        if helper:  # forked from a warm helper that has imported pytest and the libraries already
            from kata.harness.processes import ForkedProcess  # costs 0.3 s; only needed here

            return ForkedProcess(
                helper, CHECK_HELPER, command[1:], Path.cwd(), environment,
                self.scratch / "output.txt", self.scratch / "errors.txt",
            )  # fmt: skip
        with (self.scratch / "output.txt").open("wb") as output:
            return subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=output,
                stderr=subprocess.STDOUT,
                env=environment,
                start_new_session=True,
            )

    def wait(
        self,
        timeout: float | None = None,
        on_result: Callable[[CheckResult], None] | None = None,
    ) -> CheckRun:
        """The results; Cancelled if `cancel` ended the run, KataError if it could not run."""
        stage = self.stage
        deadline = None if timeout is None else time.monotonic() + timeout
        report = _Report(self.report, on_result)
        while self.process.poll() is None:
            report.read_new()
            if deadline is not None and time.monotonic() > deadline:
                self.cancel()
                raise KataError(f"the checks of {stage.label} did not finish within {timeout} s")
            time.sleep(0.02)
        if self.cancelled:
            raise Cancelled
        try:
            report.read_new()
            if report.collected is None:
                detail = [
                    line
                    for name in ("output.txt", "errors.txt")
                    if (self.scratch / name).is_file()
                    for line in (self.scratch / name).read_text(errors="replace").splitlines()
                    if line.strip()
                ]
                raise KataError(
                    f"the checks of {stage.label} could not run: "
                    f"{detail[-1] if detail else 'pytest ended without a word'}"
                )
            results = report.complete()
        finally:
            shutil.rmtree(self.scratch, ignore_errors=True)
        seconds = time.monotonic() - self.began
        workspace = str(self.workspace)
        return CheckRun(stage.kata, stage.slug, workspace, results, seconds, report.not_run)

    def cancel(self) -> None:
        """End the run and everything it started; does nothing once the run has finished."""
        if self.process.poll() is None:
            self.cancelled = True
            kill_tree(self.process.pid)
            self.process.wait()
            shutil.rmtree(self.scratch, ignore_errors=True)


class _Report:
    """The JSON lines the plugin streams: the collected checks first, then each verdict."""

    def __init__(self, path: Path, on_result: Callable[[CheckResult], None] | None) -> None:
        self.path, self.on_result = path, on_result
        self.offset = 0
        self.collected: list[dict] | None = None
        self.not_run: list[NotRun] = []
        self.results: list[CheckResult] = []

    def read_new(self) -> None:
        if not self.path.is_file():
            return
        with self.path.open("rb") as stream:
            stream.seek(self.offset)
            chunk = stream.read()
        complete = chunk[: chunk.rfind(b"\n") + 1]  # a line still being written waits
        self.offset += len(complete)
        for line in complete.decode("utf-8").splitlines():
            record = json.loads(line)
            if "collected" in record:
                self.collected = record["collected"]
                self.not_run = [NotRun(**check) for check in record.get("not_run", [])]
            else:
                result = CheckResult.from_json(record["result"])
                self.results.append(result)
                if self.on_result is not None:
                    self.on_result(result)

    def complete(self) -> list[CheckResult]:
        """Every result, in the order of collection; a collected check that never reported fails."""
        by_id = {result.id: result for result in self.results}
        ordered = []
        for check in self.collected or []:
            result = by_id.pop(check["id"], None)
            if result is None:
                result = CheckResult(
                    **check,
                    outcome=Outcome.FAILED,
                    kind=FailureKind.MISSING,
                    message=(
                        "This check never finished: the check run ended before it (did code in "
                        "your workspace call sys.exit, os._exit or pytest.exit, or crash Python?)."
                    ),
                )
                if self.on_result is not None:
                    self.on_result(result)
            ordered.append(result)
        return ordered + list(by_id.values())  # files that could not be collected


def kill_tree(pid: int) -> None:
    """Kill a session leader and all its descendants, also those that started sessions of their own.

    The group is stopped first, so that nothing can start a new process between listing and killing.
    """
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGSTOP)
    for process_id in [*descendants(pid), pid]:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(process_id, signal.SIGKILL)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)


def descendants(pid: int) -> list[int]:
    """The ids of all processes below `pid` (psutil where installed, else /proc; else none)."""
    try:
        import psutil
    except ImportError:
        return _descendants_from_proc(pid)
    try:
        return [child.pid for child in psutil.Process(pid).children(recursive=True)]
    except psutil.Error:
        return []


def _descendants_from_proc(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, queue = [], [pid]
    while queue:
        for child in children.get(queue.pop(), []):
            found.append(child)
            queue.append(child)
    return found
