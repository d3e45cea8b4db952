"""Golden master: the readout the notebook gives, to the digit.

Re-recorded on 4 May 2026 (stage 7) on purpose: the notebook now reads the re-run's log
(rerun_events.csv), refuses the full readout on its sample-ratio mismatch, and reads out only the
users who never used the iOS app, so every number moved and three keys are new (split_p_value,
readout_split_p_value, excluded_users).
"""

import runpy
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")

HERE = Path(__file__).resolve().parent.parent

EXPECTED_EXACT = {
    "users": {"control": 8100, "new_checkout": 8105},
    "converters": {"control": 1370, "new_checkout": 1399},
    "excluded_users": {"control": 926, "new_checkout": 313},
    "stopped_on": None,
    "users_needed": 8767,
    "days_needed": 27,
}
EXPECTED_FLOAT = {
    "split_p_value": 4.156101559065807e-06,
    "readout_split_p_value": 0.9686690262429638,
    "conversion": {"control": 0.16913580246913582, "new_checkout": 0.17260950030845157},
    "uplift": 0.02053792153172096,
    "p_value": 0.5710289877759218,
    "uplift_ci": [-0.041275149825539904, 0.08518518275726206],
    "revenue_per_user_eur": {"control": 12.260656790123457, "new_checkout": 12.436444170265268},
    "difference": 0.0034736978393157536,
    "difference_ci": [-0.00811661943933964, 0.015064015117971147],
    "uplift_ci_normal": [-0.046394721541062396, 0.09216850284992639],
    "detectable_uplift": 0.10411489357211871,
}


@pytest.fixture(scope="module")
def results():
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(HERE)
        out = runpy.run_path("analysis.py")["results"]
    from matplotlib import pyplot

    pyplot.close("all")
    return out


@pytest.mark.parametrize("key", EXPECTED_EXACT)
def test_exact_values(results, key):
    assert results.get(key, "missing") == EXPECTED_EXACT[key]


@pytest.mark.parametrize("key", EXPECTED_FLOAT)
def test_float_values(results, key):
    assert key in results
    assert results[key] == pytest.approx(EXPECTED_FLOAT[key])
