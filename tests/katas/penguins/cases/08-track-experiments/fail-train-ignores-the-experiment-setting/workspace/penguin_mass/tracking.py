"""The tracking store: where every training run is recorded and where the models live.

MLflow is used here and nowhere else (lint-imports checks it). A training run records what it
takes to repeat it and to trust it:

- params: the settings that shaped the model, each under its Settings field name;
- metrics: the scores on the held-out birds and the cross-validated error, cv_mae_g;
- tags: git_commit (the commit of the code, with "-dirty" if files had changed since, or
  "unknown" outside a git repository) and data_sha256 (the fingerprint of the data file);
- the fitted pipeline, saved with skops (never pickle) and registered as a new version of the
  model name.

`promote` points the alias "champion" at a run's version, if the run passes the gate and beats
the current champion's cv_mae_g (replacing a better champion takes `replace_better` and a reason,
kept on the new champion's version as the tag promotion_reason); the champion is what
`load_champion` loads. Every failure of the store (unreachable, no such run,
no champion yet) is a TrackingError with a one-line message.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
import tempfile
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import mlflow
import mlflow.sklearn
import pandas as pd
from mlflow import MlflowClient
from mlflow.exceptions import MlflowException
from mlflow.models import infer_signature
from sklearn.pipeline import Pipeline

from penguin_mass.storage import TRUSTED_TYPES, load_model

CHAMPION = "champion"
GATE_METRIC = "cv_mae_g"
REASON_TAG = "promotion_reason"
MODEL_FOLDER = "model"
# What the model needs to be loaded again. Naming it saves MLflow from working it out, which it
# does by loading the model in a separate Python process: several seconds on every run.
MODEL_REQUIREMENTS = [f"{name}=={version(name)}" for name in ("scikit-learn", "skops")]


# What MLflow answers for a run, model or alias that does not exist.
_NOT_FOUND = ("RESOURCE_DOES_NOT_EXIST", "INVALID_PARAMETER_VALUE")


class TrackingError(Exception):
    """The tracking store cannot be used or refuses the request; the message is one line."""


@dataclass(frozen=True)
class TrainingRun:
    run_id: str
    model_version: int


@dataclass(frozen=True)
class Promotion:
    run_id: str
    model_version: int
    cv_mae_g: float
    replaced: str = ""  # what it replaced: "version 3 (cv_mae_g 230 g)", or "" for a first champion
    already: bool = False  # the run's version was the champion already


def code_version(folder: Path) -> str:
    """The commit checked out in `folder`'s git repository, "<sha>-dirty" if anything in `folder`
    has changed since (tracked or new files; changes elsewhere in the repository do not count),
    or "unknown" outside git or without git."""

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
    """The SHA-256 of the file's bytes: the same digest for the same data, whatever its name."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def log_training_run(
    tracking_uri: str,
    experiment: str,
    model_name: str,
    *,
    params: dict,
    metrics: dict[str, float],
    tags: dict[str, str],
    model: Pipeline,
    example: pd.DataFrame,
) -> TrainingRun:
    """Record one training run, its model included, and register the model as a new version.

    A run that fails on the way is marked FAILED by MLflow and has no model version, so
    `promote` never picks it.
    """
    signature = infer_signature(example, model.predict(example))
    with _store(tracking_uri, create=True):
        mlflow.set_experiment("penguin-mass")
        with mlflow.start_run() as run:
            mlflow.log_params(params)
            mlflow.log_metrics(metrics)
            mlflow.set_tags(tags)
            logged = mlflow.sklearn.log_model(
                model,
                name=MODEL_FOLDER,
                serialization_format="skops",
                skops_trusted_types=TRUSTED_TYPES,
                registered_model_name=model_name,
                signature=signature,
                pip_requirements=MODEL_REQUIREMENTS,
            )
    return TrainingRun(run.info.run_id, int(logged.registered_model_version))


def promote(
    tracking_uri: str,
    experiment: str,
    model_name: str,
    max_cv_mae_g: float,
    run_id: str | None = None,
    replace_better: bool = False,
    reason: str = "",
) -> Promotion:
    """Make the model version of run `run_id` (default: the finished run of `experiment` with the
    lowest cv_mae_g) the champion, if its cv_mae_g is at most `max_cv_mae_g` and lower than the
    champion's; TrackingError otherwise. With `replace_better` (and a `reason`, which the new
    champion's version keeps as a tag), a better champion is replaced all the same."""
    with _store(tracking_uri) as client:
        run = _run(client, run_id) if run_id else _best_run(client, experiment, tracking_uri)
        run_id = run.info.run_id
        if run.info.status != "FINISHED":
            raise TrackingError(f"run {run_id} did not finish ({run.info.status}); not promoted")
        score = run.data.metrics.get(GATE_METRIC)
        if score is None:
            raise TrackingError(f"run {run_id} logged no {GATE_METRIC}; not promoted")
        if not score <= max_cv_mae_g:
            raise TrackingError(
                f"run {run_id}: {GATE_METRIC} {score:.1f} g is above max_cv_mae_g "
                f"{max_cv_mae_g:g} g; not promoted"
            )
        versions = client.search_model_versions(f"name = '{model_name}' and run_id = '{run_id}'")
        if not versions:
            raise TrackingError(f"run {run_id} registered no version of model {model_name!r}")
        newest = str(max(int(found.version) for found in versions))
        current = _champion(client, model_name)
        if current is not None and int(current.version) == int(newest):
            return Promotion(run_id, int(newest), score, already=True)
        replaced = ""
        if current is not None:
            held = client.get_run(current.run_id).data.metrics.get(GATE_METRIC, float("inf"))
            replaced = f"version {current.version} ({GATE_METRIC} {held:.1f} g)"
            if not score < held and not replace_better:
                raise TrackingError(
                    f"run {run_id}: {GATE_METRIC} {score:.1f} g does not beat the champion, "
                    f"{replaced}; not promoted (to replace it all the same, add "
                    "--replace-better --reason TEXT)"
                )
        if replace_better:
            client.set_model_version_tag(model_name, newest, REASON_TAG, reason)
        client.set_registered_model_alias(model_name, CHAMPION, newest)
    return Promotion(run_id, int(newest), score, replaced)


def load_champion(tracking_uri: str, model_name: str) -> Pipeline:
    """The model version the alias "champion" points at, loaded with our own skops allow-list.

    MLflow's loader would trust the types the model's own MLmodel file lists; a model file is
    code, so the allow-list we load with is ours (storage.TRUSTED_TYPES), not the file's.
    """
    with _store(tracking_uri) as client:
        try:
            client.get_model_version_by_alias(model_name, CHAMPION)
        except MlflowException as error:
            if error.error_code not in _NOT_FOUND:
                raise
            raise TrackingError(
                f"model {model_name!r} has no {CHAMPION} at {tracking_uri} yet; "
                "train, then promote a run"
            ) from None
        with tempfile.TemporaryDirectory(prefix="champion-") as folder:
            local = mlflow.artifacts.download_artifacts(
                artifact_uri=f"models:/{model_name}@{CHAMPION}", dst_path=folder
            )
            return load_model(Path(local) / "model.skops")


class _store:
    """Use the tracking store at `uri`; its failures become one-line TrackingErrors.

    Only `train` may create a store: MLflow's client creates a missing sqlite file on first
    contact, and a promote or predict that fails should not leave an empty store behind.
    """

    def __init__(self, uri: str, create: bool = False) -> None:
        self.uri = uri
        self.create = create

    def __enter__(self) -> MlflowClient:
        local = self.uri.removeprefix("sqlite:///")
        if not self.create and local != self.uri and not Path(local).is_file():
            raise TrackingError(f"no tracking store at {self.uri} yet; run train first")
        try:
            mlflow.set_tracking_uri(self.uri)
            return MlflowClient(self.uri)
        except MlflowException as error:
            raise TrackingError(_explain(error, self.uri)) from None

    def __exit__(self, kind, error, traceback) -> None:
        if isinstance(error, MlflowException):
            raise TrackingError(_explain(error, self.uri)) from None


def _run(client: MlflowClient, run_id: str):
    try:
        return client.get_run(run_id)
    except MlflowException as error:
        if error.error_code in _NOT_FOUND:
            raise TrackingError(f"--run-id {run_id}: no such run in the tracking store") from None
        raise


def _champion(client: MlflowClient, model_name: str):
    """The model version the alias points at, or None."""
    try:
        return client.get_model_version_by_alias(model_name, CHAMPION)
    except MlflowException as error:
        if error.error_code not in _NOT_FOUND:
            raise
        return None


def _best_run(client: MlflowClient, experiment: str, tracking_uri: str):
    """The finished run with the lowest cv_mae_g (the earliest of equals)."""
    found = client.get_experiment_by_name(experiment)
    runs = (
        client.search_runs(
            [found.experiment_id],
            filter_string=f"attributes.status = 'FINISHED' and metrics.{GATE_METRIC} >= 0",
            order_by=[f"metrics.{GATE_METRIC} ASC", "attributes.start_time ASC"],
            max_results=1,
        )
        if found
        else []
    )
    if not runs:
        raise TrackingError(
            f"no finished run in experiment {experiment!r} at {tracking_uri}; run train first"
        )
    return runs[0]


def _explain(error: MlflowException, uri: str) -> str:
    """One line: what went wrong with the store at `uri`, without MLflow's request details."""
    message = str(error.message if hasattr(error, "message") else error)
    refused = re.search(r"\[Errno -?\d+\] ([^'\")]+)", message)
    if refused or "Max retries exceeded" in message:
        reason = refused.group(1).strip() if refused else "no answer"
        return f"cannot reach the tracking store at {uri} ({reason})"
    first = message.strip().splitlines()[0] if message.strip() else type(error).__name__
    return f"tracking store {uri}: {first.split('. ')[0].rstrip('.')[:300]}"
