"""What a "run it again" stage looks at: paths from one machine, and outputs that change per run."""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from kata.harness.failures import fail
from kata.harness.notebooks import (
    ExecutedNotebook,
    notebook_pair_in_sync,
    read_notebook,
    run_notebook_many,
    without_magics,
)

# A string that starts like a path on somebody's machine: /Users/..., /home/..., ~/..., C:\...
ABSOLUTE = re.compile(r"^(/[A-Za-z]|~[/\\]|[A-Za-z]:[\\/])")
# Object addresses ("<... at 0x7f3a...>") change from run to run and are not results.
ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")
HOME_CALLS = {"home", "expanduser", "getlogin"}


def fresh_runs_or_why(notebook: Path, runs: int = 2) -> list[ExecutedNotebook] | str:
    """The notebook executed `runs` times, each in a fresh kernel; or, as text, why it did not run
    (a failing cell). A missing or broken notebook fails at once, with its own message."""
    read_notebook(notebook)
    try:
        return run_notebook_many(notebook, runs=runs)
    except AssertionError as error:
        return str(error)


def machine_specific_paths(workspace: Path, notebook: str) -> list[str]:
    """Each place in the notebook (and its paired script) that names a path of one machine:
    an absolute path in a string, or a path built from a home folder or user name."""
    found = []
    for where, source in _code(workspace, notebook):
        for line, text in _string_literals(source):
            if ABSOLUTE.match(text.strip()):
                found.append(f"{where} line {line}: {text!r}")
        for line, call in _home_lookups(source):
            found.append(f"{where} line {line}: {call}")
    return found


def first_differing_cell(
    first: ExecutedNotebook, second: ExecutedNotebook
) -> tuple[int, str, str] | None:
    """(cell number, first run's line, second run's line) of the first code cell whose printed
    and shown results differ between two runs, warnings and object addresses aside; or None."""
    for number, (cell, twin) in enumerate(zip(first.cells, second.cells, strict=True), start=1):
        one, other = _results(cell), _results(twin)
        if one != other:
            return number, _first_difference(one, other), _first_difference(other, one)
    return None


def _results(cell) -> str:
    """What a cell printed and showed, without warnings (stderr) and object addresses."""
    parts = []
    for output in cell.get("outputs", []) if cell.cell_type == "code" else []:
        if output.output_type == "stream" and output.name == "stdout":
            parts.append(output.text)
        elif output.output_type in ("execute_result", "display_data"):
            parts.append(output.get("data", {}).get("text/plain", ""))
    return ADDRESS.sub("", "".join(parts))


def _code(workspace: Path, notebook: str) -> list[tuple[str, str]]:
    """(where, code) for each code cell of the notebook, and for its paired script if it exists."""
    sources = [
        (f"{notebook}, cell {number},", cell.source)
        for number, cell in enumerate(read_notebook(workspace / notebook).cells, start=1)
        if cell.cell_type == "code"
    ]
    script = (workspace / notebook).with_suffix(".py")
    if script.is_file():
        sources.append((f"{script.name},", script.read_text(encoding="utf-8")))
    return sources


def _string_literals(source: str) -> list[tuple[int, str]]:
    """(line, text) of every string literal in a cell; magics and shell lines are skipped."""
    lines = without_magics(source).splitlines()
    try:
        tree = ast.parse("\n".join(lines))
    except SyntaxError:
        # Not Python we can read: fall back to quoted text on each line.
        return [
            (number, match)
            for number, line in enumerate(lines, start=1)
            for match in re.findall(r"[\"']([^\"']+)[\"']", line)
        ]
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    ]


def _home_lookups(source: str) -> list[tuple[int, str]]:
    """(line, code) of each place that builds a path from somebody's home folder or user name."""
    try:
        tree = ast.parse(without_magics(source))
    except SyntaxError:
        return []
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            if name in HOME_CALLS:
                found.append((node.lineno, ast.unparse(node)))
        elif isinstance(node, ast.Constant) and node.value in ("HOME", "USERPROFILE"):
            found.append((node.lineno, repr(node.value)))
    return found


def _first_difference(text: str, other: str) -> str:
    """The first line of `text` that differs from `other`, shortened."""
    for line, other_line in zip(
        text.splitlines() or [""], other.splitlines() or [""], strict=False
    ):
        if line != other_line:
            return line.strip()[:120] or "(empty)"
    return text.strip().splitlines()[-1][:120] if text.strip() else "(no output)"


@dataclass(frozen=True)
class RerunChecks:
    """The checks of a "run it again" stage, written once for every kata's first stage.

    A stage's check file names each check, so that its cases and its README can, and says in its
    kata's words where the README asks for each fix:

        RERUN = RerunChecks("analysis.ipynb", pair_step="Step 3 of the README", ...)
        two_runs = RERUN.two_runs()
        test_the_notebook_is_paired_and_in_sync = RERUN.paired()
        test_no_absolute_paths = RERUN.no_absolute_paths()
        test_the_notebook_runs_top_to_bottom_in_a_fresh_kernel = RERUN.runs_top_to_bottom()
        test_two_fresh_runs_give_identical_results = RERUN.runs_alike()

    A further check of the stage takes the `two_runs` fixture: two executed notebooks, or the text
    of why the notebook did not run.
    """

    notebook: str
    pair_step: str  # where the README pairs the notebook ("Step 1 of the README")
    relative_path: str  # a path relative to the notebook's folder, as the README gives it
    first_failures: str  # what usually fails in the first failing cell of this notebook
    seeding: str  # how this notebook's randomness is seeded

    def two_runs(self) -> Callable:
        """The fixture `two_runs`: two executions, each in its own fresh kernel; or why not."""

        @pytest.fixture(scope="module", name="two_runs")
        def two_runs(workspace):
            return fresh_runs_or_why(workspace / self.notebook)

        return two_runs

    def paired(self) -> Callable:
        def check(workspace):
            problem = notebook_pair_in_sync(workspace / self.notebook)
            assert problem is None, f"{problem} ({self.pair_step}.)"

        script = Path(self.notebook).with_suffix(".py").name
        check.__doc__ = (
            f"{self.notebook} is paired with {script} (py:percent) and both hold the same cells."
        )
        return check

    def no_absolute_paths(self) -> Callable:
        def check(workspace):
            found = machine_specific_paths(workspace, self.notebook)
            assert not found, (
                "The notebook still names a path that only exists on one machine: "
                + "; ".join(found)
                + f". Use a path relative to the notebook's folder: {self.relative_path}."
            )

        check.__doc__ = (
            "The code names no path of one machine, so it runs on any machine that has the "
            "repository."
        )
        return check

    def runs_top_to_bottom(self) -> Callable:
        def check(two_runs):
            if isinstance(two_runs, str):
                fail(
                    f"{two_runs}. In Jupyter, use 'Restart Kernel and Run All Cells' and fix the "
                    f"first cell that fails: {self.first_failures}."
                )

        check.__doc__ = (
            "The notebook runs from the first cell to the last in a fresh kernel, without errors."
        )
        return check

    def runs_alike(self) -> Callable:
        def check(two_runs):
            if isinstance(two_runs, str):
                fail(
                    "The two runs cannot be compared until the notebook runs top to bottom "
                    "(see above)."
                )
            differing = first_differing_cell(*two_runs)
            if differing:
                number, first, second = differing
                fail(
                    f"Cell {number} gave different output in two fresh runs:\n"
                    f"  first run:  {first}\n"
                    f"  second run: {second}\n"
                    f"Something random is not seeded: {self.seeding}."
                )

        check.__doc__ = "Two runs in two fresh kernels print and show exactly the same results."
        return check
