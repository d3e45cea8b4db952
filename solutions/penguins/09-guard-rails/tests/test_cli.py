"""python -m penguin_mass, run in-process on the committed sample, against a tracking store in a
temporary folder (one sqlite store for the whole module: creating one takes seconds)."""

import hashlib
import json
import shutil
import socket
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from mlflow import MlflowClient
from mlflow.artifacts import download_artifacts
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import FunctionTransformer

from penguin_mass import FEATURES, fit_model, load_penguins, split_train_test
from penguin_mass.cli import main
from penguin_mass.storage import ModelFileError, load_model, save_model, write_atomically

# Slow: every test trains, logs to a tracking store and loads models back. CI runs them on every
# push; the commit hook leaves them out (pytest -m "not slow").
pytestmark = pytest.mark.slow

SAMPLE = Path(__file__).resolve().parent / "data" / "penguins_sample.csv"
SETTINGS_FILE = """
[defaults]
data_path = "sample.csv"
folds = 3

[profiles.strong]
alpha = 50.0
output_dir = "strong"
"""


def prepare(folder, monkeypatch, store):
    """`folder`, with the sample export and a settings file, as the current directory."""
    shutil.copy(SAMPLE, folder / "sample.csv")
    (folder / "penguin_mass.toml").write_text(SETTINGS_FILE, encoding="utf-8")
    monkeypatch.chdir(folder)
    monkeypatch.setenv("MLFLOW_TRACKING_URI", store)
    for name in ("PENGUIN_MASS_PROFILE", "PENGUIN_MASS_ALPHA", "PENGUIN_MASS_OUTPUT_DIR"):
        monkeypatch.delenv(name, raising=False)
    return folder


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return f"sqlite:///{tmp_path_factory.mktemp('store') / 'mlflow.db'}"


@pytest.fixture(scope="module")
def client(store):
    return MlflowClient(store)


@pytest.fixture(scope="module")
def runs(tmp_path_factory, store):
    """Two runs: "plain" with the defaults, then "strong" (a profile, a variable and a flag)."""
    folder = tmp_path_factory.mktemp("trained")
    found = {}
    with pytest.MonkeyPatch.context() as monkeypatch:
        prepare(folder, monkeypatch, store)
        assert main(["train"]) == 0
        found["plain"] = json.loads((folder / "outputs" / "metrics.json").read_text())
        monkeypatch.setenv("PENGUIN_MASS_ALPHA", "5")
        assert main(["train", "--profile", "strong", "--set", "seed=7"]) == 0
        found["strong"] = json.loads((folder / "strong" / "metrics.json").read_text())
    return found


@pytest.fixture
def folder(tmp_path, monkeypatch, store):
    return prepare(tmp_path, monkeypatch, store)


def files_in(folder):
    return {
        path.relative_to(folder): path.read_bytes() for path in folder.rglob("*") if path.is_file()
    }


def count_runs(client):
    return len(client.search_runs([found.experiment_id for found in client.search_experiments()]))


def champion(client):
    return client.get_registered_model("penguin-mass").aliases.get("champion")


def test_train_records_every_setting_its_scores_the_commit_and_the_data(runs, client):
    plain = runs["plain"]
    assert (plain["rows"], plain["train_rows"], plain["test_rows"]) == (60, 48, 12)
    run = client.get_run(plain["run_id"])
    assert run.data.params == {
        "data_path": "sample.csv",
        "output_dir": "outputs",
        "alpha": "1.0",
        "test_fraction": "0.2",
        "seed": "42",
        "folds": "3",
        "experiment": "penguin-mass",
        "model_name": "penguin-mass",
        "max_cv_mae_g": "300.0",
    }
    for name in ("ridge_mae_g", "ridge_rmse_g", "ridge_r2", "baseline_mae_g", "cv_mae_g"):
        assert run.data.metrics[name] == pytest.approx(plain[name])
    assert 0 < plain["ridge_mae_g"] < plain["baseline_mae_g"]
    assert run.data.tags["data_sha256"] == hashlib.sha256(SAMPLE.read_bytes()).hexdigest()
    assert run.data.tags["git_commit"]


def test_a_profile_a_variable_and_a_flag_change_the_run(runs, client):
    params = client.get_run(runs["strong"]["run_id"]).data.params
    assert (params["alpha"], params["seed"], params["folds"]) == ("5.0", "7", "3")
    assert runs["strong"]["cv_mae_g"] != runs["plain"]["cv_mae_g"]


def test_each_run_registers_a_model_saved_with_skops(runs, client, tmp_path):
    version = client.get_model_version("penguin-mass", str(runs["plain"]["model_version"]))
    assert version.run_id == runs["plain"]["run_id"]
    local = Path(download_artifacts(version.source, dst_path=str(tmp_path)))
    names = {path.name for path in local.rglob("*")}
    assert "model.skops" in names
    assert not {name for name in names if name.endswith((".pkl", ".pickle", ".joblib"))}


def test_promote_refuses_a_run_above_the_gate_and_leaves_the_champion(runs, client, folder, capsys):
    before = champion(client)
    code = main(["promote", "--run-id", runs["plain"]["run_id"], "--set", "max_cv_mae_g=1"])
    assert code == 1
    error = capsys.readouterr().err
    assert error.startswith("error: run ")
    assert error.count("\n") == 1
    assert "above max_cv_mae_g 1 g" in error
    assert champion(client) == before


def test_promote_without_a_run_id_crowns_the_best_run(runs, client, folder):
    best = min(runs.values(), key=lambda run: run["cv_mae_g"])
    assert main(["promote"]) == 0
    assert champion(client) == best["model_version"]


def test_a_worse_run_does_not_replace_a_better_champion(runs, client, folder, capsys):
    best, worse = sorted(runs.values(), key=lambda run: run["cv_mae_g"])
    assert main(["promote", "--run-id", best["run_id"]]) == 0
    capsys.readouterr()
    assert main(["promote", "--run-id", worse["run_id"]]) == 1
    error = capsys.readouterr().err
    assert error.startswith("error: run ")
    assert "does not beat the champion" in error
    assert champion(client) == best["model_version"]


def test_replacing_a_better_champion_takes_a_flag_and_a_reason_it_keeps(runs, client, folder):
    best, worse = sorted(runs.values(), key=lambda run: run["cv_mae_g"])
    assert main(["promote", "--run-id", best["run_id"]]) == 0
    replace = ["promote", "--run-id", worse["run_id"], "--replace-better"]
    assert main(replace) == 2
    assert champion(client) == best["model_version"]
    assert main([*replace, "--reason", "field trial of the other settings"]) == 0
    assert champion(client) == worse["model_version"]
    version = client.get_model_version_by_alias("penguin-mass", "champion")
    assert version.tags["promotion_reason"] == "field trial of the other settings"


def test_predict_uses_whichever_model_is_the_champion(runs, folder):
    birds = pd.read_csv("sample.csv").drop(columns="Body Mass (g)").iloc[5:15]
    birds.to_csv("birds.csv", index=False)
    penguins = load_penguins("sample.csv")
    for name, alpha, seed in (("plain", 1.0, 42), ("strong", 5.0, 7)):
        promote = ["promote", "--run-id", runs[name]["run_id"]]
        assert main([*promote, "--replace-better", "--reason", "to compare"]) == 0
        assert main(["predict", "--input", "birds.csv", "--output", f"out/{name}.csv"]) == 0
        predicted = pd.read_csv(f"out/{name}.csv")
        assert list(predicted["Individual ID"]) == list(birds["Individual ID"])
        model = fit_model(split_train_test(penguins, 0.2, seed)[0], alpha)
        expected = model.predict(load_penguins("sample.csv").loc[birds.index, FEATURES])
        assert list(predicted["predicted_body_mass_g"]) == pytest.approx(list(expected))


def test_predict_leaves_a_bird_with_no_body_measurement_without_a_mass(runs, folder, capsys):
    promote = ["promote", "--run-id", runs["plain"]["run_id"]]
    assert main([*promote, "--replace-better", "--reason", "a champion to predict with"]) == 0
    birds = pd.read_csv("sample.csv").drop(columns="Body Mass (g)").iloc[5:9]
    body = ["Culmen Length (mm)", "Culmen Depth (mm)", "Flipper Length (mm)"]
    birds.loc[birds.index[1], body] = np.nan
    birds.to_csv("birds.csv", index=False)
    capsys.readouterr()
    assert main(["predict", "--input", "birds.csv", "--output", "predicted.csv"]) == 0
    masses = pd.read_csv("predicted.csv")["predicted_body_mass_g"]
    assert [np.isnan(mass) for mass in masses] == [False, True, False, False]
    assert "line 3" in capsys.readouterr().out


def test_evaluate_repeats_the_test_scores_of_the_champion(runs, folder, capsys):
    promote = ["promote", "--run-id", runs["plain"]["run_id"]]
    assert main([*promote, "--replace-better", "--reason", "to evaluate it"]) == 0
    capsys.readouterr()
    assert main(["evaluate"]) == 0
    scores = json.loads(capsys.readouterr().out)
    assert scores == pytest.approx({key: runs["plain"][key] for key in scores})


def test_predict_without_a_champion_says_so_and_writes_nothing(runs, folder, capsys):
    shutil.copy("sample.csv", "birds.csv")
    before = files_in(folder)
    argv = ["predict", "--input", "birds.csv", "--output", "out.csv", "--set", "model_name=nobody"]
    assert main(argv) == 1
    assert capsys.readouterr().err.startswith("error: model 'nobody' has no champion at sqlite:")
    assert files_in(folder) == before


def test_predict_without_a_store_says_so_and_creates_none(folder, monkeypatch, capsys):
    monkeypatch.setenv("MLFLOW_TRACKING_URI", "sqlite:///nowhere.db")
    shutil.copy("sample.csv", "birds.csv")
    before = files_in(folder)
    assert main(["predict", "--input", "birds.csv", "--output", "out.csv"]) == 1
    error = capsys.readouterr().err
    assert error == "error: no tracking store at sqlite:///nowhere.db yet; run train first\n"
    assert files_in(folder) == before


def test_an_unknown_run_cannot_be_promoted(runs, client, folder, capsys):
    before = champion(client)
    assert main(["promote", "--run-id", "0123abcd"]) == 1
    assert champion(client) == before
    assert (
        capsys.readouterr().err == "error: --run-id 0123abcd: no such run in the tracking store\n"
    )


def test_promote_with_no_runs_yet_says_train_first(runs, client, folder, capsys):
    before = champion(client)
    assert main(["promote", "--set", "experiment=empty"]) == 1
    error = capsys.readouterr().err
    assert error.startswith("error: no finished run in experiment 'empty'")
    assert error.endswith("run train first\n")
    assert champion(client) == before


def test_an_unreachable_tracking_server_stops_train_before_it_writes(folder, monkeypatch, capsys):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # free now, and nobody listens on it
    monkeypatch.setenv("MLFLOW_TRACKING_URI", f"http://127.0.0.1:{port}")
    monkeypatch.setenv("MLFLOW_HTTP_REQUEST_MAX_RETRIES", "0")
    before = files_in(folder)
    assert main(["train"]) == 1
    error = capsys.readouterr().err
    assert error.startswith(f"error: cannot reach the tracking store at http://127.0.0.1:{port}")
    assert files_in(folder) == before


@pytest.mark.parametrize(
    ("argv", "named"),
    [
        (["train", "--set", "alhpa=3"], "alhpa"),
        (["train", "--set", "seed=seven"], "seed"),
        (["train", "--set", "test_fraction=1"], "test_fraction"),
        (["train", "--set", "alpha"], "alpha"),
        (["train", "--set", "max_cv_mae_g=-5"], "max_cv_mae_g"),
        (["train", "--set", "tracking_uri="], "tracking_uri"),
        (["train", "--profile", "mars"], "mars"),
        (["train", "--set", "data_path=absent.csv"], "data_path"),
        (["fit"], "fit"),
        (["predict", "--input", "birds.csv"], "--output"),
        (["promote", "--run"], "--run"),
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
def test_bad_data_exits_3_naming_the_column_and_records_no_run(
    folder, client, capsys, column, value
):
    raw = pd.read_csv("sample.csv", dtype=str)
    raw.loc[30, column] = value
    raw.to_csv("sample.csv", index=False)
    before = files_in(folder)
    runs_before = count_runs(client)
    assert main(["train"]) == 3
    error = capsys.readouterr().err
    assert error == f"error: sample.csv: column {column!r}, line 32: " + error.split(": ", 3)[3]
    assert files_in(folder) == before
    assert count_runs(client) == runs_before


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
