"""Golden master: the per-user readout of analysis.ipynb, every digit.

Recorded again in stage 3, on purpose: the readout counts users on the log without bots and
duplicated events. The code cells of the notebook itself (analysis.ipynb, read with jupytext) are
executed in order in one namespace, from the workspace folder.
"""

from pathlib import Path

import jupytext
import matplotlib
import pytest

matplotlib.use("Agg")

WORKSPACE = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def results():
    notebook = jupytext.read(WORKSPACE / "analysis.ipynb")
    namespace = {"__name__": "__main__"}
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(WORKSPACE)
        patch.syspath_prepend(str(WORKSPACE))
        for cell in notebook.cells:
            if cell.cell_type == "code":
                exec(compile(cell.source, "analysis.ipynb", "exec"), namespace)
    from matplotlib import pyplot

    pyplot.close("all")
    return namespace["results"]


def test_users_and_converters(results):
    assert results["users"] == {"control": 4330, "new_checkout": 4416}
    assert results["converters"] == {"control": 678, "new_checkout": 705}


def test_conversion_uplift_and_p_value_per_user(results):
    assert results["conversion"] == pytest.approx({"control": 0.15658198614318708, "new_checkout": 0.15964673913043478}, rel=1e-12)
    assert results["uplift"] == pytest.approx(0.019572832499679338, rel=1e-12)
    assert results["p_value"] == pytest.approx(0.7162720769766331, rel=1e-12)


def test_bootstrap_interval_over_users(results):
    assert results["uplift_ci"] == pytest.approx([-0.08818950504363271, 0.11861813013247119], rel=1e-12)


def test_revenue_per_user(results):
    assert results["revenue_per_user_eur"] == pytest.approx({"control": 10.292930715935334, "new_checkout": 10.678423913043478}, rel=1e-12)


def test_nothing_else_in_the_readout(results):
    assert set(results) == {"users", "converters", "conversion", "uplift", "p_value", "uplift_ci", "revenue_per_user_eur"}
