"""Checks for penguins stage 1: the notebook is paired, and runs again, anywhere, with the same results."""

import ast
import re

import pytest

from kata.harness import (
    fail,
    notebook_pair_in_sync,
    read_notebook,
    run_notebook_many,
    without_magics,
)

NOTEBOOK = "analysis.ipynb"
# A string that starts like a path on somebody's machine: /Users/..., /home/..., ~/..., C:\...
ABSOLUTE = re.compile(r"^(/[A-Za-z]|~[/\\]|[A-Za-z]:[\\/])")
# Object addresses ("<... at 0x7f3a...>") change from run to run and are not results.
ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")


@pytest.fixture(scope="module")
def two_runs(workspace):
    """Two executions of the notebook, each in its own fresh kernel; or why it did not run."""
    notebook = workspace / NOTEBOOK
    read_notebook(notebook)  # a readable message if the notebook is missing or broken
    try:
        return run_notebook_many(notebook, runs=2)
    except AssertionError as error:
        return str(error)


def test_the_notebook_is_paired_and_in_sync(workspace):
    """analysis.ipynb is paired with analysis.py (py:percent) and both hold the same cells."""
    problem = notebook_pair_in_sync(workspace / NOTEBOOK)
    assert problem is None, f"{problem} (Step 1 of the README.)"


def test_no_absolute_paths(workspace):
    """The code names no absolute path, so it runs on any machine that has the repository."""
    found = []
    for where, source in _code(workspace):
        for line, text in _string_literals(source):
            if ABSOLUTE.match(text.strip()):
                found.append(f"{where} line {line}: {text!r}")
        for line, call in _home_lookups(source):
            found.append(f"{where} line {line}: {call}")
    assert not found, (
        "The notebook still names a path that only exists on one machine: "
        + "; ".join(found)
        + ". Use a path relative to the notebook's folder, such as '../data/penguins_raw.csv'."
    )


def test_the_notebook_runs_top_to_bottom_in_a_fresh_kernel(two_runs):
    """The notebook runs from the first cell to the last in a fresh kernel, without errors."""
    if isinstance(two_runs, str):
        fail(
            f"{two_runs}. In Jupyter, use 'Restart Kernel and Run All Cells' and fix the first cell "
            "that fails: a name defined further down, a file that is not there, a step that "
            "only worked because of an earlier run."
        )


def test_two_fresh_runs_give_identical_results(two_runs):
    """Two runs in two fresh kernels print and show exactly the same results."""
    if isinstance(two_runs, str):
        fail("The two runs cannot be compared until the notebook runs top to bottom (see above).")
    first, second = two_runs
    for number, (cell, twin) in enumerate(zip(first.cells, second.cells, strict=True), start=1):
        one, other = _results(cell), _results(twin)
        if one != other:
            fail(
                f"Cell {number} gave different output in two fresh runs:\n"
                f"  first run:  {_first_difference(one, other)}\n"
                f"  second run: {_first_difference(other, one)}\n"
                "Something random is not seeded. Give every random draw a seed "
                "(np.random.default_rng(42), random_state=42) and run it again."
            )


def test_the_held_out_birds_are_a_shuffled_sample(two_runs):
    """The test birds are drawn at random from the whole file, not its first (or last) rows."""
    if isinstance(two_runs, str):
        fail("The split cannot be looked at until the notebook runs top to bottom (see above).")
    rows = {name: two_runs[0].frame_rows(name) for name in ("train", "test")}
    absent = [name for name, labels in rows.items() if labels is None]
    if absent:
        fail(
            f"After running, the notebook has no data frame named {' or '.join(absent)}; keep the "
            "names train and test for the two sets, as the notebook had them."
        )
    # The birds of both sets in file order; a test set without a shuffle is one block of it.
    order = sorted({*rows["train"], *rows["test"]}, key=_sort_key)
    where = {label: position for position, label in enumerate(order)}
    positions = sorted(where[label] for label in rows["test"])
    block = (
        positions == list(range(positions[0], positions[0] + len(positions))) if positions else True
    )
    assert not block, (
        f"The {len(positions)} test birds are one block of the file (birds {positions[0] + 1} to "
        f"{positions[-1] + 1} of {len(order)}): the file is sorted by species, so such a test set "
        "holds one species and says little about the others. Shuffle before splitting, with a "
        "seeded generator: rng = np.random.default_rng(42); idx = rng.permutation(len(df))."
    )


def _sort_key(label):
    return (0, label, "") if isinstance(label, int | float) else (1, 0, str(label))


def test_a_fresh_run_prints_no_warnings(two_runs):
    """A fresh run prints no warnings: each one was read and dealt with (step 6)."""
    if isinstance(two_runs, str):
        fail("The warnings cannot be read until the notebook runs top to bottom (see above).")
    warnings = two_runs[0].warnings()
    assert not warnings, (
        f"A fresh run printed {len(warnings)} warning(s), the first: {warnings[0][:200]} "
        "Step 6 says how to deal with the one pandas prints about dropna."
    )


def _results(cell):
    """What a cell printed and showed, without warnings (stderr) and object addresses."""
    parts = []
    for output in cell.get("outputs", []) if cell.cell_type == "code" else []:
        if output.output_type == "stream" and output.name == "stdout":
            parts.append(output.text)
        elif output.output_type in ("execute_result", "display_data"):
            parts.append(output.get("data", {}).get("text/plain", ""))
    return ADDRESS.sub("", "".join(parts))


def _code(workspace):
    """(where, code) for each code cell of the notebook, and for analysis.py when it exists."""
    notebook = read_notebook(workspace / NOTEBOOK)
    sources = [
        (f"{NOTEBOOK}, cell {number},", cell.source)
        for number, cell in enumerate(notebook.cells, start=1)
        if cell.cell_type == "code"
    ]
    script = workspace / "analysis.py"
    if script.is_file():
        sources.append(("analysis.py,", script.read_text(encoding="utf-8")))
    return sources


def _string_literals(source):
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


HOME_CALLS = {"home", "expanduser", "getlogin"}


def _home_lookups(source):
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


def _first_difference(text, other):
    """The first line of `text` that differs from `other`, shortened."""
    for line, other_line in zip(
        text.splitlines() or [""], other.splitlines() or [""], strict=False
    ):
        if line != other_line:
            return line.strip()[:120] or "(empty)"
    return text.strip().splitlines()[-1][:120] if text.strip() else "(no output)"
