"""Every discrimination case gets the verdict it expects from `kata check`.

A case (tests/katas/<kata>/cases/<stage>/<case>/) is a hand-in a learner could make, written from
the stage README alone by someone who had not seen the checks: correct ones written differently
from the reference, and wrong ones that skip the lesson (one per "Done when" item and per kind of
shortcut). See docs/reference/authoring-a-stage.md for the format of case.toml: base, expect, why, fails,
survives, remove, edits and known_gap for a wrong verdict that is known and not fixed yet.
"""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import jupytext
import pytest

from kata.manifest import Stage, find_kata
from kata.results import FailureKind
from kata.runner import run_checks

REPO = Path(__file__).resolve().parents[2]
CASES = sorted(REPO.glob("tests/katas/*/cases/*/*/case.toml"))
SCRIPTS = ("analysis", "explore")

pytestmark = pytest.mark.slow


def case_id(path: Path) -> str:
    return f"{path.parents[3].name}/{path.parents[1].name[:2]}/{path.parent.name}"


def stage_of(case: Path) -> Stage:
    return find_kata(REPO / "katas", case.parents[3].name).stage(case.parents[1].name)


def build(case: Path, spec: dict, stage: Stage, tmp_path: Path) -> Path:
    base = stage.solution_dir if spec["base"] == "solution" else stage.start_dir
    workspace = tmp_path / "workspace"
    shutil.copytree(base, workspace, ignore=shutil.ignore_patterns("__pycache__", ".pytest_cache"))
    for relative in spec.get("remove", []):
        target = workspace / relative
        shutil.rmtree(target) if target.is_dir() else target.unlink(missing_ok=True)
    overlay = case.parent / "workspace"
    changed = set()
    if overlay.is_dir():
        shutil.copytree(overlay, workspace, dirs_exist_ok=True)
        changed = {path.name for path in overlay.iterdir() if path.is_file()}
    for edit in spec.get("edits", []):
        apply_edit(case, workspace, edit)
        changed.add(Path(edit["file"]).name)
    for name in SCRIPTS:
        notebook_given = overlay.is_dir() and (overlay / f"{name}.ipynb").is_file()
        if f"{name}.py" in changed and not notebook_given:
            paired = jupytext.read(workspace / f"{name}.py", fmt="py:percent")
            jupytext.write(paired, workspace / f"{name}.ipynb", fmt="ipynb")
    return workspace


def apply_edit(case: Path, workspace: Path, edit: dict) -> None:
    """One `[[edits]]` entry: `find` occurs exactly once in `file` and becomes `replace`, so a case
    that differs from its base by a line says which line, and stops applying if the base moves."""
    target = workspace / edit["file"]
    assert target.is_file(), f"{case}: edits: no file {edit['file']} in the base and overlay"
    text = target.read_text(encoding="utf-8")
    found = text.count(edit["find"])
    assert found == 1, (
        f"{case}: edits: {edit['find']!r} occurs {found} times in {edit['file']}; it must occur "
        "once (quote more of the line)"
    )
    target.write_text(text.replace(edit["find"], edit["replace"]), encoding="utf-8")


def with_known_gaps(cases: list[Path]) -> list:
    """A case whose wrong verdict is known and not fixed yet says so (`known_gap = "why"`): it
    runs as a strict xfail, so the day the checks get it right, the suite asks to drop the note."""
    params = []
    for case in cases:
        gap = tomllib.loads(case.read_text(encoding="utf-8")).get("known_gap")
        marks = [pytest.mark.xfail(reason=gap, strict=True)] if gap else []
        params.append(pytest.param(case, marks=marks, id=case_id(case)))
    return params


@pytest.mark.parametrize("case", with_known_gaps(CASES))
def test_kata_check_gives_the_expected_verdict(case, tmp_path):
    spec = read_case(case)
    stage = stage_of(case)
    workspace = build(case, spec, stage, tmp_path)
    # A wrong hand-in is proven wrong by the checks it names, so only those run; a right one runs
    # every check.
    fails = spec.get("fails", [])
    # A wrong case that names the mutant its tests let through tries that mutant alone: the check
    # fails with it alone if and only if it survives in the whole batch, which costs far more.
    run = run_checks(
        stage,
        workspace,
        only=sorted({name.split("[")[0] for name in fails}),
        mutants=spec.get("survives", ()),
    )
    failures = "\n".join(f"{r.name}: {r.kind}: {r.message[:300]}" for r in run.failures)
    missing = "; ".join(f"{check.name}: {check.why}" for check in run.not_run)
    assert not missing, f"a case proves nothing with checks left out (.ci/run installs): {missing}"
    if spec["expect"] == "pass":
        assert run.passed, f"{spec['why']}\nbut it failed:\n{failures}"
        return
    tried = (
        f"\nOnly {spec['survives']} was tried (survives): does it still survive, and is that its "
        "name in the check's message?"
        if spec.get("survives")
        else ""
    )
    for name in fails:
        assert caught_by(run, name), (
            f"{name} should fail ({spec['why']}); failures:\n{failures}{tried}"
        )
    readable = (FailureKind.ASSERTION, FailureKind.SKIPPED, FailureKind.MISSING)
    unreadable = [r for r in run.failures if r.kind not in readable]
    assert not unreadable, f"it failed, but not by a readable assertion:\n{failures}"


def caught_by(run, name: str) -> bool:
    """Whether the check `name` failed; `name[param]` pins one parameter of a parametrized check
    (which bad input, which slip), since the check as a whole fails on any one of them."""
    if "[" not in name:
        return run.failed(name) is not None
    return any(result.id.endswith(f"::{name}") for result in run.failures)


KEYS = {"base", "expect", "why", "fails", "survives", "remove", "edits", "known_gap"}


def read_case(case: Path) -> dict:
    """case.toml, after the checks that make it a proof: known keys only, and a wrong case names
    the checks that must catch it (a wrong case that fails "somewhere" may fail for a reason its
    author never meant, and hide that the check it was written for lets the slip through)."""
    spec = tomllib.loads(case.read_text(encoding="utf-8"))
    unknown = sorted(set(spec) - KEYS)
    assert not unknown, f"{case}: unknown keys {unknown}; the keys are {sorted(KEYS)}"
    for edit in spec.get("edits", []):
        stray = sorted(set(edit) - {"file", "find", "replace"})
        assert not stray, (
            f"{case}: {stray} inside an [[edits]] table; a key written after an [[edits]] block "
            "belongs to that edit in TOML, so put the case's own keys before the first [[edits]]"
        )
    assert spec.get("expect") in ("pass", "fail"), f'{case}: expect is "pass" or "fail"'
    assert spec.get("base") in ("start", "solution"), f'{case}: base is "start" or "solution"'
    if spec["expect"] == "fail":
        assert spec.get("fails"), (
            f"{case}: a wrong case names the checks that catch it: fails = [...]"
        )
    else:
        assert not spec.get("fails"), f"{case}: a right case fails no check; drop its fails"
        assert not spec.get("survives"), f"{case}: nothing survives a right case; drop survives"
    return spec
