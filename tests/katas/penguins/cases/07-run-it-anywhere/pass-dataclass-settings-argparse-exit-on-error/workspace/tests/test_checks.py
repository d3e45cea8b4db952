"""validate_raw on three birds written by hand."""

import math
import re

import pandas as pd
import pytest

from penguin_mass.checks import DataError, validate_raw


def three_birds():
    return pd.DataFrame({
        "Species": ["Adelie Penguin (Pygoscelis adeliae)", "Gentoo penguin (Pygoscelis papua)",
                    "Chinstrap penguin (Pygoscelis antarctica)"],
        "Island": ["Torgersen", "Biscoe", math.nan],
        "Culmen Length (mm)": [39.1, 46.1, 49.0],
        "Culmen Depth (mm)": [18.7, 13.2, math.nan],
        "Flipper Length (mm)": [181.0, 211.0, 199.0],
        "Body Mass (g)": [3750.0, math.nan, 3700.0],
        "Sex": ["MALE", "FEMALE", math.nan],
        "Delta 15 N (o/oo)": [8.9, 7.9, math.nan],
        "Delta 13 C (o/oo)": [-24.7, -25.4, math.nan],
    })


class TestGoodData:
    def test_gaps_are_allowed(self):
        validate_raw(three_birds(), "birds.csv")

    def test_mass_may_be_absent_for_prediction(self):
        validate_raw(three_birds().drop(columns="Body Mass (g)"), "birds.csv", with_mass=False)


class TestBadData:
    @pytest.mark.parametrize("column", ["Flipper Length (mm)", "Delta 13 C (o/oo)", "Sex"])
    def test_missing_column(self, column):
        with pytest.raises(DataError, match=re.escape(f"birds.csv: column '{column}' is missing")):
            validate_raw(three_birds().drop(columns=column), "birds.csv")

    def test_mass_is_required_for_training(self):
        with pytest.raises(DataError, match="Body Mass"):
            validate_raw(three_birds().drop(columns="Body Mass (g)"), "birds.csv")

    @pytest.mark.parametrize(
        "column, value, words",
        [
            ("Culmen Depth (mm)", "eighteen", "not a number"),
            ("Body Mass (g)", 45000, "not within 2000 to 7000"),
            ("Flipper Length (mm)", 2100, "not within 150 to 250"),
            ("Delta 15 N (o/oo)", 50, "not within 5 to 15"),
            ("Delta 13 C (o/oo)", -5, "not within -30 to -20"),
            ("Species", "Emperor penguin (Aptenodytes forsteri)", "not one of"),
            ("Species", math.nan, "no species"),
            ("Island", "Anvers", "not one of"),
            ("Sex", ".", "not one of"),
        ],
    )
    def test_first_bad_value_names_file_column_and_line(self, column, value, words):
        birds = three_birds()
        birds[column] = birds[column].astype(object)
        birds.at[2, column] = value
        with pytest.raises(DataError) as caught:
            validate_raw(birds, "birds.csv")
        message = str(caught.value)
        assert message.startswith(f"birds.csv: column '{column}', line 4")
        assert words in message
