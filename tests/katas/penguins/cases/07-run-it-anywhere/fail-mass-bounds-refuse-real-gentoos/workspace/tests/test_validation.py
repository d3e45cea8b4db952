"""The checks a raw export passes before anything is computed from it."""

import numpy as np
import pandas as pd
import pytest

from penguin_mass.validation import DataError, validate_raw


@pytest.fixture
def raw():
    """Three birds as the LTER export writes them; the Chinstrap's sex and isotopes are missing."""
    return pd.DataFrame(
        {
            "Species": [
                "Adelie Penguin (Pygoscelis adeliae)",
                "Gentoo penguin (Pygoscelis papua)",
                "Chinstrap penguin (Pygoscelis antarctica)",
            ],
            "Island": ["Torgersen", "Biscoe", "Dream"],
            "Culmen Length (mm)": [39.1, 46.1, 49.0],
            "Culmen Depth (mm)": [18.7, 13.2, 18.5],
            "Flipper Length (mm)": [181.0, 211.0, 199.0],
            "Body Mass (g)": [3750.0, 4500.0, 3700.0],
            "Sex": ["MALE", "FEMALE", np.nan],
            "Delta 15 N (o/oo)": [8.9, 7.9, np.nan],
            "Delta 13 C (o/oo)": [-24.7, -25.4, np.nan],
        }
    )


def test_a_good_export_with_gaps_the_model_fills_passes(raw):
    validate_raw(raw, "field.csv")


def test_birds_to_predict_need_no_body_mass(raw):
    validate_raw(raw.drop(columns="Body Mass (g)"), "field.csv", target=False)


@pytest.mark.parametrize(
    ("column", "value", "problem"),
    [
        ("Flipper Length (mm)", "two hundred", "'two hundred' is not a number"),
        ("Flipper Length (mm)", 2110.0, "2110.0 is outside 150 to 250"),
        ("Body Mass (g)", 45000.0, "45000.0 is outside 2500 to 6000"),
        ("Culmen Depth (mm)", 0.0, "0.0 is outside 10 to 25"),
        (
            "Species",
            "Emperor penguin (Aptenodytes forsteri)",
            "'Emperor penguin (Aptenodytes forsteri)' is not one of",
        ),
        ("Species", np.nan, "missing value"),
        ("Sex", "male", "'male' is not one of"),
        ("Island", "Anvers", "'Anvers' is not one of"),
    ],
)
def test_the_first_bad_value_is_reported_with_file_column_and_line(raw, column, value, problem):
    raw[column] = raw[column].astype(object)
    raw.loc[1, column] = value
    with pytest.raises(DataError) as refused:
        validate_raw(raw, "field.csv")
    message = str(refused.value)
    assert message.startswith(f"field.csv: column {column!r}, line 3: {problem}")


def test_a_missing_column_is_named(raw):
    with pytest.raises(DataError, match=r"field\.csv: no column 'Culmen Length \(mm\)'"):
        validate_raw(raw.drop(columns="Culmen Length (mm)"), "field.csv")


def test_an_empty_export_is_refused(raw):
    with pytest.raises(DataError, match="no rows"):
        validate_raw(raw.iloc[:0], "field.csv")
