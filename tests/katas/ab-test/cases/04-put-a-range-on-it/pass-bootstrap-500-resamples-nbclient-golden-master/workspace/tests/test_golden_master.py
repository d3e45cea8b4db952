"""Golden master: the readout analysis.ipynb gives today, digit for digit.

The notebook itself is run, with nbclient in a fresh kernel from the workspace folder (so that
../data resolves as in Jupyter), and hands its results back as JSON through one extra cell.

Recorded again in stage 4, on purpose: the difference in conversion and the two normal intervals
are new, and the bootstrap now draws 500 resamples instead of 200, so its interval moved. The
other numbers are stage 3's.
"""

import json
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

WORKSPACE = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def results():
    notebook = nbformat.read(WORKSPACE / "analysis.ipynb", as_version=4)
    notebook.cells.append(nbformat.v4.new_code_cell("import json\nprint(json.dumps(results))"))
    client = NotebookClient(
        notebook, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(WORKSPACE)}}
    )
    client.execute()
    printed = "".join(
        output.get("text", "") for output in notebook.cells[-1].outputs if output["output_type"] == "stream"
    )
    return json.loads(printed)


def test_the_same_users_are_counted(results):
    assert results["users"] == {"control": 4330, "new_checkout": 4416}
    assert results["converters"] == {"control": 678, "new_checkout": 705}


def test_the_conversion_per_user_and_its_test(results):
    assert results["conversion"] == pytest.approx(
        {"control": 0.15658198614318708, "new_checkout": 0.15964673913043478}
    )
    assert results["uplift"] == pytest.approx(0.019572832499679338)
    assert results["p_value"] == pytest.approx(0.7162720769766331)


def test_the_bootstrap_interval_with_500_resamples(results):
    assert results["uplift_ci"] == pytest.approx([-0.08121514729398634, 0.1146813192885215])


def test_the_revenue_per_user(results):
    assert results["revenue_per_user_eur"] == pytest.approx(
        {"control": 10.292930715935334, "new_checkout": 10.678423913043478}
    )


def test_the_difference_in_conversion_and_its_interval(results):
    assert results["difference"] == pytest.approx(0.003064752987247704)
    assert results["difference_ci"] == pytest.approx([-0.012228008649527437, 0.018357514624022846])


def test_the_normal_interval_of_the_uplift(results):
    assert results["uplift_ci_normal"] == pytest.approx([-0.0744353937379052, 0.12312933504401191])
