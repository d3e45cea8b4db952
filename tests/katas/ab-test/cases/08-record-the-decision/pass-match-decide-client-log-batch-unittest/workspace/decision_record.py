"""A test's decision as a run in the tracking store, written with MlflowClient in one batch."""

import hashlib
import os
import subprocess
import time
from pathlib import Path

from mlflow import MlflowClient
from mlflow.entities import Metric, Param, RunTag

EXPERIMENT_NAME = "checkout-tests"
FALLBACK_URI = "sqlite:///mlflow.db"


def record_decision(results, plan, data_path, tracking_uri=None):
    """One run in checkout-tests holding the decision, the readout, the plan, the code and the
    data; returns its id."""
    if tracking_uri is None:
        tracking_uri = os.environ.get("MLFLOW_TRACKING_URI", FALLBACK_URI)
    client = MlflowClient(tracking_uri=tracking_uri)
    experiment = client.get_experiment_by_name(EXPERIMENT_NAME)
    if experiment is None:
        experiment_id = client.create_experiment(EXPERIMENT_NAME)
    else:
        experiment_id = experiment.experiment_id
    run = client.create_run(experiment_id, run_name="checkout decision")
    run_id = run.info.run_id
    now = int(time.time() * 1000)
    client.log_batch(
        run_id,
        metrics=[Metric(name, value, now, 0) for name, value in numbers_of(results).items()],
        params=[Param(name, str(value)) for name, value in plan.items()],
        tags=[
            RunTag("decision", results["decision"]),
            RunTag("git_commit", commit_of(Path.cwd())),
            RunTag("data_sha256", sha256_of(data_path)),
        ],
    )
    client.log_dict(run_id, results, "results.json")
    client.set_terminated(run_id)
    return run_id


def numbers_of(results):
    """Metric name -> float for every number in results."""
    out = {}
    for key, value in results.items():
        if value is None or isinstance(value, (str, bool)):
            continue
        if isinstance(value, dict):
            for variant, number in value.items():
                out[key + "_" + variant] = float(number)
        elif isinstance(value, (list, tuple)):
            low, high = value
            out[key + "_low"] = float(low)
            out[key + "_high"] = float(high)
        else:
            out[key] = float(value)
    return out


def commit_of(folder):
    """HEAD's full hash, with -dirty if git sees changes in folder; unknown without git."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=folder, capture_output=True, text=True
        )
        status = subprocess.run(
            ["git", "status", "--porcelain", "--", "."], cwd=folder, capture_output=True, text=True
        )
    except OSError:
        return "unknown"
    if head.returncode != 0 or status.returncode != 0:
        return "unknown"
    commit = head.stdout.strip()
    return commit + "-dirty" if status.stdout.strip() else commit


def sha256_of(path):
    with open(path, "rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()
