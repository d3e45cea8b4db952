"""Everything MLflow: recording training runs, crowning a champion, estimating with it."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
from pathlib import Path

import mlflow
import mlflow.sklearn
import skops.io
from mlflow import MlflowClient
from mlflow.exceptions import MlflowException

from penguin_mass.data import load_birds_to_predict, load_penguins
from penguin_mass.domain import (
    FEATURES,
    TARGET,
    cross_validated_mae,
    evaluate,
    fit_model,
    species_baseline,
    split_train_test,
)
from penguin_mass.storage import save_csv

HERE = Path(__file__).parent


class Refused(Exception):
    """The store said no, or could not be reached."""


def where(settings) -> str:
    # the variable MLflow users know wins over anything in the settings
    return os.environ.get("MLFLOW_TRACKING_URI") or settings.tracking_uri


def commit() -> str:
    try:
        described = subprocess.run(
            ["git", "describe", "--always", "--dirty", "--abbrev=40"],
            cwd=HERE, capture_output=True, text=True, check=True,
        )  # fmt: skip
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return described.stdout.strip()


def sha256(path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(65536):
            digest.update(block)
    return digest.hexdigest()


def _scores(model, train, test) -> dict:
    ridge = evaluate(test[TARGET], model.predict(test[FEATURES]))
    baseline = evaluate(test[TARGET], species_baseline(train, test))
    return {
        "ridge_mae_g": ridge["mae"],
        "ridge_rmse_g": ridge["rmse"],
        "ridge_r2": ridge["r2"],
        "baseline_mae_g": baseline["mae"],
    }


def train_and_record(settings) -> str:
    penguins = load_penguins(settings.data_path)
    train, test = split_train_test(penguins, settings.test_fraction, settings.seed)
    model = fit_model(train, settings.alpha)
    scores = _scores(model, train, test)
    scores["cv_mae_g"] = cross_validated_mae(
        penguins, settings.alpha, settings.folds, settings.seed
    )
    untrusted = skops.io.get_untrusted_types(data=skops.io.dumps(model))
    try:
        mlflow.set_tracking_uri(where(settings))
        mlflow.set_experiment(settings.experiment)
        with mlflow.start_run() as run:
            mlflow.log_params(json.loads(settings.model_dump_json()))
            mlflow.log_metrics(scores)
            mlflow.set_tags({"git_commit": commit(), "data_sha256": sha256(settings.data_path)})
            mlflow.sklearn.log_model(
                model,
                name="pipeline",
                input_example=test[FEATURES].head(3),
                serialization_format="skops",
                skops_trusted_types=untrusted,
                registered_model_name=settings.model_name,
            )
    except MlflowException as problem:
        raise Refused(str(problem).splitlines()[0]) from None
    return run.info.run_id


def crown(settings, run_id=None) -> str:
    client = MlflowClient(where(settings))
    mlflow.set_tracking_uri(where(settings))
    try:
        if run_id is None:
            latest = mlflow.search_runs(
                experiment_names=[settings.experiment],
                filter_string="attributes.status = 'FINISHED'",
                order_by=["attributes.start_time DESC"],
                max_results=1,
                output_format="list",
            )
            if not latest:
                raise Refused("nothing to promote: train first")
            run_id = latest[0].info.run_id
        cv_mae = client.get_run(run_id).data.metrics.get("cv_mae_g", float("inf"))
        if cv_mae > settings.max_cv_mae_g:
            raise Refused(
                f"cv_mae_g {cv_mae:.0f} g is over the gate ({settings.max_cv_mae_g:.0f} g)"
            )
        (version,) = client.search_model_versions(f"run_id = '{run_id}'")
        client.set_registered_model_alias(settings.model_name, "champion", version.version)
    except MlflowException as problem:
        raise Refused(str(problem).splitlines()[0]) from None
    return version.version


def _champion(settings):
    mlflow.set_tracking_uri(where(settings))
    try:
        return mlflow.sklearn.load_model(f"models:/{settings.model_name}@champion")
    except MlflowException as problem:
        raise Refused(f"no champion to load: {str(problem).splitlines()[0]}") from None


def score_champion(settings) -> dict:
    penguins = load_penguins(settings.data_path)
    train, test = split_train_test(penguins, settings.test_fraction, settings.seed)
    return _scores(_champion(settings), train, test)


def estimate(settings, input_csv, output_csv) -> int:
    raw, birds = load_birds_to_predict(input_csv)
    model = _champion(settings)
    save_csv(raw.assign(predicted_body_mass_g=model.predict(birds[FEATURES])), Path(output_csv))
    return len(raw)
