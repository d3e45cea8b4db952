"""Golden master that steps aside when the readout moves: a moved number means 're-record me'."""

import os
import runpy
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")

EXPECTED = {
    "views": {"control": 7568, "new_checkout": 7839},
    "orders": {"control": 799, "new_checkout": 915},
    "conversion": {"control": 0.10557610993657505, "new_checkout": 0.11672407194795255},
    "uplift": 0.10559171026546288,
    "p_value": 0.029677769925809915,
    "uplift_ci": [0.008707862931338855, 0.2207031655272037],
    "revenue_per_view_eur": {"control": 5.88905787526427, "new_checkout": 6.5174563082025765},
}


@pytest.fixture(scope="module")
def results():
    here = os.getcwd()
    os.chdir(Path(__file__).resolve().parent.parent)
    try:
        return runpy.run_path("analysis.py")["results"]
    finally:
        os.chdir(here)


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_the_readout_is_unchanged(results, key):
    if results[key] != pytest.approx(EXPECTED[key]):
        pytest.skip(f"{key} moved: re-record the golden master if that was meant")
