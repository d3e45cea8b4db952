"""Birds built by hand for the unit tests."""

import numpy as np
import pandas as pd
import pytest


def build_flock(n, wobble=0.0, gaps=False):
    birds = pd.DataFrame(
        {
            "species": [["Adelie", "Chinstrap", "Gentoo"][i % 3] for i in range(n)],
            "island": "Torgersen",
            "sex": [["female", "male"][i % 2] for i in range(n)],
            "bill_length_mm": np.linspace(35, 55, n),
            "bill_depth_mm": np.linspace(13, 21, n),
            "flipper_length_mm": np.linspace(180, 230, n),
            "body_mass_g": 3000.0 + 10 * np.arange(n) + wobble * np.sin(np.arange(n) * 1.7),
            "delta_15n": np.linspace(7.5, 10, n),
            "delta_13c": np.linspace(-27, -23.5, n),
        },
        index=np.arange(100, 100 + n),
    )
    if gaps:
        birds.iloc[::4, birds.columns.get_loc("delta_15n")] = np.nan
        birds.iloc[3::5, birds.columns.get_loc("bill_depth_mm")] = np.nan
    return birds


@pytest.fixture
def flock():
    return build_flock


@pytest.fixture
def five():
    """delta_13c of the four birds without a gap: -26, -25, -24.5, -18: median -24.75, mean -23.375."""
    return pd.DataFrame(
        {
            "species": ["Gentoo", "Adelie", "Adelie", "Gentoo", "Chinstrap"],
            "sex": ["female", np.nan, "male", "male", "male"],
            "bill_length_mm": [47.0, 38.5, 40.0, 49.0, 50.0],
            "bill_depth_mm": [14.5, 18.0, 19.0, 15.0, 18.0],
            "flipper_length_mm": [215.0, 188.0, 192.0, 222.0, 198.0],
            "body_mass_g": [4900.0, 3300.0, 3900.0, 5500.0, 3800.0],
            "delta_15n": [8.2, 8.8, 9.1, 8.0, 9.7],
            "delta_13c": [-26.0, -25.0, np.nan, -24.5, -18.0],
        }
    )
