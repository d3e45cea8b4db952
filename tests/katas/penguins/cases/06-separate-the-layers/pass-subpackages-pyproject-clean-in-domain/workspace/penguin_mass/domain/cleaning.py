"""Which birds count, and under which names.

clean_penguins lives in the domain, not the data layer: it decides which birds the model may learn
from (only weighed ones), and that is a modelling decision we want tested next to the model. It
knows the export's column names, but it only transforms a frame it is given; it reads nothing.
"""

from __future__ import annotations

import pandas as pd

from penguin_mass.domain.columns import TARGET

EXPORT_COLUMNS = {
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
    """Short column names, species as one word, sex in lower case, unweighed birds left out."""
    short = raw.loc[:, list(EXPORT_COLUMNS)].rename(columns=EXPORT_COLUMNS)
    short = short.assign(
        species=short["species"].str.split(" ").str[0],
        sex=short["sex"].str.lower(),
    )
    return short[short[TARGET].notna()]
