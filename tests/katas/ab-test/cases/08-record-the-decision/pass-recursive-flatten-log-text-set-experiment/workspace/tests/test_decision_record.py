"""record_decision, into a throwaway sqlite store."""

import hashlib
import json
from pathlib import Path

import mlflow
import pytest

from decision_record import flatten, record_decision

RESULTS = {
    "users": {"control": 500, "new_checkout": 490},
    "conversion": {"control": 0.15, "new_checkout": 0.16},
    "p_value": 0.4,
    "uplift_ci": [-0.1, 0.2],
    "stopped_on": "2026-04-20",
    "days_needed": 27,
    "decision": "inconclusive",
}
PLAN = {"baseline_conversion": 0.157, "minimum_detectable_uplift": 0.1, "split_alpha": 0.001}


def test_flatten_names_numbers_after_their_keys():
    assert flatten(RESULTS) == {
        "users_control": 500.0,
        "users_new_checkout": 490.0,
        "conversion_control": 0.15,
        "conversion_new_checkout": 0.16,
        "p_value": 0.4,
        "uplift_ci_low": -0.1,
        "uplift_ci_high": 0.2,
        "days_needed": 27.0,
    }


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("mlflow")
    log = folder / "events.csv"
    log.write_text("a,b\n1,2\n")
    uri = f"sqlite:///{folder}/runs.db"
    run_id = record_decision(RESULTS, PLAN, log, tracking_uri=uri)
    return mlflow.MlflowClient(uri), run_id, log


def test_a_single_run_in_checkout_tests(store):
    client, run_id, _ = store
    experiment = client.get_experiment_by_name("checkout-tests")
    assert [run.info.run_id for run in client.search_runs([experiment.experiment_id])] == [run_id]


def test_what_the_run_holds(store, tmp_path):
    client, run_id, log = store
    run = client.get_run(run_id)
    assert run.data.tags["decision"] == "inconclusive"
    assert run.data.tags["data_sha256"] == hashlib.sha256(log.read_bytes()).hexdigest()
    assert run.data.params == {name: str(value) for name, value in PLAN.items()}
    assert run.data.metrics == pytest.approx(flatten(RESULTS))
    saved = Path(client.download_artifacts(run_id, "results.json", str(tmp_path)))
    assert json.loads(saved.read_text()) == RESULTS
