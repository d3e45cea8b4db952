"""Data layer: the LTER export's format and column names live here, and nowhere else.

clean_penguins is here because it is the only function that knows the export's column names; the
domain only ever sees our short names.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from penguin_mass.domain import TARGET

_COLUMNS = {
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
    """The export, as on disk; a leading ~ is expanded."""
    return pd.read_csv(Path(path).expanduser())


def clean_penguins(raw: pd.DataFrame) -> pd.DataFrame:
    """Our column names, one-word species, lower-case sex; birds never weighed are dropped."""
    out = raw.filter(items=list(_COLUMNS)).rename(columns=_COLUMNS)
    out["species"] = out["species"].str.extract(r"^(\w+)", expand=False)
    out["sex"] = out["sex"].str.lower()
    return out.dropna(subset=[TARGET])


def load_clean(path) -> pd.DataFrame:
    """read_raw, then clean_penguins."""
    return clean_penguins(read_raw(path))
