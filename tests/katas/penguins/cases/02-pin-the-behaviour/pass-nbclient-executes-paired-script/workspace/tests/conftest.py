import ast
from pathlib import Path

import jupytext
import pytest
from nbclient import NotebookClient

WORKSPACE = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def results():
    """Run the reviewed script as a notebook, the way Jupyter would, and read the results cell."""
    notebook = jupytext.read(WORKSPACE / "analysis.py")
    NotebookClient(notebook, timeout=600, resources={"metadata": {"path": str(WORKSPACE)}}).execute()
    shown = [
        o["data"]["text/plain"]
        for c in notebook.cells
        if c.cell_type == "code"
        for o in c.outputs
        if o.output_type == "execute_result" and o["data"]["text/plain"].startswith("{'rows'")
    ]
    return ast.literal_eval(shown[-1])
