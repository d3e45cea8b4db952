"""Record a test's decision in MLflow (the only module here that talks to it)."""

import hashlib
import json
import os
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path

import mlflow


def record_decision(results, plan, data_path, tracking_uri=None):
    """Log the decision, the readout, the plan, the commit and the data's hash as one run of the
    experiment checkout-tests; return the run id."""
    mlflow.set_tracking_uri(
        tracking_uri or os.getenv("MLFLOW_TRACKING_URI") or "sqlite:///mlflow.db"
    )
    mlflow.set_experiment("checkout-tests")
    with mlflow.start_run() as run:
        mlflow.log_params(plan)
        mlflow.log_metrics(flatten(results))
        mlflow.set_tag("decision", results["decision"])
        mlflow.set_tag("git_commit", git_commit())
        mlflow.set_tag("data_sha256", sha256(data_path))
        mlflow.log_text(json.dumps(results, indent=2), "results.json")
    return run.info.run_id


def flatten(value, name=""):
    """The numbers in `value` by name: a mapping's entries as name_key, a pair as name_low and
    name_high; strings, booleans and None give nothing."""
    if value is None or isinstance(value, (str, bool)):
        return {}
    if isinstance(value, Mapping):
        out = {}
        for key, item in value.items():
            out.update(flatten(item, f"{name}_{key}" if name else str(key)))
        return out
    if isinstance(value, Sequence):
        low, high = value
        return {f"{name}_low": float(low), f"{name}_high": float(high)}
    return {name: float(value)}


def git_commit(folder="."):
    def git(*args):
        return subprocess.check_output(
            ["git", *args], cwd=folder, text=True, stderr=subprocess.DEVNULL
        ).strip()

    try:
        head = git("rev-parse", "HEAD")
        changed = git("diff", "--name-only", "HEAD", "--", ".")
        untracked = git("ls-files", "--others", "--exclude-standard", "--", ".")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return f"{head}-dirty" if changed or untracked else head


def sha256(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()
