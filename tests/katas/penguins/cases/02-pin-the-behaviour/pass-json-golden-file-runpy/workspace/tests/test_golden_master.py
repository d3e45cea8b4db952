"""Today's key results of analysis.py, recorded in tests/golden/results.json."""

import json
import os
import runpy
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")

HERE = Path(__file__).resolve().parent
GOLDEN = json.loads((HERE / "golden" / "results.json").read_text())
COUNTS = ["rows", "train_rows", "test_rows"]
METRICS = ["ridge_mae_g", "ridge_rmse_g", "ridge_r2", "baseline_mae_g"]


@pytest.fixture(scope="module")
def results():
    previous = os.getcwd()
    os.chdir(HERE.parent)
    try:
        return runpy.run_path(str(HERE.parent / "analysis.py"))["results"]
    finally:
        os.chdir(previous)


def test_same_keys_as_recorded(results):
    assert set(results) == set(GOLDEN)


@pytest.mark.parametrize("key", COUNTS)
def test_counts_are_unchanged(results, key):
    assert results[key] == GOLDEN[key]


@pytest.mark.parametrize("key", METRICS)
def test_metrics_are_unchanged(results, key):
    assert results[key] == pytest.approx(GOLDEN[key])


def test_coefficients_are_unchanged(results):
    assert results["coefficients"] == pytest.approx(GOLDEN["coefficients"])
