import hashlib
import json

import pytest
from mlflow import MlflowClient

from decision_record import Settings, metrics, record_decision, settings

RESULTS = {
    "users": {"control": 10, "new_checkout": 12},
    "uplift_ci_normal": [0.01, 0.3],
    "p_value": 0.03,
    "stopped_on": None,
    "decision": "ship",
}
PLAN = {"alpha": 0.05, "minimum_detectable_uplift": 0.1, "split_alpha": 0.001}


@pytest.fixture
def log(tmp_path):
    path = tmp_path / "log.csv"
    path.write_bytes(b"user_id\nu1\nu2\n")
    return path


def runs_in(uri):
    client = MlflowClient(uri)
    experiment = client.get_experiment_by_name("checkout-tests")
    return [] if experiment is None else client.search_runs([experiment.experiment_id])


def test_settings_prefer_the_given_uri_then_the_environment(monkeypatch):
    monkeypatch.setenv("MLFLOW_TRACKING_URI", "sqlite:///team.db")
    assert settings("sqlite:///given.db") == Settings("sqlite:///given.db")
    assert settings().tracking_uri == "sqlite:///team.db"
    monkeypatch.delenv("MLFLOW_TRACKING_URI")
    assert settings() == Settings("sqlite:///mlflow.db", "checkout-tests")


def test_metrics_are_named_after_the_keys():
    assert metrics(RESULTS) == {
        "users_control": 10.0,
        "users_new_checkout": 12.0,
        "uplift_ci_normal_low": 0.01,
        "uplift_ci_normal_high": 0.3,
        "p_value": 0.03,
    }


def test_the_given_store_gets_the_run_and_all_it_holds(tmp_path, monkeypatch, log):
    given = f"sqlite:///{tmp_path}/given.db"
    monkeypatch.setenv("MLFLOW_TRACKING_URI", f"sqlite:///{tmp_path}/team.db")
    run_id = record_decision(RESULTS, PLAN, log, tracking_uri=given)
    assert not (tmp_path / "team.db").exists()
    (run,) = runs_in(given)
    assert run.info.run_id == run_id
    assert run.data.tags["decision"] == "ship"
    assert run.data.tags["data_sha256"] == hashlib.sha256(log.read_bytes()).hexdigest()
    assert run.data.params == {key: str(value) for key, value in PLAN.items()}
    assert run.data.metrics == pytest.approx(metrics(RESULTS))
    local = MlflowClient(given).download_artifacts(run_id, "results.json", str(tmp_path))
    with open(local, encoding="utf-8") as file:
        assert json.load(file) == RESULTS


def test_without_a_uri_the_environment_decides(tmp_path, monkeypatch, log):
    team = f"sqlite:///{tmp_path}/team.db"
    monkeypatch.setenv("MLFLOW_TRACKING_URI", team)
    monkeypatch.chdir(tmp_path)
    run_id = record_decision(RESULTS, PLAN, log)
    assert [run.info.run_id for run in runs_in(team)] == [run_id]
    assert not (tmp_path / "mlflow.db").exists()
