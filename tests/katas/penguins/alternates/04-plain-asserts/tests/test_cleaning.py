import pandas as pd
from penguin_mass import clean_penguins, impute_missing


def test_clean_keeps_only_weighed_birds(export):
    assert list(clean_penguins(export).index) == [20, 21]


def test_clean_maps_every_measurement_to_its_own_name(export):
    chinstrap = clean_penguins(export).loc[20]
    assert chinstrap["bill_length_mm"] == 50.5
    assert chinstrap["bill_depth_mm"] == 19.6
    assert chinstrap["flipper_length_mm"] == 201.0
    assert chinstrap["body_mass_g"] == 4050.0
    assert chinstrap["delta_15n"] == 9.8
    assert chinstrap["delta_13c"] == -24.5


def test_clean_simplifies_species_and_sex(export):
    clean = clean_penguins(export)
    assert list(clean["species"]) == ["Chinstrap", "Gentoo"]
    assert clean.loc[20, "sex"] == "male"
    assert pd.isna(clean.loc[21, "sex"])


def test_clean_does_not_touch_the_export(export):
    snapshot = export.copy()
    clean_penguins(export)
    assert export.equals(snapshot)


def test_impute_uses_medians_not_means(colony):
    filled = impute_missing(colony)
    # delta_15n known: 8.0, 8.2, 8.9, 9.1, 20.0 -> median 8.9 (mean 10.84)
    assert abs(filled.loc[2, "delta_15n"] - 8.9) < 1e-9
    # delta_13c known: -26.0, -26.5, -25.5, -25.0, -18.0 -> median -25.5 (mean -24.2)
    assert abs(filled.loc[1, "delta_13c"] - (-25.5)) < 1e-9


def test_impute_gives_unknown_sex_the_majority_sex(colony):
    assert impute_missing(colony).loc[5, "sex"] == "male"


def test_impute_does_not_touch_its_input(colony):
    snapshot = colony.copy()
    impute_missing(colony)
    assert colony.equals(snapshot)
