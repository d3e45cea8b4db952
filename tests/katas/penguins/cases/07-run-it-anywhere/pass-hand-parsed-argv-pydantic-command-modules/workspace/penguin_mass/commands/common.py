from __future__ import annotations

from pathlib import Path

import pandas as pd

from penguin_mass.data import load_penguins
from penguin_mass.domain import FEATURES, TARGET, evaluate, species_baseline, split_train_test
from penguin_mass.settings import ConfigError, Settings

MODEL = "model.skops"
METRICS = "metrics.json"


def birds_and_split(settings: Settings) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    if not Path(settings.data_path).exists():
        raise ConfigError(f"data_path {settings.data_path} does not exist")
    birds = load_penguins(settings.data_path)
    train, test = split_train_test(birds, settings.test_fraction, settings.seed)
    if test.empty or train.empty:
        raise ConfigError(f"test_fraction {settings.test_fraction} leaves an empty set of {len(birds)} birds")
    return birds, train, test


def scores(model, train: pd.DataFrame, test: pd.DataFrame) -> dict:
    ridge = evaluate(test[TARGET], model.predict(test[FEATURES]))
    base = evaluate(test[TARGET], species_baseline(train, test))
    return {
        "ridge_mae_g": ridge["mae"],
        "ridge_rmse_g": ridge["rmse"],
        "ridge_r2": ridge["r2"],
        "baseline_mae_g": base["mae"],
    }
