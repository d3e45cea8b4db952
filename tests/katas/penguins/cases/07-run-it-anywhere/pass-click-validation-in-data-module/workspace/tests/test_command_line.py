import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import FunctionTransformer

from penguin_mass.cli import main
from penguin_mass.persist import save_model, write_whole

SAMPLE = Path(__file__).parent / "data" / "penguins_sample.csv"


@pytest.fixture(autouse=True)
def folder(tmp_path, monkeypatch):
    shutil.copy(SAMPLE, tmp_path / "export.csv")
    (tmp_path / "penguin_mass.toml").write_text('[defaults]\ndata_path = "export.csv"\nfolds = 3\n')
    monkeypatch.chdir(tmp_path)
    for suffix in ("PROFILE", "ALPHA", "SEED", "FOLDS", "TEST_FRACTION", "OUTPUT_DIR", "DATA_PATH"):
        monkeypatch.delenv("PENGUIN_MASS_" + suffix, raising=False)
    return tmp_path


def state(folder):
    return {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_sample_is_a_small_slice_with_all_species():
    raw = pd.read_csv(SAMPLE)
    assert 30 <= len(raw) <= 120
    assert raw["Species"].str.split().str[0].nunique() == 3


def test_train_evaluate_predict(folder, capsys):
    assert main(["train", "--set", "seed=1"]) == 0
    metrics = json.loads(Path("outputs/metrics.json").read_text())
    assert metrics["settings"]["seed"] == 1 and metrics["settings"]["folds"] == 3
    capsys.readouterr()
    assert main(["evaluate", "--set", "seed=1"]) == 0
    scores = json.loads(capsys.readouterr().out)
    assert scores == pytest.approx({k: metrics[k] for k in scores})
    birds = pd.read_csv("export.csv").tail(9)
    birds["Body Mass (g)"] = None
    birds.to_csv("new.csv", index=False)
    assert main(["predict", "--input", "new.csv", "--output", "out/pred.csv"]) == 0
    predicted = pd.read_csv("out/pred.csv")
    assert list(predicted["Sample Number"]) == list(birds["Sample Number"])
    assert predicted["predicted_body_mass_g"].between(2500, 7000).all()


@pytest.mark.parametrize(
    "argv, word",
    [
        (["train", "--set", "alhpa=3"], "alhpa"),
        (["train", "--set", "seed=seven"], "seed"),
        (["train", "--profile", "mars"], "mars"),
        (["train", "--set", "alpha"], "alpha"),
        (["fit"], "fit"),
        (["train", "--set", "data_path=gone.csv"], "data_path"),
        (["predict", "--input", "x.csv"], "--output"),
    ],
)
def test_usage_errors(folder, capsys, argv, word):
    before = state(folder)
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("error:") and err.count("\n") == 1 and word in err
    assert state(folder) == before


def test_bad_data_keeps_previous_outputs(folder, capsys):
    main(["train"])
    raw = pd.read_csv("export.csv", dtype=str)
    raw.loc[0, "Body Mass (g)"] = "45000"
    raw.to_csv("export.csv", index=False)
    before = state(folder)
    capsys.readouterr()
    assert main(["train"]) == 3
    assert "Body Mass (g)" in capsys.readouterr().err
    assert state(folder) == before


def test_tampered_model_refused(folder, capsys):
    save_model(Path("outputs/model.skops"), make_pipeline(FunctionTransformer(json.dumps)))
    assert main(["evaluate"]) == 1
    assert "json.dumps" in capsys.readouterr().err


def test_write_whole_leaves_old_file_on_failure(folder, monkeypatch):
    Path("a.json").write_text("old")
    monkeypatch.setattr("os.replace", lambda *a: (_ for _ in ()).throw(OSError("full")))
    with pytest.raises(OSError):
        write_whole(Path("a.json"), b"new")
    assert Path("a.json").read_text() == "old"
    assert not list(Path(".").glob(".a.json.*"))
