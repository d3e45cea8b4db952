"""Checks on a raw export before anything is computed from it: the data layer's boundary.

A file that fails is reported by a `DataError` naming the file, the column and the first bad row
(as its line number in the CSV file, the header being line 1), so that it can be found and fixed.
A missing value is allowed wherever the model fills gaps (measurements, sex, island); a bird
without a body mass is left out by the cleaning.
"""

from __future__ import annotations

import pandas as pd

SPECIES = {
    "Adelie Penguin (Pygoscelis adeliae)",
    "Chinstrap penguin (Pygoscelis antarctica)",
    "Gentoo penguin (Pygoscelis papua)",
}
ALLOWED = {
    "Species": SPECIES,
    "Island": {"Biscoe", "Dream", "Torgersen"},
    "Sex": {"MALE", "FEMALE"},
}
REQUIRED_VALUES = ["Species"]  # the model cannot guess a bird's species
RANGES = {
    "Culmen Length (mm)": (25.0, 65.0),
    "Culmen Depth (mm)": (10.0, 25.0),
    "Flipper Length (mm)": (150.0, 250.0),
    "Body Mass (g)": (2000.0, 7000.0),
    "Delta 15 N (o/oo)": (5.0, 15.0),
    "Delta 13 C (o/oo)": (-30.0, -20.0),
}
TARGET_COLUMN = "Body Mass (g)"


class DataError(Exception):
    """Data that cannot be used as it is; the message is one line naming the file and column."""


def validate_raw(raw: pd.DataFrame, source: str, target: bool = True) -> None:
    """Raise DataError for the first problem in `raw`, read from the file `source`.

    With `target=False` (birds to predict for) the body mass column may be absent.
    """
    required = [*ALLOWED, *RANGES]
    if not target:
        required.remove(TARGET_COLUMN)
    missing = [column for column in required if column not in raw.columns]
    if missing:
        raise DataError(f"{source}: no column {missing[0]!r}")
    if raw.empty:
        raise DataError(f"{source}: no rows")
    for column in REQUIRED_VALUES:
        _first_bad(raw[column].isna(), source, column, "missing value")
    for column, allowed in ALLOWED.items():
        values = raw[column]
        bad = values.notna() & ~values.isin(allowed)
        _first_bad(bad, source, column, f"is not one of {sorted(allowed)}", values)
    for column, (low, high) in RANGES.items():
        if column not in raw.columns:
            continue
        values = raw[column]
        numbers = pd.to_numeric(values, errors="coerce")
        _first_bad(values.notna() & numbers.isna(), source, column, "is not a number", values)
        outside = numbers.notna() & ~numbers.between(low, high)
        _first_bad(outside, source, column, f"is outside {low:g} to {high:g}", values)
    if not target:
        body = ["Culmen Length (mm)", "Culmen Depth (mm)", "Flipper Length (mm)"]
        _first_bad(raw[body].isna().all(axis=1), source, "Flipper Length (mm)", "no measurement")


def _first_bad(bad: pd.Series, source: str, column: str, problem: str, values=None) -> None:
    if not bad.any():
        return
    position = int(bad.to_numpy().argmax())
    line = position + 2  # the header is line 1
    if values is not None:
        value = values.iloc[position]
        value = value.item() if hasattr(value, "item") else value  # 3750.0, not np.float64(3750.0)
        problem = f"{value!r} {problem}"
    raise DataError(f"{source}: column {column!r}, line {line}: {problem}")
