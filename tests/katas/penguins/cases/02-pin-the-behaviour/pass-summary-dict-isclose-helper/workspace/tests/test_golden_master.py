"""Characterization test: what analysis.py reports today, bugs included."""

import math
import os
import runpy
from pathlib import Path

import pytest

os.environ.setdefault("MPLBACKEND", "Agg")
ANALYSIS = Path(__file__).parents[1] / "analysis.py"


def assert_same(actual, recorded, rel=1e-7):
    assert math.isclose(actual, recorded, rel_tol=rel), f"{actual!r} != recorded {recorded!r}"


@pytest.fixture(scope="class")
def summary():
    here = os.getcwd()
    os.chdir(ANALYSIS.parent)
    try:
        namespace = runpy.run_path(str(ANALYSIS), run_name="analysis")
    finally:
        os.chdir(here)
    return namespace["summary"]


class TestSummary:
    def test_counts(self, summary):
        assert summary["n_birds"] == 342
        assert summary["n_train"] == 274
        assert summary["n_test"] == 68

    def test_errors(self, summary):
        assert_same(summary["mae"], 238.26567340510496)
        assert_same(summary["rmse"], 310.8382299320372)
        assert_same(summary["r2"], 0.8795349007034939)
        assert_same(summary["species_average_mae"], 451.358852853404)

    def test_coefficients(self, summary):
        recorded = {
            "bill_length_mm": 127.73805293906496,
            "bill_depth_mm": 152.7691244521631,
            "flipper_length_mm": 244.81861948259396,
            "delta_15n": -72.01169356663878,
            "delta_13c": 23.96916176573023,
            "male": 299.00975477687524,
            "species_Adelie": -152.37563477023622,
            "species_Chinstrap": -465.72658917863595,
            "species_Gentoo": 618.1022239489516,
        }
        assert sorted(summary["coef"]) == sorted(recorded)
        for name in recorded:
            assert_same(summary["coef"][name], recorded[name])
