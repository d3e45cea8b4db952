"""Tests of the decision record, in a tracking store of their own (a temporary sqlite file)."""

import hashlib
import json

import pytest
from mlflow import MlflowClient

from decision_record import as_metrics, record_decision

RESULTS = {
    "users": {"control": 8100, "new_checkout": 8105},
    "uplift": 0.0205,
    "uplift_ci_normal": [-0.046, 0.092],
    "stopped_on": None,
    "decision": "do not ship",
}
PLAN = {"minimum_detectable_uplift": 0.1, "alpha": 0.05, "split_alpha": 0.001}


@pytest.fixture(scope="module")
def recorded(tmp_path_factory):
    folder = tmp_path_factory.mktemp("store")
    data = folder / "events.csv"
    data.write_text("event_id,user_id\n1,u00001\n", encoding="utf-8")
    uri = f"sqlite:///{folder / 'mlflow.db'}"
    run_id = record_decision(RESULTS, PLAN, data, tracking_uri=uri)
    client = MlflowClient(uri)
    return client, client.get_run(run_id), data


def test_every_number_is_a_metric_named_by_its_key():
    assert as_metrics(RESULTS) == {
        "users_control": 8100.0,
        "users_new_checkout": 8105.0,
        "uplift": 0.0205,
        "uplift_ci_normal_low": -0.046,
        "uplift_ci_normal_high": 0.092,
    }


def test_the_run_holds_the_decision_the_plan_and_the_readout(recorded):
    _, run, _ = recorded
    assert run.data.tags["decision"] == "do not ship"
    assert run.data.params == {key: str(value) for key, value in PLAN.items()}
    assert run.data.metrics["uplift_ci_normal_high"] == pytest.approx(0.092)


def test_the_run_names_its_data_and_its_code(recorded):
    _, run, data = recorded
    assert run.data.tags["data_sha256"] == hashlib.sha256(data.read_bytes()).hexdigest()
    commit = run.data.tags["git_commit"]
    assert commit == "unknown" or len(commit.removesuffix("-dirty")) == 40


def test_the_results_are_kept_as_they_were(recorded, tmp_path):
    client, run, _ = recorded
    path = client.download_artifacts(run.info.run_id, "results.json", str(tmp_path))
    with open(path, encoding="utf-8") as file:
        assert json.load(file) == RESULTS


def test_the_run_is_in_the_checkout_tests_experiment(recorded):
    client, run, _ = recorded
    assert client.get_experiment(run.info.experiment_id).name == "checkout-tests"
