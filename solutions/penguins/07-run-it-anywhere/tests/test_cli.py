"""python -m penguin_mass, run in-process on the committed sample in a folder of its own."""

import json
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import FunctionTransformer

from penguin_mass.cli import main
from penguin_mass.storage import ModelFileError, load_model, save_model, write_atomically

SAMPLE = Path(__file__).resolve().parent / "data" / "penguins_sample.csv"
SETTINGS_FILE = """
[defaults]
data_path = "sample.csv"
folds = 3

[profiles.strong]
alpha = 50.0
output_dir = "strong"
"""


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """A folder with the sample export and a settings file, as the current directory."""
    shutil.copy(SAMPLE, tmp_path / "sample.csv")
    (tmp_path / "penguin_mass.toml").write_text(SETTINGS_FILE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for name in ("PENGUIN_MASS_PROFILE", "PENGUIN_MASS_ALPHA", "PENGUIN_MASS_OUTPUT_DIR"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


def files_in(folder):
    return {
        path.relative_to(folder): path.read_bytes() for path in folder.rglob("*") if path.is_file()
    }


def test_train_writes_the_model_and_metrics_with_the_settings_used(folder, capsys):
    assert main(["train"]) == 0
    metrics = json.loads((folder / "outputs" / "metrics.json").read_text())
    assert (metrics["rows"], metrics["train_rows"], metrics["test_rows"]) == (60, 48, 12)
    assert metrics["settings"] == {
        "data_path": "sample.csv",
        "output_dir": "outputs",
        "alpha": 1.0,
        "test_fraction": 0.2,
        "seed": 42,
        "folds": 3,
    }
    assert 0 < metrics["ridge_mae_g"] < metrics["baseline_mae_g"]
    assert metrics["cv_mae_g"] > 0
    assert (folder / "outputs" / "model.skops").is_file()
    assert "wrote outputs/model.skops and outputs/metrics.json" in capsys.readouterr().out


def test_a_profile_and_a_set_flag_change_the_run(folder, monkeypatch):
    monkeypatch.setenv("PENGUIN_MASS_ALPHA", "5")
    assert main(["train", "--profile", "strong", "--set", "seed=7"]) == 0
    settings = json.loads((folder / "strong" / "metrics.json").read_text())["settings"]
    assert (settings["alpha"], settings["seed"], settings["folds"]) == (5.0, 7, 3)


def test_evaluate_repeats_the_test_scores_of_the_saved_model(folder, capsys):
    main(["train"])
    capsys.readouterr()
    assert main(["evaluate"]) == 0
    scores = json.loads(capsys.readouterr().out)
    metrics = json.loads((folder / "outputs" / "metrics.json").read_text())
    assert scores == pytest.approx({key: metrics[key] for key in scores})


def test_predict_adds_a_mass_to_every_row_in_order(folder):
    main(["train"])
    birds = pd.read_csv("sample.csv").drop(columns="Body Mass (g)").iloc[5:15]
    birds.to_csv("birds.csv", index=False)
    assert main(["predict", "--input", "birds.csv", "--output", "out/predicted.csv"]) == 0
    predicted = pd.read_csv("out/predicted.csv")
    assert list(predicted["Individual ID"]) == list(birds["Individual ID"])
    assert predicted["predicted_body_mass_g"].between(2500, 6500).all()


def test_predict_leaves_a_bird_with_no_body_measurement_without_a_mass(folder, capsys):
    main(["train"])
    birds = pd.read_csv("sample.csv").drop(columns="Body Mass (g)").iloc[5:9]
    body = ["Culmen Length (mm)", "Culmen Depth (mm)", "Flipper Length (mm)"]
    birds.loc[birds.index[1], body] = np.nan
    birds.to_csv("birds.csv", index=False)
    capsys.readouterr()
    assert main(["predict", "--input", "birds.csv", "--output", "predicted.csv"]) == 0
    masses = pd.read_csv("predicted.csv")["predicted_body_mass_g"]
    assert [np.isnan(mass) for mass in masses] == [False, True, False, False]
    assert "line 3" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "named"),
    [
        (["train", "--set", "alhpa=3"], "alhpa"),
        (["train", "--set", "seed=seven"], "seed"),
        (["train", "--set", "test_fraction=1"], "test_fraction"),
        (["train", "--set", "alpha"], "alpha"),
        (["train", "--profile", "mars"], "mars"),
        (["train", "--set", "data_path=absent.csv"], "data_path"),
        (["fit"], "fit"),
        (["predict", "--input", "birds.csv"], "--output"),
    ],
)
def test_bad_settings_and_usage_exit_2_with_one_line_and_write_nothing(folder, capsys, argv, named):
    before = files_in(folder)
    assert main(argv) == 2
    error = capsys.readouterr().err
    assert error.startswith("error: ")
    assert error.count("\n") == 1
    assert named in error
    assert files_in(folder) == before


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("Flipper Length (mm)", "long"),
        ("Body Mass (g)", "45000"),
        ("Species", "Emperor penguin (Aptenodytes forsteri)"),
    ],
)
def test_bad_data_exits_3_naming_the_column_and_leaves_the_last_outputs(
    folder, capsys, column, value
):
    main(["train"])
    before = files_in(folder)
    raw = pd.read_csv("sample.csv", dtype=str)
    raw.loc[30, column] = value
    raw.to_csv("sample.csv", index=False)
    before[Path("sample.csv")] = Path("sample.csv").read_bytes()
    capsys.readouterr()
    assert main(["train"]) == 3
    error = capsys.readouterr().err
    assert error == f"error: sample.csv: column {column!r}, line 32: " + error.split(": ", 3)[3]
    assert files_in(folder) == before


def test_predict_before_train_says_so(folder, capsys):
    shutil.copy("sample.csv", "birds.csv")
    assert main(["predict", "--input", "birds.csv", "--output", "out.csv"]) == 1
    assert capsys.readouterr().err == "error: no model at outputs/model.skops; run train first\n"


def test_a_model_file_with_unexpected_types_is_not_loaded(tmp_path):
    save_model(make_pipeline(FunctionTransformer(json.dumps)), tmp_path / "model.skops")
    with pytest.raises(ModelFileError, match=r"not on the allow-list: json\.dumps"):
        load_model(tmp_path / "model.skops")


def test_a_write_that_fails_leaves_the_old_file_and_no_temporary_file(tmp_path, monkeypatch):
    target = tmp_path / "metrics.json"
    target.write_text("old")

    def disk_full(descriptor):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.fsync", disk_full)
    with pytest.raises(OSError, match="No space"):
        write_atomically(target, b"new")
    assert [path.name for path in tmp_path.iterdir()] == ["metrics.json"]
    assert target.read_text() == "old"
