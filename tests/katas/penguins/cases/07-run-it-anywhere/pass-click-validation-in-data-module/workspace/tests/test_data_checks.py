import pandas as pd
import pytest

from penguin_mass.data import DataError, validate_raw

NAN = float("nan")


def export():
    return pd.DataFrame(
        [
            ["Adelie Penguin (Pygoscelis adeliae)", "Dream", 38.0, 18.0, 190.0, 3600.0, "FEMALE", 9.0, -25.0],
            ["Gentoo penguin (Pygoscelis papua)", "Biscoe", 48.0, 15.0, 220.0, NAN, NAN, NAN, NAN],
            ["Chinstrap penguin (Pygoscelis antarctica)", NAN, NAN, NAN, NAN, 3700.0, "MALE", 9.5, -24.0],
        ],
        columns=["Species", "Island", "Culmen Length (mm)", "Culmen Depth (mm)", "Flipper Length (mm)",
                 "Body Mass (g)", "Sex", "Delta 15 N (o/oo)", "Delta 13 C (o/oo)"],
    ).astype(object)


def test_clean_export_passes():
    validate_raw(export(), "e.csv")


def test_missing_mass_column_only_for_prediction():
    validate_raw(export().drop(columns="Body Mass (g)"), "e.csv", mass_optional=True)
    with pytest.raises(DataError, match="Body Mass"):
        validate_raw(export().drop(columns="Body Mass (g)"), "e.csv")


@pytest.mark.parametrize("column", ["Flipper Length (mm)", "Island", "Delta 15 N (o/oo)"])
def test_missing_column(column):
    with pytest.raises(DataError, match="required column"):
        validate_raw(export().drop(columns=column), "e.csv")


@pytest.mark.parametrize(
    "column, value",
    [
        ("Culmen Depth (mm)", "eighteen"),
        ("Body Mass (g)", 45000),
        ("Flipper Length (mm)", 2100),
        ("Culmen Length (mm)", 5),
        ("Delta 13 C (o/oo)", 3),
        ("Species", "Emperor penguin (Aptenodytes forsteri)"),
        ("Species", NAN),
        ("Sex", "UNKNOWN"),
    ],
)
def test_bad_value(column, value):
    frame = export()
    frame.loc[2, column] = value
    with pytest.raises(DataError) as caught:
        validate_raw(frame, "e.csv")
    assert str(caught.value).startswith(f"e.csv line 4, column {column!r}")
