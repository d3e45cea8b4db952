"""Golden master: the per-user readout analysis.ipynb gives today, digit for digit.

Recorded again in stage 3, on purpose: the readout now counts users on the cleaned log, so every
number moved.
"""

import runpy
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")  # the notebook draws a figure; nobody needs to see it here

WORKSPACE = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def results():
    """Run the notebook's paired script once, from the workspace folder, and return its results."""
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(WORKSPACE)
        namespace = runpy.run_path("analysis.py")
    from matplotlib import pyplot

    pyplot.close("all")
    return namespace["results"]


def test_the_readout_per_user_is_unchanged(results):
    assert set(results) == {'users', 'conversion', 'p_value', 'converters', 'uplift', 'uplift_ci', 'revenue_per_user_eur'}
    assert results['users'] == {'control': 4330, 'new_checkout': 4416}
    assert results['converters'] == {'control': 678, 'new_checkout': 705}
    assert results['conversion'] == pytest.approx({'control': 0.15658198614318708, 'new_checkout': 0.15964673913043478})
    assert results['uplift'] == pytest.approx(0.019572832499679338)
    assert results['p_value'] == pytest.approx(0.6945014585689055)
    assert results['uplift_ci'] == pytest.approx([-0.08818950504363271, 0.11861813013247119])
    assert results['revenue_per_user_eur'] == pytest.approx({'control': 10.292930715935334, 'new_checkout': 10.678423913043478})
