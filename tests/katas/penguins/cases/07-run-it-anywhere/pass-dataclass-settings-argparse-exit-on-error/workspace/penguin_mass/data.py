"""The data layer: the LTER export on disk, checked at the door and put into our shape."""

from __future__ import annotations

from os import PathLike

import pandas as pd

from penguin_mass.checks import DataError, validate_raw
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


def read_raw(path: str | PathLike) -> pd.DataFrame:
    """The LTER export as it is on disk."""
    try:
        return pd.read_csv(path)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as error:
        raise DataError(f"{path}: cannot be read as CSV ({type(error).__name__})") from None


def _renamed(raw: pd.DataFrame) -> pd.DataFrame:
    names = {old: new for old, new in RAW_NAMES.items() if old in raw.columns}
    birds = raw[list(names)].rename(columns=names)
    birds["species"] = birds["species"].str.split(" ").str[0]
    birds["sex"] = birds["sex"].str.lower()
    return birds


def clean_penguins(raw: pd.DataFrame) -> pd.DataFrame:
    """The columns the model needs, with short names; birds without a body mass are left out."""
    return _renamed(raw[list(RAW_NAMES)]).dropna(subset=[TARGET])


def load_penguins(path: str | PathLike) -> pd.DataFrame:
    """The export at `path`, read, validated and cleaned."""
    raw = read_raw(path)
    validate_raw(raw, str(path))
    return clean_penguins(raw)


def load_unweighed(path: str | PathLike) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(raw rows, model inputs) for birds to predict: no body mass needed, no row dropped."""
    raw = read_raw(path)
    validate_raw(raw, str(path), with_mass=False)
    return raw, _renamed(raw)
