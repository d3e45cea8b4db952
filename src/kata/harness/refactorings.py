"""Behaviour-preserving rewrites of the learner's code that the learner's tests must survive.

A test suite that fails when the code is reformatted, a local variable renamed or a function's
body moved into a helper pins the text of the code, not what it does (a SHA-256 of the notebook,
a snapshot of `inspect.getsource`). Such a suite is as wrong as one that misses a bug: it fails
every refactoring, so nobody can improve the code under it.

Each rewrite works on a throw-away copy of the workspace and touches only the learner's code (not
`tests/`). A paired notebook script (py:percent) is rewritten cell by cell and its notebook
regenerated from it, as `jupytext --sync` would.
"""

from __future__ import annotations

import ast
import builtins
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kata.harness.mutants import learner_modules, rewrite_notebook_from_script


@dataclass(frozen=True)
class Refactoring:
    name: str
    description: str
    rewrite: Callable[[Path], None]


def _is_notebook_script(path: Path) -> bool:
    return path.with_suffix(".ipynb").is_file() and "# %%" in path.read_text(encoding="utf-8")


def _rewrite_modules(folder: Path, change: Callable[[ast.Module], ast.Module], notebooks: bool):
    """Apply `change` to every learner module that parses (and, with `notebooks`, to every code
    cell of each paired notebook script); files that do not parse are left as they are."""
    for path in learner_modules(folder):
        if _is_notebook_script(path):
            if notebooks:
                _rewrite_cells(path, change)
            continue
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"))
        except (SyntaxError, ValueError):
            continue
        path.write_text(ast.unparse(change(tree)) + "\n", encoding="utf-8")


def _rewrite_cells(script: Path, change: Callable[[ast.Module], ast.Module]) -> None:
    import jupytext

    notebook = jupytext.read(script, fmt="py:percent")
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        try:
            tree = ast.parse(cell.source)
        except SyntaxError:  # magics (%load_ext) and shell lines stay as they are
            continue
        cell.source = ast.unparse(change(tree))
    jupytext.write(notebook, script, fmt="py:percent")
    rewrite_notebook_from_script(script, script.with_suffix(".ipynb"))


def reformat(folder: Path) -> None:
    _rewrite_modules(folder, lambda tree: tree, notebooks=True)


class _RenameLocals(ast.NodeTransformer):
    """Renames each function's local variables (not its parameters, globals or nonlocals)."""

    def visit_FunctionDef(self, node):
        self.generic_visit(node)  # nested functions first, each with its own locals
        declared = {
            name
            for child in ast.walk(node)
            if isinstance(child, ast.Global | ast.Nonlocal)
            for name in child.names
        }
        # Names bound other than by assignment (imports, classes, `except ... as`) stay as they are.
        for child in ast.walk(node):
            if isinstance(child, ast.Import | ast.ImportFrom):
                declared.update((a.asname or a.name).split(".")[0] for a in child.names)
            elif isinstance(child, ast.ClassDef | ast.ExceptHandler) and child.name:
                declared.add(child.name)
        parameters = {arg.arg for arg in ast.walk(node.args) if isinstance(arg, ast.arg)}
        nested = [
            child
            for child in ast.walk(node)
            if child is not node and isinstance(child, ast.FunctionDef | ast.Lambda)
        ]
        inner = {id(n) for fn in nested for n in ast.walk(fn)}
        stored = {
            child.id
            for child in ast.walk(node)
            if isinstance(child, ast.Name)
            and isinstance(child.ctx, ast.Store)
            and id(child) not in inner
        }
        local = stored - declared - parameters - set(dir(builtins))
        renames = {name: f"{name}_renamed" for name in local}
        # A nested function that reads one of these locals (a closure) reads the renamed one,
        # unless it binds the name itself.
        shadowing: dict[int, list[set[str]]] = {}
        for fn in nested:
            own = {arg.arg for arg in ast.walk(fn.args) if isinstance(arg, ast.arg)} | {
                n.id
                for n in ast.walk(fn)
                if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)
            }
            for n in ast.walk(fn):
                shadowing.setdefault(id(n), []).append(own)
        for child in ast.walk(node):
            if (
                isinstance(child, ast.Name)
                and child.id in renames
                and not any(child.id in own for own in shadowing.get(id(child), []))
            ):
                child.id = renames[child.id]
        return node

    visit_AsyncFunctionDef = visit_FunctionDef


def rename_locals(folder: Path) -> None:
    _rewrite_modules(folder, lambda tree: _RenameLocals().visit(tree), notebooks=False)


def _extract_bodies(tree: ast.Module) -> ast.Module:
    """Each public top-level function keeps its name and signature; its body moves to a helper."""
    body = []
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef) or node.name.startswith("_"):
            body.append(node)
            continue
        public = node.name
        node.name = f"_{public}_body"
        wrapper = ast.parse(
            f"@__import__('functools').wraps({node.name})\n"
            f"def {public}(*args, **kwargs):\n"
            f"    return {node.name}(*args, **kwargs)\n"
        ).body[0]
        body += [node, wrapper]
    tree.body = body
    return tree


def extract_helpers(folder: Path) -> None:
    _rewrite_modules(folder, _extract_bodies, notebooks=False)


def add_a_note(folder: Path) -> None:
    """A markdown note and an empty-looking code cell added at the top of each paired notebook."""
    import jupytext
    import nbformat

    for path in learner_modules(folder):
        if not _is_notebook_script(path):
            continue
        notebook = jupytext.read(path, fmt="py:percent")
        notebook.cells[1:1] = [
            nbformat.v4.new_markdown_cell("A note added in review: nothing below changes."),
            nbformat.v4.new_code_cell("# reviewed"),
        ]
        jupytext.write(notebook, path, fmt="py:percent")
        rewrite_notebook_from_script(path, path.with_suffix(".ipynb"))


REFORMATTED = Refactoring(
    "reformatted", "the code reformatted (other quotes, line breaks and no comments)", reformat
)
LOCALS_RENAMED = Refactoring(
    "locals-renamed", "every function's local variables renamed", rename_locals
)
HELPERS_EXTRACTED = Refactoring(
    "helpers-extracted",
    "each public function's body moved into a private helper that the function calls",
    extract_helpers,
)
NOTE_ADDED = Refactoring(
    "note-added",
    "a markdown note and a comment cell added near the top of the notebook",
    add_a_note,
)
STANDARD = (REFORMATTED, LOCALS_RENAMED, HELPERS_EXTRACTED, NOTE_ADDED)
