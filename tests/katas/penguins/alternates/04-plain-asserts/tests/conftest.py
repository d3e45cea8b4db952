import numpy as np
import pandas as pd
import pytest

EXPORT_ORDER = [
    "studyName",
    "Sample Number",
    "Species",
    "Region",
    "Island",
    "Stage",
    "Individual ID",
    "Clutch Completion",
    "Date Egg",
    "Culmen Length (mm)",
    "Culmen Depth (mm)",
    "Flipper Length (mm)",
    "Body Mass (g)",
    "Sex",
    "Delta 15 N (o/oo)",
    "Delta 13 C (o/oo)",
    "Comments",
]


@pytest.fixture
def export():
    """Two weighed birds and one that was not, in the export's own column order."""
    rows = [
        [
            "PAL0910",
            1,
            "Chinstrap penguin (Pygoscelis antarctica)",
            "Anvers",
            "Dream",
            "Adult, 1 Egg Stage",
            "N1A1",
            "Yes",
            "2009-11-20",
            50.5,
            19.6,
            201.0,
            4050.0,
            "MALE",
            9.8,
            -24.5,
            np.nan,
        ],
        [
            "PAL0910",
            2,
            "Gentoo penguin (Pygoscelis papua)",
            "Anvers",
            "Biscoe",
            "Adult, 1 Egg Stage",
            "N1A2",
            "Yes",
            "2009-11-20",
            43.3,
            14.0,
            208.0,
            4575.0,
            np.nan,
            8.2,
            -26.1,
            "Sexing primers did not amplify.",
        ],
        [
            "PAL0910",
            3,
            "Adelie Penguin (Pygoscelis adeliae)",
            "Anvers",
            "Torgersen",
            "Adult, 1 Egg Stage",
            "N2A1",
            "No",
            "2009-11-21",
            np.nan,
            np.nan,
            np.nan,
            np.nan,
            np.nan,
            np.nan,
            np.nan,
            "Adult not sampled.",
        ],
    ]
    return pd.DataFrame(rows, columns=EXPORT_ORDER, index=[20, 21, 22])


@pytest.fixture
def colony():
    """Six clean birds; the Chinstrap's sex and two isotope ratios are unknown."""
    return pd.DataFrame(
        {
            "species": ["Gentoo", "Gentoo", "Gentoo", "Adelie", "Adelie", "Chinstrap"],
            "island": ["Biscoe"] * 3 + ["Dream"] * 3,
            "sex": ["male", "male", "female", "male", "female", None],
            "bill_length_mm": [47.0, 49.0, 45.0, 39.0, 37.0, 48.0],
            "bill_depth_mm": [15.0, 16.0, 14.0, 18.0, 17.5, 18.0],
            "flipper_length_mm": [215.0, 222.0, 210.0, 190.0, 186.0, 195.0],
            "body_mass_g": [5200.0, 5600.0, 4700.0, 3900.0, 3300.0, 3700.0],
            "delta_15n": [8.0, 8.2, None, 8.9, 9.1, 20.0],
            "delta_13c": [-26.0, None, -26.5, -25.5, -25.0, -18.0],
        }
    )
