"""Golden master: the notebook's readout is the per-user readout of the clean log.

Rather than copy digits that every stage moves, the expected readout is computed here from
checkout_analysis, the same way the notebook should, and compared with the notebook's results.
"""

import runpy
from pathlib import Path

import matplotlib
import pytest

import checkout_analysis as ca

matplotlib.use("Agg")

WORKSPACE = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def results():
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(WORKSPACE)
        namespace = runpy.run_path("analysis.py")
    from matplotlib import pyplot

    pyplot.close("all")
    return namespace["results"]


@pytest.fixture(scope="module")
def expected():
    events = ca.load_events(WORKSPACE.parent / "data" / "checkout_events.csv")
    users = ca.users_table(ca.drop_duplicate_events(ca.remove_bots(events)))
    table = ca.user_conversion_by_variant(users)
    return {
        "users": {v: int(n) for v, n in table["users"].items()},
        "converters": {v: int(n) for v, n in table["converters"].items()},
        "conversion": {v: float(c) for v, c in table["conversion"].items()},
        "uplift": ca.relative_uplift(table),
        "p_value": ca.per_user_p_value(table),
        "uplift_ci": list(ca.bootstrap_uplift_interval(users, resamples=200, level=0.95, random_state=42)),
        "revenue_per_user_eur": {v: float(r) for v, r in table["revenue_per_user_eur"].items()},
    }


def test_the_readout_has_the_same_keys(results, expected):
    assert set(results) == set(expected)


@pytest.mark.parametrize(
    "key", ["users", "converters", "conversion", "uplift", "p_value", "uplift_ci", "revenue_per_user_eur"]
)
def test_every_number_is_the_per_user_one(results, expected, key):
    assert results[key] == pytest.approx(expected[key], rel=1e-12)
