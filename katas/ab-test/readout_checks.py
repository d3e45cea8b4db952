"""What the checks of several ab-test stages ask of the notebook: its `results` after a run, and
the module's functions called from its cells."""

from __future__ import annotations

import shutil
from pathlib import Path

from kata.harness import fail, notebook_definitions
from kata.harness.mutants import Mutant
from kata.harness.notebooks import notebook_calls, notebook_imports

MODULE = "checkout_analysis"
NOTEBOOK = "analysis.ipynb"
SCRIPT = "analysis.py"


def results_of(run, keys: tuple[str, ...], step: str) -> dict:
    """The run's `results`, a plain dictionary with every key of `keys`; else a check failure
    that says what to change (`step` names the README step that lists the keys)."""
    if isinstance(run, str):
        fail("The results cannot be read until the notebook runs top to bottom (see above).")
    results = run.variables().get("results")
    if isinstance(results, dict) and "__unplain__" in results:
        fail(
            f"results holds {results['__unplain__']}, which does not compare or print cleanly. "
            f"Convert each value to plain Python, as {step} says: int(...), float(...), a dict "
            "comprehension for a Series, [float(ci[0]), float(ci[1])] for the interval."
        )
    if not isinstance(results, dict):
        fail(
            "After a run, the notebook has no dictionary named results. Build it in the "
            f"'Results for Lena' cell, with the keys of {step}."
        )
    missing = [key for key in keys if key not in results]
    assert not missing, f"results has no key {', '.join(missing)}; {step} lists the keys."
    return results


def require_interval_around_the_uplift(results: dict) -> None:
    low_high = results["uplift_ci"]
    around = (
        isinstance(low_high, list)
        and len(low_high) == 2
        and all(isinstance(end, float) for end in low_high)
        and low_high[0] < results["uplift"] < low_high[1]
    )
    if not around:
        fail(
            f"results['uplift_ci'] is {low_high!r}; it should be the bootstrap interval as a list "
            "of two floats, [low, high], around the uplift: [float(ci[0]), float(ci[1])]."
        )


def require_notebook_calls(
    notebook: Path, module: str, names: tuple[str, ...], advice: str
) -> None:
    """The notebook imports `module`, calls each of `names` and defines no function or class."""
    defined = notebook_definitions(notebook)
    assert not defined, (
        f"The notebook defines {', '.join(defined)}. Move each into {module}.py and import it."
    )
    assert notebook_imports(notebook, module), (
        f"The notebook does not import {module}; add `from {module} import ...` to its first cell."
    )
    called = notebook_calls(notebook)
    unused = [name for name in names if name not in called]
    assert not unused, f"The notebook never calls {', '.join(unused)}: {advice}"


def notebook_of_the_start(start: Path, name: str, description: str) -> Mutant:
    """A slip that puts back the notebook and module the stage started from: a golden master
    recorded again for the stage's new readout must fail on it."""

    def rewrite(folder: Path) -> None:
        for path in (MODULE, f"{MODULE}.py", NOTEBOOK, SCRIPT):
            target = folder / path
            shutil.rmtree(target) if target.is_dir() else target.unlink(missing_ok=True)
            if (start / path).is_file():
                shutil.copy2(start / path, target)

    return Mutant(name, description, rewrite=rewrite)
