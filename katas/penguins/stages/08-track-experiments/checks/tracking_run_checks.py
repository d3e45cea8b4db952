"""The first eight of the penguins stage 8 checks, on what each tracked run records in the default
sqlite store: one run per train, its settings as params and its scores as metrics, alpha 1 and
alpha 1000 stored apart, the same settings giving the same metrics, the fingerprint of its data,
its commit (dirty or not), a registered model saved with skops, and the experiment its settings
name. test_track_experiments.py imports them, and pytest collects them there, in this order, with
its `story` fixture.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tracking_results import isfinite, param_is, require, sha256_of, surveyed
from tracking_story import OTHER_PAIR, WEAK_ALPHA
from tracking_terms import DEFAULTS, EXPERIMENT, METRICS, MODEL, PICKLES, RAW_DATA, TEXT_DEFAULTS

from kata.harness import fail


@pytest.mark.expensive
def test_train_records_a_run_in_the_default_sqlite_store(story):
    """python -m penguin_mass train records its run in sqlite:///mlflow.db, in experiment penguin-mass."""
    run = story.runs["train"]
    assert run.ok, f"train failed. {run.said()}"
    assert story.default_store_made, (
        "After `python -m penguin_mass train` with no MLFLOW_TRACKING_URI set, there is no "
        "mlflow.db in the folder it ran from. The default tracking_uri is sqlite:///mlflow.db "
        "(README, The interface)."
    )
    found = surveyed(story.after_train, "mlflow.db")["runs"]
    assert len(found) == 1, (
        f"After one `train`, experiment {EXPERIMENT!r} in mlflow.db holds {len(found)} runs; "
        "expected exactly one. Is the experiment named penguin-mass (mlflow.set_experiment), and "
        "does each train start one run?"
    )


@pytest.mark.expensive
def test_each_run_logs_its_settings_and_its_metrics(story):
    """Each run logs the settings as params and the scores as metrics, under the README's names."""
    require(story)
    found = surveyed(story.local_store, "mlflow.db")["runs"]
    for run in found:
        missing = [name for name in (*DEFAULTS, *TEXT_DEFAULTS) if name not in run["params"]]
        assert not missing, (
            f"Run {run['id']} logged no param {', '.join(missing)}. Log every setting under its "
            f"Settings field name; it logged: {sorted(run['params']) or 'no params'}."
        )
        absent = [name for name in METRICS if not isfinite(run["metrics"].get(name))]
        assert not absent, (
            f"Run {run['id']} logged no metric {', '.join(absent)}; it logged: "
            f"{sorted(run['metrics']) or 'no metrics'}."
        )
    first = found[0]
    wrong = {name: first["params"][name] for name, value in DEFAULTS.items()
             if not param_is(first, name, value)}  # fmt: skip
    assert not wrong, (
        f"The run of plain `train` logged {wrong}; the defaults are {DEFAULTS}. Log the values "
        "the run actually used, from Settings."
    )
    text = {name: first["params"][name] for name, value in TEXT_DEFAULTS.items()
            if Path(first["params"][name]) != Path(value)}  # fmt: skip
    assert not text, (
        f"The run of plain `train` logged {text}; the defaults are {TEXT_DEFAULTS}. Log the "
        "values the run actually used, from Settings."
    )
    cv_mae = first["metrics"]["cv_mae_g"]
    assert 200 < cv_mae < 260, (
        f"The default run logged cv_mae_g = {cv_mae:.1f}; stage 7 computes about 229.8 g for the "
        "defaults. Log the cross-validated error from the same computation."
    )


@pytest.mark.expensive
def test_two_runs_with_different_alpha_are_both_stored(story):
    """Runs with alpha 1 and alpha 1000 are both in the store, each with its own alpha and error."""
    (weak,) = require(story, "weak")
    assert weak.ok, f"`train --set alpha={WEAK_ALPHA:g}` failed. {weak.said()}"
    found = surveyed(story.local_store, "mlflow.db")["runs"]
    alphas = sorted(float(run["params"].get("alpha", "nan")) for run in found)
    assert alphas == [1.0, WEAK_ALPHA, WEAK_ALPHA], (
        f"After train, then train --set alpha={WEAK_ALPHA:g} twice (with MLFLOW_TRACKING_URI "
        f"naming the same mlflow.db), the store holds runs with alpha {alphas}; expected "
        f"[1.0, {WEAK_ALPHA}, {WEAK_ALPHA}]. Does a --set flag reach the logged params, and does "
        "train honour MLFLOW_TRACKING_URI?"
    )
    error = {float(run["params"]["alpha"]): run["metrics"]["cv_mae_g"] for run in found}
    assert error[WEAK_ALPHA] > error[1.0] + 100, (
        f"cv_mae_g is {error[1.0]:.1f} g for alpha 1 and {error[WEAK_ALPHA]:.1f} g for alpha "
        f"{WEAK_ALPHA:g}; a ridge that strong should be far worse. Is alpha passed to the model?"
    )


@pytest.mark.expensive
def test_the_same_settings_reproduce_the_same_metrics(story):
    """Two runs with the same settings log the same metrics, cv_mae_g included."""
    require(story)
    found = surveyed(story.local_store, "mlflow.db")["runs"]
    twins = [run["metrics"] for run in found if param_is(run, "alpha", WEAK_ALPHA)]
    if len(twins) != 2:
        fail(f"Expected two runs with alpha={WEAK_ALPHA:g} in mlflow.db, found {len(twins)}.")
    first, second = twins
    absent = [
        name for name in METRICS if not (isfinite(first.get(name)) and isfinite(second.get(name)))
    ]
    if absent:
        fail(f"The two runs with alpha={WEAK_ALPHA:g} did not both log {', '.join(absent)}.")
    differ = {
        name: (first[name], second[name])
        for name in METRICS
        if first[name] != pytest.approx(second[name], rel=1e-9, abs=1e-9)
    }
    assert not differ, (
        f"Two runs with the same settings logged different metrics: {differ}. Something is not "
        "seeded: the split, the cross-validation folds (KFold shuffle with random_state)?"
    )


@pytest.mark.expensive
def test_each_run_records_the_fingerprint_of_its_data(story):
    """Each run has a tag data_sha256: the SHA-256 of the data file it trained on."""
    require(story)
    expected = sha256_of(story.local / RAW_DATA)
    for run in surveyed(story.local_store, "mlflow.db")["runs"]:
        found = run["tags"].get("data_sha256")
        assert found == expected, (
            f"Run {run['id']} has data_sha256 = {found!r}; the SHA-256 of {RAW_DATA} is "
            f"{expected}. Tag each run with hashlib.sha256 of the data file's bytes."
        )


@pytest.mark.expensive
def test_each_run_records_its_commit_and_whether_the_tree_was_dirty(story):
    """Each run has a tag git_commit: the commit, with -dirty when files had changed since."""
    require(story)
    for run in surveyed(story.local_store, "mlflow.db")["runs"]:
        found = run["tags"].get("git_commit")
        dirty = param_is(run, "alpha", WEAK_ALPHA)
        expected = f"{story.head}-dirty" if dirty else story.head
        situation = (
            "after a tracked file (analysis.py) was changed"
            if dirty
            else "from a clean checkout (are mlflow.db, mlruns/ and outputs/ in .gitignore?)"
        )
        assert found == expected, (
            f"A run made {situation} has git_commit = {found!r}; expected {expected!r}: git "
            "rev-parse HEAD, plus -dirty when git status --porcelain lists anything."
        )


@pytest.mark.expensive
def test_each_run_registers_a_model_saved_with_skops_not_pickle(story):
    """Each run registers a version of penguin-mass; its files hold model.skops and no pickle."""
    require(story)
    found = surveyed(story.local_store, "mlflow.db")
    run_ids = {run["id"] for run in found["runs"]}
    registered = {version["run_id"] for version in found["versions"]}
    assert run_ids <= registered, (
        f"{len(run_ids - registered)} of {len(run_ids)} runs registered no version of model "
        f"{MODEL!r}. Log the model with mlflow.sklearn.log_model(..., registered_model_name="
        f"{MODEL!r})."
    )
    for version in found["versions"]:
        pickled = [name for name in version["files"] if name.endswith(PICKLES)]
        saved_with_skops = "model.skops" in version["files"] and not pickled
        assert saved_with_skops, (
            f"Version {version['version']} of {MODEL!r} holds {version['files']}: expected "
            "model.skops and no pickle. Pass serialization_format='skops' (and "
            "skops_trusted_types) to mlflow.sklearn.log_model."
        )


@pytest.mark.expensive
def test_train_records_its_run_in_the_experiment_its_settings_name(story):
    """train --set experiment=NAME records its run in experiment NAME, not in penguin-mass."""
    (run,) = require(story, "other experiment")
    assert run.ok, f"train in another experiment failed. {run.said()}"
    there = surveyed(story.other_experiment, "mlflow.db")["runs"]
    strays = [
        found
        for found in surveyed(story.local_store, "mlflow.db")["runs"]
        if found["params"].get("experiment") == OTHER_PAIR
    ]
    kept_apart = len(there) == 1 and not strays
    assert kept_apart, (
        f"After `train --set experiment={OTHER_PAIR}`, experiment {OTHER_PAIR!r} holds "
        f"{len(there)} runs and {EXPERIMENT!r} {len(strays)} runs with that setting; expected the "
        f"run in {OTHER_PAIR!r} only. Pass the setting to mlflow.set_experiment: a team's pairs "
        "keep their runs apart with it."
    )
