"""Checks for penguins stage 4: fast unit tests that pass and catch every function mutant.

The unit tests are judged on their own, without tests/test_golden_master.py: the golden master
would notice most mutants too, but it cannot say which function broke.
"""

import configparser
import re

import pytest

from kata.harness import (
    describe,
    fail,
    import_from_workspace,
    run_learner_tests,
    staging,
    start_learner_tests,
    surviving_mutants,
)

GOLDEN_MASTER = "tests/test_golden_master.py"
FAST_SECONDS = 5.0
PYTEST_TIME = re.compile(r" in (\d+(?:\.\d+)?)s")
PHASE_TIME = re.compile(r"^\s*(\d+(?:\.\d+)?)s (?:setup|call|teardown)\s", re.MULTILINE)


@pytest.fixture(scope="module", autouse=True)
def all_tests(workspace):
    """The whole suite, golden master included, started at once to run beside the unit tests."""
    pending = start_learner_tests(workspace)
    yield pending
    pending.close()


@pytest.fixture(scope="module")
def unit_tests(workspace, stage):
    """A private copy of the workspace with the golden master set aside, timing each test."""
    copy = staging.stage_copy(workspace, stage.kata_dir)
    (copy / GOLDEN_MASTER).unlink(missing_ok=True)
    _ask_pytest_for_durations(copy / "pytest.ini")
    yield copy
    staging.remove_stage(copy)


@pytest.fixture(scope="module")
def unit_run(unit_tests):
    """One run of the unit tests alone, and how many seconds the tests themselves took.

    The time is the sum of each test's setup, call and teardown as pytest measures them, so that
    starting Python and importing pandas (which a busy machine can slow down) do not count.
    """
    if not list((unit_tests / "tests").glob("test_*.py")):
        fail(
            "tests/ holds no unit tests yet, only the golden master. Step 2 of the README starts "
            "tests/test_penguin_mass.py."
        )
    run = run_learner_tests(unit_tests)
    durations = [float(seconds) for seconds in PHASE_TIME.findall(run.output)]
    totals = PYTEST_TIME.findall(run.output)
    seconds = sum(durations) if durations else float(totals[-1]) if totals else 0.0
    return run, seconds


def _ask_pytest_for_durations(ini):
    config = configparser.ConfigParser()
    if ini.is_file():
        config.read(ini, encoding="utf-8")
    if not config.has_section("pytest"):
        config.add_section("pytest")
    addopts = config.get("pytest", "addopts", fallback="")
    config.set("pytest", "addopts", f"{addopts} --durations=0 --durations-min=0".strip())
    with ini.open("w", encoding="utf-8") as file:
        config.write(file)


def test_your_unit_tests_pass(unit_run):
    """Your unit tests run and pass on your penguin_mass, without the golden master."""
    run, _ = unit_run
    assert run.ok, (
        f"Your unit tests did not all pass ({run.summary()}). Run pytest in the workspace and "
        "read the first failure.\n" + _tail(run.output)
    )


def test_your_unit_tests_run_fast(unit_run):
    """Your unit tests finish in under five seconds, so you can run them after every change."""
    _, seconds = unit_run
    assert seconds < FAST_SECONDS, (
        f"Your unit tests took {seconds:.1f} s; expected under {FAST_SECONDS:.0f} s. Unit tests "
        "build a few birds by hand: look for a test that reads the data file, runs the notebook "
        "or fits on all 342 birds, and leave that job to the golden master."
    )


def test_your_unit_tests_catch_every_function_mutant(unit_tests, stage):
    """Your unit tests fail on each deliberately broken copy of penguin_mass."""
    survivors = surviving_mutants(unit_tests, stage)
    assert not survivors, (
        f"{len(survivors)} of {len(stage.mutants)} broken versions of penguin_mass passed your "
        f"unit tests: {describe(survivors)}. For each, which function is broken, and which "
        "value would a test of that function see change?"
    )


def test_the_bill_columns_are_where_their_names_say(workspace):
    """clean_penguins puts the culmen length in bill_length_mm and the culmen depth in bill_depth_mm."""
    module = import_from_workspace(workspace, "penguin_mass")
    try:
        raw = module.read_raw(workspace.parent / "data" / "penguins_raw.csv")
        first = module.clean_penguins(raw).iloc[0]
    except Exception as error:  # the learner's code crashed on the real data
        fail(f"Reading and cleaning the real export raised {type(error).__name__}: {error}.")
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


def test_all_your_tests_pass_golden_master_included(all_tests):
    """All your tests pass, the golden master included."""
    run = all_tests.result()
    assert run.ok, (
        f"Your tests did not all pass ({run.summary()}). If only the golden master fails after a "
        "fix you made on purpose, re-record the values that moved, and say why in a comment and "
        "in the commit message.\n" + _tail(run.output)
    )


def _tail(output, lines=12):
    return "\n".join(output.strip().splitlines()[-lines:])
