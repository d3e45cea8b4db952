"""The checks of penguins stage 5 (Fix the leak) tell right from wrong.

Each variant is a workspace built in a temporary folder from a reference solution, checked once the
way `kata check` does it; the tests read that one run. Another correct solution, written
independently (its own gap-filling step, make_column_transformer, a hand-written cross-validation
loop, a JSON golden master and class-based tests), must pass every check. A notebook that still fits
its preprocessing on every bird, tests that pin nothing, and the stage's start state must fail, each
on the check that names the problem, by an assertion a learner can read. A wrong variant runs only
the checks its tests read: those that must fail and those that must still pass.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_penguins_checks import assert_fails_readably, build, passed_checks

from kata.manifest import find_kata
from kata.runner import run_checks

REPO = Path(__file__).resolve().parents[3]
STAGE = "05-fix-the-leak"
START = "04-test-the-pieces"

pytestmark = [pytest.mark.slow, pytest.mark.extended]  # see the extended marker


def check(workspace, *only):
    """The stage's checks on `workspace`; with `only`, just those (KataError if one is no check)."""
    return run_checks(find_kata(REPO / "katas", "penguins").stage(5), workspace, only=only)


def name(result):
    return result.id.split("::")[-1].split("[")[0]


def failed(run):
    return {name(r): r for r in run.failures}


# Another correct solution passes.


@pytest.fixture(scope="module")
def another_team(tmp_path_factory):
    workspace = build(
        tmp_path_factory.mktemp("another-team"),
        STAGE,
        remove=["penguin_mass.py", "tests/test_penguin_mass.py", "tests/test_golden_master.py"],
        overlays=["05-own-transformer"],
    )
    return check(workspace)


def test_another_team_s_pipeline_passes(another_team):
    """Its own gap-filling step, make_column_transformer, a hand-written cross-validation loop,
    a JSON golden master and class-based tests pass. None of the mutants' texts is in its files, so
    every mutant runs on the reference solution with these tests laid over it."""
    assert another_team.passed, "\n".join(
        f"{r.sentence}\n    {r.message}" for r in another_team.failures
    )


# A notebook that still fits its preprocessing on every bird fails the leak check.

LEAK_CHECK = "test_changing_only_the_held_out_birds_leaves_the_fitted_model_unchanged"
FIT_MODEL_CHECK = "test_fit_model_fits_the_readme_model_on_the_birds_it_is_given"
UNIT_MUTANTS_CHECK = "test_your_unit_tests_catch_every_pipeline_mutant"
GOLDEN_MASTER_CHECK = "test_your_golden_master_pins_the_numbers_without_the_leak"

LEAKY_FIT = """# filled and scaled once, on every bird; the ridge then learns from the training birds
model = make_model(ALPHA)
model.named_steps["preprocess"].fit(penguins)
model.named_steps["ridge"].fit(model.named_steps["preprocess"].transform(train), train[TARGET])
"""


@pytest.fixture(scope="module")
def leaky_notebook(tmp_path_factory):
    workspace = build(
        tmp_path_factory.mktemp("leaky-notebook"),
        STAGE,
        edits=[
            ("analysis.py", "    fit_model,\n", "    fit_model,\n    make_model,\n"),
            ("analysis.py", "model = fit_model(train, ALPHA)\n", LEAKY_FIT),
        ],
    )
    return check(workspace, LEAK_CHECK, FIT_MODEL_CHECK, UNIT_MUTANTS_CHECK)


def test_a_notebook_that_fits_preprocessing_on_all_birds_fails_the_leak_check(leaky_notebook):
    assert_fails_readably(leaky_notebook, LEAK_CHECK)
    message = failed(leaky_notebook)[LEAK_CHECK].message
    assert "68 held-out birds" in message
    assert "flipper_length_mm" in message
    # penguin_mass itself is right; only the notebook's use of it leaks
    assert {FIT_MODEL_CHECK, UNIT_MUTANTS_CHECK} <= passed_checks(leaky_notebook)


# Tests that pin nothing fail the checks that run them against broken pipelines.

EMPTY_GOLDEN_MASTER = '''"""Golden master, re-recorded after the leak was fixed (stage 5)."""

import runpy
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")


@pytest.fixture(scope="module")
def results():
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(Path(__file__).resolve().parent.parent)
        return runpy.run_path("analysis.py")["results"]


def test_the_notebook_has_its_results(results):
    assert {"ridge_mae_g", "cv_mae_g", "coefficients"} <= set(results)
'''

CALLS_ONLY = """from penguin_mass import (
    clean_penguins,
    coefficients,
    cross_validated_mae,
    fit_model,
    read_raw,
    split_train_test,
)


def test_the_pipeline_runs():
    penguins = clean_penguins(read_raw("../data/penguins_raw.csv"))
    train, test = split_train_test(penguins)
    model = fit_model(train)
    assert len(model.predict(test)) == len(test)
    assert coefficients(model)
    assert cross_validated_mae(penguins) > 0
"""

# Tests that pin nothing still pass on their own, and the code and the notebook are right.

STILL_PASS = (
    "test_all_your_tests_pass_golden_master_included",
    "test_your_golden_master_says_why_it_was_re_recorded",
    LEAK_CHECK,
    FIT_MODEL_CHECK,
)


@pytest.fixture(scope="module")
def pins_nothing(tmp_path_factory):
    workspace = build(
        tmp_path_factory.mktemp("pins-nothing"),
        STAGE,
        files={
            "tests/test_golden_master.py": EMPTY_GOLDEN_MASTER,
            "tests/test_penguin_mass.py": CALLS_ONLY,
        },
    )
    return check(workspace, GOLDEN_MASTER_CHECK, UNIT_MUTANTS_CHECK, *STILL_PASS)


def test_a_golden_master_that_records_no_numbers_fails(pins_nothing):
    assert_fails_readably(pins_nothing, GOLDEN_MASTER_CHECK)
    assert (
        "leak-model-fitted-on-held-out-birds" in failed(pins_nothing)[GOLDEN_MASTER_CHECK].message
    )


def test_unit_tests_that_assert_nothing_fail(pins_nothing):
    assert_fails_readably(pins_nothing, UNIT_MUTANTS_CHECK)
    # They read the data file, which unit tests are judged without, so they do not even pass.
    assert "do not pass on your own code" in failed(pins_nothing)[UNIT_MUTANTS_CHECK].message


def test_tests_that_pin_nothing_still_pass_on_their_own_and_the_code_is_right(pins_nothing):
    assert set(STILL_PASS) <= passed_checks(pins_nothing)


# The start state (the end of stage 4) fails the leak check itself, and the other checks that name
# what this stage changes. `kata dev check` (tests/test_dev_check.py) already proves that the start
# fails some check and that every check failing there fails by a readable assertion; it does not say
# which, so these four run alone.

START_FAILS = (
    LEAK_CHECK,
    GOLDEN_MASTER_CHECK,
    "test_your_golden_master_says_why_it_was_re_recorded",
    "test_make_model_returns_an_unfitted_pipeline_ending_in_ridge",
)


@pytest.fixture(scope="module")
def start(tmp_path_factory):
    return check(build(tmp_path_factory.mktemp("start"), START), *START_FAILS)


def test_the_start_fails_the_leak_check_and_the_stage_s_other_new_checks_readably(start):
    assert_fails_readably(start, *START_FAILS)
