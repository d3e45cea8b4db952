"""Which columns the model reads, and which birds count."""

import pandas as pd

TARGET = "body_mass_g"
MEASUREMENTS = ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "delta_15n", "delta_13c"]
CATEGORIES = ["species", "sex"]
FEATURES = [*MEASUREMENTS, *CATEGORIES]

EXPORT_NAMES = {
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


def clean_penguins(raw: pd.DataFrame) -> pd.DataFrame:
    """The birds that were weighed, with short column names, species by genus name, sex in lower case.

    It lives in the domain: which birds count is a modelling decision, and it reads no file.
    """
    weighed = raw.loc[raw["Body Mass (g)"].notna(), list(EXPORT_NAMES)]
    return weighed.rename(columns=EXPORT_NAMES).assign(
        species=lambda birds: birds["species"].str.split().str[0],
        sex=lambda birds: birds["sex"].str.lower(),
    )
