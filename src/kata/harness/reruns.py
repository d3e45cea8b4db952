"""What a "run it again" stage looks at: paths from one machine, and outputs that change per run."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from kata.harness.notebooks import (
    ExecutedNotebook,
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
