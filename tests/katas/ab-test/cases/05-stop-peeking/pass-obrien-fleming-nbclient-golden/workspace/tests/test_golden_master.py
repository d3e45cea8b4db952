"""Golden master: the readout analysis.ipynb gives today, digit for digit, run as Jupyter runs it.

The notebook is executed with nbclient in a fresh kernel, from the workspace folder; a cell added
at the end prints `results` as JSON. Recorded again in stage 3 (per user, clean log), extended in
stage 4 (difference and intervals) and in stage 5 (the stopping rule's verdict).
"""

import json
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

WORKSPACE = Path(__file__).resolve().parent.parent
MARK = "GOLDEN-RESULTS "


@pytest.fixture(scope="module")
def results():
    notebook = nbformat.read(WORKSPACE / "analysis.ipynb", as_version=4)
    notebook.cells.append(nbformat.v4.new_code_cell(f"import json\nprint({MARK!r} + json.dumps(results))"))
    NotebookClient(notebook, timeout=600, resources={"metadata": {"path": str(WORKSPACE)}}).execute()
    printed = "".join(
        output.get("text", "") for output in notebook.cells[-1].outputs if output.output_type == "stream"
    )
    return json.loads(printed.split(MARK, 1)[1])


def test_the_same_users_are_counted(results):
    assert results["users"] == {"control": 4330, "new_checkout": 4416}
    assert results["converters"] == {"control": 678, "new_checkout": 705}


def test_the_conversion_per_user_and_its_test_are_unchanged(results):
    assert results["conversion"] == pytest.approx(
        {"control": 0.15658198614318708, "new_checkout": 0.15964673913043478}
    )
    assert results["uplift"] == pytest.approx(0.019572832499679338)
    assert results["p_value"] == pytest.approx(0.7162720769766331)


def test_the_bootstrap_interval_over_users_is_unchanged(results):
    assert results["uplift_ci"] == pytest.approx([-0.08818950504363271, 0.11861813013247119])


def test_the_revenue_per_user_is_unchanged(results):
    assert results["revenue_per_user_eur"] == pytest.approx(
        {"control": 10.292930715935334, "new_checkout": 10.678423913043478}
    )


def test_the_difference_and_its_interval_are_unchanged(results):
    assert results["difference"] == pytest.approx(0.003064752987247704)
    assert results["difference_ci"] == pytest.approx([-0.012228008649527437, 0.018357514624022846])


def test_the_normal_interval_of_the_uplift_is_unchanged(results):
    assert results["uplift_ci_normal"] == pytest.approx([-0.07443539373790518, 0.12312933504401184])


def test_obrien_fleming_would_not_have_stopped_the_test_by_14_march(results):
    assert "stopped_on" in results
    assert results["stopped_on"] is None
