"""train, evaluate and predict: each reads and checks first, computes, and writes last."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from penguin_mass import domain
from penguin_mass.data import load_penguins, load_unweighed
from penguin_mass.domain import FEATURES, TARGET
from penguin_mass.files import read_model, write_json, write_model, write_table
from penguin_mass.settings import Settings, SettingsError


def _birds(settings: Settings) -> pd.DataFrame:
    if not Path(settings.data_path).is_file():
        raise SettingsError(f"data_path: {settings.data_path} does not exist")
    return load_penguins(settings.data_path)


def _held_out_scores(model, train: pd.DataFrame, test: pd.DataFrame) -> dict:
    ridge = domain.evaluate(test[TARGET], model.predict(test[FEATURES]))
    baseline = domain.evaluate(test[TARGET], domain.species_baseline(train, test))
    return dict(
        ridge_mae_g=ridge["mae"],
        ridge_rmse_g=ridge["rmse"],
        ridge_r2=ridge["r2"],
        baseline_mae_g=baseline["mae"],
    )


def train(settings: Settings) -> dict:
    birds = _birds(settings)
    train_birds, test_birds = domain.split_train_test(birds, settings.test_fraction, settings.seed)
    if len(test_birds) == 0 or len(train_birds) < 2:
        raise SettingsError(f"test_fraction: {settings.test_fraction} leaves no birds to test or train")
    if settings.folds > len(birds):
        raise SettingsError(f"folds: {settings.folds} is more than the {len(birds)} birds")
    model = domain.fit_model(train_birds, settings.alpha)
    metrics = dict(rows=len(birds), train_rows=len(train_birds), test_rows=len(test_birds))
    metrics.update(_held_out_scores(model, train_birds, test_birds))
    metrics["cv_mae_g"] = domain.cross_validated_mae(
        birds, settings.alpha, settings.folds, settings.seed
    )
    metrics["settings"] = settings.to_json()
    out = Path(settings.output_dir)
    write_model(out / "model.skops", model)
    write_json(out / "metrics.json", metrics)
    return metrics


def evaluate(settings: Settings) -> dict:
    model = read_model(Path(settings.output_dir) / "model.skops")
    train_birds, test_birds = domain.split_train_test(
        _birds(settings), settings.test_fraction, settings.seed
    )
    return {**_held_out_scores(model, train_birds, test_birds), "test_rows": len(test_birds)}


def predict(settings: Settings, input_csv: Path, output_csv: Path) -> int:
    if not Path(input_csv).is_file():
        raise SettingsError(f"--input: {input_csv} does not exist")
    model = read_model(Path(settings.output_dir) / "model.skops")
    raw, birds = load_unweighed(input_csv)
    result = raw.copy()
    unmeasured = birds[domain.MEASUREMENTS[:3]].isna().all(axis="columns")  # culmen and flipper
    result["predicted_body_mass_g"] = model.predict(birds[FEATURES])
    result.loc[unmeasured.to_numpy(), "predicted_body_mass_g"] = None  # nothing to estimate from
    write_table(Path(output_csv), result)
    return len(result)
