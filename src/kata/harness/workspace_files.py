"""Finding what the learner wrote (calling it is kata.harness.learner_code's job)."""

from __future__ import annotations

from pathlib import Path

from kata.harness.failures import fail


def require_file(workspace: Path, relative: str, why: str = "") -> Path:
    path = workspace / relative
    if not path.exists():
        reason = f" {why}" if why else ""
        fail(f"Expected the file {relative} in your workspace, but it is not there.{reason}")
    return path
