import numpy as np
import pandas as pd
import pytest

from penguin_mass.validation import DataError, validate_raw

GOOD = {
    "Species": ["Gentoo penguin (Pygoscelis papua)", "Adelie Penguin (Pygoscelis adeliae)",
                "Chinstrap penguin (Pygoscelis antarctica)"],
    "Island": ["Biscoe", np.nan, "Dream"],
    "Culmen Length (mm)": [47.0, 38.0, np.nan],
    "Culmen Depth (mm)": [14.0, 18.0, 17.5],
    "Flipper Length (mm)": [215.0, 185.0, 195.0],
    "Body Mass (g)": [5000.0, 3500.0, np.nan],
    "Sex": ["FEMALE", "MALE", np.nan],
    "Delta 15 N (o/oo)": [8.2, np.nan, 9.3],
    "Delta 13 C (o/oo)": [-26.0, np.nan, -24.5],
}


def birds(**changes):
    frame = pd.DataFrame(GOOD).astype(object)
    for column, value in changes.items():
        frame.at[1, column] = value
    return frame


def test_good_birds_with_gaps_pass():
    validate_raw(birds(), "x.csv")


def test_prediction_input_needs_no_mass():
    validate_raw(birds().drop(columns=["Body Mass (g)"]), "x.csv", for_prediction=True)


@pytest.mark.parametrize("column", list(GOOD))
def test_each_column_must_exist(column):
    with pytest.raises(DataError, match="missing") as caught:
        validate_raw(birds().drop(columns=[column]), "x.csv")
    assert column in str(caught.value)


@pytest.mark.parametrize(
    "column, value",
    [
        ("Species", "Emperor penguin (Aptenodytes forsteri)"),
        ("Species", np.nan),
        ("Island", "Anvers"),
        ("Sex", "male"),
        ("Culmen Length (mm)", 90.0),
        ("Culmen Depth (mm)", "eighteen"),
        ("Flipper Length (mm)", 2100.0),
        ("Body Mass (g)", 45000.0),
        ("Delta 15 N (o/oo)", 0.5),
        ("Delta 13 C (o/oo)", -2.0),
    ],
)
def test_bad_value_names_file_line_and_column(column, value):
    with pytest.raises(DataError) as caught:
        validate_raw(birds(**{column: value}), "x.csv")
    message = str(caught.value)
    assert message.startswith("x.csv, line 3: column ")
    assert repr(column) in message
