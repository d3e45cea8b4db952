"""The decision record: what was decided about a test, on which readout, by which code and data.

MLflow is used here and nowhere else. A decision is one run in the experiment "checkout-tests" of
the tracking store MLflow is pointed at (MLFLOW_TRACKING_URI, the team's store, or else the
workspace's mlflow.db, its artifacts in mlartifacts/ beside it), with:

- params: the plan's settings;
- metrics: every number of the readout's results, a pair as _low and _high, a mapping per key;
- tags: decision, git_commit (the workspace's commit, "-dirty" if it has changes, "unknown"
  outside git) and data_sha256 (the SHA-256 of the log the readout read);
- the artifact results.json: the results as they were.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
from pathlib import Path

import mlflow

EXPERIMENT = "checkout-tests"
DEFAULT_STORE = "sqlite:///mlflow.db"


def record_decision(results: dict, plan: dict, data_path, tracking_uri: str | None = None) -> str:
    """Record `results` (with its "decision") and `plan` as a run; return the run's id."""
    uri = tracking_uri or os.environ.get("MLFLOW_TRACKING_URI") or DEFAULT_STORE
    mlflow.set_tracking_uri(uri)
    with mlflow.start_run(
        experiment_id=_experiment(uri), run_name=f"decision: {results['decision']}"
    ) as run:
        mlflow.log_params(plan)
        mlflow.log_metrics(as_metrics(results))
        mlflow.set_tags(
            {
                "decision": results["decision"],
                "git_commit": code_version(Path.cwd()),
                "data_sha256": fingerprint(Path(data_path)),
            }
        )
        mlflow.log_dict(results, "results.json")
    return run.info.run_id


def _experiment(uri: str) -> str:
    """The experiment's id, made on first use; a store in a local sqlite file keeps its
    artifacts in mlartifacts/ beside it, not in the folder the analysis happens to run in."""
    found = mlflow.get_experiment_by_name(EXPERIMENT)
    if found is not None:
        return found.experiment_id
    database = uri.removeprefix("sqlite:///")
    beside = Path(database).resolve().parent / "mlartifacts" if database != uri else None
    return mlflow.create_experiment(EXPERIMENT, artifact_location=beside and beside.as_uri())


def as_metrics(results: dict) -> dict[str, float]:
    """Every number of `results`: `uplift` as it is, `uplift_ci` as uplift_ci_low and
    uplift_ci_high, `users` as users_control and users_new_checkout; text and None left out."""
    metrics = {}
    for key, value in results.items():
        if isinstance(value, bool) or value is None or isinstance(value, str):
            continue
        if isinstance(value, dict):
            metrics |= {f"{key}_{name}": float(number) for name, number in value.items()}
        elif isinstance(value, list | tuple):
            metrics |= {f"{key}_low": float(value[0]), f"{key}_high": float(value[1])}
        else:
            metrics[key] = float(value)
    return metrics


def code_version(folder: Path) -> str:
    """The commit checked out in `folder`'s repository, "<sha>-dirty" if `folder` has changes
    since (tracked or new files), or "unknown" outside git."""

    def git(*args: str) -> str:
        done = subprocess.run(
            ["git", *args], cwd=folder, capture_output=True, text=True, check=True, timeout=30
        )
        return done.stdout.strip()

    try:
        commit = git("rev-parse", "HEAD")
        changed = git("status", "--porcelain", "--", ".")
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return f"{commit}-dirty" if changed else commit


def fingerprint(path: Path) -> str:
    """The SHA-256 of the file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()
