"""Golden master: the notebook's `results`, as recorded in tests/golden/results.json.

Recorded in stage 1, again in stage 3 (per user, clean log), extended in stage 4 (difference and
intervals) and in stage 5 (`stopped_on`: the stopping rule's verdict). Numbers are compared to
pytest.approx's default tolerance; anything else exactly. Re-record only on purpose.
"""

import json
import runpy
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")

WORKSPACE = Path(__file__).resolve().parent.parent
GOLDEN = json.loads((Path(__file__).parent / "golden" / "results.json").read_text())


@pytest.fixture(scope="module")
def results():
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(WORKSPACE)
        namespace = runpy.run_path("analysis.py")
    from matplotlib import pyplot

    pyplot.close("all")
    return namespace["results"]


def test_the_results_have_the_recorded_keys(results):
    assert sorted(results) == sorted(GOLDEN)


@pytest.mark.parametrize("key", sorted(GOLDEN))
def test_each_result_is_as_recorded(results, key):
    expected = GOLDEN[key]
    if expected is None or isinstance(expected, str):
        assert results[key] == expected
    else:
        assert results[key] == pytest.approx(expected)
