"""Settings: where each value comes from, which source wins, and which values are refused."""

from pathlib import Path

import pytest

from penguin_mass.config import ConfigError, Settings, load_settings, parse_overrides

SETTINGS_FILE = """
[defaults]
alpha = 2.0
seed = 1

[profiles.ci]
alpha = 3.0
folds = 3

[profiles.typo]
fold = 3
"""


@pytest.fixture
def config_file(tmp_path):
    path = tmp_path / "penguin_mass.toml"
    path.write_text(SETTINGS_FILE, encoding="utf-8")
    return path


def load(config_file, profile=None, overrides=None, **environ):
    return load_settings(profile, overrides, environ=environ, config_file=config_file)


def test_without_a_settings_file_every_field_has_its_default(tmp_path):
    settings = load(tmp_path / "absent.toml")
    assert settings == Settings()
    assert (settings.alpha, settings.test_fraction, settings.seed, settings.folds) == (
        1.0,
        0.2,
        42,
        5,
    )
    assert settings.data_path == Path("../data/penguins_raw.csv")
    assert settings.output_dir == Path("outputs")


def test_the_file_defaults_override_the_code_defaults(config_file):
    settings = load(config_file)
    assert (settings.alpha, settings.seed, settings.folds) == (2.0, 1, 5)


def test_a_profile_overrides_the_file_defaults(config_file):
    settings = load(config_file, profile="ci")
    assert (settings.alpha, settings.seed, settings.folds) == (3.0, 1, 3)


def test_the_profile_can_come_from_the_environment(config_file):
    assert load(config_file, PENGUIN_MASS_PROFILE="ci").folds == 3


def test_the_profile_variable_is_read(config_file):
    assert load(config_file, PENGUIN_MASS_PROFILE="ci").folds == 3


def test_the_environment_overrides_the_profile(config_file):
    settings = load(config_file, profile="ci", PENGUIN_MASS_ALPHA="4.5", PENGUIN_MASS_SEED="9")
    assert (settings.alpha, settings.seed, settings.folds) == (4.5, 9, 3)


def test_a_set_flag_overrides_the_environment(config_file):
    settings = load(config_file, "ci", {"alpha": "0.5"}, PENGUIN_MASS_ALPHA="4.5")
    assert settings.alpha == 0.5


def test_paths_from_text_become_paths(config_file):
    settings = load(config_file, overrides={"data_path": "tests/data/sample.csv"})
    assert settings.data_path == Path("tests/data/sample.csv")


def test_settings_cannot_be_changed_after_loading(config_file):
    settings = load(config_file)
    with pytest.raises(ValueError, match="frozen"):
        settings.alpha = 5.0


@pytest.mark.parametrize(
    ("overrides", "environ", "named"),
    [
        ({"alhpa": "3"}, {}, "alhpa"),
        ({"seed": "seven"}, {}, "seed"),
        ({"seed": "-1"}, {}, "seed"),
        ({"alpha": "0"}, {}, "alpha"),
        ({"alpha": "nan"}, {}, "alpha"),
        ({"test_fraction": "1.5"}, {}, "test_fraction"),
        ({"folds": "1"}, {}, "folds"),
        ({}, {"PENGUIN_MASS_ALPHA": "lots"}, "PENGUIN_MASS_ALPHA"),
        ({}, {"PENGUIN_MASS_ALHPA": "3"}, "PENGUIN_MASS_ALHPA"),
    ],
)
def test_a_bad_value_is_refused_in_one_line_naming_its_field(
    config_file, overrides, environ, named
):
    with pytest.raises(ConfigError) as refused:
        load(config_file, None, overrides, **environ)
    assert named in str(refused.value)
    assert "\n" not in str(refused.value)


def test_a_field_misspelled_in_a_profile_is_refused(config_file):
    with pytest.raises(
        ConfigError, match=r"fold: unknown setting, from penguin_mass\.toml \[profiles\.typo\]"
    ):
        load(config_file, profile="typo")


def test_an_unknown_profile_is_refused_with_the_known_ones(config_file):
    with pytest.raises(ConfigError, match=r"unknown profile 'mars'.*ci, typo"):
        load(config_file, profile="mars")


def test_a_settings_file_that_is_not_toml_is_refused(tmp_path):
    broken = tmp_path / "penguin_mass.toml"
    broken.write_text("[defaults\nalpha = 1\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"penguin_mass\.toml: not valid TOML"):
        load(broken)


def test_set_flags_are_split_at_the_first_equals_sign():
    assert parse_overrides(["alpha=3", "data_path=a=b.csv"]) == {
        "alpha": "3",
        "data_path": "a=b.csv",
    }


@pytest.mark.parametrize("pair", ["alpha", "=3", ""])
def test_a_set_flag_without_field_and_value_is_refused(pair):
    with pytest.raises(ConfigError, match="expected FIELD=VALUE"):
        parse_overrides([pair])
