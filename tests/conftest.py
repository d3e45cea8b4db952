"""Shared fixtures: a small katas repository to break on purpose, and ways to run `kata`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from kata.cli import command_names, main
from kata.harness.helpers import warm_helpers
from kata.manifest import find_kata, kata_names
from kata.runner import CheckRun, run_checks

REPO = Path(__file__).resolve().parents[1]


def wait_until(condition, timeout: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return condition()


def alive(pid: int) -> bool:
    """Running, stopped or sleeping; a zombie has already ended."""
    try:
        import psutil
    except ImportError:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            return False
        return state not in ("Z", "X")
    try:
        return psutil.Process(pid).status() not in (psutil.STATUS_ZOMBIE, psutil.STATUS_DEAD)
    except psutil.Error:
        return False


@dataclass
class Result:
    code: int
    out: str
    err: str


def git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=root, check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip


@pytest.fixture
def mini_repo(tmp_path: Path) -> Path:
    """A git repository holding only the warm-up kata, its solution and its site pages."""
    root = tmp_path / "repo"
    (root / "katas").mkdir(parents=True)
    shutil.copytree(REPO / "katas" / "warmup", root / "katas" / "warmup",
                    ignore=shutil.ignore_patterns("__pycache__", ".pytest_cache"))  # fmt: skip
    shutil.copytree(REPO / "solutions" / "warmup", root / "solutions" / "warmup",
                    ignore=shutil.ignore_patterns("__pycache__", ".pytest_cache"))  # fmt: skip
    for name in ("pyproject.toml", "jupytext.toml", ".gitignore"):
        shutil.copy(REPO / name, root / name)
    pages = root / "docs" / "katas" / "warmup"
    pages.mkdir(parents=True)
    (pages / "index.md").write_text("# Warm-up\n")
    (pages / "01-cell-to-function.md").write_text(
        '# Stage 1\n\n--8<-- "katas/warmup/stages/01-cell-to-function/README.md"\n'
    )
    (root / "docs" / "reference").mkdir()
    (root / "docs" / "reference" / "cli.md").write_text(
        "".join(f"## kata {name}\n\ntext\n\n" for name in command_names())
    )
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "start")
    return root


@pytest.fixture(scope="session", autouse=True)
def warm_helpers_for_the_suite():
    """Every check run of the suite forks its processes from two warm helpers of its pytest worker,
    as `kata watch` does (see kata.harness.helpers); each run would import pandas and scikit-learn
    again otherwise. Tests of the cold path clear KATA_CHECK_HELPER and KATA_LEARNER_HELPER."""
    katas = REPO / "katas"
    libraries = {name for kata in kata_names(katas) for name in find_kata(katas, kata).preload}
    with warm_helpers(sorted(libraries)):
        yield


@pytest.fixture
def kata(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture):
    """Run `kata ARGS` in-process against a repository root; returns code, stdout and stderr."""

    def run(root: Path, *args: str) -> Result:
        monkeypatch.setenv("KATA_ROOT", str(root))
        monkeypatch.setenv("NO_COLOR", "1")
        code = main(list(args))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


def kata_process(root: Path, *args: str, timeout: int = 300) -> Result:
    """Run `python -m kata ARGS` as a separate process, as a learner's shell would."""
    env = {**os.environ, "KATA_ROOT": str(root), "NO_COLOR": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "kata", *args],
        capture_output=True, text=True, env=env, timeout=timeout, check=False,
    )  # fmt: skip
    return Result(done.returncode, done.stdout, done.stderr)


@pytest.fixture
def check_stage():
    """Run a stage's checks of the real repository on any folder: check_stage("penguins", 3, path)."""

    def run(
        kata_name: str, stage: str | int, workspace: Path, only: tuple[str, ...] = ()
    ) -> CheckRun:
        kata = find_kata(REPO / "katas", kata_name)
        return run_checks(kata.stage(stage), Path(workspace), only=only)

    return run


# The longest tests, started first so that no worker is left with one of them at the end: the
# repository's own invariants run every stage twice, a right case runs every check of its stage
# (ab-test 7 and 8 record and re-run whole readouts), penguins 8's cases each play a whole story.
LONGEST_FIRST = ("test_the_repository_passes_its_own_invariants", "[ab-test/08/pass-",
                 "[ab-test/07/pass-", "/pass-", "[penguins/08/")  # fmt: skip


def _longest_first(item: pytest.Item) -> int:
    return next(
        (rank for rank, mark in enumerate(LONGEST_FIRST) if mark in item.nodeid),
        len(LONGEST_FIRST),
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Under `pytest -n 3 --dist loadgroup`, keep each kata's discrimination file on one worker (its
    module-scoped variants are checked once) and the site tests together (one site build); the
    longest tests go first."""
    items.sort(key=_longest_first)  # stable: the collection order within each rank
    for item in items:
        path = Path(item.path)
        if path.parent.name == "site":
            item.add_marker(pytest.mark.xdist_group("site"))
        elif "katas" in path.relative_to(REPO).parts and path.name != "test_cases.py":
            item.add_marker(pytest.mark.xdist_group(path.stem))  # cases are independent: spread
