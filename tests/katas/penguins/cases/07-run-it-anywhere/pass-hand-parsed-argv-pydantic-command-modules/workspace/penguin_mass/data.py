"""The data layer: the LTER export on disk, validated, and the cleaning that turns its format into ours."""

from __future__ import annotations

from os import PathLike

import pandas as pd

from penguin_mass.domain import TARGET
from penguin_mass.validation import DataError, validate_raw

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


def read_raw(path: str | PathLike) -> pd.DataFrame:
    """The LTER export as it is on disk."""
    try:
        return pd.read_csv(path)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as error:
        raise DataError(f"{path}: unreadable CSV ({str(error).splitlines()[0]})") from None


def _short(raw: pd.DataFrame) -> pd.DataFrame:
    frame = raw.loc[:, [c for c in RAW_NAMES if c in raw.columns]].rename(columns=RAW_NAMES)
    frame["species"] = frame["species"].str.split(" ").str[0]
    frame["sex"] = frame["sex"].str.lower()
    return frame


def clean_penguins(raw: pd.DataFrame) -> pd.DataFrame:
    """The columns the model needs, with short names; birds without a body mass are left out."""
    return _short(raw.loc[:, list(RAW_NAMES)]).dropna(subset=[TARGET])


def load_penguins(path: str | PathLike) -> pd.DataFrame:
    """The export at `path`: read, validated (DataError), cleaned."""
    raw = read_raw(path)
    validate_raw(raw, str(path))
    return clean_penguins(raw)


def load_field_birds(path: str | PathLike) -> pd.DataFrame:
    """Birds to predict for, every row kept in order; the body mass column is optional."""
    raw = read_raw(path)
    validate_raw(raw, str(path), for_prediction=True)
    return _short(raw)
