import runpy
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")
WORKSPACE = Path(__file__).resolve().parent.parent


def run_once():
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(WORKSPACE)
        return runpy.run_path("analysis.py")["results"]


def test_two_runs_give_the_same_results():
    first, second = run_once(), run_once()
    assert first == second
