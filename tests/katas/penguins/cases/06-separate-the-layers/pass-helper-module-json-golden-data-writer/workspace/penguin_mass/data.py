"""Data layer: reads the LTER export and writes results. The only module that touches files.

clean_penguins sits here: it is the translation from the export's format to ours.
"""

from __future__ import annotations

import json

import pandas as pd

from penguin_mass.domain import TARGET

RAW_TO_CLEAN = {
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
    return pd.read_csv(path)


def clean_penguins(raw: pd.DataFrame) -> pd.DataFrame:
    """Short names; species' first word; sex in lower case; only birds with a body mass."""
    clean = pd.DataFrame({new: raw[old] for old, new in RAW_TO_CLEAN.items()})
    clean["species"] = clean["species"].map(lambda name: name.split(" ")[0])
    clean["sex"] = clean["sex"].str.lower()
    return clean.loc[clean[TARGET].notna()]


def penguins_from_export(path) -> pd.DataFrame:
    return clean_penguins(read_raw(path))


def save_results(results: dict, path) -> None:
    """Write the key results as JSON, for the record."""
    with open(path, "w", encoding="utf-8") as file:
        json.dump(results, file, indent=2, sort_keys=True)
