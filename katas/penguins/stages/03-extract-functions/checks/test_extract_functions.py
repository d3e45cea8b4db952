"""Checks for penguins stage 3: the notebook's logic lives in pure functions in penguin_mass.

The checks call the functions the README's interface table names, on frames of a few birds that
they build themselves, and compare with values worked out by hand.
"""

import ast
import math

import numpy as np
import pandas as pd
import pytest
from key_results import require_same_key_results

from kata.harness import (
    ArgumentChanged,
    LearnerRaised,
    fail,
    learner_module,
    notebook_code,
    notebook_pair_in_sync,
    start_learner_tests,
)
from kata.harness.grading import require_golden_master_catches

MODULE = "penguin_mass"
NOTEBOOK = "analysis.ipynb"
GOLDEN_MASTER = "tests/test_golden_master.py"
INTERFACE = [
    "read_raw", "clean_penguins", "impute_missing", "build_features", "split_train_test",
    "species_baseline", "evaluate",
]  # fmt: skip
RAW_COLUMNS = [
    "studyName", "Sample Number", "Species", "Region", "Island", "Stage", "Individual ID",
    "Clutch Completion", "Date Egg", "Culmen Length (mm)", "Culmen Depth (mm)",
    "Flipper Length (mm)", "Body Mass (g)", "Sex", "Delta 15 N (o/oo)", "Delta 13 C (o/oo)",
    "Comments",
]  # fmt: skip
CLEAN_COLUMNS = {
    "species", "island", "sex", "bill_length_mm", "bill_depth_mm", "flipper_length_mm",
    "body_mass_g", "delta_15n", "delta_13c",
}  # fmt: skip
MEASUREMENTS = ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "delta_15n", "delta_13c"]
SPECIES = {
    "Adelie": "Adelie Penguin (Pygoscelis adeliae)",
    "Chinstrap": "Chinstrap penguin (Pygoscelis antarctica)",
    "Gentoo": "Gentoo penguin (Pygoscelis papua)",
}


def raw_export():
    """Four birds laid out like the LTER export; the third was never measured."""
    birds = [
        ("Adelie", "Torgersen", "MALE", 39.1, 18.7, 181.0, 3750.0, 8.9, -24.7),
        ("Gentoo", "Biscoe", "FEMALE", 46.1, 13.2, 211.0, 4500.0, 7.9, -25.4),
        ("Adelie", "Torgersen", None, None, None, None, None, None, None),
        ("Chinstrap", "Dream", None, 49.5, 19.0, 200.0, 3800.0, 9.6, None),
    ]
    rows = []
    for number, (species, island, sex, length, depth, flipper, mass, n15, c13) in enumerate(
        birds, 1
    ):
        rows.append(
            ["PAL0708", number, SPECIES[species], "Anvers", island, "Adult, 1 Egg Stage",
             f"N{number}A1", "Yes", "2007-11-11", length, depth, flipper, mass, sex, n15, c13,
             None]
        )  # fmt: skip
    return pd.DataFrame(rows, columns=RAW_COLUMNS, index=[10, 11, 12, 13])


def clean_birds():
    """Five birds as clean_penguins returns them: three females, one male, one of unknown sex."""
    return pd.DataFrame(
        {
            "species": ["Adelie", "Adelie", "Gentoo", "Gentoo", "Chinstrap"],
            "island": ["Dream", "Torgersen", "Biscoe", "Biscoe", "Dream"],
            "sex": ["female", "male", "female", None, "female"],
            "bill_length_mm": [38.0, 41.0, 46.0, 50.0, 49.0],
            "bill_depth_mm": [17.0, 19.0, 14.0, 15.5, 18.5],
            "flipper_length_mm": [185.0, 195.0, 212.0, 225.0, 199.0],
            "body_mass_g": [3400.0, 4000.0, 4800.0, 5600.0, 3700.0],
            "delta_15n": [8.0, 9.0, np.nan, 10.0, 30.0],
            "delta_13c": [-25.0, np.nan, -26.0, -24.0, -20.0],
        },
        index=[3, 5, 8, 13, 21],
    )


def many_birds(n):
    """n complete birds with distinct masses, for the split."""
    species = ["Adelie", "Chinstrap", "Gentoo"]
    return pd.DataFrame(
        {
            "species": [species[i % 3] for i in range(n)],
            "island": ["Dream"] * n,
            "sex": ["female", "male"] * (n // 2) + ["female"] * (n % 2),
            "bill_length_mm": np.linspace(35, 55, n),
            "bill_depth_mm": np.linspace(13, 21, n),
            "flipper_length_mm": np.linspace(180, 230, n),
            "body_mass_g": 3000.0 + 10.0 * np.arange(n),
            "delta_15n": np.linspace(7.5, 10, n),
            "delta_13c": np.linspace(-27, -23.5, n),
        },
        index=100 + np.arange(n),
    )


@pytest.fixture(scope="module")
def module(workspace):
    if not (
        (workspace / f"{MODULE}.py").is_file() or (workspace / MODULE / "__init__.py").is_file()
    ):
        fail(
            f"Expected {MODULE}.py beside {NOTEBOOK} (or a package folder {MODULE}/ with an "
            "__init__.py). Step 2 of the README creates it."
        )
    learner = learner_module(workspace, MODULE)
    yield learner
    learner.close()


def call(module, name, *args, **kwargs):
    """Call penguin_mass.<name>; a crash or a changed input frame fails with a readable message."""
    if not module.has_function(name):
        fail(f"{MODULE} has no function {name}. The README's interface table gives its signature.")
    try:
        return module.call(name, *args, **kwargs)
    except LearnerRaised as error:  # the learner's function crashed: say where and on what
        fail(
            f"{name} raised {error}, when called on a small frame of "
            "birds built by the check. Try it in a notebook cell on a few rows of your data."
        )
    except ArgumentChanged as change:
        fail(
            f"{name} changed the frame it was given (argument {change.position}): after the call "
            "it has different columns or values. Work on a copy (frame.copy(), assign, rename) "
            "and return the new frame; never write into the argument."
        )


def row(frame, label, name):
    """The row with index label `label`, or a readable failure when the index lost it."""
    if label not in frame.index:
        fail(
            f"{name} returned no row with the index label {label}; its index is "
            f"{list(frame.index)[:8]}. Keep the input's index labels (no reset_index)."
        )
    return frame.loc[label]


def require_columns(frame, name, *columns):
    absent = [column for column in columns if column not in frame.columns]
    if absent:
        fail(
            f"{name} returned no column {', '.join(absent)}; the README's interface table names it."
        )


def split_result(result):
    if not (isinstance(result, tuple | list) and len(result) == 2):
        fail(
            f"split_train_test returned a {type(result).__name__}; expected a tuple (train, test)."
        )
    return frame_result("split_train_test", result[0]), frame_result("split_train_test", result[1])


def frame_result(name, result):
    if not isinstance(result, pd.DataFrame):
        fail(f"{name} returned a {type(result).__name__}; the README says it returns a DataFrame.")
    return result


# The learner's own tests start first, in the background: they fork a process, which must happen
# before a kernel starts, and they run on one core while the notebook runs on the other.
@pytest.fixture(scope="module", autouse=True)
def learner_tests(workspace):
    pending = start_learner_tests(workspace)
    yield pending
    pending.close()


def test_read_raw_reads_the_export(module, workspace):
    """read_raw(path) returns the raw export as it is: 344 birds with the LTER column names."""
    raw = frame_result(
        "read_raw", call(module, "read_raw", workspace.parent / "data" / "penguins_raw.csv")
    )
    as_it_is = len(raw) == 344 and "Culmen Length (mm)" in raw.columns
    assert as_it_is, (
        f"read_raw returned {len(raw)} rows with columns {list(raw.columns)[:5]}...; expected the "
        "file as it is (344 rows, the export's own column names). Cleaning is clean_penguins' job."
    )


def test_clean_penguins_keeps_the_model_columns_with_short_names(module):
    """clean_penguins returns exactly the nine columns the README lists."""
    clean = frame_result("clean_penguins", call(module, "clean_penguins", raw_export()))
    assert set(clean.columns) == CLEAN_COLUMNS, (
        f"clean_penguins returned the columns {sorted(clean.columns)}; expected exactly "
        f"{sorted(CLEAN_COLUMNS)}."
    )


def test_clean_penguins_drops_birds_without_a_body_mass(module):
    """clean_penguins leaves out birds with no body mass and keeps the others with their index labels."""
    clean = frame_result("clean_penguins", call(module, "clean_penguins", raw_export()))
    assert list(clean.index) == [10, 11, 13], (
        f"From four raw birds (index 10, 11, 12, 13; bird 12 was never weighed), clean_penguins "
        f"returned the index {list(clean.index)}; expected [10, 11, 13]. Drop rows without a body "
        "mass, and do not reset the index."
    )


def test_clean_penguins_shortens_species_and_lowercases_sex(module):
    """clean_penguins names species by their first word and writes sex in lower case."""
    clean = frame_result("clean_penguins", call(module, "clean_penguins", raw_export()))
    require_columns(clean, "clean_penguins", "species", "sex")
    if len(clean) != 3:
        fail(
            f"clean_penguins returned {len(clean)} birds from a raw frame of four, one unweighed; expected 3."
        )
    species, sex = list(clean["species"]), list(clean["sex"])
    assert species == ["Adelie", "Gentoo", "Chinstrap"], (
        f"species came out as {species}; expected ['Adelie', 'Gentoo', 'Chinstrap'] "
        "(the first word of the raw name)."
    )
    assert [*sex[:2], pd.isna(sex[2])] == ["male", "female", True], (
        f"sex came out as {sex}; expected ['male', 'female', missing]. A missing sex stays "
        "missing here: filling it is impute_missing's job."
    )


def test_clean_penguins_carries_the_measurements(module):
    """clean_penguins carries each bird's measurements over unchanged."""
    clean = frame_result("clean_penguins", call(module, "clean_penguins", raw_export()))
    require_columns(clean, "clean_penguins", *sorted(CLEAN_COLUMNS))
    gentoo = row(clean, 11, "clean_penguins")
    for column, expected in [("flipper_length_mm", 211.0), ("body_mass_g", 4500.0),
                             ("delta_15n", 7.9), ("delta_13c", -25.4)]:  # fmt: skip
        assert gentoo[column] == pytest.approx(expected), (
            f"For the Gentoo bird, {column} is {gentoo[column]!r}; the raw export says {expected}."
        )
    bills = sorted([float(gentoo["bill_length_mm"]), float(gentoo["bill_depth_mm"])])
    assert bills == pytest.approx([13.2, 46.1]), (
        f"For the Gentoo bird, the bill columns hold {bills}; the raw export's culmen length and "
        "depth are 46.1 and 13.2."
    )


def test_impute_missing_fills_sex_with_the_most_common_sex(module):
    """impute_missing gives a bird of unknown sex the most common sex of the frame it is given."""
    filled = frame_result("impute_missing", call(module, "impute_missing", clean_birds()))
    require_columns(filled, "impute_missing", "sex")
    assert list(filled["sex"]) == ["female", "male", "female", "female", "female"], (
        f"sex after impute_missing is {list(filled['sex'])}; in a frame of three females, one "
        "male and one unknown, the unknown becomes 'female'. Count, do not assume."
    )


def test_impute_missing_fills_isotopes_with_the_median(module):
    """impute_missing fills missing isotope ratios with the median of their column."""
    filled = frame_result("impute_missing", call(module, "impute_missing", clean_birds()))
    n15, c13 = (
        row(filled, 8, "impute_missing")["delta_15n"],
        row(filled, 5, "impute_missing")["delta_13c"],
    )
    assert n15 == pytest.approx(9.5), (
        f"The missing delta_15n became {n15!r}; the median of 8, 9, 10 "
        "and 30 is 9.5 (their mean would be 14.25)."
    )
    assert c13 == pytest.approx(-24.5), (
        f"The missing delta_13c became {c13!r}; the median of -25, -26, -24 and -20 is -24.5."
    )


def test_impute_missing_leaves_known_values_alone(module):
    """impute_missing changes nothing but the missing values."""
    birds = clean_birds()
    filled = frame_result("impute_missing", call(module, "impute_missing", birds))
    assert list(filled.index) == list(birds.index), (
        f"impute_missing returned the index {list(filled.index)}; expected the input's "
        f"{list(birds.index)}: it should only fill the gaps."
    )
    missing = sorted(set(birds.columns) - set(filled.columns))
    assert not missing, (
        f"impute_missing dropped the columns {missing}; it should only fill the gaps."
    )
    known = birds.notna()
    changed = [
        f"{column} of bird {label}"
        for column in birds.columns
        for label in birds.index
        if known.loc[label, column] and filled.loc[label, column] != birds.loc[label, column]
    ]
    assert not changed, (
        f"impute_missing changed known values ({', '.join(changed)}); it should only fill the gaps."
    )


def test_impute_missing_leaves_other_gaps_as_they_are(module):
    """impute_missing fills only sex and the isotope ratios: a missing measurement stays missing."""
    birds = clean_birds()
    birds.loc[13, "flipper_length_mm"] = np.nan
    filled = frame_result("impute_missing", call(module, "impute_missing", birds))
    flipper = row(filled, 13, "impute_missing")["flipper_length_mm"]
    assert pd.isna(flipper), (
        f"A bird whose flipper length is missing came back with {flipper!r}. The README fills sex "
        "and delta_15n/delta_13c only; nothing else changes (a gap elsewhere is a finding)."
    )


def test_the_functions_find_columns_by_name_not_position(module):
    """impute_missing and build_features give the same answer when the columns come in another order."""
    birds = many_birds(9)
    birds.loc[birds.index[2], "delta_15n"] = np.nan
    shuffled = birds[list(reversed(birds.columns))]
    for name, given in (("impute_missing", birds), ("build_features", birds.fillna(8.0))):
        usual = frame_result(name, call(module, name, given))
        other = frame_result(name, call(module, name, given[shuffled.columns]))
        try:
            pd.testing.assert_frame_equal(
                other[sorted(other.columns)], usual[sorted(usual.columns)], check_dtype=False
            )
        except AssertionError:
            fail(
                f"{name} gave other values when the same birds came with their columns in another "
                "order. Pick columns by name (frame['delta_15n']), never by position (iloc[:, 7])."
            )


def test_build_features_makes_a_species_column_per_species_present(module):
    """With only Adelie and Gentoo birds, build_features makes species_Adelie and species_Gentoo only."""
    birds = many_birds(9)
    birds = birds[birds["species"] != "Chinstrap"]
    features = frame_result("build_features", call(module, "build_features", birds))
    species = sorted(column for column in features.columns if column.startswith("species_"))
    assert species == ["species_Adelie", "species_Gentoo"], (
        f"For birds of two species, build_features made the columns {species}; the README asks "
        "for one 0/1 column per species present (as pd.get_dummies does), not a fixed list."
    )


def test_split_train_test_takes_its_arguments_in_the_readme_s_order(module):
    """split_train_test(penguins, 0.5, 3), called by position, holds out half of the birds."""
    birds = many_birds(20)
    train, test = split_result(call(module, "split_train_test", birds, 0.5, 3))
    assert (len(train), len(test)) == (10, 10), (
        f"split_train_test(birds, 0.5, 3) held out {len(test)} of 20 birds; the README's signature "
        "is split_train_test(penguins, test_fraction=0.2, seed=42), in that order."
    )


def test_build_features_returns_the_model_columns(module):
    """build_features returns the five measurements, male, and one species_<name> column per species."""
    birds = many_birds(6)
    features = frame_result("build_features", call(module, "build_features", birds))
    expected = {*MEASUREMENTS, "male", "species_Adelie", "species_Chinstrap", "species_Gentoo"}
    assert set(features.columns) == expected, (
        f"build_features returned the columns {sorted(features.columns)}; expected {sorted(expected)}."
    )
    assert list(features.index) == list(birds.index), (
        f"build_features returned the index {list(features.index)}; expected the input's "
        f"{list(birds.index)}, so that rows can be matched to train and test by label."
    )


def test_build_features_standardises_the_measurements(module):
    """Each measurement column of build_features has mean 0 and standard deviation 1 (as StandardScaler)."""
    features = frame_result("build_features", call(module, "build_features", many_birds(12)))
    require_columns(features, "build_features", *MEASUREMENTS)
    for column in MEASUREMENTS:
        values = features[column].to_numpy(dtype=float)
        mean_and_std = [values.mean(), values.std()]
        assert mean_and_std == pytest.approx([0, 1], abs=1e-9), (
            f"{column} has mean {values.mean():.3f} and standard deviation {values.std():.3f}; "
            "expected 0 and 1, computed over the frame given (population standard deviation, "
            "ddof=0, as StandardScaler does)."
        )


def test_build_features_encodes_sex_and_species(module):
    """build_features writes 1 for males and for a bird's own species, 0 elsewhere."""
    birds = many_birds(6)
    features = frame_result("build_features", call(module, "build_features", birds))
    require_columns(features, "build_features", "male", "species_Gentoo")
    male = [int(v) for v in features["male"]]
    assert male == [int(sex == "male") for sex in birds["sex"]], (
        f"male is {male} for birds whose sex is {list(birds['sex'])}; expected 1 for male, 0 otherwise."
    )
    gentoo = [int(v) for v in features["species_Gentoo"]]
    assert gentoo == [int(s == "Gentoo") for s in birds["species"]], (
        f"species_Gentoo is {gentoo} for the species {list(birds['species'])}; expected 1 for "
        "Gentoos only."
    )


@pytest.mark.parametrize(("n", "fraction", "n_test"), [(50, 0.2, 10), (45, 0.3, 13)])
def test_split_train_test_holds_out_the_right_number(module, n, fraction, n_test):
    """split_train_test holds out int(n * test_fraction) birds for testing and trains on the rest."""
    train, test = split_result(
        call(module, "split_train_test", many_birds(n), test_fraction=fraction, seed=1)
    )
    assert (len(train), len(test)) == (n - n_test, n_test), (
        f"With {n} birds and test_fraction={fraction}, split_train_test returned {len(train)} "
        f"training and {len(test)} test birds; expected {n - n_test} and {n_test} "
        f"(int({n} * {fraction}) = {n_test})."
    )


def test_split_train_test_uses_every_bird_exactly_once(module):
    """Every bird lands in exactly one of train and test, with its index label and columns."""
    birds = many_birds(30)
    train, test = split_result(call(module, "split_train_test", birds, test_fraction=0.2, seed=3))
    both = set(train.index) & set(test.index)
    assert not both, f"The birds {sorted(both)} are in both train and test."
    missing = set(birds.index) - set(train.index) - set(test.index)
    assert not missing, f"The birds {sorted(missing)} are in neither train nor test."
    assert list(test.columns) == list(birds.columns), (
        "split_train_test should return rows of the frame it is given, with all its columns."
    )


def test_split_train_test_is_repeatable_with_a_seed(module):
    """The same seed gives the same split; another seed gives another split."""
    birds = many_birds(40)
    first, again, other = (
        split_result(call(module, "split_train_test", birds, test_fraction=0.25, seed=seed))[1]
        for seed in (7, 7, 8)
    )
    assert list(first.index) == list(again.index), (
        "Two calls with seed=7 held out different birds; the seed should fix the shuffle "
        "(np.random.default_rng(seed))."
    )
    assert set(first.index) != set(other.index), (
        "seed=7 and seed=8 held out exactly the same birds; is the seed used at all?"
    )


def test_species_baseline_predicts_the_training_mean_of_each_species(module):
    """species_baseline predicts each test bird's mass as the mean mass of its species in train."""
    train = many_birds(6)  # Adelie 3000 and 3030, Chinstrap 3010 and 3040, Gentoo 3020 and 3050
    test = many_birds(3).set_index(pd.Index([7, 8, 9]))
    predicted = call(module, "species_baseline", train, test)
    try:
        values = [float(value) for value in np.asarray(predicted, dtype=float).ravel()]
    except (TypeError, ValueError):
        fail(
            f"species_baseline returned {predicted!r}; expected a Series of masses, one per test bird."
        )
    assert values == pytest.approx([3015.0, 3025.0, 3035.0]), (
        f"For test birds of species Adelie, Chinstrap, Gentoo, species_baseline predicted {values}; "
        "the training means are 3015, 3025 and 3035."
    )
    if isinstance(predicted, pd.Series):
        assert list(predicted.index) == [7, 8, 9], (
            f"species_baseline returned the index {list(predicted.index)}; expected test's [7, 8, 9]."
        )


def test_evaluate_reports_mae_rmse_and_r2(module):
    """evaluate(y_true, y_pred) returns a dict with mae, rmse (grams) and r2."""
    scores = call(
        module, "evaluate", pd.Series([3000.0, 4000.0, 5000.0]), np.array([3100.0, 3900.0, 5300.0])
    )
    if not isinstance(scores, dict) or not {"mae", "rmse", "r2"} <= set(scores):
        fail(f"evaluate returned {scores!r}; expected a dict with the keys 'mae', 'rmse' and 'r2'.")
    expected = {"mae": 500 / 3, "rmse": math.sqrt(110_000 / 3), "r2": 1 - 110_000 / 2_000_000}
    for key, value in expected.items():
        assert scores[key] == pytest.approx(value), (
            f"For errors of +100, -100 and +300 g, evaluate gave {key} = {scores[key]!r}; "
            f"expected {value:.4g}."
        )


def test_the_notebook_is_still_paired_and_in_sync(workspace):
    """analysis.ipynb and analysis.py hold the same cells, so the golden master runs what the notebook does."""
    problem = notebook_pair_in_sync(workspace / NOTEBOOK)
    assert problem is None, problem


def test_the_notebook_calls_its_functions_and_defines_none(workspace):
    """The notebook calls every function of the interface from penguin_mass and defines none itself."""
    defined, imports_module, called = [], False, set()
    for number, tree in notebook_code(workspace / NOTEBOOK):
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                defined.append(f"{node.name} (cell {number})")
            elif _imports_module(node):
                imports_module = True
            elif isinstance(node, ast.Call):
                function = node.func
                called.add(
                    function.attr
                    if isinstance(function, ast.Attribute)
                    else getattr(function, "id", "")
                )
    assert not defined, (
        f"The notebook still defines {', '.join(defined)}. Move each into {MODULE} and import it."
    )
    assert imports_module, f"The notebook does not import {MODULE}; add `from {MODULE} import ...`."
    unused = [name for name in INTERFACE if name not in called]
    assert not unused, (
        f"The notebook never calls {', '.join(unused)}: its cells still do that work inline. "
        "Replace each step's code with a call to its function (see the README's hints)."
    )


def _imports_module(node):
    if isinstance(node, ast.ImportFrom):
        return (node.module or "").split(".")[0] == MODULE
    if isinstance(node, ast.Import):
        return any(alias.name.split(".")[0] == MODULE for alias in node.names)
    return False


@pytest.mark.expensive
def test_your_golden_master_still_catches_the_stage_2_slips(workspace, stage, golden_master_slips):
    """Your golden master, on its own, still fails on each slip stage 2 planted."""
    require_golden_master_catches(workspace, stage, golden_master_slips, GOLDEN_MASTER)


def test_the_notebook_still_runs_top_to_bottom(notebook_runs):
    """The notebook runs from the first cell to the last in a fresh kernel."""
    mine, _ = notebook_runs
    if isinstance(mine, str):
        fail(mine)


def test_the_key_results_are_the_same_as_before_the_refactoring(notebook_runs):
    """The notebook's results dictionary holds the same values as the notebook this stage started from."""
    require_same_key_results(
        *notebook_runs,
        "A refactoring changes how the code is laid out, not what it computes. Compare each "
        "extracted function with the cells it replaced (the shuffle, the fills, the columns), and "
        "put the behaviour back.",
    )


def test_your_golden_master_still_passes(learner_tests):
    """Your golden master (and any other tests in tests/) still pass: the behaviour is unchanged."""
    run = learner_tests.result()
    if run.ran == 0:
        fail("pytest found no tests in tests/ any more; stage 2's golden master belongs there.")
    assert run.ok, (
        f"Your tests do not all pass any more ({run.summary()}). A refactoring changes the shape of "
        "the code, not what it computes: find the function whose move changed a result. "
        "Run pytest in the workspace after each extraction.\n"
        + "\n".join(run.output.strip().splitlines()[-12:])
    )
