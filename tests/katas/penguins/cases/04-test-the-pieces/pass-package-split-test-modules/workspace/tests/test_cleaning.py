"""read_raw, clean_penguins and impute_missing on a handful of birds."""

import numpy as np
import pandas as pd
import pytest

from penguin_mass import clean_penguins, impute_missing, read_raw

HEADER = [
    "studyName", "Sample Number", "Species", "Region", "Island", "Stage", "Individual ID",
    "Clutch Completion", "Date Egg", "Culmen Length (mm)", "Culmen Depth (mm)",
    "Flipper Length (mm)", "Body Mass (g)", "Sex", "Delta 15 N (o/oo)", "Delta 13 C (o/oo)",
    "Comments",
]


def export(*rows):
    """Raw rows given as (species, sex, culmen length, culmen depth, flipper, mass, d15N, d13C)."""
    records = []
    for i, (species, sex, length, depth, flipper, mass, n15, c13) in enumerate(rows):
        records.append(
            ["PAL0708", i + 1, species, "Anvers", "Biscoe", "Adult, 1 Egg Stage", f"N{i}A1", "No",
             "2007-11-27", length, depth, flipper, mass, sex, n15, c13, "Nest never observed"]
        )
    return pd.DataFrame(records, columns=HEADER)


GENTOO = "Gentoo penguin (Pygoscelis papua)"
ADELIE = "Adelie Penguin (Pygoscelis adeliae)"
CHINSTRAP = "Chinstrap penguin (Pygoscelis antarctica)"


@pytest.fixture
def raw():
    return export(
        (ADELIE, "FEMALE", 36.6, 17.8, 185.0, 3700.0, 8.7, -25.9),
        (GENTOO, "MALE", 50.0, 16.3, 230.0, 5700.0, 8.1, -26.4),
        (CHINSTRAP, np.nan, 46.5, 17.9, 192.0, np.nan, 9.3, -24.4),
        (CHINSTRAP, "MALE", 50.9, 19.1, 196.0, 3550.0, np.nan, np.nan),
    )


def test_read_raw_keeps_every_row_and_column(tmp_path, raw):
    raw.to_csv(tmp_path / "penguins.csv", index=False)
    assert read_raw(tmp_path / "penguins.csv").shape == (4, 17)


def test_clean_has_the_nine_columns_in_order(raw):
    assert clean_penguins(raw).columns.tolist() == [
        "species", "island", "sex", "bill_length_mm", "bill_depth_mm", "flipper_length_mm",
        "body_mass_g", "delta_15n", "delta_13c",
    ]


def test_the_unweighed_chinstrap_is_left_out_and_labels_are_kept(raw):
    assert clean_penguins(raw).index.tolist() == [0, 1, 3]


def test_species_and_sex_are_tidied(raw):
    clean = clean_penguins(raw)
    assert clean["species"].tolist() == ["Adelie", "Gentoo", "Chinstrap"]
    assert clean["sex"].tolist() == ["female", "male", "male"]


def test_bill_length_and_depth_are_not_swapped(raw):
    gentoo = clean_penguins(raw).loc[1]
    assert (gentoo["bill_length_mm"], gentoo["bill_depth_mm"]) == (50.0, 16.3)
    assert (gentoo["flipper_length_mm"], gentoo["body_mass_g"]) == (230.0, 5700.0)
    assert (gentoo["delta_15n"], gentoo["delta_13c"]) == (8.1, -26.4)


def test_clean_does_not_touch_the_export(raw):
    untouched = raw.copy()
    clean_penguins(raw)
    pd.testing.assert_frame_equal(raw, untouched)


@pytest.fixture
def gappy():
    """Four birds: sex missing once (two of the others are male), isotopes skewed so median != mean."""
    return pd.DataFrame(
        {
            "species": ["Adelie", "Gentoo", "Chinstrap", "Gentoo"],
            "island": ["Dream", "Biscoe", "Dream", "Biscoe"],
            "sex": ["male", np.nan, "female", "male"],
            "bill_length_mm": [36.6, 50.0, 50.9, 47.0],
            "bill_depth_mm": [17.8, 16.3, 19.1, 14.5],
            "flipper_length_mm": [185.0, 230.0, 196.0, 214.0],
            "body_mass_g": [3700.0, 5700.0, 3550.0, 4900.0],
            "delta_15n": [8.0, 8.5, 11.0, np.nan],
            "delta_13c": [np.nan, -26.0, -25.0, -19.0],
        },
        index=[40, 41, 42, 43],
    )


@pytest.mark.parametrize(
    ("label", "column", "expected"),
    [(43, "delta_15n", 8.5), (40, "delta_13c", -25.0), (41, "sex", "male")],
    ids=["delta_15n median", "delta_13c median", "most common sex"],
)
def test_gaps_are_filled_from_the_frame(gappy, label, column, expected):
    assert impute_missing(gappy).loc[label, column] == pytest.approx(expected)


def test_impute_does_not_fill_the_callers_frame(gappy):
    untouched = gappy.copy()
    filled = impute_missing(gappy)
    pd.testing.assert_frame_equal(gappy, untouched)
    assert filled.isna().sum().sum() == 0
