"""train, evaluate and predict, from RunSettings to files."""

import json
import os
import tempfile
from pathlib import Path

import pandas as pd
import skops.io
from skops.io.exceptions import UntrustedTypesFoundException

from penguin_mass.checks import check_export
from penguin_mass.data import RAW_NAMES, clean_penguins, read_raw
from penguin_mass.domain import (
    FEATURES,
    TARGET,
    cross_validated_mae,
    evaluate as score,
    fit_model,
    species_baseline,
    split_train_test,
)

ALLOWED_TYPES = ["numpy.dtype"]


class NoModel(RuntimeError):
    pass


def _replace(path: Path, payload: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".partial") as out:
        try:
            out.write(payload)
        except BaseException:
            os.unlink(out.name)
            raise
    os.replace(out.name, path)


def _penguins(settings):
    if not Path(settings.data_path).is_file():
        raise FileNotFoundError(f"data_path {settings.data_path} does not exist")
    raw = read_raw(settings.data_path)
    check_export(raw, str(settings.data_path))
    return clean_penguins(raw)


def _scores(model, train, test):
    ridge = score(test[TARGET], model.predict(test[FEATURES]))
    return {
        "test_rows": len(test),
        "ridge_mae_g": ridge["mae"],
        "ridge_rmse_g": ridge["rmse"],
        "ridge_r2": ridge["r2"],
        "baseline_mae_g": score(test[TARGET], species_baseline(train, test))["mae"],
    }


def train(settings):
    penguins = _penguins(settings)
    train_set, test_set = split_train_test(penguins, settings.test_fraction, settings.seed)
    model = fit_model(train_set, settings.alpha)
    result = {"rows": len(penguins), "train_rows": len(train_set)}
    result.update(_scores(model, train_set, test_set))
    result["cv_mae_g"] = cross_validated_mae(penguins, settings.alpha, settings.folds, settings.seed)
    result["settings"] = {k: str(v) if isinstance(v, Path) else v for k, v in vars(settings).items()}
    out = Path(settings.output_dir)
    _replace(out / "model.skops", skops.io.dumps(model))
    _replace(out / "metrics.json", json.dumps(result, indent=1).encode())
    return result


def _model(settings):
    path = Path(settings.output_dir) / "model.skops"
    if not path.exists():
        raise NoModel(f"there is no {path} yet: train first")
    try:
        return skops.io.load(path, trusted=ALLOWED_TYPES)
    except UntrustedTypesFoundException as refused:
        raise NoModel(f"{path} holds types outside the allow-list: {refused}") from None


def evaluate(settings):
    model = _model(settings)
    train_set, test_set = split_train_test(_penguins(settings), settings.test_fraction, settings.seed)
    return _scores(model, train_set, test_set)


def predict(settings, source, target):
    model = _model(settings)
    raw = read_raw(source)
    check_export(raw, str(source), need_mass=False)
    present = {k: v for k, v in RAW_NAMES.items() if k in raw}
    birds = raw[list(present)].rename(columns=present)
    birds["species"] = birds["species"].str.split(" ").str[0]
    birds["sex"] = birds["sex"].str.lower()
    out = pd.DataFrame({"Sample Number": raw.get("Sample Number")})
    out["predicted_body_mass_g"] = model.predict(birds[FEATURES]).round(1)
    _replace(Path(target), out.to_csv(index=False).encode())
