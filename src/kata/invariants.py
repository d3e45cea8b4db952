"""The invariants that make every stage provably learnable (BRIEF section 4).

Static invariants read files; the dynamic ones run each stage's checks twice: on its solution
(all must pass) and on its start (at least one must fail, each by a readable assertion).
"""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from kata import stage_readme
from kata.errors import KataError
from kata.harness.mutants import MutantError, applies_to, load_mutants
from kata.harness.notebooks import notebook_pair_in_sync
from kata.manifest import Kata, Stage, load_kata
from kata.repo import Repo
from kata.results import CheckRun, FailureKind
from kata.runner import run_checks

SNIPPET = '--8<-- "{path}"'


@dataclass
class StageReport:
    kata: str
    slug: str
    problems: list[str] = field(default_factory=list)
    solution_run: CheckRun | None = None
    start_run: CheckRun | None = None


@dataclass
class KataReport:
    name: str
    problems: list[str] = field(default_factory=list)
    stages: list[StageReport] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems and all(not stage.problems for stage in self.stages)


@dataclass
class RepoReport:
    problems: list[str]
    katas: list[KataReport]

    @property
    def ok(self) -> bool:
        return not self.problems and all(kata.ok for kata in self.katas)


def check_repo(repo: Repo, names: list[str], commands: list[str], workers: int = 2) -> RepoReport:
    reports, runs = [], []
    for name in names:
        report, kata = check_static(repo, name)
        reports.append(report)
        if kata is not None:
            for stage, stage_report in zip(kata.stages, report.stages, strict=True):
                runs.append((stage_report, stage, stage.solution_dir, "solution"))
                runs.append((stage_report, stage, stage.start_dir, "start"))
                if (stage.stage_dir / "mutants").is_dir():
                    solution = stage.solution_dir
                    runs.append((stage_report, stage, solution, "refactorings"))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(lambda job: _run(*job), runs))
    return RepoReport(_cli_pages(repo, commands), reports)


def _run(report: StageReport, stage: Stage, workspace: Path, which: str) -> None:
    if not workspace.is_dir():
        return  # already reported as a missing folder
    if which == "refactorings":
        report.problems += _refactoring_problems(stage, workspace)
        return
    try:
        # The start is run as a learner's `kata check` runs it: the expensive checks wait until the
        # cheap ones pass, and the cases prove how the expensive ones fail.
        run = run_checks(stage, workspace, gate=which == "start")
    except KataError as error:
        report.problems.append(f"checks cannot run on its {which} ({error})")
        return
    if which == "solution":
        report.solution_run = run
        for result in run.failures:
            report.problems.append(f"solution fails: {result.sentence} ({result.message})")
        if not run.results:
            report.problems.append("has no checks that ran on its solution")
        for check in run.not_run:
            report.problems.append(
                f"not proven here: '{check.sentence}' could not run on this machine ({check.why})"
            )
        return
    report.start_run = run
    if run.passed:
        report.problems.append("checks pass on its start state; at least one must fail there")
    for result in run.failures:
        if result.kind not in (FailureKind.ASSERTION, FailureKind.WAITING):
            report.problems.append(
                f"on its start state, '{result.sentence}' fails by {_kind(result.kind)}, "
                f"not by a readable assertion: {result.message}"
            )


def _refactoring_problems(stage: Stage, solution: Path) -> list[str]:
    """Every refactoring mutant must keep the reference solution's own tests green."""
    from kata.harness.mutants import judge_tests

    try:
        verdict = judge_tests(solution, stage, mutants=[])
    except (AssertionError, MutantError) as error:
        return [f"its refactoring mutants cannot be tried on the solution ({error})"]
    return [
        f"refactoring '{refactoring.name}' breaks the solution's own tests: {', '.join(tests[:3])}"
        for refactoring, tests in verdict.broken_by
    ]


def _kind(kind: str) -> str:
    return {
        "bare-assert": "an assert without a message",
        "collection": "a collection error",
        "error": "an exception",
    }.get(kind, kind)


def check_static(repo: Repo, name: str) -> tuple[KataReport, Kata | None]:
    report = KataReport(name)
    kata_dir = repo.kata_dir(name)
    try:
        kata = load_kata(kata_dir)
    except KataError as error:
        report.problems.append(str(error))
        return report, None
    slugs = [stage.slug for stage in kata.stages]
    report.problems += _folders(kata_dir / "stages", slugs, "stage folder", "katas")
    report.problems += _folders(repo.solutions_dir / name, slugs, "solution", "solutions")
    for folder in ("start", "workspace"):
        if not (kata_dir / folder).is_dir():
            report.problems.append(f"katas/{name}/{folder}/ is missing")
    if not (repo.root / "docs" / "katas" / name / "index.md").is_file():
        report.problems.append(f"has no page on the site (docs/katas/{name}/index.md)")
    for stage in kata.stages:
        report.stages.append(StageReport(name, stage.slug, _stage_problems(repo, stage)))
    return report, kata


def _folders(parent: Path, slugs: list[str], what: str, top: str) -> list[str]:
    present = {p.name for p in parent.iterdir() if p.is_dir()} if parent.is_dir() else set()
    found = [f"{what} {top}/.../{slug} is missing" for slug in slugs if slug not in present]
    found += [
        f"{what} {parent.relative_to(parent.parents[1])}/{extra} is not in the manifest"
        for extra in sorted(present - set(slugs))
    ]
    return found


def _stage_problems(repo: Repo, stage: Stage) -> list[str]:
    found = list(stage_readme.problems(stage))
    if not list(stage.checks_dir.glob("test_*.py")):
        found.append("has no checks (checks/test_*.py)")
    solution = stage.solution_dir
    try:
        for mutant in load_mutants(stage.stage_dir):
            if solution.is_dir() and not applies_to(solution, mutant):
                where = (
                    f"no function {mutant.function} there"
                    if mutant.function
                    else "find text not there once"
                )
                found.append(f"mutant {mutant.name} cannot be placed in the solution ({where})")
    except MutantError as error:
        found.append(str(error))
    found += _skip_problems(stage)
    found += _scaffold_problems(repo, stage)
    if solution.is_dir():
        found += _notebook_problems(solution)
    found += _site_page_problems(repo, stage)
    return found


SKIPPING = ("pytest.skip", "mark.skip", "skipif", "xfail", "importorskip")


def _skip_problems(stage: Stage) -> list[str]:
    """No check may skip itself: a skipped check counts as failed, so it could never pass."""
    found = []
    for path in sorted(stage.checks_dir.glob("*.py")):
        text = path.read_text(encoding="utf-8")
        for word in SKIPPING:
            if word in text:
                found.append(f"{path.name} uses {word}; a check must decide, never skip")
    return found


CHECK_FILE_LINES = 300


def _scaffold_problems(repo: Repo, stage: Stage) -> list[str]:
    """What `kata dev new` left for the author, and check files grown past what a reader takes in."""
    found = []
    if any(stage_readme.PLACEHOLDER in hint for hint in stage.hints):
        found.append(f"README.md's hints still hold {stage_readme.PLACEHOLDER}")
    cases = repo.root / "tests" / "katas" / stage.kata / "cases" / stage.slug
    for path in sorted([*stage.stage_dir.rglob("*.md"), *stage.stage_dir.rglob("*.py"),
                        *cases.rglob("case.toml")]):  # fmt: skip
        if stage_readme.PLACEHOLDER in path.read_text(encoding="utf-8"):
            found.append(f"{repo.relative(path)} still holds {stage_readme.PLACEHOLDER}")
    for path in sorted(stage.checks_dir.glob("*.py")):
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > CHECK_FILE_LINES:
            found.append(
                f"checks/{path.name} has {lines} lines; keep each under {CHECK_FILE_LINES} (move "
                "support code into a module beside it, shared fixtures into the kata's conftest.py)"
            )
    return found


def _notebook_problems(solution: Path) -> list[str]:
    found = []
    for notebook in sorted(solution.rglob("*.ipynb")):
        if ".ipynb_checkpoints" in notebook.parts:
            continue
        name = notebook.relative_to(solution)
        reason = notebook_pair_in_sync(notebook)
        if reason:
            found.append(f"solution notebook {name}: {reason}")
        cells = json.loads(notebook.read_text(encoding="utf-8")).get("cells", [])
        if any(cell.get("outputs") or cell.get("execution_count") for cell in cells):
            found.append(f"solution notebook {name} carries outputs; strip them (nbstripout)")
    return found


def _site_page_problems(repo: Repo, stage: Stage) -> list[str]:
    page = repo.root / "docs" / "katas" / stage.kata / f"{stage.slug}.md"
    if not page.is_file():
        return [f"has no page on the site (docs/katas/{stage.kata}/{stage.slug}.md)"]
    text = page.read_text(encoding="utf-8")
    include = SNIPPET.format(path=f"katas/{stage.kata}/stages/{stage.slug}/README.md")
    if include not in text:
        return [f"its site page does not include the README with {include}"]
    readme_lines = (
        [line for line in stage.readme.read_text(encoding="utf-8").splitlines() if len(line) > 40]
        if stage.readme.is_file()
        else []
    )
    copied = [line for line in readme_lines if line in text]
    if len(copied) > 2:
        return ["its site page copies lines of the README; include it instead of copying"]
    return []


def _cli_pages(repo: Repo, commands: list[str]) -> list[str]:
    page = repo.root / "docs" / "reference" / "cli.md"
    if not page.is_file():
        return ["the site has no CLI reference (docs/reference/cli.md)"]
    text = page.read_text(encoding="utf-8")
    return [
        f"the CLI reference has no section '## kata {command}'"
        for command in commands
        if f"## kata {command}\n" not in text
    ]
