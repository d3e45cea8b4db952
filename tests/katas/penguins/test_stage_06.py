"""Stage 6 checks tell layered code from code that only looks layered.

The slow cases run the stage's checks the way `kata check` does (see test_penguins_checks.py for
`build` and `check_only`): all of them on an independently written alternative, which must pass;
on a reference solution changed in one or two ways, only the checks the test reads, those that must
fail and those that must still pass. The fast cases call the check file's
source reader on small packages written here, for the import paths a full run would take too long
to cover one by one.
"""

from __future__ import annotations

import importlib.util
import sys
import textwrap
from pathlib import Path

import pytest
from test_penguins_checks import (
    assert_fails_readably,
    assert_passes,
    build,
    check_only,
    passed_checks,
)

from kata.harness import CheckFailed

REPO = Path(__file__).resolve().parents[3]
STAGE_6 = "06-separate-the-layers"
LAYER_RULES = REPO / "katas" / "penguins" / "layer_rules.py"  # the rules stage 6 establishes

LOOSE_CONTRACTS = """\
[importlinter]
root_package = penguin_mass
include_external_packages = True

[importlinter:contract:layers]
name = Layers
type = layers
layers =
    penguin_mass.presentation
    penguin_mass.data
    penguin_mass.domain

[importlinter:contract:loose]
name = The domain calls no services (matplotlib taken out of the list)
type = forbidden
source_modules =
    penguin_mass.domain
forbidden_modules =
    requests
"""


@pytest.mark.slow
@pytest.mark.extended
def test_stage_6_passes_a_domain_subpackage_with_pyproject_contracts(tmp_path, check_stage):
    """Domain as domain/{features,model,evaluation}.py, clean_penguins in the domain, contracts
    in pyproject.toml, other figure names, its own tests and `import penguin_mass as pm`."""
    workspace = build(
        tmp_path,
        STAGE_6,
        remove=[
            "penguin_mass",
            ".importlinter",
            "tests/test_penguin_mass.py",
            "tests/test_data.py",
            "tests/test_presentation.py",
        ],
        overlays=["06-domain-subpackage"],
    )
    assert_passes(check_stage("penguins", 6, workspace))


@pytest.mark.slow
@pytest.mark.extended
def test_stage_6_fails_a_domain_that_plots_even_with_contracts_loosened_to_allow_it(tmp_path):
    workspace = build(
        tmp_path,
        STAGE_6,
        edits=[
            (
                "penguin_mass/domain.py",
                "import numpy as np\n",
                "import matplotlib.pyplot as plt\nimport numpy as np\n",
            ),
            (
                "penguin_mass/domain.py",
                "    return {str(name): float(weight) for name, weight in zip(names, weights, strict=True)}\n",
                "    plt.barh(names, weights)\n"
                "    return {str(name): float(weight) for name, weight in zip(names, weights, strict=True)}\n",
            ),
        ],
        files={".importlinter": LOOSE_CONTRACTS},
    )
    run = check_only(
        6,
        workspace,
        "test_the_domain_imports_no_plotting_no_io_and_no_other_layer",
        "test_your_import_contracts_catch_each_layer_slip",
        "test_your_import_contracts_are_kept",
        "test_your_tests_still_pass_golden_master_included",
    )
    assert_fails_readably(
        run,
        "test_the_domain_imports_no_plotting_no_io_and_no_other_layer",
        "test_your_import_contracts_catch_each_layer_slip",
    )
    messages = " ".join(r.message for r in run.failures)
    assert "penguin_mass/domain.py, line 10: `import matplotlib.pyplot as plt`" in messages
    assert "the domain importing matplotlib" in messages
    assert {
        "test_your_import_contracts_are_kept",
        "test_your_tests_still_pass_golden_master_included",
    } <= passed_checks(run)


@pytest.mark.slow
@pytest.mark.extended
def test_stage_6_fails_a_domain_that_reads_a_csv(tmp_path):
    """Pandas may be imported in the domain, and the contracts allow it; the call is what is wrong."""
    reader = (
        "\n\ndef training_birds(path):\n"
        '    """The birds to fit on, straight from the export."""\n'
        "    return pd.read_csv(path).dropna(subset=[TARGET])\n"
    )
    workspace = build(
        tmp_path,
        STAGE_6,
        edits=[
            (
                "penguin_mass/domain.py",
                'TARGET = "body_mass_g"\n',
                f'TARGET = "body_mass_g"{reader}',
            ),
        ],
    )
    run = check_only(
        6,
        workspace,
        "test_the_domain_reads_no_files_and_draws_nothing",
        "test_your_import_contracts_are_kept",
        "test_the_domain_imports_no_plotting_no_io_and_no_other_layer",
    )
    assert_fails_readably(run, "test_the_domain_reads_no_files_and_draws_nothing")
    messages = " ".join(r.message for r in run.failures)
    assert "`pd.read_csv(path)` reads or writes a file" in messages
    assert {
        "test_your_import_contracts_are_kept",
        "test_the_domain_imports_no_plotting_no_io_and_no_other_layer",
    } <= passed_checks(run)


@pytest.mark.slow
@pytest.mark.extended
def test_stage_6_fails_a_notebook_that_imports_the_domain_and_defines_a_function_and_no_contracts(
    tmp_path,
):
    """Three slips, each named by a check of its own, while the notebook still runs.

    The notebook defining a function was a slip of the workspace whose domain reads a CSV; it moved
    here so that one notebook run shows both notebook slips are caught though the notebook runs.
    """
    helper = (
        "# %%\ndef in_kg(grams):\n    return grams / 1000\n\n\n# %% [markdown]\n# ## Look at it"
    )
    workspace = build(
        tmp_path,
        STAGE_6,
        remove=[".importlinter"],
        edits=[
            ("analysis.py", "    fit_model,\n", ""),
            (
                "analysis.py",
                ")\n\nDATA = ",
                ")\nfrom penguin_mass.domain import fit_model\n\nDATA = ",
            ),
            ("analysis.py", "# %% [markdown]\n# ## Look at it", helper),
        ],
    )
    run = check_only(
        6,
        workspace,
        "test_the_notebook_imports_only_the_public_api",
        "test_the_notebook_defines_no_functions_or_classes",
        "test_your_import_contracts_are_kept",
        "test_your_import_contracts_catch_each_layer_slip",
        "test_the_domain_imports_no_plotting_no_io_and_no_other_layer",
        "test_the_notebook_still_runs_top_to_bottom",
    )
    assert_fails_readably(
        run,
        "test_the_notebook_imports_only_the_public_api",
        "test_the_notebook_defines_no_functions_or_classes",
        "test_your_import_contracts_are_kept",
        "test_your_import_contracts_catch_each_layer_slip",
    )
    messages = " ".join(r.message for r in run.failures)
    assert "`from penguin_mass.domain import fit_model`: imports a layer directly" in messages
    assert "in_kg (cell" in messages
    assert "No import-linter configuration" in messages
    assert {
        "test_the_domain_imports_no_plotting_no_io_and_no_other_layer",
        "test_the_notebook_still_runs_top_to_bottom",
    } <= passed_checks(run)


# Fast: the source reader on small packages


@pytest.fixture(scope="module")
def checks():
    """The module that reads a package's layers (the stage 6 checks and their successors use it)."""
    spec = importlib.util.spec_from_file_location("layer_rules_under_test", LAYER_RULES)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the file loads
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        del sys.modules[spec.name]


def package(tmp_path, files):
    for relative, text in files.items():
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return tmp_path


LAYERED = {
    "penguin_mass/__init__.py": """\
        from penguin_mass.data import read_raw
        from penguin_mass.domain import TARGET
        from penguin_mass.presentation import figure
        """,
    "penguin_mass/data.py": "from pathlib import Path\nfrom penguin_mass.domain import TARGET\n",
    "penguin_mass/domain/__init__.py": "from .model import TARGET\n",
    "penguin_mass/domain/model.py": "import pandas as pd\n\nTARGET = 'body_mass_g'\n",
    "penguin_mass/presentation.py": "import matplotlib.pyplot as plt\nfrom . import data\n",
}


def domain_and_data_problems(checks, workspace):
    found = checks.read_package(workspace)
    return (
        checks.layer_violations(
            found, "domain", checks.FORBIDDEN_IN_DOMAIN, {"data", "presentation"}
        )
        + checks.domain_calls_that_do_io(found)
        + checks.layer_violations(found, "data", checks.PLOTTING, {"presentation"})
    )


def test_a_layered_package_has_no_problems(tmp_path, checks):
    assert domain_and_data_problems(checks, package(tmp_path, LAYERED)) == []


@pytest.mark.parametrize(
    ("file", "line", "expected"),
    [
        ("penguin_mass/domain/model.py", "from os import PathLike", "the domain layer imports os"),
        ("penguin_mass/domain/model.py", "from .. import data", "imports penguin_mass.data"),
        (
            "penguin_mass/domain/model.py",
            "from ..presentation import figure",
            "penguin_mass.presentation",
        ),
        (
            "penguin_mass/domain/model.py",
            "import urllib.request",
            "the domain layer imports urllib",
        ),
        (
            "penguin_mass/domain/model.py",
            "from pandas.plotting import scatter_matrix",
            "pandas.plotting",
        ),
        (
            "penguin_mass/domain/model.py",
            "x = pd.read_parquet('a.parquet')",
            "reads or writes a file",
        ),
        ("penguin_mass/domain/model.py", "pd.DataFrame().plot.scatter(x=1, y=2)", "draws a figure"),
        (
            "penguin_mass/domain/model.py",
            "def f(p):\n    return p.read_text()",
            "reads or writes a file",
        ),
        (
            "penguin_mass/domain/__init__.py",
            "from penguin_mass import read_raw",
            "so the domain layer depends on penguin_mass.data",
        ),
        ("penguin_mass/data.py", "import seaborn", "the data layer imports seaborn"),
    ],
)
def test_each_layer_slip_is_found_with_its_file_and_line(tmp_path, checks, file, line, expected):
    files = dict(LAYERED)
    files[file] = textwrap.dedent(files[file]) + line + "\n"
    problems = domain_and_data_problems(checks, package(tmp_path, files))
    assert any(expected in problem and file in problem for problem in problems), problems


def test_an_import_through_a_helper_module_is_followed_to_what_it_imports(tmp_path, checks):
    files = {
        **LAYERED,
        "penguin_mass/helpers.py": "import io\n",
        "penguin_mass/domain/model.py": "from penguin_mass.helpers import io\n",
    }
    (problem,) = domain_and_data_problems(checks, package(tmp_path, files))
    assert problem == (
        "penguin_mass/domain/model.py, line 1: `from penguin_mass.helpers import io`, and "
        "penguin_mass/helpers.py imports io at line 1: so the domain layer depends on io (it reaches "
        "files or the operating system; reading and writing belong in the data layer)."
    )


def test_a_package_with_a_missing_layer_or_a_folder_without_init_is_named(tmp_path, checks):
    files = {k: v for k, v in LAYERED.items() if k != "penguin_mass/domain/__init__.py"}
    del files["penguin_mass/presentation.py"]
    with pytest.raises(CheckFailed, match=r"domain/ has no __init__.py.*no presentation layer"):
        checks.read_package(package(tmp_path, files))
