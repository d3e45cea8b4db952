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
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from kata import preflight
from kata.errors import KataError
from kata.manifest import Stage


@dataclass
class CheckResult:
    id: str
    sentence: str
    outcome: str  # passed | failed | error | skipped
    kind: str = ""  # assertion | bare-assert | error | collection
    message: str = ""
    seconds: float = 0.0

    @property
    def passed(self) -> bool:
        return self.outcome in ("passed", "skipped")


@dataclass
class CheckRun:
    kata: str
    stage: str
    workspace: str
    results: list[CheckResult] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def passed(self) -> bool:
        return bool(self.results) and all(result.passed for result in self.results)

    @property
    def failures(self) -> list[CheckResult]:
        return [result for result in self.results if not result.passed]

    def to_json(self) -> dict:
        return {**asdict(self), "passed": self.passed}


def run_checks(
    stage: Stage, workspace: Path, timeout: int = 900, only: Sequence[str] = ()
) -> CheckRun:
    """Run the stage's checks on `workspace`; KataError when they cannot run at all.

    `only` names checks (test function names) to run instead of all of them, for the repository's
    own tests that need a few checks' verdicts on a variant and not the whole stage.
    """
    process = CheckProcess(stage, workspace, only)
    try:
        run = process.wait(timeout)
    finally:
        process.cancel()  # only does something when interrupted or timed out
    ran = {result.id.split("::")[-1].split("[")[0] for result in run.results}
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

    def __init__(self, stage: Stage, workspace: Path, only: Sequence[str] = ()) -> None:
        if not workspace.is_dir():
            raise KataError(
                f"workspace {workspace} does not exist; give --workspace an existing folder"
            )
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
            "-p", "kata.harness.plugin", "-p", "no:cacheprovider", "--continue-on-collection-errors",
            "--workspace", str(workspace), "--kata-report", str(self.report),
            "-q", "--no-header", "--tb=no", "-o", "console_output_style=classic",
        ]  # fmt: skip
        if only:
            command += ["-k", " or ".join(only)]
        (self.scratch / "tmp").mkdir()
        self.began = time.monotonic()
        with (self.scratch / "output.txt").open("wb") as output:
            self.process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=output,
                stderr=subprocess.STDOUT,
                env={**os.environ, "TMPDIR": str(self.scratch / "tmp")},
                start_new_session=True,
            )

    def wait(self, timeout: float | None = None) -> CheckRun:
        """The results; Cancelled if `cancel` ended the run, KataError if it could not run."""
        stage = self.stage
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.cancel()
            raise KataError(
                f"the checks of {stage.label} did not finish within {timeout} s"
            ) from None
        if self.cancelled:
            raise Cancelled
        try:
            if not self.report.is_file():
                output = (self.scratch / "output.txt").read_text(errors="replace")
                detail = output.strip().splitlines()
                raise KataError(
                    f"the checks of {stage.label} could not run: {detail[-1] if detail else '?'}"
                )
            raw = json.loads(self.report.read_text(encoding="utf-8"))
        finally:
            shutil.rmtree(self.scratch, ignore_errors=True)
        results = [CheckResult(**item) for item in raw]
        seconds = time.monotonic() - self.began
        return CheckRun(stage.kata, stage.slug, str(self.workspace), results, seconds)

    def cancel(self) -> None:
        """End the run and everything it started; does nothing once the run has finished."""
        if self.process.poll() is None:
            self.cancelled = True
            kill_tree(self.process.pid)
            self.process.wait()
            shutil.rmtree(self.scratch, ignore_errors=True)


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
