"""Checks for penguins stage 5: everything the model learns, it learns from the training birds.

These checks call the README's interface on birds they build themselves (katas/penguins/
bird_frames.py), compare with a ridge regression worked out in numpy (leak_reference.py), and run
the learner's own tests against deliberately broken pipelines. The central check, in
test_fix_the_leak_notebook.py, works through the notebook, whatever its helpers are called.
"""

import numpy as np
import pytest
from bird_frames import MEASUREMENTS, birds_with_gaps, call, noisy_birds
from leak_reference import INPUTS, HandRidge, differences, hand_cross_validated_mae
from probes import describe_model, same_object

from kata.harness import (
    ArgumentChanged,
    LearnerRaised,
    fail,
    notebook_pair_in_sync,
    tail,
)
from kata.harness.grading import (
    require_every_mutant_caught,
    require_every_refactoring_survived,
    verdict_on_tests,
)

MODULE = "penguin_mass"
NOTEBOOK = "analysis.ipynb"
GOLDEN_MASTER = "tests/test_golden_master.py"
INTERFACE = ("make_model", "fit_model", "coefficients", "cross_validated_mae")
LEAK_PREFIX = "leak-"


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


# The learner's own tests, started with the first check so that they run beside the others.

pytestmark = pytest.mark.usefixtures("learner_tests")


def test_the_notebook_is_still_paired_and_in_sync(workspace):
    """analysis.ipynb and analysis.py hold the same cells, so the checks run what the notebook does."""
    problem = notebook_pair_in_sync(workspace / NOTEBOOK)
    assert problem is None, problem


def test_all_your_tests_pass_golden_master_included(learner_tests):
    """All your tests pass, the golden master included."""
    run = learner_tests.result()
    assert run.ok, (
        f"Your tests did not all pass ({run.summary()}). If only the golden master fails after the "
        "fix, that is the fix showing: re-record the values that moved, on purpose, with a comment "
        "saying why.\n" + tail(run.output)
    )


@pytest.mark.expensive
def test_your_unit_tests_catch_every_pipeline_mutant(workspace, stage, mutants, pipeline):
    """Your unit tests, without the golden master and the data, fail on each broken pipeline."""
    if not [p for p in _test_files(workspace) if p != workspace / GOLDEN_MASTER]:
        fail(
            "tests/ holds no unit tests besides the golden master. Step 1 of the README starts "
            "with a test that changes only the held-out birds."
        )
    unit_mutants = [m for m in mutants if not m.name.startswith(LEAK_PREFIX)]
    require_every_mutant_caught(
        verdict_on_tests(
            workspace, stage, mutants=unit_mutants, without=(GOLDEN_MASTER, "../data")
        ),
        len(unit_mutants),
        "For each, which function or step does it break, and which value would a test of it on "
        "a few hand-made birds see change?",
    )


@pytest.mark.expensive
def test_your_unit_tests_survive_a_rewrite_that_changes_nothing(workspace, stage, mutants):
    """Your unit tests still pass when penguin_mass is reformatted, its locals renamed or its bodies moved."""
    unit_mutants = [m for m in mutants if not m.name.startswith(LEAK_PREFIX)]
    require_every_refactoring_survived(
        verdict_on_tests(workspace, stage, mutants=unit_mutants, without=(GOLDEN_MASTER, "../data"))
    )


def _test_files(folder):
    tests = folder / "tests"
    return sorted({*tests.rglob("test_*.py"), *tests.rglob("*_test.py")})


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
    found = coefficients_of(pipeline, call(pipeline, "fit_model", noisy_birds(30)))
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
    bird = noisy_birds(1, seed=7)
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
    train = noisy_birds(24, seed=3)
    train = train[train["species"] != "Chinstrap"]
    model = call(pipeline, "fit_model", train)
    stranger = noisy_birds(3, seed=4).iloc[[1]]  # species in turn: the second bird is a Chinstrap
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
    call(pipeline, "fit_model", noisy_birds(30, seed=5), alpha=2.0)
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
    frame = noisy_birds(24, seed=4)
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
