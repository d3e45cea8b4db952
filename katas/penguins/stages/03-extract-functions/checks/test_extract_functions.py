"""Checks for penguins stage 3: the notebook's logic lives in pure functions in penguin_mass.

The checks call the functions the README's interface table names, on frames of a few birds that
they build themselves (katas/penguins/bird_frames.py), and compare with values worked out by hand.
This file checks reading, cleaning and filling; test_extract_functions_model.py the features, the
split and the scores; test_extract_functions_notebook.py the notebook that calls them.
"""

import numpy as np
import pandas as pd
import pytest
from bird_frames import CLEAN_COLUMNS, call, clean_birds, many_birds, raw_export

from kata.harness import fail
from kata.harness.frames import frame_result, require_columns, row


def test_read_raw_reads_the_export(module, workspace):
    """read_raw(path) returns the raw export as it is: 344 birds with the LTER column names."""
    raw = frame_result(
        "read_raw", call(module, "read_raw", workspace.parent / "data" / "penguins_raw.csv")
    )
    as_it_is = len(raw) == 344 and "Culmen Length (mm)" in raw.columns
    assert as_it_is, (
        f"read_raw returned {len(raw)} rows with columns {list(raw.columns)[:5]}...; expected the "
        "file as it is (344 rows, the export's own column names). Cleaning is clean_penguins' job."
    )


def test_clean_penguins_keeps_the_model_columns_with_short_names(module):
    """clean_penguins returns exactly the nine columns the README lists."""
    clean = frame_result("clean_penguins", call(module, "clean_penguins", raw_export()))
    assert set(clean.columns) == CLEAN_COLUMNS, (
        f"clean_penguins returned the columns {sorted(clean.columns)}; expected exactly "
        f"{sorted(CLEAN_COLUMNS)}."
    )


def test_clean_penguins_drops_birds_without_a_body_mass(module):
    """clean_penguins leaves out birds with no body mass and keeps the others with their index labels."""
    clean = frame_result("clean_penguins", call(module, "clean_penguins", raw_export()))
    assert list(clean.index) == [10, 11, 13], (
        f"From four raw birds (index 10, 11, 12, 13; bird 12 was never weighed), clean_penguins "
        f"returned the index {list(clean.index)}; expected [10, 11, 13]. Drop rows without a body "
        "mass, and do not reset the index."
    )


def test_clean_penguins_shortens_species_and_lowercases_sex(module):
    """clean_penguins names species by their first word and writes sex in lower case."""
    clean = frame_result("clean_penguins", call(module, "clean_penguins", raw_export()))
    require_columns(clean, "clean_penguins", "species", "sex")
    if len(clean) != 3:
        fail(
            f"clean_penguins returned {len(clean)} birds from a raw frame of four, one unweighed; expected 3."
        )
    species, sex = list(clean["species"]), list(clean["sex"])
    assert species == ["Adelie", "Gentoo", "Chinstrap"], (
        f"species came out as {species}; expected ['Adelie', 'Gentoo', 'Chinstrap'] "
        "(the first word of the raw name)."
    )
    assert [*sex[:2], pd.isna(sex[2])] == ["male", "female", True], (
        f"sex came out as {sex}; expected ['male', 'female', missing]. A missing sex stays "
        "missing here: filling it is impute_missing's job."
    )


def test_clean_penguins_carries_the_measurements(module):
    """clean_penguins carries each bird's measurements over unchanged."""
    clean = frame_result("clean_penguins", call(module, "clean_penguins", raw_export()))
    require_columns(clean, "clean_penguins", *sorted(CLEAN_COLUMNS))
    gentoo = row(clean, 11, "clean_penguins")
    for column, expected in [("flipper_length_mm", 211.0), ("body_mass_g", 4500.0),
                             ("delta_15n", 7.9), ("delta_13c", -25.4)]:  # fmt: skip
        assert gentoo[column] == pytest.approx(expected), (
            f"For the Gentoo bird, {column} is {gentoo[column]!r}; the raw export says {expected}."
        )
    bills = sorted([float(gentoo["bill_length_mm"]), float(gentoo["bill_depth_mm"])])
    assert bills == pytest.approx([13.2, 46.1]), (
        f"For the Gentoo bird, the bill columns hold {bills}; the raw export's culmen length and "
        "depth are 46.1 and 13.2."
    )


def test_impute_missing_fills_sex_with_the_most_common_sex(module):
    """impute_missing gives a bird of unknown sex the most common sex of the frame it is given."""
    filled = frame_result("impute_missing", call(module, "impute_missing", clean_birds()))
    require_columns(filled, "impute_missing", "sex")
    assert list(filled["sex"]) == ["female", "male", "female", "female", "female"], (
        f"sex after impute_missing is {list(filled['sex'])}; in a frame of three females, one "
        "male and one unknown, the unknown becomes 'female'. Count, do not assume."
    )


def test_impute_missing_fills_isotopes_with_the_median(module):
    """impute_missing fills missing isotope ratios with the median of their column."""
    filled = frame_result("impute_missing", call(module, "impute_missing", clean_birds()))
    n15, c13 = (
        row(filled, 8, "impute_missing")["delta_15n"],
        row(filled, 5, "impute_missing")["delta_13c"],
    )
    assert n15 == pytest.approx(9.5), (
        f"The missing delta_15n became {n15!r}; the median of 8, 9, 10 "
        "and 30 is 9.5 (their mean would be 14.25)."
    )
    assert c13 == pytest.approx(-24.5), (
        f"The missing delta_13c became {c13!r}; the median of -25, -26, -24 and -20 is -24.5."
    )


def test_impute_missing_leaves_known_values_alone(module):
    """impute_missing changes nothing but the missing values."""
    birds = clean_birds()
    filled = frame_result("impute_missing", call(module, "impute_missing", birds))
    assert list(filled.index) == list(birds.index), (
        f"impute_missing returned the index {list(filled.index)}; expected the input's "
        f"{list(birds.index)}: it should only fill the gaps."
    )
    missing = sorted(set(birds.columns) - set(filled.columns))
    assert not missing, (
        f"impute_missing dropped the columns {missing}; it should only fill the gaps."
    )
    known = birds.notna()
    changed = [
        f"{column} of bird {label}"
        for column in birds.columns
        for label in birds.index
        if known.loc[label, column] and filled.loc[label, column] != birds.loc[label, column]
    ]
    assert not changed, (
        f"impute_missing changed known values ({', '.join(changed)}); it should only fill the gaps."
    )


def test_impute_missing_leaves_other_gaps_as_they_are(module):
    """impute_missing fills only sex and the isotope ratios: a missing measurement stays missing."""
    birds = clean_birds()
    birds.loc[13, "flipper_length_mm"] = np.nan
    filled = frame_result("impute_missing", call(module, "impute_missing", birds))
    flipper = row(filled, 13, "impute_missing")["flipper_length_mm"]
    assert pd.isna(flipper), (
        f"A bird whose flipper length is missing came back with {flipper!r}. The README fills sex "
        "and delta_15n/delta_13c only; nothing else changes (a gap elsewhere is a finding)."
    )


def test_the_functions_find_columns_by_name_not_position(module):
    """impute_missing and build_features give the same answer when the columns come in another order."""
    birds = many_birds(9)
    birds.loc[birds.index[2], "delta_15n"] = np.nan
    shuffled = birds[list(reversed(birds.columns))]
    for name, given in (("impute_missing", birds), ("build_features", birds.fillna(8.0))):
        usual = frame_result(name, call(module, name, given))
        other = frame_result(name, call(module, name, given[shuffled.columns]))
        try:
            pd.testing.assert_frame_equal(
                other[sorted(other.columns)], usual[sorted(usual.columns)], check_dtype=False
            )
        except AssertionError:
            fail(
                f"{name} gave other values when the same birds came with their columns in another "
                "order. Pick columns by name (frame['delta_15n']), never by position (iloc[:, 7])."
            )
