import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
import skops.io
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import FunctionTransformer

from penguin_mass.cli import main, parse
from penguin_mass.outputs import put

SAMPLE = Path(__file__).parent / "data" / "penguins_sample.csv"


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    shutil.copy(SAMPLE, tmp_path / "sample.csv")
    (tmp_path / "penguin_mass.toml").write_text(
        '[defaults]\ndata_path = "sample.csv"\nfolds = 3\n[profiles.other]\noutput_dir = "elsewhere"\n'
    )
    monkeypatch.chdir(tmp_path)
    for name in ("PROFILE", "ALPHA", "SEED", "FOLDS", "OUTPUT_DIR", "DATA_PATH", "TEST_FRACTION"):
        monkeypatch.delenv(f"PENGUIN_MASS_{name}", raising=False)
    return tmp_path


def everything(folder):
    return {str(p): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_parse_accepts_both_spellings():
    assert parse(["train", "--set", "alpha=2", "--set=seed=3", "--profile", "ci"]) == (
        "train", {"--profile": "ci"}, {"alpha": "2", "seed": "3"}
    )


def test_the_sample_is_small_and_has_three_species():
    raw = pd.read_csv(SAMPLE)
    assert 30 <= len(raw) <= 120
    assert raw["Species"].nunique() == 3


def test_train_then_evaluate(workdir, capsys):
    assert main(["train", "--profile", "other", "--set", "alpha=2"]) == 0
    metrics = json.loads((workdir / "elsewhere" / "metrics.json").read_text())
    assert metrics["settings"]["alpha"] == 2.0
    assert metrics["settings"]["output_dir"] == "elsewhere"
    assert metrics["rows"] == 39 and metrics["test_rows"] == 7
    capsys.readouterr()
    assert main(["evaluate", "--profile", "other", "--set", "alpha=2"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == pytest.approx({k: metrics[k] for k in printed})


def test_predict_one_row_per_input_row(workdir):
    main(["train"])
    field = pd.read_csv("sample.csv").drop(columns=["Body Mass (g)"]).iloc[[5, 1, 30, 20]]
    field.to_csv("field.csv", index=False)
    assert main(["predict", "--input", "field.csv", "--output", "sub/dir/out.csv"]) == 0
    out = pd.read_csv("sub/dir/out.csv")
    assert len(out) == 4
    from penguin_mass.outputs import get_model
    from penguin_mass.data import load_field_birds
    from penguin_mass.domain import FEATURES
    expected = get_model("outputs/model.skops").predict(load_field_birds("field.csv")[FEATURES])
    assert list(out["predicted_body_mass_g"]) == pytest.approx(list(expected))


@pytest.mark.parametrize(
    "argv, code, named",
    [
        (["train", "--set", "alhpa=3"], 2, "alhpa"),
        (["train", "--set", "seed=seven"], 2, "seed"),
        (["train", "--set", "test_fraction=1.5"], 2, "test_fraction"),
        (["train", "--profile", "mars"], 2, "mars"),
        (["train", "--set", "alpha"], 2, "alpha"),
        (["fit"], 2, "fit"),
        (["train", "--verbose"], 2, "--verbose"),
        (["train", "--set"], 2, "--set"),
        (["predict", "--input", "sample.csv"], 2, "--output"),
        (["evaluate"], 1, "model"),
    ],
)
def test_errors_are_one_line_and_change_nothing(workdir, capsys, argv, code, named):
    before = everything(workdir)
    assert main(argv) == code
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.endswith("\n") and err.count("\n") == 1
    assert named in err
    assert everything(workdir) == before


@pytest.mark.parametrize(
    "column, value",
    [("Flipper Length (mm)", "2100"), ("Culmen Depth (mm)", "eighteen"),
     ("Species", "Emperor penguin (Aptenodytes forsteri)")],
)
def test_bad_data_exit_3_leaves_the_last_outputs(workdir, capsys, column, value):
    assert main(["train"]) == 0
    raw = pd.read_csv("sample.csv", dtype=str, keep_default_na=False)
    raw.loc[3, column] = value
    raw.to_csv("sample.csv", index=False)
    before = everything(workdir)
    assert main(["train"]) == 3
    assert main(["predict", "--input", "sample.csv", "--output", "p.csv"]) == 3
    assert everything(workdir) == before
    assert column in capsys.readouterr().err


def test_an_untrusted_model_is_refused(workdir, capsys):
    Path("outputs").mkdir()
    put("outputs/model.skops", skops.io.dumps(make_pipeline(FunctionTransformer(json.dumps))))
    assert main(["evaluate"]) == 1
    assert "json.dumps" in capsys.readouterr().err


def test_a_failed_write_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "out.csv"
    target.write_bytes(b"old")
    monkeypatch.setattr("os.replace", lambda *a: (_ for _ in ()).throw(OSError("boom")))
    with pytest.raises(OSError):
        put(target, b"new")
    assert target.read_bytes() == b"old" and len(list(tmp_path.iterdir())) == 1
