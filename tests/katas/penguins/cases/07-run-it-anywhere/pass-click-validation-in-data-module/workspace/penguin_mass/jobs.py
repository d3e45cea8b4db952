"""The jobs behind the command line; settings in, results out, outputs written last."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from penguin_mass.config import ConfigError, Settings
from penguin_mass.data import load_new_birds, load_penguins
from penguin_mass.domain import (
    FEATURES,
    TARGET,
    cross_validated_mae,
    evaluate,
    fit_model,
    species_baseline,
    split_train_test,
)
from penguin_mass.persist import open_model, save_metrics, save_model, save_predictions


def _read(settings: Settings):
    if not settings.data_path.exists():
        raise ConfigError(f"data_path: {settings.data_path} not found")
    birds = load_penguins(settings.data_path)
    train, test = split_train_test(birds, settings.test_fraction, settings.seed)
    if len(test) == 0:
        raise ConfigError(f"test_fraction: {settings.test_fraction} leaves no test birds")
    return birds, train, test


def _scores(model, train, test) -> dict:
    ridge = evaluate(test[TARGET], model.predict(test[FEATURES]))
    return {
        "ridge_mae_g": ridge["mae"],
        "ridge_rmse_g": ridge["rmse"],
        "ridge_r2": ridge["r2"],
        "baseline_mae_g": evaluate(test[TARGET], species_baseline(train, test))["mae"],
        "test_rows": len(test),
    }


def train_job(settings: Settings) -> dict:
    birds, train, test = _read(settings)
    if settings.folds > len(birds):
        raise ConfigError(f"folds: {settings.folds} folds but only {len(birds)} birds")
    model = fit_model(train, settings.alpha)
    metrics = {"rows": len(birds), "train_rows": len(train)} | _scores(model, train, test)
    metrics["cv_mae_g"] = cross_validated_mae(birds, settings.alpha, settings.folds, settings.seed)
    metrics["settings"] = settings.model_dump(mode="json")
    save_model(settings.output_dir / "model.skops", model)
    save_metrics(settings.output_dir / "metrics.json", metrics)
    return metrics


def evaluate_job(settings: Settings) -> dict:
    model = open_model(settings.output_dir / "model.skops")
    _, train, test = _read(settings)
    return _scores(model, train, test)


def predict_job(settings: Settings, source: Path, target: Path) -> int:
    if not Path(source).exists():
        raise ConfigError(f"--input: {source} not found")
    model = open_model(settings.output_dir / "model.skops")
    raw, birds = load_new_birds(source)
    # a bird with no culmen or flipper measurement would get only its species' and sex's guess
    measured = birds[["bill_length_mm", "bill_depth_mm", "flipper_length_mm"]].notna().any(axis=1)
    masses = pd.Series(model.predict(birds[FEATURES]), index=birds.index).where(measured)
    out = raw.assign(predicted_body_mass_g=masses)
    save_predictions(Path(target), out)
    return len(out)
