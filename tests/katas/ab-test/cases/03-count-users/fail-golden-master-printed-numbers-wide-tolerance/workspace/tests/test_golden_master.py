"""Golden master: the per-user readout analysis.ipynb gives today.

Re-recorded in stage 3: the readout now counts users on a clean log. The numbers are the ones the
notebook prints; the bootstrap wobbles, so they are compared with a tolerance.
"""

import runpy
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")

WORKSPACE = Path(__file__).resolve().parent.parent
CLOSE = dict(abs=0.05)


@pytest.fixture(scope="module")
def results():
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(WORKSPACE)
        namespace = runpy.run_path("analysis.py")
    from matplotlib import pyplot

    pyplot.close("all")
    return namespace["results"]


def test_the_same_users_are_counted(results):
    assert results["users"] == {"control": 4330, "new_checkout": 4416}
    assert results["converters"] == {"control": 678, "new_checkout": 705}


def test_the_conversion_per_user(results):
    assert results["conversion"] == pytest.approx({"control": 0.1566, "new_checkout": 0.1596}, **CLOSE)
    assert results["uplift"] == pytest.approx(0.020, **CLOSE)
    assert results["p_value"] == pytest.approx(0.72, **CLOSE)


def test_the_bootstrap_interval(results):
    assert results["uplift_ci"] == pytest.approx([-0.088, 0.119], **CLOSE)


def test_the_revenue_per_user(results):
    assert results["revenue_per_user_eur"] == pytest.approx({"control": 10.29, "new_checkout": 10.68}, **CLOSE)
