"""Everything that talks to MLflow: recording training runs, the model registry, the champion.

No other module of penguin_mass imports mlflow (an import-linter contract says so). Functions
here take plain values, never Settings.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from importlib.metadata import version as installed_version
from pathlib import Path

import mlflow
import mlflow.sklearn
from mlflow.exceptions import MlflowException
from mlflow.tracking import MlflowClient

ALIAS = "champion"
GATE = "cv_mae_g"
SKOPS_EXTRA_TYPES = ["numpy.dtype"]  # what skops does not trust by default in our pipeline


class RegistryError(Exception):
    """The tracking store refused or could not be reached; str() is one line."""


def commit_of(folder: Path) -> str:
    """HEAD of the git repository holding `folder`, "-dirty" if git status lists anything."""
    if shutil.which("git") is None:
        return "unknown"
    try:
        head = _git(folder, "rev-parse", "HEAD").strip()
        status = _git(folder, "status", "--porcelain")
    except subprocess.CalledProcessError:
        return "unknown"
    return head + "-dirty" if status.strip() else head


def sha256_of(path: Path) -> str:
    """Hex SHA-256 of the file's bytes."""
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def record_run(
    uri: str,
    experiment: str,
    model_name: str,
    params: dict,
    metrics: dict,
    tags: dict,
    model,
) -> tuple[str, int]:
    """Log one run (params, metrics, tags, then the model) and register the model.

    Returns (run id, registered version)."""
    try:
        mlflow.set_tracking_uri(uri)
        mlflow.set_experiment(experiment)
        with mlflow.start_run() as active:
            mlflow.log_params(params)
            mlflow.log_metrics(metrics)
            mlflow.set_tags(tags)
            info = mlflow.sklearn.log_model(
                sk_model=model,
                name="model",
                serialization_format="skops",
                skops_trusted_types=SKOPS_EXTRA_TYPES,
                registered_model_name=model_name,
                pip_requirements=[
                    f"scikit-learn=={installed_version('scikit-learn')}",
                    f"skops=={installed_version('skops')}",
                ],
            )
    except (MlflowException, OSError) as problem:
        raise RegistryError(_one_line(uri, problem)) from None
    return active.info.run_id, int(info.registered_model_version)


def crown(
    uri: str,
    experiment: str,
    model_name: str,
    gate: float,
    run_id: str | None = None,
    override_reason: str | None = None,
) -> tuple[str, str, float]:
    """Move the champion alias to the version of `run_id` (or of the finished run with the best
    cv_mae_g) when it passes the gate and is better than today's champion. With an
    `override_reason`, a better champion is replaced anyway and the reason is kept as the tag
    promotion_reason of the new champion's version. Returns (run id, version, cv_mae_g)."""
    client = MlflowClient(tracking_uri=uri)
    try:
        run = _find_run(client, run_id) if run_id else _best_run(client, experiment)
        chosen = run.info.run_id
        if run.info.status != "FINISHED":
            raise RegistryError(f"run {chosen} is {run.info.status}, not FINISHED; champion unchanged")
        score = run.data.metrics.get(GATE)
        if score is None or score > gate:
            raise RegistryError(
                f"run {chosen} has {GATE}={score}, above the gate max_cv_mae_g={gate}; "
                "champion unchanged"
            )
        found = client.search_model_versions(f"name = '{model_name}' and run_id = '{chosen}'")
        if not found:
            raise RegistryError(f"run {chosen} has no version of {model_name}; champion unchanged")
        version = sorted(found, key=lambda item: int(item.version))[-1].version
        today = _current_score(client, model_name)
        if today is not None and str(today[0]) == str(version):
            return chosen, str(version), score
        if today is not None and today[1] <= score and override_reason is None:
            raise RegistryError(
                f"run {chosen} has {GATE}={score:.1f}, not better than the champion's "
                f"{today[1]:.1f} (version {today[0]}); champion unchanged"
            )
        if override_reason is not None:
            client.set_model_version_tag(model_name, version, "promotion_reason", override_reason)
        client.set_registered_model_alias(model_name, ALIAS, version)
    except (MlflowException, OSError) as problem:
        raise RegistryError(_one_line(uri, problem)) from None
    return chosen, str(version), score


def _current_score(client: MlflowClient, model_name: str) -> tuple[str, float] | None:
    """(version, cv_mae_g) of today's champion, or None when there is none."""
    try:
        current = client.get_model_version_by_alias(model_name, ALIAS)
    except MlflowException:
        return None
    return current.version, client.get_run(current.run_id).data.metrics[GATE]


def champion(uri: str, model_name: str):
    """The fitted pipeline that models:/<model_name>@champion names today."""
    mlflow.set_tracking_uri(uri)
    client = MlflowClient(tracking_uri=uri)
    try:
        client.get_model_version_by_alias(model_name, ALIAS)
    except MlflowException:
        raise RegistryError(
            f"there is no champion of {model_name} at {uri}: train, then promote a run"
        ) from None
    except OSError as problem:
        raise RegistryError(_one_line(uri, problem)) from None
    try:
        return mlflow.sklearn.load_model(f"models:/{model_name}@{ALIAS}")
    except (MlflowException, OSError) as problem:
        raise RegistryError(_one_line(uri, problem)) from None


def _git(folder: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=folder, capture_output=True, text=True, check=True
    ).stdout


def _find_run(client: MlflowClient, run_id: str):
    try:
        return client.get_run(run_id)
    except MlflowException:
        raise RegistryError(f"no run with id {run_id} in the tracking store") from None


def _best_run(client: MlflowClient, experiment: str):
    found = client.get_experiment_by_name(experiment)
    runs = []
    if found is not None:
        runs = client.search_runs(
            experiment_ids=[found.experiment_id],
            filter_string=f"attributes.status = 'FINISHED' and metrics.{GATE} > 0",
            order_by=[f"metrics.{GATE} ASC"],
            max_results=1,
        )
    if not runs:
        raise RegistryError(f"experiment {experiment} has no finished run: run train first")
    return runs[0]


def _one_line(uri: str, problem: Exception) -> str:
    text = " ".join(str(problem).split())
    return f"tracking store {uri}: {text[:200]}"
