"""From the LTER export to one clean, complete row per weighed bird."""

import pandas as pd

_WANTED = {
    "Species": "species",
    "Island": "island",
    "Sex": "sex",
    "Culmen Length (mm)": "bill_length_mm",
    "Culmen Depth (mm)": "bill_depth_mm",
    "Flipper Length (mm)": "flipper_length_mm",
    "Body Mass (g)": "body_mass_g",
    "Delta 15 N (o/oo)": "delta_15n",
    "Delta 13 C (o/oo)": "delta_13c",
}


def read_raw(path):
    return pd.read_csv(path)


def clean_penguins(raw):
    renamed = raw.loc[:, list(_WANTED)].rename(columns=_WANTED)
    tidy = renamed.assign(
        species=lambda f: f["species"].str.partition(" ")[0],
        sex=lambda f: f["sex"].str.lower(),
    )
    return tidy[tidy["body_mass_g"].notna()]


def impute_missing(penguins):
    fills = {
        "sex": penguins["sex"].value_counts().idxmax(),
        "delta_15n": penguins["delta_15n"].median(),
        "delta_13c": penguins["delta_13c"].median(),
    }
    return penguins.fillna(fills)
