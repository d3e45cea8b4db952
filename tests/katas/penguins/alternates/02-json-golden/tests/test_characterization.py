"""Characterization test: the notebook's summary must match the recording in golden/results.json.

To re-record on purpose: KATA_RECORD=1 pytest, then review the diff of results.json.
"""

import json
import os
import runpy
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")

HERE = Path(__file__).parent
RECORDING = HERE / "golden" / "results.json"
EXPECTED = json.loads(RECORDING.read_text())


@pytest.fixture(scope="session")
def summary():
    previous = os.getcwd()
    os.chdir(HERE.parent)
    try:
        found = runpy.run_path("analysis.py")["summary"]
    finally:
        os.chdir(previous)
    found = {key: float(value) for key, value in found.items()}
    if os.environ.get("KATA_RECORD"):
        RECORDING.write_text(json.dumps(found, indent=2, sort_keys=True) + "\n")
    return found


def test_the_summary_has_the_recorded_keys(summary):
    assert sorted(summary) == sorted(EXPECTED)


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_each_value_matches_the_recording(summary, key):
    assert summary[key] == pytest.approx(EXPECTED[key], rel=1e-9, abs=1e-9)
