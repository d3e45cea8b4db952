"""Builders of tiny hand-made frames, shared by the unit tests."""

import numpy as np
import pandas as pd
import pytest

EXPORT_COLUMNS = (
    "studyName,Sample Number,Species,Region,Island,Stage,Individual ID,Clutch Completion,Date Egg,"
    "Culmen Length (mm),Culmen Depth (mm),Flipper Length (mm),Body Mass (g),Sex,"
    "Delta 15 N (o/oo),Delta 13 C (o/oo),Comments"
).split(",")

LONG_NAMES = {
    "Adelie": "Adelie Penguin (Pygoscelis adeliae)",
    "Chinstrap": "Chinstrap penguin (Pygoscelis antarctica)",
    "Gentoo": "Gentoo penguin (Pygoscelis papua)",
}


@pytest.fixture
def make_raw():
    """make_raw(dict(...), dict(...)) -> a raw export frame; unspecified fields get plausible values."""

    def build(*birds, index=None):
        rows = []
        for number, bird in enumerate(birds, start=1):
            row = {
                "studyName": "PAL0910",
                "Sample Number": number,
                "Species": LONG_NAMES["Adelie"],
                "Region": "Anvers",
                "Island": "Dream",
                "Stage": "Adult, 1 Egg Stage",
                "Individual ID": f"N{number}A2",
                "Clutch Completion": "Yes",
                "Date Egg": "2009-11-15",
                "Culmen Length (mm)": 40.0,
                "Culmen Depth (mm)": 18.0,
                "Flipper Length (mm)": 190.0,
                "Body Mass (g)": 3700.0,
                "Sex": "FEMALE",
                "Delta 15 N (o/oo)": 8.8,
                "Delta 13 C (o/oo)": -25.5,
                "Comments": np.nan,
            }
            row.update(bird)
            rows.append(row)
        return pd.DataFrame(rows, columns=EXPORT_COLUMNS, index=index)

    return build


@pytest.fixture
def make_penguins():
    """make_penguins(species=[...], sex=[...], ...) -> a clean frame; missing columns are filled in."""

    def build(index=None, **columns):
        n = len(next(iter(columns.values())))
        defaults = {
            "species": ["Adelie"] * n,
            "island": ["Dream"] * n,
            "sex": ["female"] * n,
            "bill_length_mm": [40.0 + i for i in range(n)],
            "bill_depth_mm": [18.0 - 0.5 * i for i in range(n)],
            "flipper_length_mm": [190.0 + 3 * i for i in range(n)],
            "body_mass_g": [3500.0 + 100 * i for i in range(n)],
            "delta_15n": [8.5 + 0.25 * i for i in range(n)],
            "delta_13c": [-25.0 - 0.3 * i for i in range(n)],
        }
        defaults.update(columns)
        return pd.DataFrame(defaults, index=index)

    return build
