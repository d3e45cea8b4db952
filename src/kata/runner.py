"""Running a stage's checks against a workspace: one pytest process, results read from its report."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
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


def run_checks(stage: Stage, workspace: Path, timeout: int = 900) -> CheckRun:
    """Run the stage's checks on `workspace`; KataError when they cannot run at all."""
    if not workspace.is_dir():
        raise KataError(f"workspace {workspace} does not exist; give --workspace an existing folder")
    if not stage.checks_dir.is_dir():
        raise KataError(f"{stage.label} has no checks/ folder ({stage.checks_dir})")
    blocking = preflight.problems(workspace)
    if blocking:
        more = f" (and {len(blocking) - 1} more)" if len(blocking) > 1 else ""
        raise KataError(f"cannot check: {blocking[0]}{more}")
    with tempfile.TemporaryDirectory(prefix="kata-check-") as scratch:
        report = Path(scratch) / "report.json"
        command = [
            sys.executable, "-m", "pytest", str(stage.checks_dir),
            "-p", "kata.harness.plugin", "-p", "no:cacheprovider",
            "--workspace", str(workspace), "--kata-report", str(report),
            "-q", "--no-header", "--tb=no", "-o", "console_output_style=classic",
        ]  # fmt: skip
        try:
            finished = subprocess.run(
                command, capture_output=True, text=True, timeout=timeout, check=False
            )
        except subprocess.TimeoutExpired:
            raise KataError(f"the checks of {stage.label} did not finish within {timeout} s") from None
        if not report.is_file():
            detail = (finished.stderr or finished.stdout).strip().splitlines()
            raise KataError(f"the checks of {stage.label} could not run: {detail[-1] if detail else '?'}")
        raw = json.loads(report.read_text(encoding="utf-8"))
    results = [CheckResult(**item) for item in raw]
    return CheckRun(stage.kata, stage.slug, str(workspace), results, sum(r.seconds for r in results))
