"""Checks for warmup stage 1: a notebook cell becomes a tested function."""

import pytest

from kata.harness import (
    code_cells,
    describe,
    fail,
    import_from_workspace,
    read_notebook,
    require_file,
    run_learner_tests,
    run_notebook,
    surviving_mutants,
)

CASES = [
    ("181", 181.0),
    ("186 mm", 186.0),
    ("19.5 cm", 195.0),
    (" 193 ", 193.0),
    ("NA", None),
    (".", None),
    ("", None),
]


def _parse_length_mm(workspace):
    require_file(workspace, "field_notes.py", "Step 1 asks you to create it beside explore.ipynb.")
    module = import_from_workspace(workspace, "field_notes")
    function = getattr(module, "parse_length_mm", None)
    if not callable(function):
        fail("field_notes.py has no function parse_length_mm; step 2 gives its name and signature.")
    return function


def test_parse_length_mm_reads_every_kind_of_entry(workspace):
    """parse_length_mm turns each kind of field-log entry into millimetres, or None when missing."""
    parse_length_mm = _parse_length_mm(workspace)
    wrong = []
    for entry, expected in CASES:
        try:
            found = parse_length_mm(entry)
        except Exception as error:  # the learner's function crashed: report it like a wrong answer
            found = f"{type(error).__name__}: {error}"
        if expected is None and found is not None:
            wrong.append(f"parse_length_mm({entry!r}) gave {found!r}, expected None")
        elif expected is not None and (
            not isinstance(found, (int, float)) or found != pytest.approx(expected)
        ):
            wrong.append(f"parse_length_mm({entry!r}) gave {found!r}, expected {expected}")
    assert not wrong, "; ".join(wrong) + "."


def test_the_notebook_uses_the_function(workspace):
    """The notebook imports parse_length_mm from field_notes and no longer holds the cleaning loop."""
    cells = "\n".join(code_cells(read_notebook(workspace / "explore.ipynb")))
    if "from field_notes import" not in cells and "import field_notes" not in cells:
        fail("explore.ipynb does not import from field_notes; step 3 replaces the loop with the function.")
    if "for entry in" in cells or "def " in cells:
        fail("explore.ipynb still defines the cleaning itself (a for loop or a def); call the function instead.")


def test_your_tests_pass(workspace):
    """Your tests in tests/ run and pass on your code."""
    tests = list((workspace / "tests").glob("test_*.py"))
    if not tests:
        fail("There is no tests/test_*.py file yet; step 4 asks for tests/test_field_notes.py.")
    run = run_learner_tests(workspace)
    assert run.ok, f"Your tests did not all pass ({run.summary()}). Run pytest in the workspace to see why."


def test_your_tests_catch_every_mutant(workspace, stage):
    """Your tests fail on each deliberately broken version of parse_length_mm."""
    survivors = surviving_mutants(workspace, stage)
    assert not survivors, (
        f"{len(survivors)} of {len(stage.mutants)} broken versions passed your tests: "
        f"{describe(survivors)}. Add a test that would notice."
    )


def test_the_notebook_runs_top_to_bottom(workspace):
    """The notebook still runs from top to bottom in a fresh kernel."""
    run_notebook(workspace / "explore.ipynb")
