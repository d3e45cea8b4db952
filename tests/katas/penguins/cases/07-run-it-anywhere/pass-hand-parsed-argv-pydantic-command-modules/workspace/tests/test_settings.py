from pathlib import Path

import pytest

from penguin_mass.settings import ConfigError, Settings, load_settings, split_set_flag

FILE = """\
[defaults]
seed = 1
folds = 3

[profiles.a]
seed = 2
alpha = 0.5

[profiles.b]
seed = 3

[profiles.typo]
aplha = 3.0
"""


@pytest.fixture
def toml(tmp_path):
    path = tmp_path / "penguin_mass.toml"
    path.write_text(FILE)
    return path


def test_code_defaults_match_the_readme(tmp_path):
    s = load_settings(environ={}, path=tmp_path / "missing.toml")
    assert s.model_dump() == {
        "data_path": Path("../data/penguins_raw.csv"), "output_dir": Path("outputs"),
        "alpha": 1.0, "test_fraction": 0.2, "seed": 42, "folds": 5,
    }


@pytest.mark.parametrize(
    "profile, overrides, environ, expected_seed",
    [
        (None, None, {}, 1),
        ("a", None, {}, 2),
        (None, None, {"PENGUIN_MASS_PROFILE": "b"}, 3),
        ("a", None, {"PENGUIN_MASS_PROFILE": "b"}, 2),
        ("a", None, {"PENGUIN_MASS_SEED": "7"}, 7),
        ("a", {"seed": "8"}, {"PENGUIN_MASS_SEED": "7"}, 8),
    ],
)
def test_precedence(toml, profile, overrides, environ, expected_seed):
    assert load_settings(profile, overrides, environ=environ, path=toml).seed == expected_seed


def test_profile_keeps_other_fields(toml):
    s = load_settings("a", environ={}, path=toml)
    assert (s.alpha, s.folds) == (0.5, 3)


def test_environment_reaches_every_field(toml):
    s = load_settings(environ={"PENGUIN_MASS_DATA_PATH": "d.csv", "PENGUIN_MASS_OUTPUT_DIR": "o",
                               "PENGUIN_MASS_ALPHA": "2", "PENGUIN_MASS_TEST_FRACTION": "0.3",
                               "PENGUIN_MASS_SEED": "5", "PENGUIN_MASS_FOLDS": "6"}, path=toml)
    assert s == Settings(data_path="d.csv", output_dir="o", alpha=2, test_fraction=0.3, seed=5, folds=6)


@pytest.mark.parametrize(
    "profile, overrides, environ, named",
    [
        (None, {"alhpa": "3"}, {}, "alhpa"),
        (None, {"seed": "seven"}, {}, "seed"),
        (None, {"test_fraction": "1.5"}, {}, "test_fraction"),
        (None, {"folds": "1"}, {}, "folds"),
        (None, {"alpha": "-1"}, {}, "alpha"),
        ("mars", None, {}, "mars"),
        ("typo", None, {}, "aplha"),
        (None, None, {"PENGUIN_MASS_ALPHA": "lots"}, "PENGUIN_MASS_ALPHA"),
        (None, None, {"PENGUIN_MASS_COLOUR": "red"}, "colour"),
    ],
)
def test_refused(toml, profile, overrides, environ, named):
    with pytest.raises(ConfigError, match=named):
        load_settings(profile, overrides, environ=environ, path=toml)


def test_split_set_flag():
    assert split_set_flag("alpha=3") == ("alpha", "3")
    with pytest.raises(ConfigError, match="alpha"):
        split_set_flag("alpha")
