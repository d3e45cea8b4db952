"""From the raw export to one tidy row per weighed bird."""

# Positions of the raw columns, in the order of CLEAN_NAMES: Species, Island, Sex, Culmen Length,
# Culmen Depth, Flipper Length, Body Mass, Delta 15 N, Delta 13 C. (Until stage 4 the two Culmen
# positions were swapped; tests/test_cleaning.py pins the right mapping.)
RAW_POSITIONS = [2, 4, 13, 9, 10, 11, 12, 14, 15]
CLEAN_NAMES = [
    "species",
    "island",
    "sex",
    "bill_length_mm",
    "bill_depth_mm",
    "flipper_length_mm",
    "body_mass_g",
    "delta_15n",
    "delta_13c",
]
ISOTOPES = ["delta_15n", "delta_13c"]


def _first_word(names):
    return names.str.split(" ").str[0]


def clean_penguins(raw):
    """Nine short-named columns, short species names, lower-case sex, only weighed birds."""
    tidy = raw.iloc[:, RAW_POSITIONS].copy()
    tidy.columns = CLEAN_NAMES
    tidy["species"] = _first_word(tidy["species"])
    tidy["sex"] = tidy["sex"].str.lower()
    return tidy[tidy["body_mass_g"].notna()]


def impute_missing(penguins):
    """Fill a missing sex with the most common one and missing isotopes with their medians."""
    filled = penguins.copy()
    filled["sex"] = filled["sex"].fillna(filled["sex"].mode().iloc[0])
    for column in ISOTOPES:
        filled[column] = filled[column].fillna(filled[column].median())
    return filled
