"""Deliberate bugs that the learner's own tests must catch."""

from __future__ import annotations

import shutil
import tomllib
from dataclasses import dataclass
from pathlib import Path

from kata.harness import staging
from kata.harness.failures import fail
from kata.harness.learner_tests import run_test_suites

MUTANTS_FILE = Path("mutants") / "mutants.toml"
TESTS_FOLDER = "tests"


class MutantError(ValueError):
    """A mutants file that cannot be used; the message names the file and the problem."""


@dataclass(frozen=True)
class Edit:
    file: str
    find: str
    replace: str


@dataclass(frozen=True)
class Mutant:
    name: str
    description: str
    edits: tuple[Edit, ...]


def load_mutants(stage_dir: Path) -> list[Mutant]:
    path = stage_dir / MUTANTS_FILE
    if not path.is_file():
        return []
    where = f"{stage_dir.name}/{MUTANTS_FILE}"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise MutantError(f"{where}: not valid TOML ({error})") from None
    mutants = []
    for index, raw in enumerate(data.get("mutant", [])):
        field = f"{where}: mutant[{index}]"
        name, description = raw.get("name"), raw.get("description")
        if not name or not description:
            raise MutantError(f"{field}: needs a name and a one-line description")
        raw_edits = raw.get("edits") or [raw]
        edits = []
        for edit in raw_edits:
            if not all(isinstance(edit.get(key), str) for key in ("file", "find", "replace")):
                raise MutantError(f"{field} ({name}): each edit needs file, find and replace texts")
            if edit["find"] == edit["replace"]:
                raise MutantError(f"{field} ({name}): replace is the same as find; nothing changes")
            edits.append(Edit(edit["file"], edit["find"], edit["replace"]))
        mutants.append(Mutant(name, description, tuple(edits)))
    if not mutants:
        raise MutantError(f"{where}: lists no [[mutant]]")
    return mutants


def applies_to(folder: Path, mutant: Mutant) -> bool:
    """Whether every edit finds its text exactly once in `folder`."""
    for edit in mutant.edits:
        path = folder / edit.file
        if not path.is_file() or path.read_text(encoding="utf-8").count(edit.find) != 1:
            return False
    return True


def apply_mutant(folder: Path, mutant: Mutant) -> None:
    for edit in mutant.edits:
        path = folder / edit.file
        text = path.read_text(encoding="utf-8")
        count = text.count(edit.find)
        if count != 1:
            raise MutantError(
                f"mutant {mutant.name}: {edit.file} holds its find text {count} times, not once"
            )
        path.write_text(text.replace(edit.find, edit.replace), encoding="utf-8")
        twin = path.with_suffix(".ipynb")
        if path.suffix == ".py" and twin.is_file():
            _rewrite_notebook_from_script(path, twin)


def _rewrite_notebook_from_script(script: Path, notebook: Path) -> None:
    import jupytext

    jupytext.write(jupytext.read(script, fmt="py:percent"), notebook, fmt="ipynb")


def surviving_mutants(workspace: Path, stage) -> list[Mutant]:
    """The stage's mutants that the learner's tests in `tests/` do not catch.

    A mutant is applied to a copy of the learner's workspace when its text is found there;
    otherwise to a copy of the stage's reference solution, with the learner's tests laid over it.
    """
    workspace = Path(workspace)
    if not list((workspace / TESTS_FOLDER).rglob("test_*.py")):
        fail(
            f"There are no test files (test_*.py) in {TESTS_FOLDER}/ yet, "
            "so nothing can catch a broken version of your code."
        )
    kata_dir = staging.kata_dir_of(workspace) or stage.stage_dir.parent.parent
    copies, on_reference = [], []
    try:
        for mutant in stage.mutants:
            if applies_to(workspace, mutant):
                copy = staging.stage_copy(workspace, kata_dir)
            else:
                copy = _reference_with_learner_tests(stage.solution_dir, workspace, kata_dir)
                on_reference.append(mutant)
            apply_mutant(copy, mutant)
            copies.append(copy)
        if on_reference:
            baseline = _reference_with_learner_tests(stage.solution_dir, workspace, kata_dir)
            copies.append(baseline)
        # Stopping at the first failure is enough to tell a caught mutant; a passing run runs all.
        runs = run_test_suites(copies, stop_at_first_failure=True)
        if on_reference and not runs[-1].ok:
            edit = on_reference[0].edits[0]
            fail(
                f"The broken version '{on_reference[0].name}' changes a line your {edit.file} "
                f"does not have ({edit.find.strip()!r}), so it was tried on this stage's reference "
                f"solution instead, and your tests do not pass there ({runs[-1].summary()}). "
                "Keep the lines the stage README names, or test only the names it specifies."
            )
        return [mutant for mutant, run in zip(stage.mutants, runs, strict=False) if run.ok]
    finally:
        for copy in copies:
            staging.remove_stage(copy)


def _reference_with_learner_tests(solution: Path, workspace: Path, kata_dir: Path) -> Path:
    copy = staging.stage_copy(solution, kata_dir)
    shutil.rmtree(copy / TESTS_FOLDER, ignore_errors=True)
    staging.copy_tree(workspace / TESTS_FOLDER, copy / TESTS_FOLDER)
    return copy


def describe(mutants: list[Mutant]) -> str:
    return "; ".join(f"{m.name} ({m.description})" for m in mutants)
