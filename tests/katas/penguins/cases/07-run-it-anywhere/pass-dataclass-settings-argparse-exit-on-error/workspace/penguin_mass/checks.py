"""Checks a raw export must pass before anything is computed from it."""

from __future__ import annotations

import numpy as np
import pandas as pd

MASS = "Body Mass (g)"
CHOICES = {
    "Species": (
        "Adelie Penguin (Pygoscelis adeliae)",
        "Chinstrap penguin (Pygoscelis antarctica)",
        "Gentoo penguin (Pygoscelis papua)",
    ),
    "Island": ("Biscoe", "Dream", "Torgersen"),
    "Sex": ("MALE", "FEMALE"),
}
LIMITS = {
    "Culmen Length (mm)": (25, 65),
    "Culmen Depth (mm)": (10, 25),
    "Flipper Length (mm)": (150, 250),
    MASS: (2000, 7000),
    "Delta 15 N (o/oo)": (5, 15),
    "Delta 13 C (o/oo)": (-30, -20),
}


class DataError(ValueError):
    """An export that cannot be used; the message names file, column and line."""


def validate_raw(raw: pd.DataFrame, source: str, *, with_mass: bool = True) -> None:
    """Raise DataError for the first problem found in `raw` (read from `source`)."""
    for column in [*CHOICES, *LIMITS]:
        if column not in raw.columns and (with_mass or column != MASS):
            raise DataError(f"{source}: column {column!r} is missing")
    _complain(raw["Species"].isna(), source, "Species", raw["Species"], "no species")
    for column, choices in CHOICES.items():
        values = raw[column]
        _complain(values.notna() & ~values.isin(choices), source, column, values,
                  f"not one of {', '.join(choices)}")
    for column, (low, high) in LIMITS.items():
        if column not in raw.columns:
            continue
        values = raw[column]
        numbers = pd.to_numeric(values, errors="coerce")
        _complain(values.notna() & numbers.isna(), source, column, values, "not a number")
        _complain(numbers.notna() & ((numbers < low) | (numbers > high)), source, column, values,
                  f"not within {low} to {high}")


def _complain(bad: pd.Series, source: str, column: str, values: pd.Series, what: str) -> None:
    rows = np.flatnonzero(bad.to_numpy())
    if rows.size:
        first = int(rows[0])
        raise DataError(
            f"{source}: column {column!r}, line {first + 2}: {values.iloc[first]!s}: {what}"
        )
