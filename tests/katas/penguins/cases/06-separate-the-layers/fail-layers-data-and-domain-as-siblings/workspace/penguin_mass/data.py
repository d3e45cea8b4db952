"""The data layer: the LTER export on disk, and the cleaning that turns its format into ours."""

from __future__ import annotations

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


def read_raw(path) -> pd.DataFrame:
    """The LTER export as it is on disk."""
    return pd.read_csv(path)


def clean_penguins(raw: pd.DataFrame) -> pd.DataFrame:
    """The columns the model needs, with short names; birds without a body mass are left out.

    Columns are picked by name. They used to be picked by position, which swapped bill length
    and bill depth without changing a single error metric; a unit test found it.
    """
    penguins = raw[list(RAW_NAMES)].rename(columns=RAW_NAMES)
    penguins["species"] = penguins["species"].str.split(" ").str[0]
    penguins["sex"] = penguins["sex"].str.lower()
    return penguins.dropna(subset=[TARGET])


def load_penguins(path) -> pd.DataFrame:
    """The export at `path`, read and cleaned."""
    return clean_penguins(read_raw(path))
