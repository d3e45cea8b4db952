"""Golden master: the per-user readout that analysis.ipynb itself gives, every digit.

Recorded again in stage 3 on purpose: the readout now counts users, on a log without bots and
without duplicated events, and the bootstrap draws users. The notebook is executed as a notebook
(nbclient, a fresh kernel, from the workspace folder), and its `results` are read back as JSON.
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
    NotebookClient(notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(WORKSPACE)}}).execute()
    stdout = "".join(out.get("text", "") for out in notebook.cells[-1].outputs if out.output_type == "stream")
    return json.loads(stdout.strip().splitlines()[-1])


def test_users_and_converters(results):
    assert results["users"] == {"control": 4330, "new_checkout": 4416}
    assert results["converters"] == {"control": 678, "new_checkout": 705}


def test_conversion_per_user(results):
    assert results["conversion"] == {"control": 0.15658198614318708, "new_checkout": 0.15964673913043478}


def test_uplift_and_p_value(results):
    assert results["uplift"] == 0.019572832499679338
    assert results["p_value"] == 0.7162720769766331


def test_the_bootstrap_interval_over_users(results):
    assert results["uplift_ci"] == [-0.05704645443556517, 0.11674111200951139]


def test_revenue_per_user(results):
    assert results["revenue_per_user_eur"] == {"control": 10.292930715935334, "new_checkout": 10.678423913043478}


def test_no_other_key(results):
    assert sorted(results) == sorted(
        ["users", "converters", "conversion", "uplift", "p_value", "uplift_ci", "revenue_per_user_eur"]
    )
