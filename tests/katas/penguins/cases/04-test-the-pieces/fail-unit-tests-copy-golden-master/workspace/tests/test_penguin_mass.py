"""Tests for penguin_mass: run the whole analysis and check the results."""

import runpy
from pathlib import Path

import matplotlib
import pandas as pd
import pytest

from penguin_mass import read_raw

matplotlib.use("Agg")

WORKSPACE = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def results():
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(WORKSPACE)
        return runpy.run_path("analysis.py")["results"]


def test_read_raw_reads_all_344_birds():
    assert isinstance(read_raw(WORKSPACE.parent / "data" / "penguins_raw.csv"), pd.DataFrame)
    assert len(read_raw(WORKSPACE.parent / "data" / "penguins_raw.csv")) == 344


def test_the_pipeline_gives_the_known_results(results):
    assert (results["rows"], results["train_rows"], results["test_rows"]) == (342, 274, 68)
    assert results["ridge_mae_g"] == pytest.approx(238.26567340510496)
    assert results["ridge_rmse_g"] == pytest.approx(310.8382299320372)
    assert results["ridge_r2"] == pytest.approx(0.8795349007034939)
    assert results["baseline_mae_g"] == pytest.approx(451.358852853404)
    assert results["coefficients"]["bill_length_mm"] == pytest.approx(152.76912445216308)
    assert results["coefficients"]["bill_depth_mm"] == pytest.approx(127.73805293906518)
    assert results["coefficients"]["flipper_length_mm"] == pytest.approx(244.81861948259396)
