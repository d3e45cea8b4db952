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
    assert set(results) == {'uplift', 'p_value', 'uplift_ci', 'converters', 'conversion', 'revenue_per_user_eur', 'users'}
    assert results['users'] == {'control': 4331, 'new_checkout': 4417}
    assert results['converters'] == {'control': 678, 'new_checkout': 705}
    assert results['conversion'] == pytest.approx({'control': 0.15654583237127684, 'new_checkout': 0.15961059542676023})
    assert results['uplift'] == pytest.approx(0.01957741709926042)
    assert results['p_value'] == pytest.approx(0.7162098561419106)
    assert results['uplift_ci'] == pytest.approx([-0.06988945131168803, 0.10323547385026587])
    assert results['revenue_per_user_eur'] == pytest.approx({'control': 10.290554144539367, 'new_checkout': 10.676006339144216})
