"""Decisions of checkout tests, recorded in MLflow."""

from __future__ import annotations

import hashlib
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

import mlflow


@dataclass(frozen=True)
class Settings:
    tracking_uri: str
    experiment: str = "checkout-tests"


def settings(tracking_uri: str | None = None) -> Settings:
    """Where decisions go: the store given, else the team's (MLFLOW_TRACKING_URI), else a local
    sqlite file."""
    if tracking_uri:
        return Settings(tracking_uri)
    return Settings(os.environ.get("MLFLOW_TRACKING_URI") or "sqlite:///mlflow.db")


def record_decision(results, plan, data_path, tracking_uri=None):
    config = settings(tracking_uri)
    mlflow.set_tracking_uri(config.tracking_uri)
    experiment = mlflow.get_experiment_by_name(config.experiment)
    experiment_id = (
        experiment.experiment_id if experiment else mlflow.create_experiment(config.experiment)
    )
    tags = {
        "decision": results["decision"],
        "git_commit": git_commit(Path.cwd()),
        "data_sha256": hashlib.sha256(Path(data_path).read_bytes()).hexdigest(),
    }
    with mlflow.start_run(experiment_id=experiment_id, tags=tags) as run:
        mlflow.log_params(plan)
        mlflow.log_metrics(metrics(results))
        mlflow.log_dict(results, "results.json")
    return run.info.run_id


def metrics(results):
    out = {}
    for key, value in results.items():
        match value:
            case bool() | str() | None:
                pass
            case dict():
                out.update({f"{key}_{part}": float(number) for part, number in value.items()})
            case [low, high]:
                out.update({f"{key}_low": float(low), f"{key}_high": float(high)})
            case _:
                out[key] = float(value)
    return out


def git_commit(folder: Path) -> str:
    try:
        head = subprocess.run(
            ["git", "-C", str(folder), "rev-parse", "HEAD"], capture_output=True, text=True
        )
        status = subprocess.run(
            ["git", "-C", str(folder), "status", "--porcelain", "--", "."],
            capture_output=True,
            text=True,
        )
    except FileNotFoundError:
        return "unknown"
    if head.returncode or status.returncode:
        return "unknown"
    return head.stdout.strip() + ("-dirty" if status.stdout.strip() else "")
