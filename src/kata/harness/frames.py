"""Readable checks of the tables a learner's function returned.

Each helper returns what it was asked for or fails with a message that names the function and
what the README asked of it, so that a check can go straight to comparing values.
"""

from __future__ import annotations

import pandas as pd

from kata.harness.failures import fail


def frame_result(name: str, result) -> pd.DataFrame:
    """`result` if it is a DataFrame; otherwise a failure saying what `name` returned instead."""
    if not isinstance(result, pd.DataFrame):
        fail(f"{name} returned a {type(result).__name__}; the README says it returns a DataFrame.")
    return result


def pair_of_frames(name: str, result) -> tuple[pd.DataFrame, pd.DataFrame]:
    """`result` as two DataFrames (a split's train and test)."""
    if not (isinstance(result, tuple | list) and len(result) == 2):
        fail(f"{name} returned a {type(result).__name__}; expected a tuple of two DataFrames.")
    return frame_result(name, result[0]), frame_result(name, result[1])


def require_columns(frame: pd.DataFrame, name: str, *columns: str) -> None:
    """Fail unless every one of `columns` is in the frame `name` returned."""
    absent = [column for column in columns if column not in frame.columns]
    if absent:
        fail(
            f"{name} returned no column {', '.join(absent)}; the README's interface table names it."
        )


def row(frame: pd.DataFrame, label, name: str) -> pd.Series:
    """The row with index label `label`, or a failure saying the index lost it."""
    if label not in frame.index:
        fail(
            f"{name} returned no row with the index label {label}; its index is "
            f"{list(frame.index)[:8]}. Keep the input's index labels (no reset_index)."
        )
    return frame.loc[label]
