"""The penguins checks tell right from wrong, not the reference solution from everything else.

Each case builds a workspace from a stage's reference solution in a temporary folder, changes it
(files from alternates/, small edits, files removed) and runs the stage's checks on it the way
`kata check` does. Another correct solution, written independently with other names, another file
layout and another test style, must pass every check of its stage; an obviously wrong one must fail,
on the check that names its problem, by an assertion a learner can read. A wrong one runs only the
checks its test reads (`check_only`): the ones that must fail and the ones that must still pass.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import jupytext
import pytest

from kata.manifest import find_kata
from kata.runner import run_checks

REPO = Path(__file__).resolve().parents[3]
SOLUTIONS = REPO / "solutions" / "penguins"
ALTERNATES = Path(__file__).resolve().parent / "alternates"
DATA = REPO / "katas" / "penguins" / "data" / "penguins_raw.csv"

pytestmark = [pytest.mark.slow, pytest.mark.extended]  # see the extended marker


def build(tmp_path, solution, *, overlays=(), remove=(), edits=(), files=None, sync=True):
    """A workspace: a reference solution, minus `remove`, plus `overlays` and `files`, with `edits`.

    `edits` are (file, find, replace) with `find` occurring exactly once. With `sync`, the notebook
    is rewritten from analysis.py afterwards, as `jupytext --sync` would after editing the script.
    """
    workspace = tmp_path / "workspace"
    shutil.copytree(
        SOLUTIONS / solution,
        workspace,
        ignore=shutil.ignore_patterns("__pycache__", ".pytest_cache"),
    )
    for relative in remove:
        target = workspace / relative
        if target.is_dir():
            shutil.rmtree(target)
        else:
            target.unlink()
    for overlay in overlays:
        shutil.copytree(ALTERNATES / overlay, workspace, dirs_exist_ok=True)
    for relative, text in (files or {}).items():
        (workspace / relative).parent.mkdir(parents=True, exist_ok=True)
        (workspace / relative).write_text(text, encoding="utf-8")
    for relative, find, replace in edits:
        path = workspace / relative
        text = path.read_text(encoding="utf-8")
        assert text.count(find) == 1, f"{relative}: {find!r} occurs {text.count(find)} times"
        path.write_text(text.replace(find, replace), encoding="utf-8")
    if sync and (workspace / "analysis.py").is_file():
        notebook = jupytext.read(workspace / "analysis.py", fmt="py:percent")
        jupytext.write(notebook, workspace / "analysis.ipynb", fmt="ipynb")
    return workspace


def check_only(stage, workspace, *checks):
    """Only the named checks of penguins `stage` on `workspace` (KataError if one is not a check)."""
    assert checks, "name the checks the test reads; a correct alternative runs its whole stage"
    return run_checks(find_kata(REPO / "katas", "penguins").stage(stage), workspace, only=checks)


def assert_passes(run):
    assert run.passed, "\n".join(f"{r.sentence}\n    {r.message}" for r in run.failures)


def assert_fails_readably(run, *checks):
    """Each named check failed by a readable assertion (not a crash, not a bare assert)."""
    failed = {r.id.split("::")[-1].split("[")[0]: r for r in run.failures}
    for check in checks:
        assert check in failed, f"{check} did not fail; failures: {sorted(failed)}"
        assert failed[check].kind == "assertion", (
            f"{check}: {failed[check].kind}: {failed[check].message}"
        )


def passed_checks(run):
    return {r.id.split("::")[-1].split("[")[0] for r in run.results if r.passed}


# Stage 1: Run it again

STAGE_1 = "01-run-it-again"
NAMES_CELL = (
    "# %%\n"
    '# num_cols = ["bill_length_mm", "bill_depth_mm", "flipper_length_mm"]\n'
    'num_cols = ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "delta_15n", "delta_13c"]\n'
    'features = num_cols + ["male", "species_Adelie", "species_Chinstrap", "species_Gentoo"]\n\n'
)


def test_stage_1_passes_another_team_s_notebook(tmp_path, check_stage):
    """A global np.random.seed, a pathlib path and the feature lists at the top also pass."""
    workspace = build(tmp_path, STAGE_1, overlays=["01-global-seed"])
    assert_passes(check_stage("penguins", 1, workspace))


def test_stage_1_fails_a_notebook_that_uses_a_name_defined_further_down(tmp_path):
    workspace = build(
        tmp_path,
        STAGE_1,
        edits=[
            ("analysis.py", NAMES_CELL, ""),
            (
                "analysis.py",
                "# %% [markdown]\n# ## Baseline",
                NAMES_CELL + "# %% [markdown]\n# ## Baseline",
            ),
        ],
    )
    run = check_only(1, workspace, "test_the_notebook_runs_top_to_bottom_in_a_fresh_kernel")
    assert_fails_readably(run, "test_the_notebook_runs_top_to_bottom_in_a_fresh_kernel")
    assert "NameError" in next(r.message for r in run.failures if "top_to_bottom" in r.id)


def test_stage_1_fails_an_unseeded_split_and_an_absolute_path_that_exists_here(tmp_path):
    """Each problem fails its own check, even though the notebook runs on this machine."""
    workspace = build(
        tmp_path,
        STAGE_1,
        edits=[
            (
                "analysis.py",
                "rng = np.random.default_rng(42)\nidx = rng.permutation(len(df))",
                "idx = np.random.permutation(len(df))",
            ),
            ("analysis.py", '"../data/penguins_raw.csv"', f'"{DATA}"'),
        ],
    )
    run = check_only(
        1,
        workspace,
        "test_two_fresh_runs_give_identical_results",
        "test_no_absolute_paths",
        "test_the_notebook_runs_top_to_bottom_in_a_fresh_kernel",
    )
    assert_fails_readably(
        run, "test_two_fresh_runs_give_identical_results", "test_no_absolute_paths"
    )
    assert "test_the_notebook_runs_top_to_bottom_in_a_fresh_kernel" in passed_checks(run)


# Stage 2: Pin the behaviour

STAGE_2 = "02-pin-the-behaviour"
RUN_THE_SCRIPT = """
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
"""


def test_stage_2_passes_a_json_recording_of_other_key_results(tmp_path, check_stage):
    """Other key names, a JSON recording and one parametrized test per value also pass."""
    workspace = build(
        tmp_path, STAGE_2, remove=["tests/test_golden_master.py"], overlays=["02-json-golden"]
    )
    assert_passes(check_stage("penguins", 2, workspace))


def test_stage_2_fails_a_golden_master_that_records_nothing(tmp_path):
    test = RUN_THE_SCRIPT + "\n\ndef test_the_notebook_has_results(results):\n    assert results\n"
    workspace = build(tmp_path, STAGE_2, files={"tests/test_golden_master.py": test})
    run = check_only(
        2,
        workspace,
        "test_your_golden_master_catches_every_notebook_mutant",
        "test_your_golden_master_passes",
    )
    assert_fails_readably(run, "test_your_golden_master_catches_every_notebook_mutant")
    assert "test_your_golden_master_passes" in passed_checks(run)


# Stage 3: Extract functions

STAGE_3 = "03-extract-functions"


def test_stage_3_fails_an_early_fix_that_moves_the_key_results(tmp_path):
    """A package that fixes the bill columns while refactoring, with a re-recorded golden master:
    the stage README says to keep the old behaviour until stage 4, and the check compares results
    with the stage's start itself."""
    workspace = build(
        tmp_path,
        STAGE_3,
        remove=["penguin_mass.py", "tests/test_golden_master.py"],
        overlays=["03-package"],
    )
    check = "test_the_key_results_are_the_same_as_before_the_refactoring"
    run = check_only(3, workspace, check, "test_the_notebook_calls_its_functions_and_defines_none")
    assert_fails_readably(run, check)
    assert "coefficients" in run.failed(check).message
    assert "test_the_notebook_calls_its_functions_and_defines_none" in passed_checks(run)


def test_stage_3_fails_a_function_that_changes_its_input_and_a_notebook_that_defines_one(
    tmp_path,
):
    helper = "# %%\ndef grams_to_kg(grams):\n    return grams / 1000\n\n\n# %% [markdown]\n# ## Look at it"
    workspace = build(
        tmp_path,
        STAGE_3,
        edits=[
            ("penguin_mass.py", "filled = penguins.copy()", "filled = penguins"),
            ("analysis.py", "# %% [markdown]\n# ## Look at it", helper),
        ],
    )
    run = check_only(
        3,
        workspace,
        "test_impute_missing_fills_isotopes_with_the_median",
        "test_the_notebook_calls_its_functions_and_defines_none",
        "test_your_golden_master_still_passes",
    )
    assert_fails_readably(
        run,
        "test_impute_missing_fills_isotopes_with_the_median",
        "test_the_notebook_calls_its_functions_and_defines_none",
    )
    assert "changed the frame it was given" in " ".join(r.message for r in run.failures)
    assert "test_your_golden_master_still_passes" in passed_checks(run)


# Stage 4: Test the pieces

STAGE_4 = "04-test-the-pieces"


def test_stage_4_passes_plain_asserts_in_two_files_against_a_package(tmp_path, check_stage):
    """Plain asserts, fixtures in conftest.py, two test files, and the package from stage 3 pass.

    Every mutant is placed around the package's own functions, wherever its modules define them.
    """
    workspace = build(
        tmp_path,
        STAGE_4,
        remove=["penguin_mass.py", "tests/test_penguin_mass.py", "tests/test_golden_master.py"],
        overlays=["03-package", "04-plain-asserts"],
    )
    assert_passes(check_stage("penguins", 4, workspace))


def test_stage_4_fails_tests_that_assert_nothing(tmp_path):
    calls_only = (
        "import pandas as pd\n\n"
        "from penguin_mass import clean_penguins, evaluate, impute_missing, read_raw, split_train_test\n\n\n"
        "def test_the_pipeline_runs():\n"
        '    penguins = impute_missing(clean_penguins(read_raw("../data/penguins_raw.csv")))\n'
        "    train, test = split_train_test(penguins)\n"
        '    evaluate(test["body_mass_g"], pd.Series(4200.0, index=test.index))\n'
    )
    workspace = build(tmp_path, STAGE_4, files={"tests/test_penguin_mass.py": calls_only})
    run = check_only(
        4,
        workspace,
        "test_your_unit_tests_catch_every_function_mutant",
        "test_your_unit_tests_pass_on_birds_built_by_hand",
    )
    assert_fails_readably(
        run,
        "test_your_unit_tests_catch_every_function_mutant",
        "test_your_unit_tests_pass_on_birds_built_by_hand",
    )
    assert (
        "without ../data" in run.failed("test_your_unit_tests_pass_on_birds_built_by_hand").message
    )


def test_stage_4_fails_while_the_bill_columns_are_still_swapped(tmp_path):
    """The quiet bug left in, with unit tests that never compare the two bill columns."""
    workspace = build(
        tmp_path,
        STAGE_4,
        edits=[
            (
                "penguin_mass.py",
                '"Culmen Length (mm)": "bill_length_mm"',
                '"Culmen Length (mm)": "bill_depth_mm"',
            ),
            (
                "penguin_mass.py",
                '"Culmen Depth (mm)": "bill_depth_mm"',
                '"Culmen Depth (mm)": "bill_length_mm"',
            ),
            (
                "tests/test_penguin_mass.py",
                '        ("bill_length_mm", 46.1),\n        ("bill_depth_mm", 13.2),\n',
                "",
            ),
        ],
    )
    shutil.copy(SOLUTIONS / STAGE_3 / "tests" / "test_golden_master.py", workspace / "tests")
    run = check_only(
        4,
        workspace,
        "test_the_bill_columns_are_where_their_names_say",
        "test_your_unit_tests_catch_every_function_mutant",
        "test_all_your_tests_pass_golden_master_included",
    )
    assert_fails_readably(
        run,
        "test_the_bill_columns_are_where_their_names_say",
        "test_your_unit_tests_catch_every_function_mutant",
    )
    assert "test_all_your_tests_pass_golden_master_included" in passed_checks(run)
