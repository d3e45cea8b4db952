from __future__ import annotations

import json
from pathlib import Path

from penguin_mass.commands.common import METRICS, MODEL, birds_and_split, scores
from penguin_mass.domain import cross_validated_mae, fit_model
from penguin_mass.outputs import put, put_model
from penguin_mass.settings import ConfigError, Settings


def run(settings: Settings) -> dict:
    birds, train, test = birds_and_split(settings)
    if settings.folds > len(birds):
        raise ConfigError(f"folds {settings.folds} is more than the {len(birds)} birds")
    model = fit_model(train, settings.alpha)
    metrics = {"rows": len(birds), "train_rows": len(train), "test_rows": len(test)}
    metrics |= scores(model, train, test)
    metrics["cv_mae_g"] = cross_validated_mae(birds, settings.alpha, settings.folds, settings.seed)
    metrics["settings"] = settings.model_dump(mode="json")
    folder = Path(settings.output_dir)
    put_model(folder / MODEL, model)
    put(folder / METRICS, json.dumps(metrics, indent=1).encode("utf-8"))
    return metrics
