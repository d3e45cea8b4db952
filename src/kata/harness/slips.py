"""Library slips: ready-made `patch` functions for library mutants.

Each returns a function that, when called in a process, changes a library so that any code using
it makes one realistic mistake, however the learner wrote that code: a seed that moved, a median
that is really a mean, a data file that lost a row or has one typo, a model parameter left at an
experiment's value. A stage's `mutants/mutants.py` combines them with a name and a description.
"""

from __future__ import annotations

import contextlib
import functools
import numbers
import sys
from collections.abc import Callable
from pathlib import Path

_LIBRARIES = tuple({sys.prefix, sys.base_prefix, sys.exec_prefix})
_HARNESS = str(Path(__file__).resolve().parent)


def called_from_tests() -> bool:
    """Whether the nearest caller outside the libraries is a test file (or conftest.py).

    A slip is a mistake in the learner's code: a test that computes its own expected value with the
    same library (a KFold, a median) must get the true answer, or the slip would move the oracle too.
    """
    frame = sys._getframe(2)
    while frame is not None:
        filename = frame.f_code.co_filename
        if not filename.startswith(("<", *_LIBRARIES, _HARNESS)):
            path = Path(filename)
            return (
                "tests" in path.parts or path.name.startswith("test_") or path.name == "conftest.py"
            )
        frame = frame.f_back
    return False


TRIGGERED = "KATA_SLIP_TRIGGERED"  # a file to create once the slip has acted in the learner's code


def note_triggered() -> None:
    """Leave a mark that the slip acted: a library slip that the learner's code never reaches
    (a pipeline that imputes without SimpleImputer) is not held against the learner's tests."""
    import os

    marker = os.environ.get(TRIGGERED)
    if marker:
        Path(marker).touch()


def outside_tests(slipped: Callable, original: Callable) -> Callable:
    """`slipped` when called from the learner's code, `original` when called from a test."""

    @functools.wraps(original)
    def choose(*args, **kwargs):
        if called_from_tests():
            return original(*args, **kwargs)
        note_triggered()
        return slipped(*args, **kwargs)

    return choose


def seed_moved(by: int = 1) -> Callable[[], None]:
    """Every integer seed given to numpy (and so to pandas and scikit-learn) is `by` higher."""

    def patch() -> None:
        import numpy as np

        def moved(seed):
            return seed + by if isinstance(seed, numbers.Integral) else seed

        original_rng, original_seed = np.random.default_rng, np.random.seed
        np.random.default_rng = outside_tests(
            lambda seed=None: original_rng(moved(seed)), original_rng
        )
        np.random.seed = outside_tests(lambda seed=None: original_seed(moved(seed)), original_seed)

        class MovedRandomState(np.random.RandomState):
            def __init__(self, seed=None):
                if isinstance(seed, numbers.Integral) and not called_from_tests():
                    note_triggered()
                    seed = moved(seed)
                super().__init__(seed)

        np.random.RandomState = MovedRandomState

    return patch


def median_is_mean() -> Callable[[], None]:
    """Every median computed with pandas or numpy is the mean instead."""

    def patch() -> None:
        import numpy as np
        import pandas as pd

        pd.Series.median = outside_tests(pd.Series.mean, pd.Series.median)
        pd.DataFrame.median = outside_tests(pd.DataFrame.mean, pd.DataFrame.median)
        np.median = outside_tests(np.mean, np.median)
        np.nanmedian = outside_tests(np.nanmean, np.nanmedian)
        with contextlib.suppress(ImportError):  # scikit-learn's imputer has medians of its own
            fit_with_parameters(
                "sklearn.impute",
                "SimpleImputer",
                strategy=lambda given: "mean" if given == "median" else given,
            )()

    return patch


def _patch_read_csv(change: Callable) -> None:
    import pandas as pd

    original = pd.read_csv

    def read_csv(*args, **kwargs):
        frame = original(*args, **kwargs)
        return change(frame) if hasattr(frame, "iloc") else frame

    pd.read_csv = outside_tests(read_csv, original)


def csv_loses_last_row() -> Callable[[], None]:
    """Every CSV file read with pandas comes back without its last row (a cut-off export)."""

    def patch() -> None:
        _patch_read_csv(lambda frame: frame.iloc[:-1])

    return patch


def csv_value_nudged(column: str, row: int, by: float) -> Callable[[], None]:
    """One value of a CSV file read with pandas is off by `by` (a typo in the data)."""

    def change(frame):
        if column not in frame.columns or len(frame) <= row:
            return frame
        frame = frame.copy()
        frame.loc[frame.index[row], column] += by
        return frame

    def patch() -> None:
        _patch_read_csv(change)

    return patch


def fit_with_parameter_scaled(
    module: str, estimator: str, parameter: str, factor: float
) -> Callable[[], None]:
    """`estimator` (e.g. Ridge) fits as if its `parameter` were `factor` times what it was given."""
    return fit_with_parameters(module, estimator, **{parameter: lambda given: given * factor})


def csv_columns_swapped(first: str, second: str) -> Callable[[], None]:
    """The values of two columns of every CSV file read with pandas are swapped."""

    def change(frame):
        if first not in frame.columns or second not in frame.columns:
            return frame
        frame = frame.copy()
        frame[[first, second]] = frame[[second, first]].to_numpy()
        return frame

    def patch() -> None:
        _patch_read_csv(change)

    return patch


def fit_with_parameters(
    module: str, estimator: str, keep: bool = False, **changes: Callable
) -> Callable[[], None]:
    """`estimator` fits (and splits, for a splitter) as if each named parameter were
    `change(given)`: for example strategy=lambda s: "mean" if s == "median" else s.

    The parameters go back to their given values after the fit, unless `keep`: a parameter that
    `transform` reads too (StandardScaler's with_mean) must stay changed, or the fitted estimator
    would crash instead of slipping, and every test that merely uses it would "catch" the slip."""

    def patch() -> None:
        import importlib

        cls = getattr(importlib.import_module(module), estimator)
        for method in ("fit", "split"):
            original = getattr(cls, method, None)
            if original is not None:
                setattr(cls, method, _with_parameters(original, changes, keep))

    return patch


def _with_parameters(original: Callable, changes: dict[str, Callable], keep: bool) -> Callable:
    def method(self, *args, **kwargs):
        if called_from_tests():
            return original(self, *args, **kwargs)
        note_triggered()
        given = {name: getattr(self, name) for name in changes}
        for name, change in changes.items():
            setattr(self, name, change(given[name]))
        try:
            result = original(self, *args, **kwargs)
            if hasattr(result, "__next__"):  # a generator (KFold.split): drain it while changed
                result = iter(list(result))
            return result
        finally:
            if not keep:
                for name, value in given.items():
                    setattr(self, name, value)

    return method


def called_with(module: str, function: str, **changes: Callable) -> Callable[[], None]:
    """`module.function` runs as if each named argument were `change(given)`, where `given` is
    what the caller passed or the function's default: for example correction=lambda _: False."""

    def patch() -> None:
        import importlib

        owner = importlib.import_module(module)
        original = getattr(owner, function)
        setattr(owner, function, outside_tests(with_arguments(original, **changes), original))

    return patch


def with_arguments(original: Callable, **changes: Callable) -> Callable:
    """`original`, called as if each named argument were `change(given)`, where `given` is what
    the caller passed or the default; a name the function does not take is left alone. A library
    slip (`called_with`) or a function mutant's `wrap` (a level that is always 0.95)."""
    import inspect

    signature = inspect.signature(original)

    @functools.wraps(original)
    def changed(*args, **kwargs):
        bound = signature.bind(*args, **kwargs)
        bound.apply_defaults()
        for name, change in changes.items():
            if name in bound.arguments:
                bound.arguments[name] = change(bound.arguments[name])
        return original(*bound.args, **bound.kwargs)

    return changed


def group_means_are_medians() -> Callable[[], None]:
    """Every group mean computed with pandas (`frame.groupby(...)[...].mean()`) is the median."""

    def patch() -> None:
        from pandas.core.groupby.generic import DataFrameGroupBy, SeriesGroupBy

        for cls in (SeriesGroupBy, DataFrameGroupBy):
            cls.mean = outside_tests(cls.median, cls.mean)

    return patch


def in_results_cell(script: str, code: str) -> Callable[[Path], None]:
    """A rewrite: `code` (a template in which `{name}` is the results' variable) inserted in the
    notebook's results cell, as an edit in that cell would be. The results cell is the last cell
    of the learner's paired notebook script that assigns a dictionary to a name, whatever the
    name; the code goes after the cell's work and before the line that shows it, so that what
    the cell shows or prints shows the slip too. The notebook is regenerated from the script."""

    def rewrite(folder: Path) -> None:
        import ast

        import jupytext

        from kata.harness.mutants import rewrite_notebook_from_script

        path = folder / script
        if not path.is_file():
            return
        notebook = jupytext.read(path, fmt="py:percent")
        found = None
        for cell in notebook.cells:
            if cell.cell_type != "code":
                continue
            try:
                tree = ast.parse(cell.source)
            except SyntaxError:
                continue
            for node in tree.body:
                if _assigns_a_dict(node):
                    found = (cell, tree, node.targets[0].id)
        if found is None:
            return
        cell, tree, name = found
        body = tree.body
        shown = isinstance(body[-1], ast.Expr) and len(body) > 1
        at = body[-2].end_lineno if shown else body[-1].end_lineno
        lines = cell.source.splitlines()
        lines[at:at] = code.format(name=name).splitlines()
        cell.source = "\n".join(lines)
        jupytext.write(notebook, path, fmt="py:percent")
        notebook_file = path.with_suffix(".ipynb")
        if notebook_file.is_file():
            rewrite_notebook_from_script(path, notebook_file)

    return rewrite


def _assigns_a_dict(node) -> bool:
    import ast

    return (
        isinstance(node, ast.Assign)
        and len(node.targets) == 1
        and isinstance(node.targets[0], ast.Name)
        and (
            isinstance(node.value, ast.Dict | ast.DictComp)
            or (isinstance(node.value, ast.Call) and getattr(node.value.func, "id", "") == "dict")
        )
    )
