"""The command line, run in-process in a temporary folder on the committed sample."""

import json
import os
import shutil
from pathlib import Path

import pandas as pd
import pytest
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import FunctionTransformer

from penguin_mass.cli import main
from penguin_mass.files import ModelRefused, read_model, replace_atomically, write_model

SAMPLE = Path(__file__).parent / "data" / "penguins_sample.csv"


@pytest.fixture
def here(tmp_path, monkeypatch):
    shutil.copy(SAMPLE, tmp_path / "birds.csv")
    (tmp_path / "penguin_mass.toml").write_text(
        '[defaults]\ndata_path = "birds.csv"\nfolds = 3\n\n[profiles.heavy]\nalpha = 3.0\n'
    )
    monkeypatch.chdir(tmp_path)
    for key in list(os.environ):
        if key.startswith("PENGUIN_MASS_"):
            monkeypatch.delenv(key)
    return tmp_path


def snapshot(folder):
    return {p: p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


class TestTrainEvaluatePredict:
    def test_sample_has_all_three_species(self):
        species = pd.read_csv(SAMPLE)["Species"].str.split().str[0]
        assert set(species) == {"Adelie", "Chinstrap", "Gentoo"}
        assert 30 <= len(species) <= 120

    def test_train_records_metrics_and_settings(self, here):
        assert main(["train", "--profile", "heavy", "--set", "seed=3"]) == 0
        metrics = json.loads((here / "outputs" / "metrics.json").read_text())
        assert metrics["settings"] == {"data_path": "birds.csv", "output_dir": "outputs",
                                       "alpha": 3.0, "test_fraction": 0.2, "seed": 3, "folds": 3}
        assert metrics["train_rows"] + metrics["test_rows"] == metrics["rows"]
        assert metrics["ridge_mae_g"] < metrics["baseline_mae_g"]
        assert (here / "outputs" / "model.skops").exists()

    def test_evaluate_repeats_train(self, here, capsys):
        main(["train"])
        capsys.readouterr()
        assert main(["evaluate"]) == 0
        printed = json.loads(capsys.readouterr().out)
        metrics = json.loads((here / "outputs" / "metrics.json").read_text())
        assert set(printed) == {"ridge_mae_g", "ridge_rmse_g", "ridge_r2", "baseline_mae_g", "test_rows"}
        for key, value in printed.items():
            assert value == pytest.approx(metrics[key])

    def test_predict_keeps_rows_in_order(self, here):
        main(["train"])
        birds = pd.read_csv("birds.csv").iloc[::-7]
        birds["Body Mass (g)"] = float("nan")
        birds.to_csv("field.csv", index=False)
        assert main(["predict", "--input", "field.csv", "--output", "new/out.csv"]) == 0
        out = pd.read_csv("new/out.csv")
        assert list(out["Sample Number"]) == list(birds["Sample Number"])
        assert out["predicted_body_mass_g"].notna().all()


class TestFailures:
    @pytest.mark.parametrize(
        "argv, named",
        [
            (["train", "--set", "alhpa=3"], "alhpa"),
            (["train", "--set", "seed=seven"], "seed"),
            (["train", "--set", "test_fraction=1.5"], "test_fraction"),
            (["train", "--profile", "mars"], "mars"),
            (["train", "--set", "alpha"], "alpha"),
            (["fit"], "fit"),
            (["train", "--set", "data_path=nowhere.csv"], "data_path"),
            (["predict", "--input", "birds.csv"], "--output"),
            (["train", "--bogus"], "--bogus"),
            ([], "command"),
        ],
    )
    def test_usage_errors_exit_2_in_one_line(self, here, capsys, argv, named):
        before = snapshot(here)
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert err.startswith("error: ") and err.count("\n") == 1 and named in err
        assert snapshot(here) == before

    @pytest.mark.parametrize(
        "column, value",
        [("Culmen Depth (mm)", "eighteen"), ("Body Mass (g)", "45000"),
         ("Species", "Emperor penguin (Aptenodytes forsteri)")],
    )
    def test_bad_data_exits_3_and_keeps_outputs(self, here, capsys, column, value):
        main(["train"])
        raw = pd.read_csv("birds.csv", dtype=str)
        raw.loc[10, column] = value
        raw.to_csv("birds.csv", index=False)
        before = snapshot(here)
        capsys.readouterr()
        assert main(["train"]) == 3
        err = capsys.readouterr().err
        assert err.startswith("error: birds.csv: column ") and column in err and "line 12" in err
        assert snapshot(here) == before

    def test_bad_birds_to_predict_write_nothing(self, here, capsys):
        main(["train"])
        raw = pd.read_csv("birds.csv", dtype=str)
        raw.loc[0, "Flipper Length (mm)"] = "2100"
        raw.to_csv("field.csv", index=False)
        assert main(["predict", "--input", "field.csv", "--output", "predicted.csv"]) == 3
        assert not (here / "predicted.csv").exists()

    def test_evaluate_before_train(self, here, capsys):
        assert main(["evaluate"]) == 1
        assert "run `python -m penguin_mass train`" in capsys.readouterr().err

    def test_unexpected_types_are_refused(self, tmp_path):
        write_model(tmp_path / "model.skops", make_pipeline(FunctionTransformer(json.dumps)))
        with pytest.raises(ModelRefused, match="json.dumps"):
            read_model(tmp_path / "model.skops")

    def test_failed_write_keeps_old_file(self, tmp_path, monkeypatch):
        target = tmp_path / "metrics.json"
        target.write_text("old")

        def broken(*args):
            raise OSError("disk full")

        monkeypatch.setattr(os, "replace", broken)
        with pytest.raises(OSError):
            replace_atomically(target, b"new")
        assert target.read_text() == "old"
        assert [p.name for p in tmp_path.iterdir()] == ["metrics.json"]
