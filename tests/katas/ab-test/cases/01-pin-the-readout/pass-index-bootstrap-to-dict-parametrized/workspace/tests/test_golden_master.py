import runpy
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")

WORKSPACE = Path(__file__).resolve().parent.parent

GOLDEN = [
    ('views.control', 7568),
    ('views.new_checkout', 7839),
    ('orders.control', 799),
    ('orders.new_checkout', 915),
    ('conversion.control', 0.10557610993657505),
    ('conversion.new_checkout', 0.11672407194795255),
    ('uplift', 0.10559171026546288),
    ('p_value', 0.029677769925809915),
    ('uplift_ci.0', -0.005883981012217937),
    ('uplift_ci.1', 0.20731689577723939),
    ('revenue_per_view_eur.control', 5.88905787526427),
    ('revenue_per_view_eur.new_checkout', 6.5174563082025765),
]


@pytest.fixture(scope="module")
def flat_results():
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(WORKSPACE)
        results = runpy.run_path("analysis.py")["results"]
    flat = {}
    for key, value in results.items():
        if isinstance(value, dict):
            flat.update({f"{key}.{name}": v for name, v in value.items()})
        elif isinstance(value, (list, tuple)):
            flat.update({f"{key}.{i}": v for i, v in enumerate(value)})
        else:
            flat[key] = value
    return flat


@pytest.mark.parametrize(("key", "expected"), GOLDEN, ids=[k for k, _ in GOLDEN])
def test_key_result_unchanged(flat_results, key, expected):
    assert flat_results[key] == pytest.approx(expected)
