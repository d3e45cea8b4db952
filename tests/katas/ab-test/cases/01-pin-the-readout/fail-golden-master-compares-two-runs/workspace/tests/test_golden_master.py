"""The readout must not change between runs: run analysis.py twice and compare."""

import runpy
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")

WORKSPACE = Path(__file__).resolve().parent.parent


def run_analysis():
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(WORKSPACE)
        return runpy.run_path("analysis.py")["results"]


@pytest.fixture(scope="module")
def two_runs():
    return run_analysis(), run_analysis()


def test_two_runs_give_the_same_results(two_runs):
    first, second = two_runs
    assert first == second


def test_results_hold_every_key(two_runs):
    assert set(two_runs[0]) >= {"views", "orders", "conversion", "uplift", "p_value", "uplift_ci", "revenue_per_view_eur"}
