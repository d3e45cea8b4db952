"""Deliberate bugs that the learner's own tests must catch, applied to the learner's own code.

A stage lists its mutants in `mutants/mutants.py` as `MUTANTS = [Mutant(...), ...]`. Each is one of:

- a *function mutant*: `function="impute_missing", wrap=...`. The harness finds the learner's
  definition of that function by name (through the AST, in whatever module defines it) and rebinds
  the name, at the end of that module, to `wrap(original)`: the learner's own function with one
  realistic slip around it. Whatever the learner's code looks like, the slip is the same.
- a *library mutant*: `patch=...`, a function that changes a library (a median that takes the
  mean, a seed that moves by one, a data file that loses a row) in every process of the run,
  notebook kernels and scripts included. It reaches code that has no function to wrap, such as a
  notebook.
- a *rewrite mutant* (`rewrite`): a function that changes the learner's files in the copy (a cell
  appended to the notebook's script), for slips in a notebook that no library call reaches;
- a *text mutant* (`edits`): a find-and-replace in a named file of the learner's, for a slip that
  only makes sense on a line the stage itself asks for; it is tried only where the text is found.

`REFACTORINGS` (see `kata.harness.refactorings`) lists behaviour-preserving rewrites that the
learner's tests must survive; a stage that grades tests uses the standard ones unless it says
otherwise.
"""

from __future__ import annotations

import ast
import importlib.util
import os
import shutil
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

from kata.harness import staging
from kata.harness.failures import fail
from kata.harness.slips import TRIGGERED

MUTANTS_FILE = Path("mutants") / "mutants.py"
TESTS_FOLDER = "tests"
ENVIRONMENT = "KATA_MUTANT"
ACTIVATION = Path(__file__).resolve().parent / "activation"


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
    function: str = ""
    wrap: Callable[[Callable], Callable] | None = None
    patch: Callable[[], None] | None = None
    edits: tuple[Edit, ...] = ()
    rewrite: Callable[[Path], None] | None = None  # changes the learner's files in a copy
    source: Path | None = field(default=None, compare=False)  # the mutants.py that defines it

    @property
    def key(self) -> str:
        return f"{self.source}::{self.name}"


_tried_alone: frozenset[str] | None = None  # see try_only


def try_only(names: Sequence[str]) -> None:
    """From now on, in this process, `judge_tests` tries only the mutants of these names, whether
    a stage's file or a check made them (an earlier stage's notebook as a slip).

    The repository's case runner proves a wrong hand-in wrong with the mutant its tests let
    through (`survives` in a case): a check fails with that mutant alone exactly when it survives
    the whole batch, since each mutant runs in a copy of its own, and the mutants the tests catch
    are not paid for. `kata check` never narrows the batch."""
    global _tried_alone
    _tried_alone = frozenset(names) if names else None


def load_mutants(stage_dir: Path) -> list[Mutant]:
    """The stage's mutants, from `mutants/mutants.py` (none when the stage has no such file)."""
    if (stage_dir / MUTANTS_FILE).is_file():
        return _from_python(stage_dir / MUTANTS_FILE, f"{stage_dir.name}/{MUTANTS_FILE}")
    return []


def load_refactorings(stage_dir: Path) -> list:
    """The rewrites the learner's tests must survive: the stage's own list, or the standard one."""
    from kata.harness.refactorings import STANDARD

    path = stage_dir / MUTANTS_FILE
    if not path.is_file():
        return list(STANDARD)
    return list(getattr(mutants_module(path), "REFACTORINGS", STANDARD))


_modules: dict[Path, ModuleType] = {}


def mutants_module(path: Path) -> ModuleType:
    path = path.resolve()
    if path not in _modules:
        name = f"_kata_mutants_{abs(hash(path))}"
        spec = importlib.util.spec_from_file_location(name, path)
        if spec is None or spec.loader is None:
            raise MutantError(f"{path}: cannot be loaded")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
        _modules[path] = module
    return _modules[path]


def _from_python(path: Path, where: str) -> list[Mutant]:
    try:
        module = mutants_module(path)
    except MutantError:
        raise
    except Exception as error:
        raise MutantError(f"{where}: cannot be loaded ({type(error).__name__}: {error})") from None
    raw = getattr(module, "MUTANTS", None)
    if not raw:
        raise MutantError(f"{where}: defines no MUTANTS")
    mutants = []
    for mutant in raw:
        if not isinstance(mutant, Mutant) or not mutant.name or not mutant.description:
            raise MutantError(f"{where}: each of MUTANTS is a Mutant with a name and a description")
        kinds = [
            bool(mutant.wrap and mutant.function),
            bool(mutant.patch),
            bool(mutant.edits),
            bool(mutant.rewrite),
        ]
        for edit in mutant.edits:
            if edit.find == edit.replace:
                raise MutantError(f"{where}: {mutant.name}: replace is the same as find")
        if sum(kinds) != 1:
            raise MutantError(
                f"{where}: {mutant.name} needs exactly one of function+wrap, patch, edits or rewrite"
            )
        mutants.append(Mutant(**{**mutant.__dict__, "source": path.resolve()}))
    names = [mutant.name for mutant in mutants]
    if len(set(names)) != len(names):
        raise MutantError(f"{where}: two mutants share a name")
    return mutants


# Placing a mutant in a copy of the learner's workspace


def learner_modules(folder: Path) -> list[Path]:
    """The learner's Python files: everything but tests, conftest files and hidden folders."""
    found = []
    for path in sorted(folder.rglob("*.py")):
        parts = path.relative_to(folder).parts
        if parts[0] == TESTS_FOLDER or path.name == "conftest.py":
            continue
        if any(part.startswith(".") or part == "__pycache__" for part in parts):
            continue
        found.append(path)
    return found


def definitions(folder: Path, function: str) -> list[Path]:
    """The learner's files that define `function` at their top level."""
    found = []
    for path in learner_modules(folder):
        try:
            tree = ast.parse(path.read_bytes())
        except (SyntaxError, ValueError):
            continue
        if any(
            isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name == function
            for node in tree.body
        ):
            found.append(path)
    return found


def applies_to(folder: Path, mutant: Mutant) -> bool:
    """Whether the mutant can be placed in `folder`."""
    if mutant.patch or mutant.rewrite:
        return True
    if mutant.wrap:
        return bool(definitions(folder, mutant.function))
    for edit in mutant.edits:
        path = folder / edit.file
        if not path.is_file() or path.read_text(encoding="utf-8").count(edit.find) != 1:
            return False
    return True


_WRAP = """

# kata: a deliberate slip for the checks, "{name}". This copy is thrown away after the run.
def _kata_slip():
    from kata.harness.mutants import wrapper_of
    return wrapper_of({key!r})


{function} = _kata_slip()({function})
"""


def apply_mutant(folder: Path, mutant: Mutant) -> None:
    """Place the mutant in `folder` (a copy); library mutants are switched on when the run starts."""
    if mutant.rewrite:
        mutant.rewrite(folder)
        return
    if mutant.wrap:
        places = definitions(folder, mutant.function)
        if not places:
            raise MutantError(f"mutant {mutant.name}: no function {mutant.function} in {folder}")
        for path in places:
            text = path.read_text(encoding="utf-8")
            code = _WRAP.format(name=mutant.name, key=mutant.key, function=mutant.function)
            path.write_text(text.rstrip("\n") + "\n" + code, encoding="utf-8")
        return
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
            rewrite_notebook_from_script(path, twin)


def rewrite_notebook_from_script(script: Path, notebook: Path) -> None:
    import jupytext

    jupytext.write(jupytext.read(script, fmt="py:percent"), notebook, fmt="ipynb")


def _find(key: str) -> Mutant:
    path, _, name = key.rpartition("::")
    for mutant in load_mutants(Path(path).parent.parent):
        if mutant.name == name:
            return mutant
    raise MutantError(f"no mutant {name} in {path}")


def wrapper_of(key: str) -> Callable[[Callable], Callable]:
    """The wrap function of a function mutant (called from the code placed in the learner's copy)."""
    mutant = _find(key)
    assert mutant.wrap is not None
    return mutant.wrap


def activation_environment(mutant: Mutant) -> dict[str, str]:
    """Environment variables that switch a library mutant on in every Python process started."""
    if not mutant.patch:
        return {}
    path = os.pathsep.join(filter(None, [str(ACTIVATION), os.environ.get("PYTHONPATH", "")]))
    return {ENVIRONMENT: mutant.key, "PYTHONPATH": path}


def activate_from_environment() -> None:
    """Apply the library mutant named in KATA_MUTANT (called by the activation sitecustomize)."""
    mutant = _find(os.environ[ENVIRONMENT])
    if mutant.patch:
        mutant.patch()


def describe(mutants: Sequence[Mutant]) -> str:
    return "; ".join(f"{m.name} ({m.description})" for m in mutants)


# The verdict on the learner's tests


@dataclass
class TestVerdict:
    """What the learner's tests did against the stage's mutants and refactorings."""

    baseline: object  # the TestRun of the learner's tests on their own code, copied the same way
    survivors: list[Mutant]  # mutants no test caught
    not_placed: list[Mutant]  # function mutants whose function the learner's code does not define
    broken_by: list[tuple[object, list[str]]]  # refactorings that failed tests, with those tests

    __test__ = False


def judge_tests(
    workspace: Path,
    stage,
    mutants: Sequence[Mutant] | None = None,
    refactorings: Sequence | None = None,
    without: Sequence[str] = (),
    baseline=None,
    cpu_limit: float | None = None,
) -> TestVerdict:
    """Run the learner's tests against each mutant (they must fail) and each refactoring (they must
    still pass), all side by side, on copies of the learner's workspace.

    `without` names paths left out of every copy (for example the golden master, or `../data`
    given as "../data", so that only tests on hand-built frames can catch a slip). `baseline` is
    the TestRun of the same tests on the learner's own code, when a batch already ran it.
    `cpu_limit` ends any run that has used that many seconds of the processor.
    """
    from kata.harness.learner_tests import run_test_suites

    workspace = Path(workspace)
    mutants = list(load_mutants(stage.stage_dir) if mutants is None else mutants)
    if _tried_alone is not None:
        mutants = [mutant for mutant in mutants if mutant.name in _tried_alone]
    if refactorings is None:
        refactorings = load_refactorings(stage.stage_dir)
    if not list((workspace / TESTS_FOLDER).rglob("test_*.py")):
        fail(
            f"There are no test files (test_*.py) in {TESTS_FOLDER}/ yet, "
            "so nothing can catch a broken version of your code."
        )
    kata_dir = staging.kata_dir_of(workspace) or stage.kata_dir
    placed = [m for m in mutants if applies_to(workspace, m)]
    not_placed = [m for m in mutants if m not in placed]
    # The tests must pass on the learner's own code first; until they do, a "caught" mutant
    # proves nothing, so the batch is not worth running.
    if baseline is None:
        baseline_copy = _copy_without(workspace, kata_dir, without)
        try:
            (baseline,) = run_test_suites([baseline_copy], cpu_limit=cpu_limit)
        finally:
            staging.remove_stage(baseline_copy)
    if not baseline.ok or not (placed or refactorings):
        return TestVerdict(baseline, [], not_placed, [])
    copies, environments = [], []
    try:
        markers = {}
        for mutant in placed:
            copy = _copy_without(workspace, kata_dir, without)
            apply_mutant(copy, mutant)
            copies.append(copy)
            environment = activation_environment(mutant)
            if mutant.patch:
                markers[mutant.name] = copy.parent / ".slip-triggered"
                environment[TRIGGERED] = str(markers[mutant.name])
            environments.append(environment)
        # The rewrites are tried together, in one copy: tests that survive them all survive each
        # (each keeps the behaviour). Only when that run fails is each tried alone, to say which.
        combined = _copy_without(workspace, kata_dir, without)
        copies.append(combined)
        tried = _rewrite_with_each(combined, refactorings)
        if tried:
            environments.append({})
        else:
            staging.remove_stage(copies.pop())
        # A mutant run can stop at its first failure, and meets the quickest test files first; a
        # refactoring's run goes on to list every test it broke.
        stops = [True] * len(placed) + ([False] if tried else [])
        runs = run_test_suites(
            copies,
            environments=environments,
            stop_at_first_failure=stops,
            order=baseline.files_cheapest_first(),
            cpu_limit=cpu_limit,
        )
        acted = {name for name, marker in markers.items() if marker.exists()}
    finally:
        for copy in copies:
            staging.remove_stage(copy)
    mutant_runs = runs[: len(placed)]
    # A library slip that the learner's code never reached cannot be caught, and is not counted.
    reached = [m for m in placed if not m.patch or m.name in acted]
    # Caught means a test failed or erred: tests that skip themselves under a slip catch nothing.
    survivors = [
        m
        for m, run in zip(placed, mutant_runs, strict=True)
        if m in reached and not (run.failed or run.errors or run.timed_out)
    ]
    broken = []
    if tried and not runs[-1].ok:
        broken = _broken_alone(workspace, kata_dir, without, tried) or [
            (_together(tried), _failing(runs[-1]))
        ]
    return TestVerdict(baseline, survivors, not_placed, broken)


def _rewrite_with_each(copy: Path, refactorings: Sequence) -> list:
    """Apply each refactoring to `copy` in turn; the ones that changed something."""
    changed = []
    for refactoring in refactorings:
        before = _code_digest(copy)
        refactoring.rewrite(copy)
        if _code_digest(copy) != before:
            changed.append(refactoring)
    return changed


def _broken_alone(workspace: Path, kata_dir: Path, without: Sequence[str], tried: list) -> list:
    """Each refactoring of `tried` on a copy of its own: those that fail tests, with the tests."""
    from kata.harness.learner_tests import run_test_suites

    copies = []
    try:
        for refactoring in tried:
            copy = _copy_without(workspace, kata_dir, without)
            refactoring.rewrite(copy)
            copies.append(copy)
        runs = run_test_suites(copies)
    finally:
        for copy in copies:
            staging.remove_stage(copy)
    return [
        (refactoring, _failing(run))
        for refactoring, run in zip(tried, runs, strict=True)
        if not run.ok
    ]


def _failing(run) -> list[str]:
    return run.failing or [run.summary()]


def _together(tried: list):
    """The refactorings of `tried` as one, for tests that fail only when they come together."""
    from kata.harness.refactorings import Refactoring

    def rewrite(folder: Path) -> None:
        for refactoring in tried:
            refactoring.rewrite(folder)

    description = "all of these at once: " + "; ".join(r.description for r in tried)
    return Refactoring("rewrites-together", description, rewrite)


def _code_digest(folder: Path) -> str:
    import hashlib

    digest = hashlib.sha256()
    for path in learner_modules(folder):
        digest.update(path.read_bytes())
    for path in sorted(folder.glob("*.ipynb")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _copy_without(workspace: Path, kata_dir: Path, without: Sequence[str]) -> Path:
    copy = staging.stage_copy(workspace, kata_dir)
    for relative in without:
        target = (copy / relative).resolve()
        if not target.is_relative_to(copy.parent.parent):
            raise MutantError(f"{relative}: outside the staged copy; refusing to remove it")
        if target.is_dir():
            shutil.rmtree(target)
        elif target.exists():
            target.unlink()
    return copy
