"""The notebook's script, run twice: on the export, and on a copy in which only the held-out birds
were measured differently. A leak-free notebook fits the same model both times.
"""

import numpy as np
import pytest
from leak_reference import differences

from kata.harness import ArgumentChanged, LearnerRaised, fail, script_variables, staging

SCRIPT = "analysis.py"


def perturb(raw, held_out):
    """The held-out birds measured differently: longer, heavier, some gaps, some sexes swapped."""
    changed = raw.copy()
    rows = list(held_out)
    changed.loc[rows, "Culmen Length (mm)"] += 4.0
    changed.loc[rows, "Culmen Depth (mm)"] -= 1.5
    changed.loc[rows, "Flipper Length (mm)"] += 9.0
    changed.loc[rows, "Body Mass (g)"] += 250.0
    changed.loc[rows[0::3], "Delta 15 N (o/oo)"] = np.nan
    changed.loc[rows[1::4], "Delta 13 C (o/oo)"] = np.nan
    changed.loc[rows[2::5], "Sex"] = np.nan
    swapped = rows[3::5]
    changed.loc[swapped, "Sex"] = changed.loc[swapped, "Sex"].map(
        {"MALE": "FEMALE", "FEMALE": "MALE"}
    )
    return changed


def script_results(folders):
    """Run analysis.py in each folder as the golden master does; each run's `results`."""
    found = []
    for outcome in script_variables(folders, SCRIPT, "results"):
        if outcome.error is not None:  # the learner's notebook crashed on this data
            where = f" (via {outcome.where})" if outcome.where else ""
            fail(f"{SCRIPT}{where} raised {outcome.error}")
        if not isinstance(outcome.value, dict):
            fail(
                f"{SCRIPT} ran, but defines no dictionary named results. Keep the key results in "
                "one dict, results, in the notebook's last code cell (stage 2)."
            )
        found.append(outcome.value)
    return found


def held_out_runs(workspace, module):
    """(results on the real export, results with only the held-out birds changed, held-out count)."""
    try:
        raw = module.call("read_raw", workspace.parent / "data" / "penguins_raw.csv")
        _, test = module.call("split_train_test", module.call("clean_penguins", raw), 0.2, 42)
    except (LearnerRaised, ArgumentChanged) as error:  # stage 3's interface fails on the export
        fail(
            "Finding the held-out birds with split_train_test(clean_penguins(read_raw(...)), 0.2, "
            f"42) raised {error}. Those three keep stage 3's interface."
        )
    folders = []
    try:
        for frame in (raw, perturb(raw, test.index)):
            folder = staging.stage_copy(workspace, None)
            folders.append(folder)
            (folder.parent / "data").mkdir()
            frame.to_csv(folder.parent / "data" / "penguins_raw.csv", index=False)
        runs = script_results(folders)
    finally:
        for folder in folders:
            staging.remove_stage(folder)
    return runs[0], runs[1], len(test)


def leaks(held_out_runs):
    """What changed in the fitted model when only the held-out birds did ('' if nothing did)."""
    original, changed, _ = held_out_runs
    before, after = original.get("coefficients"), changed.get("coefficients")
    if not isinstance(before, dict) or not isinstance(after, dict):
        fail("results['coefficients'] should be a dict of model input -> coefficient.")
    before = {str(k): float(v) for k, v in before.items()}
    after = {str(k): float(v) for k, v in after.items()}
    if after == pytest.approx(before, rel=1e-9, abs=1e-9):
        return ""
    return differences(before, after)
