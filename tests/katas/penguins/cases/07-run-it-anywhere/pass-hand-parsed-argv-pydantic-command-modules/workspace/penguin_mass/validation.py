"""The rules a raw export must follow; DataError names file, column and line of the first break."""

from __future__ import annotations

import pandas as pd

NUMBERS = [
    ("Culmen Length (mm)", 25.0, 65.0),
    ("Culmen Depth (mm)", 10.0, 25.0),
    ("Flipper Length (mm)", 150.0, 250.0),
    ("Body Mass (g)", 2000.0, 7000.0),
    ("Delta 15 N (o/oo)", 5.0, 15.0),
    ("Delta 13 C (o/oo)", -30.0, -20.0),
]
WORDS = [
    ("Species", {"Adelie Penguin (Pygoscelis adeliae)", "Chinstrap penguin (Pygoscelis antarctica)",
                 "Gentoo penguin (Pygoscelis papua)"}),
    ("Island", {"Biscoe", "Dream", "Torgersen"}),
    ("Sex", {"MALE", "FEMALE"}),
]
OPTIONAL_FOR_PREDICTION = "Body Mass (g)"


class DataError(Exception):
    pass


def validate_raw(raw: pd.DataFrame, source: str, for_prediction: bool = False) -> None:
    needed = [name for name, _ in WORDS] + [name for name, _, _ in NUMBERS]
    for column in needed:
        if column not in raw.columns:
            if for_prediction and column == OPTIONAL_FOR_PREDICTION:
                continue
            raise DataError(f"{source}: the column {column!r} is missing")
    rows = raw.reset_index(drop=True)
    for position in rows.index[rows["Species"].isna()][:1]:
        raise DataError(f"{source}, line {position + 2}: column 'Species' is empty")
    for column, allowed in WORDS:
        bad = rows[column].notna() & ~rows[column].isin(allowed)
        for position in rows.index[bad][:1]:
            raise DataError(f"{source}, line {position + 2}: column {column!r} has "
                            f"{rows.at[position, column]!r}, expected one of {sorted(allowed)}")
    for column, low, high in NUMBERS:
        if column not in rows.columns:
            continue
        numbers = pd.to_numeric(rows[column], errors="coerce")
        text = rows[column].notna() & numbers.isna()
        for position in rows.index[text][:1]:
            raise DataError(f"{source}, line {position + 2}: column {column!r} has "
                            f"{rows.at[position, column]!r}, which is not a number")
        outside = (numbers < low) | (numbers > high)
        for position in rows.index[outside][:1]:
            raise DataError(f"{source}, line {position + 2}: column {column!r} has "
                            f"{numbers[position]:g}, outside {low:g} to {high:g}")
