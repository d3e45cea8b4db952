"""Execute analysis.ipynb the way Jupyter does and compare its results with tests/golden/results.json."""

import json
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

WORKSPACE = Path(__file__).resolve().parent.parent
GOLDEN = json.loads((Path(__file__).parent / "golden" / "results.json").read_text())


@pytest.fixture(scope="module")
def results():
    nb = nbformat.read(WORKSPACE / "analysis.ipynb", as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell("import json\nprint('RESULTS=' + json.dumps(results))"))
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(WORKSPACE)}}).execute()
    text = "".join(o.get("text", "") for o in nb.cells[-1].outputs if o.output_type == "stream")
    return json.loads(text.split("RESULTS=", 1)[1])


@pytest.mark.parametrize("key", sorted(GOLDEN))
def test_result_matches_the_golden_file(results, key):
    if isinstance(GOLDEN[key], (int, str)):
        assert results[key] == GOLDEN[key]
    else:
        assert results[key] == pytest.approx(GOLDEN[key])
