import numpy as np
import pandas as pd
import pytest


def colony_of(size, gaps=True):
    """`size` birds whose masses follow their measurements, give or take; a few gaps if asked."""
    i = np.arange(size)
    birds = pd.DataFrame(
        {
            "species": np.array(["Gentoo", "Adelie", "Chinstrap"])[i % 3],
            "island": "Biscoe",
            "sex": np.where(i % 3 == 1, "female", "male"),
            "bill_length_mm": 36.0 + (i * 7) % 19,
            "bill_depth_mm": 14.0 + (i * 3) % 7 * 0.9,
            "flipper_length_mm": 182.0 + (i * 11) % 45,
            "delta_15n": 8.0 + (i % 5) * 0.4,
            "delta_13c": -26.5 + (i % 4) * 0.7,
        },
        index=i * 2 + 1,
    )
    birds["body_mass_g"] = (
        35.0 * birds["flipper_length_mm"] - 3000.0 + 90.0 * ((i * 5) % 7 - 3)
    )
    if gaps:
        birds.loc[birds.index[::5], "delta_15n"] = np.nan
        birds.loc[birds.index[2::7], "bill_depth_mm"] = np.nan
        birds.loc[birds.index[3], "sex"] = np.nan
    return birds


@pytest.fixture
def colony():
    return colony_of(36)


@pytest.fixture
def make_colony():
    return colony_of
