"""Golden master: the readout analysis.ipynb gives today, digit for digit.

Re-recorded in stage 3, on purpose: the readout now counts users on the log without bots and
without the orders stored twice on 11 March, so every number moved. The per-view uplift of the
clean log is kept next to it for comparison.
"""

import runpy
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")

WORKSPACE = Path(__file__).resolve().parent.parent

EXPECTED = {
    "users": {"control": 4330, "new_checkout": 4416},
    "converters": {"control": 678, "new_checkout": 705},
    "conversion": {"control": 0.15658198614318708, "new_checkout": 0.15964673913043478},
    "uplift": 0.019572832499679338,
    "p_value": 0.7162720769766331,
    "uplift_ci": [-0.08818950504363271, 0.11861813013247119],
    "revenue_per_user_eur": {"control": 10.292930715935334, "new_checkout": 10.678423913043478},
    "uplift_per_view": 0.022107975437620553,
}


@pytest.fixture(scope="module")
def results():
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(WORKSPACE)
        namespace = runpy.run_path("analysis.py")
    return namespace["results"]


def test_the_readout_has_the_recorded_keys(results):
    assert sorted(results) == sorted(EXPECTED)


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_each_number_is_as_recorded(results, key):
    assert results[key] == pytest.approx(EXPECTED[key], rel=1e-12, abs=0)
