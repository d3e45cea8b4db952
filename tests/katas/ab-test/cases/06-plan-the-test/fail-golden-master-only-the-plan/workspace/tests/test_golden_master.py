"""Golden master of the plan: what the re-run needs and what this test could have found."""

import runpy
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")

WORKSPACE = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def results():
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(WORKSPACE)
        return runpy.run_path("analysis.py")["results"]


def test_the_plan(results):
    assert results["users_needed"] == 8767
    assert results["days_needed"] == 27


def test_what_this_test_could_find(results):
    assert results["detectable_uplift"] == pytest.approx(0.1434502182785705)
