import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

WORKSPACE = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def results():
    run = subprocess.run(
        [sys.executable, "analysis.py"],
        cwd=WORKSPACE,
        env={**os.environ, "MPLBACKEND": "Agg"},
        capture_output=True,
        text=True,
        check=True,
    )
    (line,) = [l for l in run.stdout.splitlines() if l.startswith("RESULTS ")]
    return json.loads(line.removeprefix("RESULTS "))


def test_counts(results):
    assert [results["rows"], results["train_rows"], results["test_rows"]] == [342, 274, 68]


def test_metrics(results):
    assert results["ridge_mae_g"] == pytest.approx(238.26567340510496)
    assert results["ridge_rmse_g"] == pytest.approx(310.8382299320372)
    assert results["ridge_r2"] == pytest.approx(0.8795349007034939)
    assert results["baseline_mae_g"] == pytest.approx(451.358852853404)


def test_coefficients(results):
    assert results["coefficients"] == pytest.approx({
        "bill_length_mm": 127.73805293906496,
        "bill_depth_mm": 152.7691244521631,
        "flipper_length_mm": 244.81861948259396,
        "delta_15n": -72.01169356663878,
        "delta_13c": 23.96916176573023,
        "male": 299.00975477687524,
        "species_Adelie": -152.37563477023622,
        "species_Chinstrap": -465.72658917863595,
        "species_Gentoo": 618.1022239489516,
    })
