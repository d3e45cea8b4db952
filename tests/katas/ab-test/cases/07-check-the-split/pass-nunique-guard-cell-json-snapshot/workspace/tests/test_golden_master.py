"""Golden master: the readout analysis.ipynb gives today, every key of `results` against a snapshot.

The snapshot, tests/golden_results.json, was recorded by running the notebook and dumping its
`results`. Recorded again in stage 7, on purpose: the notebook now reads the re-run's log, checks
its split and reads out the users outside the iOS app (every number moved, and three keys are new).
To record it again after a change somebody meant: GOLDEN_RECORD=1 pytest tests/test_golden_master.py
"""

import json
import os
import runpy
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")

WORKSPACE = Path(__file__).resolve().parent.parent
SNAPSHOT = Path(__file__).with_name("golden_results.json")


@pytest.fixture(scope="module")
def results():
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(WORKSPACE)
        namespace = runpy.run_path("analysis.py")
    from matplotlib import pyplot

    pyplot.close("all")
    results = json.loads(json.dumps(namespace["results"], default=float))
    if os.environ.get("GOLDEN_RECORD"):
        SNAPSHOT.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n")
    return results


SNAPSHOT_VALUES = json.loads(SNAPSHOT.read_text())


def test_no_key_is_missing_or_new(results):
    assert sorted(results) == sorted(SNAPSHOT_VALUES)


@pytest.mark.parametrize("key", sorted(SNAPSHOT_VALUES))
def test_the_value_is_the_recorded_one(results, key):
    expected = SNAPSHOT_VALUES[key]
    if expected is None or isinstance(expected, (str, int)) and not isinstance(expected, bool):
        assert results[key] == expected
    elif isinstance(expected, dict) and all(isinstance(v, int) for v in expected.values()):
        assert results[key] == expected
    else:
        assert results[key] == pytest.approx(expected)
