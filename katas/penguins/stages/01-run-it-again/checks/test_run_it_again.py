"""Checks for penguins stage 1: the notebook is paired, and runs again, anywhere, with the same results."""

import pytest

from kata.harness import fail, notebook_pair_in_sync
from kata.harness.reruns import first_differing_cell, fresh_runs_or_why, machine_specific_paths

NOTEBOOK = "analysis.ipynb"


@pytest.fixture(scope="module")
def two_runs(workspace):
    """Two executions of the notebook, each in its own fresh kernel; or why it did not run."""
    return fresh_runs_or_why(workspace / NOTEBOOK)


def test_the_notebook_is_paired_and_in_sync(workspace):
    """analysis.ipynb is paired with analysis.py (py:percent) and both hold the same cells."""
    problem = notebook_pair_in_sync(workspace / NOTEBOOK)
    assert problem is None, f"{problem} (Step 1 of the README.)"


def test_no_absolute_paths(workspace):
    """The code names no absolute path, so it runs on any machine that has the repository."""
    found = machine_specific_paths(workspace, NOTEBOOK)
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
    differing = first_differing_cell(*two_runs)
    if differing:
        number, first, second = differing
        fail(
            f"Cell {number} gave different output in two fresh runs:\n"
            f"  first run:  {first}\n"
            f"  second run: {second}\n"
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
