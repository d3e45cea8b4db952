"""The GitHub workflows are valid, CI runs the repository's own entry point, Pages publishes the site."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml
from site_coverage import REPO

WORKFLOWS = REPO / ".github" / "workflows"
DEBIAN_PYTHON = "python:3.11-bookworm"


def _load(name: str) -> dict:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as True
    return data


def _steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def test_both_workflows_are_valid_for_github():
    """ci.yml and pages.yml validate against the GitHub workflow schema (check-jsonschema's vendored copy)."""
    checker = Path(sys.executable).with_name("check-jsonschema")
    files = [str(WORKFLOWS / name) for name in ("ci.yml", "pages.yml")]
    done = subprocess.run(
        [str(checker), "--builtin-schema", "vendor.github-workflows", *files],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr


def test_ci_runs_the_repositorys_entry_point_on_python_311():
    """CI runs `bash .ci/run` in a Debian container with Python 3.11, like every other build."""
    workflow = _load("ci.yml")
    jobs = list(workflow["jobs"].values())
    assert [job.get("container") for job in jobs] == [DEBIAN_PYTHON], (
        "on ubuntu-latest itself, Debian's chromium (a snap wrapper there) does not run"
    )
    assert jobs[0]["timeout-minutes"] >= 90, "the suite takes most of CI's 90 minutes"
    steps = _steps(workflow)
    assert any(step.get("run", "").strip() == "bash .ci/run" for step in steps), (
        "no step runs `bash .ci/run`"
    )
    assert not [step for step in steps if "setup-python" in step.get("uses", "")]


def test_pages_builds_strictly_and_deploys():
    """Pages sets up with `make setup`, builds with --strict, uploads the site and deploys it."""
    workflow = _load("pages.yml")
    steps = _steps(workflow)
    runs = [step.get("run", "").strip() for step in steps]
    uses = [step.get("uses", "").split("@")[0] for step in steps]
    assert "make setup" in runs
    assert ".venv/bin/mkdocs build --strict" in runs
    for action in ("actions/checkout", "actions/upload-pages-artifact", "actions/deploy-pages"):
        assert action in uses, f"pages.yml does not use {action}"
    assert workflow["jobs"]["build"]["container"] == DEBIAN_PYTHON
    assert workflow["permissions"]["pages"] == "write"
    assert workflow["permissions"]["id-token"] == "write"
