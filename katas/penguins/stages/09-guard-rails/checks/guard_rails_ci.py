"""Reading the learner's GitHub workflow, for the penguins stage 9 checks: the workflow files
and their jobs (each with the workflow's env merged in), the patterns that recognise a step that
installs, runs the tests or smoke-runs the training, what keeps a testing step from failing the
build (`if:`, continue-on-error, `|| true`, pytest options that run no test), which data file the
smoke run reads, and which requirements a step installs without pinning them.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml
from guard_rails_hooks import one_line

from kata.harness import fail

WORKFLOWS = ".github/workflows"

INSTALL = re.compile(
    r"\b(?:pip3?|uv|poetry|pdm|pipenv|conda|mamba|micromamba|pixi|hatch)\b[^\n]*?"
    r"\b(?:install|sync|create|update)\b"
)
INSTALLING_ACTION = re.compile(r"setup-micromamba|setup-miniconda|setup-pixi|install-pinned")
INSTALLING_RUNNER = re.compile(r"\b(?:uv|pixi|hatch|pdm|poetry|pipenv)\s+run\b|\btox\b|\bnox\b")
TESTS = re.compile(r"\bpy\.?test\b|\bunittest\b|\btox\b|\bnox\b|\bmake\s+test")
SMOKE = re.compile(r"\bpenguin_mass\b[^\n]*\btrain\b")
REQUIREMENTS_FILE = re.compile(r"(?:^|\s)(?:-r|-c|--requirement|--constraint)[\s=]+([^\s;&|]+)")


# What lets a failing step pass, or keeps it from running at all.
SWALLOWED = re.compile(r"\|\|\s*(true|:|exit\s+0)\b|;\s*(true|exit\s+0)\s*$|\bset\s+\+e\b", re.M)
RUNS_NO_TESTS = re.compile(
    r"\s(--collect-only|--co|--setup-plan|--fixtures|--markers|--version|-h|--help)\b"
)


def switched_off(job: dict, step: dict, run: str) -> list[str]:
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


def workflow_files(workspace: Path) -> list[Path]:
    folder = workspace / WORKFLOWS
    files = sorted([*folder.glob("*.yml"), *folder.glob("*.yaml")]) if folder.is_dir() else []
    if not files:
        fail(
            f"Expected a workflow file in {WORKFLOWS}/ (the README names it ci.yml), but there is "
            "none. GitHub runs every .yml file in that folder."
        )
    return files


def workflow_jobs(workspace: Path) -> list[tuple[str, dict]]:
    jobs = []
    for path in workflow_files(workspace):
        try:
            document = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (yaml.YAMLError, UnicodeDecodeError) as error:
            fail(f"{WORKFLOWS}/{path.name} is not valid YAML: {one_line(str(error))}")
        if not isinstance(document, dict):
            continue
        for name, job in (document.get("jobs") or {}).items():
            if isinstance(job, dict):
                job = {**job, "env": {**(document.get("env") or {}), **(job.get("env") or {})}}
                jobs.append((f"{path.name}, job {name}", job))
    return jobs


def smoke_step(workspace: Path) -> tuple[str, dict] | None:
    for _, job in workflow_jobs(workspace):
        for step in job.get("steps") or []:
            if isinstance(step, dict) and SMOKE.search(str(step.get("run", ""))):
                environment = {**(job.get("env") or {}), **(step.get("env") or {})}
                return str(step["run"]), {str(k): str(v) for k, v in environment.items()}
    return None


def smoke_data_path(workspace: Path, run: str, environment: dict[str, str]) -> str | None:
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


def unpinned(workspace: Path, name: str) -> list[str]:
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
