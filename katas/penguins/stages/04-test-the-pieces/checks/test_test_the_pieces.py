"""Checks for penguins stage 4: unit tests on birds built by hand, which catch every function mutant.

The unit tests are judged on their own: without tests/test_golden_master.py (it would notice most
mutants, but it cannot say which function broke) and without the data folder, so that only tests
on frames built by hand can pass and catch the slips.
"""

import pytest

from kata.harness import (
    ArgumentChanged,
    LearnerRaised,
    fail,
    learner_module,
    notebook_pair_in_sync,
    start_learner_tests,
    tail,
)
from kata.harness.grading import require_golden_master_catches
from kata.harness.unit_tests import UnitTestChecks

GOLDEN_MASTER = "tests/test_golden_master.py"
CHECKS = UnitTestChecks(
    GOLDEN_MASTER,
    module="penguin_mass",
    missing="Step 2 of the README starts tests/test_penguin_mass.py.",
    built_by_hand="a few birds",
    what_is_slow=(
        "The reference's take under 2 s. Look for a test that loops over thousands of cases or "
        "fits on many birds; a few birds built by hand are enough."
    ),
    slip_advice=(
        "For each, which function is broken, and which value would a test of that function on a "
        "few birds built by hand see change?"
    ),
)


@pytest.fixture(scope="module", autouse=True)
def all_tests(workspace):
    """The whole suite, golden master included, started at once to run beside the unit tests."""
    pending = start_learner_tests(workspace)
    yield pending
    pending.close()


unit_run = CHECKS.unit_run()
test_your_unit_tests_pass_on_birds_built_by_hand = CHECKS.pass_alone()
test_your_unit_tests_run_in_seconds = CHECKS.run_in_seconds()
test_your_unit_tests_catch_every_function_mutant = CHECKS.catch_every_slip(
    "Your unit tests fail on each deliberately broken copy of penguin_mass."
)
test_your_unit_tests_survive_a_rewrite_that_changes_nothing = CHECKS.survive_rewrites()


def test_the_bill_columns_are_where_their_names_say(workspace):
    """clean_penguins puts the culmen length in bill_length_mm and the culmen depth in bill_depth_mm."""
    with learner_module(workspace, "penguin_mass") as module:
        try:
            raw = module.call("read_raw", workspace.parent / "data" / "penguins_raw.csv")
            first = module.call("clean_penguins", raw).iloc[0]
        except (
            LearnerRaised,
            ArgumentChanged,
            AttributeError,
        ) as error:  # the learner's code crashed
            fail(f"Reading and cleaning the real export raised {error}.")
    absent = [column for column in ("bill_length_mm", "bill_depth_mm") if column not in first.index]
    if absent:
        fail(
            f"clean_penguins returned no column {', '.join(absent)}; stage 3's interface names it."
        )
    found = (float(first["bill_length_mm"]), float(first["bill_depth_mm"]))
    assert found == pytest.approx((39.1, 18.7)), (
        f"For the first bird of the export, clean_penguins gives bill_length_mm = {found[0]} and "
        f"bill_depth_mm = {found[1]}, but its Culmen Length (mm) is 39.1 and its Culmen Depth "
        "(mm) is 18.7. Which unit test would have caught this? Write it, then fix clean_penguins."
    )


def test_the_notebook_is_still_paired_and_in_sync(workspace):
    """analysis.ipynb and analysis.py hold the same cells, so the golden master runs what the notebook does."""
    problem = notebook_pair_in_sync(workspace / "analysis.ipynb")
    assert problem is None, problem


@pytest.mark.expensive
def test_your_golden_master_still_catches_the_stage_2_slips(workspace, stage, golden_master_slips):
    """Your golden master, on its own, still fails on each slip stage 2 planted."""
    require_golden_master_catches(workspace, stage, golden_master_slips, GOLDEN_MASTER)


def test_all_your_tests_pass_golden_master_included(all_tests):
    """All your tests pass, the golden master included."""
    run = all_tests.result()
    assert run.ok, (
        f"Your tests did not all pass ({run.summary()}). If only the golden master fails after a "
        "fix you made on purpose, re-record the values that moved, and say why in a comment and "
        "in the commit message.\n" + tail(run.output)
    )
