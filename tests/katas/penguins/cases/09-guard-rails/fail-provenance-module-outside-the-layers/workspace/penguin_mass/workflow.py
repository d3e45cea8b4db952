"""The use cases behind the command line: train, promote, evaluate and predict, from Settings.

Each reads and checks everything it needs before it writes anything, and writes each output
atomically, so a run that fails leaves the outputs of the last good run as they were. Models live
in the tracking store: train records every run there, promote names the champion, and evaluate
and predict use the champion, never a file an earlier run left behind.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from penguin_mass import domain, provenance, tracking
from penguin_mass.config import ConfigError, Settings
from penguin_mass.data import load_birds_to_predict, load_penguins
from penguin_mass.domain import FEATURES, TARGET
from penguin_mass.storage import save_csv, save_json

METRICS_FILE = "metrics.json"
PREDICTION = "predicted_body_mass_g"
# The workspace: the package, the notebook and the tests (git status is scoped to it).
PROJECT_FOLDER = Path(__file__).resolve().parent.parent
# Where a run is recorded is not a parameter of the run (and a server URI may carry a password).
NOT_PARAMS = {"tracking_uri"}


def train(settings: Settings) -> dict:
    """Fit on the training birds, score on the held-out ones and by cross-validation, record the
    run and its model in the tracking store, then write `<output_dir>/metrics.json`.

    Returns the metrics, with the id of the run and the model version it registered."""
    penguins = _load(settings)
    train_birds, test_birds = domain.split_train_test(
        penguins, settings.test_fraction, settings.seed
    )
    model = domain.fit_model(train_birds, settings.alpha)
    metrics = {
        "rows": len(penguins),
        "train_rows": len(train_birds),
        "test_rows": len(test_birds),
        **_test_scores(model, train_birds, test_birds),
        "cv_mae_g": domain.cross_validated_mae(
            penguins, settings.alpha, settings.folds, settings.seed
        ),
    }
    run = tracking.log_training_run(
        settings.tracking_uri,
        settings.experiment,
        settings.model_name,
        params=settings.model_dump(mode="json", exclude=NOT_PARAMS),
        metrics=metrics,
        tags={
            "git_commit": provenance.code_version(PROJECT_FOLDER),
            "data_sha256": provenance.fingerprint(settings.data_path),
        },
        model=model,
        example=test_birds[FEATURES].head(5),
    )
    receipt = {
        **metrics,
        "run_id": run.run_id,
        "model_version": run.model_version,
        "settings": settings.model_dump(mode="json"),
    }
    save_json(receipt, settings.output_dir / METRICS_FILE)  # last: it describes the run
    return receipt


def promote(
    settings: Settings, run_id: str | None = None, replace_better: bool = False, reason: str = ""
) -> tracking.Promotion:
    """Make the model of run `run_id` (default: the best finished run by cv_mae_g) the champion,
    if its cv_mae_g is at most settings.max_cv_mae_g and beats the champion's (or, with
    `replace_better` and a `reason`, even if it does not)."""
    if replace_better and not reason.strip():
        raise ConfigError("--replace-better needs --reason TEXT: say why a worse model should win")
    return tracking.promote(
        settings.tracking_uri,
        settings.experiment,
        settings.model_name,
        settings.max_cv_mae_g,
        run_id,
        replace_better,
        reason.strip(),
    )


def evaluate(settings: Settings) -> dict:
    """The champion's scores on the held-out birds of data_path (same seed, same fraction)."""
    train_birds, test_birds = domain.split_train_test(
        _load(settings), settings.test_fraction, settings.seed
    )
    model = tracking.load_champion(settings.tracking_uri, settings.model_name)
    return {"test_rows": len(test_birds), **_test_scores(model, train_birds, test_birds)}


def predict(settings: Settings, input_csv: Path, output_csv: Path) -> pd.DataFrame:
    """Write `output_csv`: the rows of `input_csv` (export columns) plus predicted_body_mass_g
    (empty for a bird with no body measurement),
    estimated by the champion."""
    input_csv, output_csv = Path(input_csv), Path(output_csv)
    if not input_csv.is_file():
        raise ConfigError(f"input: no file at {input_csv}")
    raw, birds = load_birds_to_predict(input_csv)
    model = tracking.load_champion(settings.tracking_uri, settings.model_name)
    predictions = raw.assign(**{PREDICTION: domain.predict_masses(model, birds).to_numpy()})
    save_csv(predictions, output_csv)
    return predictions


def _load(settings: Settings) -> pd.DataFrame:
    if not settings.data_path.is_file():
        raise ConfigError(f"data_path: no file at {settings.data_path}")
    penguins = load_penguins(settings.data_path)
    n_test = int(len(penguins) * settings.test_fraction)
    if n_test == 0 or n_test == len(penguins):
        raise ConfigError(
            f"test_fraction: {settings.test_fraction} of {len(penguins)} birds leaves "
            f"{n_test} to test and {len(penguins) - n_test} to train"
        )
    if settings.folds > len(penguins):
        raise ConfigError(f"folds: {settings.folds} folds for {len(penguins)} birds")
    return penguins


def _test_scores(model, train_birds: pd.DataFrame, test_birds: pd.DataFrame) -> dict:
    ridge = domain.evaluate(test_birds[TARGET], model.predict(test_birds[FEATURES]))
    baseline = domain.evaluate(test_birds[TARGET], domain.species_baseline(train_birds, test_birds))
    return {
        "ridge_mae_g": ridge["mae"],
        "ridge_rmse_g": ridge["rmse"],
        "ridge_r2": ridge["r2"],
        "baseline_mae_g": baseline["mae"],
    }
