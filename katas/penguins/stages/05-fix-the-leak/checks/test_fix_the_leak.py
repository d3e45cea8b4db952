"""Checks for penguins stage 5: everything the model learns, it learns from the training birds.

The central check works through the notebook, whatever its helpers are called: it runs analysis.py
twice, on the real export and on a copy in which only the held-out birds are changed, and expects
the same fitted model both times. The other checks call the README's interface on birds they build
themselves, compare with a ridge regression worked out here in numpy, and run the learner's own
tests against deliberately broken pipelines.
"""

import io
import tokenize

import numpy as np
import pandas as pd
import pytest
from probes import describe_model, same_object

from kata.harness import (
    ArgumentChanged,
    LearnerRaised,
    fail,
    learner_module,
    notebook_pair_in_sync,
    script_variables,
    staging,
    start_learner_tests,
)
from kata.harness.grading import (
    require_every_mutant_caught,
    require_every_refactoring_survived,
    require_golden_master_catches,
    verdict_on_tests,
)

MODULE = "penguin_mass"
NOTEBOOK = "analysis.ipynb"
SCRIPT = "analysis.py"
GOLDEN_MASTER = "tests/test_golden_master.py"
INTERFACE = ("make_model", "fit_model", "coefficients", "cross_validated_mae")
MEASUREMENTS = ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "delta_15n", "delta_13c"]
SPECIES = ["Adelie", "Chinstrap", "Gentoo"]
INPUTS = [*MEASUREMENTS, *(f"species_{name}" for name in SPECIES), "sex_male"]
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


# Birds built by hand, and the model of the README worked out in numpy.


def birds(n, seed=0):
    """n clean birds (the nine columns of clean_penguins), species in turn, masses with noise."""
    rng = np.random.default_rng(seed)
    species = [SPECIES[i % 3] for i in range(n)]
    sex = ["male" if i % 5 in (0, 2, 3) else "female" for i in range(n)]
    flipper = rng.uniform(180, 230, n)
    bill_length = rng.uniform(35, 55, n)
    bill_depth = rng.uniform(13, 21, n)
    n15 = rng.uniform(7.5, 10, n)
    c13 = rng.uniform(-27, -23.5, n)
    mass = (
        40 * (flipper - 200)
        + 25 * bill_length
        + 60 * bill_depth
        + np.where(np.array(sex) == "male", 350, 0)
        + np.array([{"Adelie": 0, "Chinstrap": -150, "Gentoo": 700}[s] for s in species])
        + rng.normal(0, 120, n)
        + 2500
    )
    return pd.DataFrame(
        {
            "species": species,
            "island": ["Dream"] * n,
            "sex": sex,
            "bill_length_mm": bill_length.round(1),
            "bill_depth_mm": bill_depth.round(1),
            "flipper_length_mm": flipper.round(0),
            "body_mass_g": mass.round(0),
            "delta_15n": n15.round(3),
            "delta_13c": c13.round(3),
        },
        index=200 + 3 * np.arange(n),
    )


def birds_with_gaps(n=24, seed=1):
    """Birds whose measurements have gaps, with one far-off value per column, so mean != median."""
    frame = birds(n, seed)
    for step, column in enumerate(MEASUREMENTS):
        frame.loc[frame.index[step + 1], column] = frame[column].max() * 1.5
        frame.loc[frame.index[step * 3 + 2], column] = np.nan
    frame.loc[frame.index[[4, 11]], "sex"] = None
    return frame


class HandRidge:
    """The README's model, fitted in numpy: medians, most common sex, z-scores, 0/1 columns, ridge."""

    def __init__(self, train, alpha):
        self.medians = train[MEASUREMENTS].median()
        self.sex = train["sex"].value_counts().idxmax()
        self.species = sorted(train["species"].dropna().unique())
        filled = train[MEASUREMENTS].fillna(self.medians)
        self.means, self.stds = filled.mean(), filled.std(ddof=0)
        x, y = self.design(train), train["body_mass_g"].to_numpy(dtype=float)
        centred = x - x.mean(axis=0)
        self.coef = np.linalg.solve(
            centred.T @ centred + alpha * np.eye(x.shape[1]), centred.T @ (y - y.mean())
        )
        self.intercept = y.mean() - x.mean(axis=0) @ self.coef

    def design(self, frame):
        scaled = (frame[MEASUREMENTS].fillna(self.medians) - self.means) / self.stds
        columns = [scaled[column].to_numpy(dtype=float) for column in MEASUREMENTS]
        columns += [(frame["species"] == name).to_numpy(dtype=float) for name in self.species]
        columns.append((frame["sex"].fillna(self.sex) == "male").to_numpy(dtype=float))
        return np.column_stack(columns)

    def coefficients(self):
        names = [*MEASUREMENTS, *(f"species_{name}" for name in self.species), "sex_male"]
        return dict(zip(names, self.coef.tolist(), strict=True))

    def predict(self, frame):
        return self.design(frame) @ self.coef + self.intercept


def hand_cross_validated_mae(frame, alpha, folds, seed):
    from sklearn.model_selection import KFold

    errors = []
    for train_rows, test_rows in KFold(folds, shuffle=True, random_state=seed).split(frame):
        train, test = frame.iloc[train_rows], frame.iloc[test_rows]
        predicted = HandRidge(train, alpha).predict(test)
        errors.append(np.mean(np.abs(predicted - test["body_mass_g"].to_numpy())))
    return float(np.mean(errors))


# Calling the learner's code.


@pytest.fixture(scope="module")
def module(workspace):
    if not (
        (workspace / f"{MODULE}.py").is_file() or (workspace / MODULE / "__init__.py").is_file()
    ):
        fail(f"Expected {MODULE}.py beside {NOTEBOOK}, as in stages 3 and 4.")
    learner = learner_module(workspace, MODULE)
    yield learner
    learner.close()


@pytest.fixture(scope="module")
def pipeline(module):
    """The module, once it has the four functions of this stage's interface."""
    missing = [name for name in INTERFACE if not module.has_function(name)]
    if missing:
        fail(
            f"{MODULE} has no {', '.join(missing)} yet. The README's interface table gives their "
            "signatures; step 3 builds make_model and fit_model, step 5 cross_validated_mae."
        )
    return module


def call(module, name, *args, **kwargs):
    """Call penguin_mass.<name>; a crash or a changed input frame fails with a readable message."""
    try:
        return module.call(name, *args, **kwargs)
    except LearnerRaised as error:  # the learner's function crashed: say where and on what
        fail(
            f"{name} raised {error}, when called on a small frame of birds built by the check "
            "(the nine columns of clean_penguins, a few gaps). Try it in a notebook cell on a few "
            "rows of your data."
        )
    except ArgumentChanged as change:
        fail(
            f"{name} changed the frame it was given (argument {change.position}). Select the "
            "columns the model needs (frame[FEATURES]) and let the pipeline work on that; never "
            "write into the caller's frame."
        )


def predict(module, model, frame, name="fit_model"):
    try:
        return np.asarray(module.call_method(model, "predict", frame), dtype=float).ravel()
    except (LearnerRaised, ArgumentChanged) as error:  # the fitted model cannot predict
        fail(
            f"The model from {name} raised {error} when asked to predict for birds as "
            "clean_penguins returns them. The pipeline should pick the columns it needs itself "
            "and fill their gaps."
        )


def coefficients_of(module, model):
    found = call(module, "coefficients", model)
    if not isinstance(found, dict):
        fail(f"coefficients returned a {type(found).__name__}; expected a dict of name -> float.")
    try:
        return {str(name): float(value) for name, value in found.items()}
    except (TypeError, ValueError):
        fail(f"coefficients returned {found!r}; expected plain numbers as values.")


def differences(expected, found, limit=3):
    """The inputs whose coefficients differ most, as 'name expected -> found' phrases."""
    keys = sorted(
        set(expected) | set(found),
        key=lambda k: -abs(expected.get(k, 0.0) - found.get(k, 0.0)),
    )
    parts = [
        f"{key} {_number(expected.get(key))} -> {_number(found.get(key))}"
        for key in keys
        if expected.get(key) != pytest.approx(found.get(key), rel=1e-6, abs=1e-9)
    ]
    more = f" (and {len(parts) - limit} more)" if len(parts) > limit else ""
    return ", ".join(parts[:limit]) + more


def _number(value):
    return "missing" if value is None else f"{value:.3f}"


# Running the notebook's script on other data.


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


@pytest.fixture(scope="module")
def notebook_runs(workspace, module):
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


@pytest.fixture(scope="module")
def results(notebook_runs):
    found = notebook_runs[0]
    missing = [key for key in RESULT_KEYS if key not in found]
    if missing:
        fail(
            f"results has no {', '.join(repr(k) for k in missing)}. The README lists the keys "
            f"this stage reads; yours are {sorted(found)}."
        )
    if not isinstance(found["coefficients"], dict):
        fail("results['coefficients'] should be a dict of model input -> coefficient.")
    return found


def leaks(notebook_runs):
    """What changed in the fitted model when only the held-out birds did ('' if nothing did)."""
    original, changed, _ = notebook_runs
    before, after = original.get("coefficients"), changed.get("coefficients")
    if not isinstance(before, dict) or not isinstance(after, dict):
        fail("results['coefficients'] should be a dict of model input -> coefficient.")
    before = {str(k): float(v) for k, v in before.items()}
    after = {str(k): float(v) for k, v in after.items()}
    if after == pytest.approx(before, rel=1e-9, abs=1e-9):
        return ""
    return differences(before, after)


# The learner's own tests. They fork processes, so they run first.


@pytest.fixture(scope="module", autouse=True)
def all_tests(workspace):
    """The whole suite, started at once so that it runs beside the mutant runs."""
    pending = start_learner_tests(workspace)
    yield pending
    pending.close()


def test_the_notebook_is_still_paired_and_in_sync(workspace):
    """analysis.ipynb and analysis.py hold the same cells, so the checks run what the notebook does."""
    problem = notebook_pair_in_sync(workspace / NOTEBOOK)
    assert problem is None, problem


def test_all_your_tests_pass_golden_master_included(all_tests):
    """All your tests pass, the golden master included."""
    run = all_tests.result()
    assert run.ok, (
        f"Your tests did not all pass ({run.summary()}). If only the golden master fails after the "
        "fix, that is the fix showing: re-record the values that moved, on purpose, with a comment "
        "saying why.\n" + _tail(run.output)
    )


@pytest.mark.expensive
def test_your_unit_tests_catch_every_pipeline_mutant(workspace, stage, pipeline):
    """Your unit tests, without the golden master and the data, fail on each broken pipeline."""
    if not [p for p in _test_files(workspace) if p != workspace / GOLDEN_MASTER]:
        fail(
            "tests/ holds no unit tests besides the golden master. Step 1 of the README starts "
            "with a test that changes only the held-out birds."
        )
    mutants = [m for m in stage.mutants if not m.name.startswith(LEAK_PREFIX)]
    require_every_mutant_caught(
        verdict_on_tests(workspace, stage, mutants=mutants, without=(GOLDEN_MASTER, "../data")),
        len(mutants),
        "For each, which function or step does it break, and which value would a test of it on "
        "a few hand-made birds see change?",
    )


@pytest.mark.expensive
def test_your_unit_tests_survive_a_rewrite_that_changes_nothing(workspace, stage):
    """Your unit tests still pass when penguin_mass is reformatted, its locals renamed or its bodies moved."""
    mutants = [m for m in stage.mutants if not m.name.startswith(LEAK_PREFIX)]
    require_every_refactoring_survived(
        verdict_on_tests(workspace, stage, mutants=mutants, without=(GOLDEN_MASTER, "../data"))
    )


@pytest.mark.expensive
def test_your_golden_master_pins_the_numbers_without_the_leak(workspace, stage, notebook_runs):
    """Your golden master, on its own, fails on every leak put back into the notebook's steps."""
    moved = leaks(notebook_runs)
    if moved:
        fail(
            "The notebook's model still depends on the held-out birds (see the check on changing "
            "only the held-out birds), so a golden master recorded from it pins leaky numbers. Fix "
            "the leak first, then re-record the values that moved."
        )
    leaky = [m for m in stage.mutants if m.name.startswith(LEAK_PREFIX)]
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


def _test_files(folder):
    tests = folder / "tests"
    return sorted({*tests.rglob("test_*.py"), *tests.rglob("*_test.py")})


def _comments_and_strings(source):
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    except (tokenize.TokenError, SyntaxError):
        return [source]
    return [t.string for t in tokens if t.type in (tokenize.COMMENT, tokenize.STRING)]


def _tail(output, lines=12):
    return "\n".join(output.strip().splitlines()[-lines:])


# The interface, on birds built by hand.


def test_make_model_returns_an_unfitted_pipeline_ending_in_ridge(pipeline):
    """make_model(alpha) returns a new, unfitted scikit-learn Pipeline whose last step is Ridge(alpha)."""
    found = pipeline.probe(describe_model, call(pipeline, "make_model", alpha=3.5))
    assert found["pipeline"], (
        f"make_model returned a {found['kind']}; expected a sklearn.pipeline.Pipeline, so "
        "that fitting it fits the gap filling and scaling together with the ridge."
    )
    assert found["ridge_alpha"] == 3.5, (
        f"The last step of make_model(alpha=3.5) is {found['last']}; expected Ridge(alpha=3.5)."
    )
    assert not found["fitted"], (
        "make_model returned a pipeline that is already fitted. It should return a new, "
        "unfitted one: fitting is fit_model's job, and only on the birds it is given."
    )
    twice = call(pipeline, "make_model"), call(pipeline, "make_model")
    assert not pipeline.probe(same_object, *twice), (
        "make_model returned the same object twice; build a new pipeline on every call."
    )


def test_coefficients_names_each_model_input(pipeline):
    """coefficients(model) maps each of the nine model inputs to a float: five measurements, three species, sex_male."""
    found = coefficients_of(pipeline, call(pipeline, "fit_model", birds(30)))
    assert set(found) == set(INPUTS), (
        f"coefficients returned the names {sorted(found)}; expected {sorted(INPUTS)}. Sex is one "
        'column (OneHotEncoder(drop="if_binary")); each species has its own. '
        "get_feature_names_out() of the preprocessing step gives the names "
        "(with verbose_feature_names_out=False)."
    )


def test_fit_model_fits_the_readme_model_on_the_birds_it_is_given(pipeline):
    """fit_model(train, alpha) fits gap filling, scaling, 0/1 columns and Ridge(alpha) on train alone."""
    train = birds_with_gaps()
    for alpha in (1.0, 5.0):
        found = coefficients_of(pipeline, call(pipeline, "fit_model", train, alpha=alpha))
        expected = HandRidge(train, alpha).coefficients()
        assert found == pytest.approx(expected, rel=1e-6, abs=1e-6), (
            f"fit_model(train, alpha={alpha}) on 24 hand-made birds gives coefficients that differ "
            f"from the README's model: {differences(expected, found)}. Medians of the training "
            "birds for gaps, StandardScaler on the measurements, the most common sex, then "
            "Ridge(alpha=alpha): which of them is different?"
        )


def test_fit_model_fills_gaps_with_what_the_training_birds_say(pipeline):
    """A bird with gaps is predicted as if they held the training medians and the most common sex."""
    train = birds_with_gaps()
    model = call(pipeline, "fit_model", train)
    bird = birds(1, seed=7)
    unknown = bird.assign(**dict.fromkeys(MEASUREMENTS, np.nan))
    unknown["sex"] = unknown["sex"].where(unknown["sex"].isna())  # missing, as in the export
    filled = bird.assign(**train[MEASUREMENTS].median().to_dict(), sex="male")
    as_female = filled.assign(sex="female")
    got, medians, female = (predict(pipeline, model, b)[0] for b in (unknown, filled, as_female))
    guess = " (as a female it would be exactly that)" if got == pytest.approx(female) else ""
    assert got == pytest.approx(medians), (
        f"A bird whose measurements and sex are all missing is predicted at {got:.1f} g{guess}; "
        f"filled with the training birds' medians and their most common sex (male) it would be "
        f"{medians:.1f} g. Fill the measurements with SimpleImputer(strategy='median') and sex "
        "with strategy='most_frequent', inside the pipeline, so both are learned in fit."
    )


def test_fit_model_predicts_a_species_its_training_birds_lacked(pipeline):
    """A model fitted without Chinstraps still predicts one (OneHotEncoder(handle_unknown="ignore"))."""
    train = birds(24, seed=3)
    train = train[train["species"] != "Chinstrap"]
    model = call(pipeline, "fit_model", train)
    stranger = birds(3, seed=4).iloc[[1]]  # species in turn: the second bird is a Chinstrap
    try:
        found = np.asarray(pipeline.call_method(model, "predict", stranger), dtype=float).ravel()
    except LearnerRaised as error:
        fail(
            f"fit_model on birds without a Chinstrap gives a model that raises "
            f"{str(error)[:200]} when asked about one. The interface's "
            'OneHotEncoder(drop="if_binary", handle_unknown="ignore") gives an unseen species all '
            "zeros instead: a field team will meet a bird the training data lacked."
        )
    assert np.isfinite(found).all(), f"A Chinstrap unseen in training was predicted at {found}."


def test_fit_model_leaves_its_training_frame_alone_and_returns_a_new_model(pipeline):
    """fit_model changes neither the frame it is given nor a model it returned before."""
    first = call(pipeline, "fit_model", birds_with_gaps())  # call() checks the frame is unchanged
    before = coefficients_of(pipeline, first)
    call(pipeline, "fit_model", birds(30, seed=5), alpha=2.0)
    after = coefficients_of(pipeline, first)
    assert after == pytest.approx(before), (
        "Fitting a second model changed the first one's coefficients: fit_model refits one shared "
        "pipeline. Build a new one with make_model(alpha) on every call."
    )


def test_cross_validated_mae_fits_each_fold_on_the_other_folds_only(pipeline):
    """cross_validated_mae averages the MAE of shuffled, seeded KFold folds, each fitted on the others."""
    frame = birds_with_gaps(30, seed=3)
    found = call(pipeline, "cross_validated_mae", frame, alpha=2.0, folds=4, seed=11)
    expected = hand_cross_validated_mae(frame, alpha=2.0, folds=4, seed=11)
    try:
        value = float(found)
    except (TypeError, ValueError):
        fail(f"cross_validated_mae returned {found!r}; expected one number, in grams.")
    assert value == pytest.approx(expected, rel=1e-6), (
        f"cross_validated_mae(birds, alpha=2.0, folds=4, seed=11) on 30 hand-made birds gave "
        f"{value:.3f} g; expected {expected:.3f} g: the mean over KFold(4, shuffle=True, "
        "random_state=11) of each fold's MAE, with make_model(2.0) fitted on the other three "
        "folds. Fill and scale inside each fold (pass the whole pipeline to cross_val_score), and "
        "report a positive error in grams."
    )


def test_cross_validated_mae_repeats_with_its_seed(pipeline):
    """The same seed gives the same cross-validated error; another seed gives another."""
    frame = birds(24, seed=4)
    first, again, other = (
        float(call(pipeline, "cross_validated_mae", frame, 1.0, 3, seed)) for seed in (3, 3, 8)
    )
    assert first == again, (
        f"Two calls with seed=3 gave {first:.3f} and {again:.3f}: are the folds shuffled without "
        "random_state=seed?"
    )
    assert first != other, (
        f"seed=3 and seed=8 gave the same error ({first:.3f}): is the seed used to shuffle the folds?"
    )


# The notebook.


def test_the_notebook_reports_the_results_the_readme_lists(results):
    """results holds the nine keys the README lists, cv_mae_g among them, and each coefficient."""
    found = {str(k) for k in results["coefficients"]}
    assert found == set(INPUTS), (
        f"results['coefficients'] has the names {sorted(found)}; expected {sorted(INPUTS)}, as "
        "coefficients(model) returns them."
    )


def test_the_errors_are_in_the_expected_band(results, pipeline, workspace):
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
    raw = call(pipeline, "read_raw", workspace.parent / "data" / "penguins_raw.csv")
    penguins = call(pipeline, "clean_penguins", raw)
    again = float(call(pipeline, "cross_validated_mae", penguins, 1.0, 5, 42))
    assert results["cv_mae_g"] == pytest.approx(again), (
        f"results['cv_mae_g'] is {results['cv_mae_g']:.3f}, but cross_validated_mae(penguins, "
        f"alpha=1.0, folds=5, seed=42) gives {again:.3f}. Report the function's value."
    )


def test_changing_only_the_held_out_birds_leaves_the_fitted_model_unchanged(notebook_runs):
    """Run on data where only the held-out birds differ, the notebook fits exactly the same model."""
    original, changed, held_out = notebook_runs
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
    moved = leaks(notebook_runs)
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
