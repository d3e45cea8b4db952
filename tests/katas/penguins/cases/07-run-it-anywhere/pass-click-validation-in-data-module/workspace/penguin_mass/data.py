"""The data layer: the LTER export on disk, its checks at the door, and the cleaning into our shape."""

from __future__ import annotations

from os import PathLike

import pandas as pd

from penguin_mass.domain import TARGET

RAW_NAMES = {
    "Species": "species",
    "Island": "island",
    "Sex": "sex",
    "Culmen Length (mm)": "bill_length_mm",
    "Culmen Depth (mm)": "bill_depth_mm",
    "Flipper Length (mm)": "flipper_length_mm",
    "Body Mass (g)": TARGET,
    "Delta 15 N (o/oo)": "delta_15n",
    "Delta 13 C (o/oo)": "delta_13c",
}
MASS_COLUMN = "Body Mass (g)"
LABELS = {
    "Species": [
        "Adelie Penguin (Pygoscelis adeliae)",
        "Chinstrap penguin (Pygoscelis antarctica)",
        "Gentoo penguin (Pygoscelis papua)",
    ],
    "Island": ["Biscoe", "Dream", "Torgersen"],
    "Sex": ["MALE", "FEMALE"],
}
PLAUSIBLE = {
    "Culmen Length (mm)": (25, 65),
    "Culmen Depth (mm)": (10, 25),
    "Flipper Length (mm)": (150, 250),
    MASS_COLUMN: (2000, 7000),
    "Delta 15 N (o/oo)": (5, 15),
    "Delta 13 C (o/oo)": (-30, -20),
}


class DataError(Exception):
    """A raw export that breaks a rule; one line with file, column and line."""


def validate_raw(raw: pd.DataFrame, source: str, mass_optional: bool = False) -> None:
    """DataError for the first rule `raw` breaks, checked column by column."""
    for column in list(LABELS) + list(PLAUSIBLE):
        if column not in raw.columns and not (mass_optional and column == MASS_COLUMN):
            raise DataError(f"{source}: required column {column!r} not found")

    def fail(mask: pd.Series, column: str, reason: str) -> None:
        hits = mask.to_numpy().nonzero()[0]
        if len(hits):
            i = int(hits[0])
            raise DataError(f"{source} line {i + 2}, column {column!r}: {raw[column].iloc[i]!r} {reason}")

    fail(raw["Species"].isna(), "Species", "(a species is required)")
    for column, labels in LABELS.items():
        fail(raw[column].notna() & ~raw[column].isin(labels), column, f"is not one of {labels}")
    for column, (low, high) in PLAUSIBLE.items():
        if column in raw.columns:
            as_number = pd.to_numeric(raw[column], errors="coerce")
            fail(raw[column].notna() & as_number.isna(), column, "is not a number")
            fail(~as_number.between(low, high) & as_number.notna(), column, f"is not between {low} and {high}")


def read_raw(path: str | PathLike) -> pd.DataFrame:
    """The LTER export as it is on disk."""
    try:
        return pd.read_csv(path)
    except (ValueError, UnicodeDecodeError) as error:  # pandas' parser errors are ValueErrors
        raise DataError(f"{path}: not a CSV export: {str(error).splitlines()[0] if str(error) else ''}") from None


def clean_penguins(raw: pd.DataFrame) -> pd.DataFrame:
    """The columns the model needs, with short names; birds without a body mass are left out."""
    return rename_birds(raw[list(RAW_NAMES)]).dropna(subset=[TARGET])


def rename_birds(raw: pd.DataFrame) -> pd.DataFrame:
    present = {k: v for k, v in RAW_NAMES.items() if k in raw.columns}
    birds = raw[list(present)].rename(columns=present)
    birds["species"] = birds["species"].str.split(" ").str[0]
    birds["sex"] = birds["sex"].str.lower()
    return birds


def load_penguins(path: str | PathLike) -> pd.DataFrame:
    """The export at `path`, read, checked and cleaned."""
    raw = read_raw(path)
    validate_raw(raw, str(path))
    return clean_penguins(raw)


def load_new_birds(path: str | PathLike) -> tuple[pd.DataFrame, pd.DataFrame]:
    raw = read_raw(path)
    validate_raw(raw, str(path), mass_optional=True)
    return raw, rename_birds(raw)
