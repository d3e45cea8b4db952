import ast
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

WORKSPACE = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def results():
    nb = nbformat.read(WORKSPACE / "analysis.ipynb", as_version=4)
    NotebookClient(nb, timeout=300, resources={"metadata": {"path": str(WORKSPACE)}}).execute()
    for cell in reversed(nb.cells):
        for output in cell.get("outputs", []):
            text = output.get("data", {}).get("text/plain", "")
            if output.output_type == "execute_result" and text.startswith("{'views'"):
                return ast.literal_eval(text)
    raise AssertionError("no results shown")


def test_counts(results):
    assert results["views"] == {"control": 7568, "new_checkout": 7839}
    assert results["orders"] == {"control": 799, "new_checkout": 915}


def test_rates(results):
    assert results["conversion"] == pytest.approx({"control": 0.10557610993657505, "new_checkout": 0.11672407194795255})
    assert results["uplift"] == pytest.approx(0.10559171026546288)
    assert results["p_value"] == pytest.approx(0.029677769925809915)
    assert results["uplift_ci"] == pytest.approx([0.008707862931338855, 0.2207031655272037])


def test_revenue(results):
    assert results["revenue_per_view_eur"] == pytest.approx({"control": 5.88905787526427, "new_checkout": 6.5174563082025765})
