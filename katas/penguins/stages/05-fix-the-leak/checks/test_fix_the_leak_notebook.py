"""Checks for penguins stage 5: the notebook fits the same model when only the held-out birds
change, reports the errors of a leak-free ridge, and your golden master pins those numbers.

The central check runs analysis.py twice, on the real export and on a copy in which only the
held-out birds are changed (leak_runs.py), and expects the same fitted model both times.
"""

import io
import tokenize

import pytest
from bird_frames import call
from leak_reference import INPUTS
from leak_runs import held_out_runs as run_twice
from leak_runs import leaks

from kata.harness import fail
from kata.harness.grading import require_golden_master_catches

SCRIPT = "analysis.py"
GOLDEN_MASTER = "tests/test_golden_master.py"
RESULT_KEYS = (
    "rows", "train_rows", "test_rows", "ridge_mae_g", "ridge_rmse_g", "ridge_r2",
    "baseline_mae_g", "cv_mae_g", "coefficients",
)  # fmt: skip
BANDS = {
    "ridge_mae_g": (210.0, 260.0),
    "ridge_r2": (0.85, 0.92),
    "baseline_mae_g": (420.0, 480.0),
    "cv_mae_g": (210.0, 250.0),
}
LEAK_PREFIX = "leak-"


@pytest.fixture(scope="module")
def held_out_runs(workspace, module):
    """(results on the real export, results with only the held-out birds changed, held-out count)."""
    return run_twice(workspace, module)


@pytest.fixture(scope="module")
def results(held_out_runs):
    found = held_out_runs[0]
    missing = [key for key in RESULT_KEYS if key not in found]
    if missing:
        fail(
            f"results has no {', '.join(repr(k) for k in missing)}. The README lists the keys "
            f"this stage reads; yours are {sorted(found)}."
        )
    if not isinstance(found["coefficients"], dict):
        fail("results['coefficients'] should be a dict of model input -> coefficient.")
    return found


def test_the_notebook_reports_the_results_the_readme_lists(results):
    """results holds the nine keys the README lists, cv_mae_g among them, and each coefficient."""
    found = {str(k) for k in results["coefficients"]}
    assert found == set(INPUTS), (
        f"results['coefficients'] has the names {sorted(found)}; expected {sorted(INPUTS)}, as "
        "coefficients(model) returns them."
    )


def test_the_errors_are_in_the_expected_band(results, module, workspace):
    """The errors are where a leak-free ridge puts them, and cv_mae_g is cross_validated_mae(penguins)."""
    for key, (low, high) in BANDS.items():
        value = results[key]
        inside = isinstance(value, int | float) and low <= value <= high
        assert inside, (
            f"results[{key!r}] is {value!r}; a ridge fitted on the training birds alone gives "
            f"between {low} and {high}. Is the notebook fitting and scoring what the README says?"
        )
    assert results["test_rows"] == 68, (
        f"results['test_rows'] is {results['test_rows']}; split_train_test(penguins, 0.2, 42) "
        "holds out 68 of the 342 birds."
    )
    raw = call(module, "read_raw", workspace.parent / "data" / "penguins_raw.csv")
    penguins = call(module, "clean_penguins", raw)
    again = float(call(module, "cross_validated_mae", penguins, 1.0, 5, 42))
    assert results["cv_mae_g"] == pytest.approx(again), (
        f"results['cv_mae_g'] is {results['cv_mae_g']:.3f}, but cross_validated_mae(penguins, "
        f"alpha=1.0, folds=5, seed=42) gives {again:.3f}. Report the function's value."
    )


def test_changing_only_the_held_out_birds_leaves_the_fitted_model_unchanged(held_out_runs):
    """Run on data where only the held-out birds differ, the notebook fits exactly the same model."""
    original, changed, held_out = held_out_runs
    for result in (original, changed):
        if "coefficients" not in result:
            fail(
                "results has no 'coefficients': this check compares them between two runs. "
                "Add results['coefficients'] = coefficients(model)."
            )
    counts = [(r.get("train_rows"), r.get("test_rows")) for r in (original, changed)]
    assert counts[0] == counts[1], (
        f"With gaps added to some held-out birds, the notebook trained and tested on "
        f"{counts[1]} birds instead of {counts[0]}: it drops birds with gaps, so held-out birds "
        "decide who is in the training set. Drop birds only for a missing body mass, and let the "
        "pipeline fill the other gaps."
    )
    moved = leaks(held_out_runs)
    assert not moved, (
        f"The check ran {SCRIPT} twice: on the export, and on a copy in which only the "
        f"{held_out} held-out birds of split_train_test(penguins, 0.2, 42) were changed (longer "
        "bills and flippers, heavier, some isotope ratios and sexes removed). The training birds "
        f"were the same, yet the fitted model moved: {moved}. Something the model learned (the "
        "medians, the most common sex, the scaling, or the ridge itself) came from all the birds "
        "before the split. Split first, then fit the whole pipeline on the training birds only: "
        "fit_model(train, alpha)."
    )
    reached = original.get("ridge_mae_g") != changed.get("ridge_mae_g")
    assert reached, (
        f"{SCRIPT} reported the same test error with the held-out birds changed, so it did not "
        "read the changed data. Does it read ../data/penguins_raw.csv, relative to the workspace?"
    )


@pytest.mark.expensive
def test_your_golden_master_pins_the_numbers_without_the_leak(
    workspace, stage, mutants, held_out_runs
):
    """Your golden master, on its own, fails on every leak put back into the notebook's steps."""
    moved = leaks(held_out_runs)
    if moved:
        fail(
            "The notebook's model still depends on the held-out birds (see the check on changing "
            "only the held-out birds), so a golden master recorded from it pins leaky numbers. Fix "
            "the leak first, then re-record the values that moved."
        )
    leaky = [m for m in mutants if m.name.startswith(LEAK_PREFIX)]
    require_golden_master_catches(workspace, stage, leaky, GOLDEN_MASTER)


@pytest.mark.expensive
def test_your_golden_master_still_catches_the_stage_2_slips(workspace, stage, golden_master_slips):
    """Your golden master, on its own, still fails on each slip stage 2 planted."""
    require_golden_master_catches(workspace, stage, golden_master_slips, GOLDEN_MASTER)


def test_your_golden_master_says_why_it_was_re_recorded(workspace):
    """A comment in your golden master says that the numbers moved because the leak was fixed."""
    path = workspace / GOLDEN_MASTER
    if not path.is_file():
        fail(f"Expected the golden master in {GOLDEN_MASTER}, where stage 2 put it.")
    notes = " ".join(_comments_and_strings(path.read_text(encoding="utf-8"))).lower()
    assert "leak" in notes or "stage 5" in notes, (
        f"No comment or docstring in {GOLDEN_MASTER} mentions the leak (or stage 5). A golden "
        "master re-recorded without a reason looks like a test bent to fit the code: say in a "
        "comment next to the new values what moved them and why."
    )


def _comments_and_strings(source):
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    except (tokenize.TokenError, SyntaxError):
        return [source]
    return [t.string for t in tokens if t.type in (tokenize.COMMENT, tokenize.STRING)]
