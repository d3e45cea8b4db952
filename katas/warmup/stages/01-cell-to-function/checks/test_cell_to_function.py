"""Checks for warmup stage 1: a notebook cell becomes a tested function."""

import ast
import random

import pytest

from kata.harness import (
    LearnerRaised,
    fail,
    learner_module,
    notebook_code,
    notebook_pair_in_sync,
    require_file,
    run_notebooks,
)
from kata.harness.grading import (
    require_every_mutant_caught,
    require_every_refactoring_survived,
    require_learner_tests_pass,
    verdict_on_tests,
)

NOTEBOOK = "explore.ipynb"
MISSING = ("NA", ".", "")


def entries_and_lengths(count=60, seed=20261203):
    """Field-log entries of every kind the README names, made up afresh, with their millimetres."""
    draw = random.Random(seed)
    cases = []
    for _ in range(count):
        millimetres = (
            draw.randrange(1700, 2400) / 10 if draw.random() < 0.5 else draw.randrange(170, 240)
        )
        pad = " " * draw.randrange(0, 3), " " * draw.randrange(0, 3)
        kind = draw.choice(["plain", "mm", "cm", "missing"])
        if kind == "plain":
            text = f"{millimetres:g}"
        elif kind == "mm":
            text = f"{millimetres:g}{draw.choice(['', ' '])}mm"
        elif kind == "cm":
            millimetres = round(millimetres) if draw.random() < 0.5 else millimetres
            text = f"{millimetres / 10:g}{draw.choice(['', ' '])}cm"
        else:
            text, millimetres = draw.choice(MISSING), None
        cases.append((pad[0] + text + pad[1], millimetres))
    return cases


@pytest.fixture(scope="module")
def parse_length_mm(workspace):
    """field_notes.parse_length_mm, called in a process of its own; a crash gives its error text."""
    require_file(workspace, "field_notes.py", "Step 2 asks you to create it beside explore.ipynb.")
    learner = learner_module(workspace, "field_notes")
    if not learner.has_function("parse_length_mm"):
        learner.close()
        fail("field_notes.py has no function parse_length_mm; step 2 gives its name and signature.")

    def parse(entry):
        try:
            return learner.call("parse_length_mm", entry)
        except LearnerRaised as error:  # the learner's function crashed: a wrong answer
            return str(error)

    yield parse
    learner.close()


def _wrong_answers(parse_length_mm, cases):
    wrong = []
    for entry, expected in cases:
        found = parse_length_mm(entry)
        if expected is None and found is not None:
            wrong.append(f"parse_length_mm({entry!r}) gave {found!r}, expected None")
        elif expected is not None and (
            isinstance(found, bool)
            or not isinstance(found, int | float)
            or found != pytest.approx(expected)
        ):
            wrong.append(f"parse_length_mm({entry!r}) gave {found!r}, expected {expected:g}")
    return wrong


def test_parse_length_mm_reads_the_readme_s_examples(parse_length_mm):
    """parse_length_mm gives the README's examples in millimetres, or None when missing."""
    examples = [("181", 181.0), ("186 mm", 186.0), ("19.5 cm", 195.0), (" 193 ", 193.0)]
    wrong = _wrong_answers(parse_length_mm, examples + [(m, None) for m in MISSING])
    assert not wrong, "; ".join(wrong) + "."


def test_parse_length_mm_reads_entries_it_has_never_seen(parse_length_mm):
    """parse_length_mm also reads entries made up by the check: any number, with or without a unit."""
    wrong = _wrong_answers(parse_length_mm, entries_and_lengths())
    assert not wrong, (
        f"{len(wrong)} made-up entries came out wrong, for example: {'; '.join(wrong[:3])}. "
        "The function must follow the rules (strip spaces; NA, . and empty are missing; cm times "
        "ten; mm or no unit as it is), not a list of the README's examples."
    )


def test_the_notebook_and_its_script_agree(workspace):
    """explore.ipynb and explore.py hold the same cells, so either can be read and run."""
    problem = notebook_pair_in_sync(workspace / NOTEBOOK)
    assert problem is None, problem


def test_the_notebook_calls_the_function_instead_of_the_loop(workspace):
    """The notebook imports parse_length_mm from field_notes, calls it, and holds no loop or def."""
    trees = [tree for _, tree in notebook_code(workspace / NOTEBOOK)]
    nodes = [node for tree in trees for node in ast.walk(tree)]
    if not any(_imports_field_notes(node) for node in nodes):
        fail(
            f"{NOTEBOOK} does not import from field_notes; step 3 replaces the loop with the function."
        )
    loops = [n for n in nodes if isinstance(n, ast.For | ast.While | ast.comprehension)]
    defined = [n for n in nodes if isinstance(n, ast.FunctionDef | ast.Lambda)]
    if loops or defined:
        fail(
            f"{NOTEBOOK} still cleans the entries itself ({'a loop' if loops else 'a def or lambda'}); "
            "step 3 replaces the whole loop with log['flipper'].map(parse_length_mm)."
        )
    used = {n.id for n in nodes if isinstance(n, ast.Name)} | {
        n.attr for n in nodes if isinstance(n, ast.Attribute)
    }
    if "parse_length_mm" not in used:
        fail(f"{NOTEBOOK} imports from field_notes but never calls parse_length_mm.")


def _imports_field_notes(node):
    if isinstance(node, ast.ImportFrom):
        return node.module == "field_notes"
    return isinstance(node, ast.Import) and any(a.name == "field_notes" for a in node.names)


def test_the_notebook_runs_and_its_colony_means_are_unchanged(workspace, start_workspace):
    """The notebook runs top to bottom in a fresh kernel and shows the same colony means as before."""
    mine, before = run_notebooks([workspace / NOTEBOOK, start_workspace / NOTEBOOK])
    if isinstance(mine, str):
        fail(mine)
    if isinstance(before, str):
        fail(f"The stage's start could not be run to compare with ({before}).")
    last, expected = mine.text_outputs()[-1].strip(), before.text_outputs()[-1].strip()
    assert last == expected, (
        f"The notebook's last cell shows\n{last}\nbut before the change it showed\n{expected}\n"
        "Moving the loop into a function must not change the colony means."
    )


def test_your_tests_pass(workspace):
    """Your tests in tests/ run and pass on your code."""
    require_learner_tests_pass(
        workspace,
        missing="Step 4 asks for tests/test_field_notes.py.",
        advice="Run pytest in the workspace to see why.",
    )


@pytest.mark.expensive
def test_your_tests_catch_every_mutant(workspace, stage, mutants):
    """Your tests fail on each deliberately broken version of parse_length_mm."""
    require_every_mutant_caught(
        verdict_on_tests(workspace, stage), len(mutants), "Add a test that would notice."
    )


@pytest.mark.expensive
def test_your_tests_survive_a_rewrite_that_changes_nothing(workspace, stage):
    """Your tests still pass when your code is reformatted or its names changed, but not what it does."""
    require_every_refactoring_survived(verdict_on_tests(workspace, stage))
