"""Golden master: the report's key results against tests/golden.json (re-recorded in stage 5,
when the leak was fixed; stage 6 only moved code, so not one number may move)."""

import json
import runpy
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")

HERE = Path(__file__).resolve().parent
GOLDEN = json.loads((HERE / "golden.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def results():
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(HERE.parent)
        namespace = runpy.run_path("analysis.py")
    import matplotlib.pyplot as plt

    plt.close("all")
    return namespace["results"]


def test_the_same_keys_are_reported(results):
    assert set(results) == set(GOLDEN)


@pytest.mark.parametrize("key", sorted(GOLDEN))
def test_each_key_result_is_unchanged(results, key):
    assert results[key] == pytest.approx(GOLDEN[key])
