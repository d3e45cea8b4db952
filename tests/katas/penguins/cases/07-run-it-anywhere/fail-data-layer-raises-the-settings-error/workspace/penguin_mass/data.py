"""The data layer: the LTER export on disk, checked and turned from its format into ours."""

from __future__ import annotations

from os import PathLike
from pathlib import Path

import pandas as pd

from penguin_mass.config import ConfigError
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
    """The LTER export as it is on disk; DataError if it is not a CSV file pandas can read."""
    try:
        return pd.read_csv(path)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as error:
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else "empty"
        raise DataError(f"{path}: not a readable CSV file ({first_line})") from None


def clean_penguins(raw: pd.DataFrame) -> pd.DataFrame:
    """The columns the model needs, with short names; birds without a body mass are left out.

    Columns are picked by name. They used to be picked by position, which swapped bill length
    and bill depth without changing a single error metric; a unit test found it.
    """
    return _short_names(raw, RAW_NAMES).dropna(subset=[TARGET])


def load_penguins(path: str | PathLike) -> pd.DataFrame:
    """The export at `path`, read, checked (DataError if it fails) and cleaned."""
    if not Path(path).is_file():
        raise ConfigError(f"data_path: no file at {path}")
    raw = read_raw(path)
    validate_raw(raw, str(path))
    return clean_penguins(raw)


def load_birds_to_predict(path: str | PathLike) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(raw, birds): the file at `path` as it is, and every one of its birds with short names.

    The file has the export's columns; its body mass column may be missing or empty.
    """
    raw = read_raw(path)
    validate_raw(raw, str(path), target=False)
    names = {name: short for name, short in RAW_NAMES.items() if name in raw.columns}
    return raw, _short_names(raw, names)


def _short_names(raw: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    birds = raw[list(names)].rename(columns=names)
    birds["species"] = birds["species"].str.split(" ").str[0]
    birds["sex"] = birds["sex"].str.lower()
    return birds
