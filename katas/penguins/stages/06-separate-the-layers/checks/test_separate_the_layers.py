"""Checks for penguins stage 6: data, domain and presentation layers, and a thin report.

The layer rules are checked twice. `lint-imports` runs the learner's own contracts, and a copy of
the package with one deliberate slip at a time shows whether those contracts catch it. Then the
same rules are checked here, by reading the package's source, whatever the learner's contracts
say: loosening a contract cannot make a domain that plots or reads files pass.
"""

import ast

import pytest
from key_results import (  # noqa: F401 - the notebook check is collected here
    test_the_notebook_still_runs_top_to_bottom,
)
from layer_rules import (
    FORBIDDEN_IN_DOMAIN,
    PACKAGE,
    PLOTTING,
    Package,
    domain_calls_that_do_io,
    domain_io_while_running,
    layer_violations,
    listed,
    read_package,
)
from public_api import reaches_past_the_public_api

from kata.harness import (
    CheckFailed,
    fail,
    learner_module,
    notebook_definitions,
    notebook_pair_in_sync,
    run_learner_tests,
    tail,
)
from kata.harness.import_contracts import (
    import_linter_config,
    lint_imports,
    lint_imports_with_slips,
)
from kata.harness.key_results import require_same_key_results

NOTEBOOK = "analysis.ipynb"

# The stage 5 interface, still importable from the top of the package, and where each name lives.
INTERFACE = [
    "read_raw", "clean_penguins", "split_train_test", "species_baseline", "evaluate",
    "make_model", "fit_model", "coefficients", "cross_validated_mae",
    "MEASUREMENTS", "CATEGORIES", "FEATURES", "TARGET",
]  # fmt: skip
DOMAIN_FUNCTIONS = ("split_train_test", "species_baseline", "evaluate", "make_model",
                    "fit_model", "coefficients", "cross_validated_mae")  # fmt: skip
HOME_LAYERS = {
    "read_raw": ("data",),
    "clean_penguins": ("data", "domain"),
    **dict.fromkeys(DOMAIN_FUNCTIONS, ("domain",)),
}

# Slips the learner's contracts must catch: (layer whose module gets the line, the line, what it is).
PROBES = [
    ("domain", "import matplotlib.pyplot", "the domain importing matplotlib"),
    ("domain", "import pathlib", "the domain importing pathlib"),
    ("domain", "import urllib.request", "the domain importing urllib"),
    ("domain", f"import {PACKAGE}.data", f"the domain importing {PACKAGE}.data"),
    ("domain", f"import {PACKAGE}.presentation", f"the domain importing {PACKAGE}.presentation"),
    ("data", f"import {PACKAGE}.presentation", f"the data layer importing {PACKAGE}.presentation"),
]


# The package, read as source


@pytest.fixture(scope="module")
def layout(workspace) -> Package | str:
    """The package as read from its source, or what keeps it from having three layers."""
    try:
        return read_package(workspace)
    except CheckFailed as problem:
        return str(problem)


@pytest.fixture(scope="module")
def package(layout) -> Package:
    if isinstance(layout, str):
        fail(
            "No layers to check yet: the check that penguin_mass is a package with a data, a "
            "domain and a presentation layer says what is missing."
        )
    return layout


def test_the_package_has_data_domain_and_presentation_layers(layout):
    """penguin_mass is a package with a data, a domain and a presentation layer."""
    assert not isinstance(layout, str), layout


def test_the_stage_5_interface_is_importable_from_the_package_and_lives_in_its_layer(workspace):
    """The stage 5 names import from penguin_mass; each function is defined in its own layer."""
    with learner_module(workspace, PACKAGE) as module:
        missing = [name for name in INTERFACE if not module.has(name)]
        homes = {
            name: module.get(f"{name}.__module__")
            for name in HOME_LAYERS
            if module.has_function(name)
        }
    assert not missing, (
        f"`from {PACKAGE} import {', '.join(missing)}` fails. The public API keeps every name of "
        f"the stage 5 interface: import each in {PACKAGE}/__init__.py from the layer it lives in."
    )
    misplaced = []
    for name, layers in HOME_LAYERS.items():
        defined_in = homes.get(name) or ""
        if not any(
            defined_in == f"{PACKAGE}.{layer}" or defined_in.startswith(f"{PACKAGE}.{layer}.")
            for layer in layers
        ):
            expected = " or ".join(f"{PACKAGE}.{layer}" for layer in layers)
            misplaced.append(f"{name} is defined in {defined_in or '?'}; expected {expected}")
    assert not misplaced, (
        "Some functions live outside their layer:"
        + listed(misplaced)
        + "\nMove each into its layer and import it from there in __init__.py."
    )


def test_the_package_init_only_gathers_the_public_api(package):
    """penguin_mass/__init__.py imports the public API from the layers and defines no function or class."""
    init = package.modules[PACKAGE]
    defined = [
        f"{node.name} (line {node.lineno})"
        for node in init.tree.body
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
    ]
    assert not defined, (
        f"{init.path} defines {', '.join(defined)}. The package's __init__.py belongs to no "
        "layer: it only imports the public names from the layers. Move each definition into the "
        "layer whose job it does."
    )


def test_the_domain_imports_no_plotting_no_io_and_no_other_layer(package):
    """No module of the domain imports plotting, file, network or tracking libraries, data or presentation."""
    found = layer_violations(package, "domain", FORBIDDEN_IN_DOMAIN, {"data", "presentation"})
    assert not found, (
        "The domain imports what it must not:"
        + listed(found)
        + "\nThe domain takes frames and returns frames, models and numbers. Move the code that "
        "needs these imports to the data or presentation layer and pass the domain what it needs."
    )


def test_the_domain_reads_no_files_and_draws_nothing(package):
    """No module of the domain opens, reads or writes a file, or draws with pandas' plotting."""
    found = domain_calls_that_do_io(package)
    assert not found, (
        "The domain does I/O or plotting without importing a library for it:"
        + listed(found)
        + "\nLet the data layer read and write, the presentation layer draw, and the domain "
        "take and return frames."
    )


def test_the_domain_touches_no_file_while_the_report_runs(workspace, package):
    """While analysis.py runs, no code of the domain opens, writes or deletes a file, or calls out."""
    found = domain_io_while_running(workspace, package, ["analysis.py"])
    assert not found, (
        "While analysis.py ran, the domain (or a module it called) reached outside Python:"
        + listed(found)
        + "\nThe domain only computes, whatever library it would use to read or write. Let the "
        "data layer read and write, and pass the domain frames."
    )


def test_the_data_layer_neither_draws_nor_imports_the_presentation(package):
    """No module of the data layer imports a plotting library or the presentation layer."""
    found = layer_violations(package, "data", PLOTTING, {"presentation"})
    assert not found, (
        "The data layer imports what it must not:"
        + listed(found)
        + "\nThe data layer reads and writes; the presentation, on top of it, shows."
    )


# The learner's import-linter contracts


@pytest.fixture(scope="module")
def contracts(workspace) -> str:
    """Where the learner's import-linter configuration is, once it exists and holds contracts."""
    found = import_linter_config(workspace)
    if found is None:
        fail(
            "No import-linter configuration in the workspace: expected a file .importlinter (or "
            "an [importlinter] section in setup.cfg, or [tool.importlinter] in pyproject.toml) "
            "beside analysis.ipynb. Step 5 of the README writes it."
        )
    where, count = found
    if count == 0:
        fail(f"{where} holds no contracts; add a layers contract and a forbidden contract.")
    return where


@pytest.fixture(scope="module")
def linted(workspace, layout, contracts) -> tuple[tuple[int, str], list[int] | None]:
    """lint-imports on the workspace, and (once there are layers) on one copy per slip."""
    if not isinstance(layout, Package):
        return lint_imports(workspace)[0], None
    return lint_imports_with_slips(
        workspace, [(layout.layer_files[layer], line) for layer, line, _ in PROBES]
    )


def test_your_import_contracts_are_kept(linted, contracts):
    """lint-imports, run in the workspace with your configuration, keeps every contract."""
    (code, output), _ = linted
    broken = output.split("Broken contracts", 1)[-1].lstrip("-\n")
    assert code == 0, (
        f"lint-imports, run in the workspace with {contracts}, fails:\n"
        + tail(broken, 25)
        + "\nEach line `a -> b (l.N)` is an import at line N of module a. Move the code, not the "
        "contract."
    )


@pytest.mark.expensive
def test_your_import_contracts_catch_each_layer_slip(workspace, package, request):
    """Your contracts fail when a copy of the package breaks a layer rule, one slip at a time."""
    found = import_linter_config(workspace)
    if found is None or found[1] == 0:
        fail(
            "No contracts to try yet: the check that lint-imports keeps your contracts says what "
            "is missing."
        )
    contracts = found[0]
    _, codes = request.getfixturevalue("linted")
    missed = [
        f"{what} (`{line}` in {package.layer_files[layer]})"
        for (layer, line, what), code in zip(PROBES, codes, strict=True)
        if code == 0
    ]
    assert not missed, (
        f"lint-imports still passes with your contracts ({contracts}) after each of these "
        f"slips:{listed(missed)}\nA layers contract (presentation above data above domain) and "
        "a forbidden contract for the domain's imports catch them all; see step 5 of the README."
    )


# The notebook, a thin report


def test_the_notebook_imports_only_the_public_api(workspace):
    """The notebook imports only from the top of penguin_mass, only public names, and nothing else."""
    found = reaches_past_the_public_api(workspace, NOTEBOOK)
    assert not found, (
        f"{NOTEBOOK} reaches past the public API:"
        + listed(found)
        + f"\nThe report uses `from {PACKAGE} import ...` and the names {PACKAGE}/__init__.py "
        "exports, so that the layers behind them can change without touching it."
    )


def test_the_notebook_defines_no_functions_or_classes(workspace):
    """The notebook defines no function or class: every piece of logic lives in the package."""
    defined = notebook_definitions(workspace / NOTEBOOK)
    assert not defined, (
        f"{NOTEBOOK} still defines {', '.join(defined)}. Move each into the layer whose job it "
        f"does (a figure into presentation), export it from {PACKAGE}, and call it."
    )


def test_the_notebook_and_its_script_are_in_sync(workspace):
    """analysis.ipynb and analysis.py hold the same cells, so the golden master tests the report."""
    problem = notebook_pair_in_sync(workspace / NOTEBOOK)
    assert problem is None, problem


def test_your_tests_still_pass_golden_master_included(workspace):
    """Your tests, the golden master included, still pass: moving code changed no result."""
    run = run_learner_tests(workspace)
    assert run.ok, (
        f"Your tests do not all pass any more ({run.summary()}). Separating the layers moves "
        "code; it must not change what it computes. If a test cannot import a name any more, "
        f"export it from {PACKAGE}/__init__.py.\n" + tail(run.output)
    )


def test_the_notebook_reports_exactly_the_numbers_of_stage_5(notebook_runs):
    """The notebook's key results are those of the notebook this stage started from, to the gram."""
    require_same_key_results(
        *notebook_runs,
        "Moving code into layers must not move a single gram, and re-recording the golden master "
        "does not make a moved number right: find the step that changed (cleaning, the split, "
        "the fills) and put its behaviour back.",
    )
