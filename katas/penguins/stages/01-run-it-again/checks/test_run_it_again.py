"""Checks for penguins stage 1: the notebook is paired, and runs again, anywhere, with the same results."""

from kata.harness import fail
from kata.harness.reruns import RerunChecks

NOTEBOOK = "analysis.ipynb"


RERUN = RerunChecks(
    NOTEBOOK,
    pair_step="Step 1 of the README",
    relative_path="'../data/penguins_raw.csv'",
    first_failures=(
        "a name defined further down, a file that is not there, a step that only worked because "
        "of an earlier run"
    ),
    seeding="give every random draw a seed (np.random.default_rng(42), random_state=42)",
)
two_runs = RERUN.two_runs()
test_the_notebook_is_paired_and_in_sync = RERUN.paired()
test_no_absolute_paths = RERUN.no_absolute_paths()
test_the_notebook_runs_top_to_bottom_in_a_fresh_kernel = RERUN.runs_top_to_bottom()
test_two_fresh_runs_give_identical_results = RERUN.runs_alike()


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
