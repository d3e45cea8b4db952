"""The use cases behind the command line: train, evaluate and predict, each from Settings.

Each reads and checks everything it needs before it writes anything, and writes each output
atomically, so a run that fails leaves the outputs of the last good run as they were.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from penguin_mass import domain
from penguin_mass.config import ConfigError, Settings
from penguin_mass.data import load_birds_to_predict, load_penguins
from penguin_mass.domain import FEATURES, TARGET
from penguin_mass.storage import load_model, save_csv, save_json, save_model

MODEL_FILE = "model.skops"
METRICS_FILE = "metrics.json"
PREDICTION = "predicted_body_mass_g"


def train(settings: Settings) -> dict:
    """Fit on the training birds, score on the held-out ones and by cross-validation, and write
    `<output_dir>/model.skops` and `<output_dir>/metrics.json`. Returns the metrics."""
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
        "settings": settings.model_dump(mode="json"),
    }
    save_model(model, settings.output_dir / MODEL_FILE)
    save_json(metrics, settings.output_dir / METRICS_FILE)  # last: it describes the model
    return metrics


def evaluate(settings: Settings) -> dict:
    """The saved model's scores on the held-out birds of data_path (same seed, same fraction)."""
    model = load_model(settings.output_dir / MODEL_FILE)
    penguins = _load(settings)
    return {"test_rows": len(penguins), **_test_scores(model, penguins, penguins)}


def predict(settings: Settings, input_csv: Path, output_csv: Path) -> pd.DataFrame:
    """Write `output_csv`: the rows of `input_csv` (export columns) plus predicted_body_mass_g
    (empty for a bird with no body measurement)."""
    input_csv, output_csv = Path(input_csv), Path(output_csv)
    if not input_csv.is_file():
        raise ConfigError(f"input: no file at {input_csv}")
    model = load_model(settings.output_dir / MODEL_FILE)
    raw, birds = load_birds_to_predict(input_csv)
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
