
import runpy
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")

WORKSPACE = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def results():
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(WORKSPACE)
        namespace = runpy.run_path("analysis.py")
    return namespace["results"]


import json

GOLDEN = Path(__file__).parent / "golden.json"


def test_results_match_the_recording(results):
    if not GOLDEN.exists():
        GOLDEN.write_text(json.dumps(results, indent=2))
    recorded = json.loads(GOLDEN.read_text())
    assert {k: v for k, v in results.items() if k != "coefficients"} == pytest.approx(
        {k: v for k, v in recorded.items() if k != "coefficients"})
    assert results["coefficients"] == pytest.approx(recorded["coefficients"])
