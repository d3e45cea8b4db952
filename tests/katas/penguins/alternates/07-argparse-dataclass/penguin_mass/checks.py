"""What a raw export must look like before we use it."""

import pandas as pd


class BadData(ValueError):
    pass


NUMBERS = {
    "Culmen Length (mm)": ("bill_length_mm", 20, 70),
    "Culmen Depth (mm)": ("bill_depth_mm", 8, 30),
    "Flipper Length (mm)": ("flipper_length_mm", 160, 240),
    "Body Mass (g)": ("body_mass_g", 2500, 6500),
    "Delta 15 N (o/oo)": ("delta_15n", 6, 12),
    "Delta 13 C (o/oo)": ("delta_13c", -28, -22),
}
WORDS = {
    "Species": ("species", {"Adelie Penguin (Pygoscelis adeliae)",
                            "Chinstrap penguin (Pygoscelis antarctica)",
                            "Gentoo penguin (Pygoscelis papua)"}),
    "Sex": ("sex", {"MALE", "FEMALE"}),
    "Island": ("island", {"Biscoe", "Dream", "Torgersen"}),
}


def check_export(raw: pd.DataFrame, name: str, need_mass: bool = True) -> None:
    wanted = [c for c in [*WORDS, *NUMBERS] if need_mass or c != "Body Mass (g)"]
    for column in wanted:
        if column not in raw:
            raise BadData(f"{name} has no column {column}")
    if raw["Species"].isna().any():
        row = int(raw["Species"].isna().to_numpy().argmax()) + 1
        raise BadData(f"{name}, data row {row}: species is empty")
    for column, (short, allowed) in WORDS.items():
        odd = raw[column].notna() & ~raw[column].isin(allowed)
        if odd.any():
            row = int(odd.to_numpy().argmax())
            raise BadData(f"{name}, data row {row + 1}: {short} {raw[column].iloc[row]!r} is unknown")
    for column, (short, low, high) in NUMBERS.items():
        if column not in raw:
            continue
        number = pd.to_numeric(raw[column], errors="coerce")
        odd = raw[column].notna() & (number.isna() | (number < low) | (number > high))
        if odd.any():
            row = int(odd.to_numpy().argmax())
            raise BadData(
                f"{name}, data row {row + 1}: {short} {raw[column].iloc[row]!r} is not a "
                f"number between {low} and {high}"
            )
