"""Unit tests for the data layer: reading an export from disk, on a file of two birds."""

import pandas as pd
import pytest

from penguin_mass.data import clean_penguins, load_penguins, read_raw

EXPORT = """\
studyName,Sample Number,Species,Island,Culmen Length (mm),Culmen Depth (mm),Flipper Length (mm),Body Mass (g),Sex,Delta 15 N (o/oo),Delta 13 C (o/oo),Comments
PAL0708,1,Adelie Penguin (Pygoscelis adeliae),Torgersen,39.1,18.7,181,3750,MALE,,,Not enough blood for isotopes.
PAL0708,4,Adelie Penguin (Pygoscelis adeliae),Torgersen,,,,,,,,Adult not sampled.
"""


@pytest.fixture
def export(tmp_path):
    path = tmp_path / "penguins_raw.csv"
    path.write_text(EXPORT, encoding="utf-8")
    return path


def test_the_export_is_read_as_it_is(export):
    raw = read_raw(export)
    assert raw.shape == (2, 12)
    assert raw.loc[0, "Culmen Length (mm)"] == pytest.approx(39.1)


def test_loading_reads_and_cleans_in_one_call(export):
    pd.testing.assert_frame_equal(load_penguins(export), clean_penguins(read_raw(export)))


def test_a_path_given_as_text_works_too(export):
    assert len(load_penguins(str(export))) == 1
