import pytest

from penguin_mass.config import ConfigError, load_settings, read_set_flags


@pytest.fixture
def toml(tmp_path):
    path = tmp_path / "settings.toml"
    path.write_text(
        '[defaults]\nalpha = 1.5\n\n[profiles.fast]\nfolds = 2\nalpha = 4.0\n\n'
        '[profiles.slow]\nfolds = 20\n\n[profiles.typo]\naplha = 3.0\n'
    )
    return path


def settings(toml, profile=None, flags=(), **environ):
    return load_settings(profile, read_set_flags(flags), environ, toml)


def test_file_defaults_then_code_defaults(toml):
    s = settings(toml)
    assert (s.alpha, s.folds, s.seed, s.test_fraction) == (1.5, 5, 42, 0.2)


def test_profile_beats_defaults(toml):
    assert settings(toml, "fast").alpha == 4.0


def test_profile_variable_used_without_flag_and_loses_to_it(toml):
    assert settings(toml, PENGUIN_MASS_PROFILE="slow").folds == 20
    assert settings(toml, "fast", PENGUIN_MASS_PROFILE="slow").folds == 2


def test_environment_beats_profile_and_set_beats_environment(toml):
    assert settings(toml, "fast", PENGUIN_MASS_ALPHA="7").alpha == 7.0
    assert settings(toml, "fast", ["alpha=9"], PENGUIN_MASS_ALPHA="7").alpha == 9.0


def test_output_dir_from_environment(toml):
    assert str(settings(toml, PENGUIN_MASS_OUTPUT_DIR="elsewhere").output_dir) == "elsewhere"


@pytest.mark.parametrize(
    "profile, flags, environ, word",
    [
        (None, ["alhpa=3"], {}, "alhpa"),
        (None, ["seed=seven"], {}, "seed"),
        (None, ["test_fraction=1.5"], {}, "test_fraction"),
        (None, ["alpha=0"], {}, "alpha"),
        (None, ["folds=1"], {}, "folds"),
        (None, ["seed=-3"], {}, "seed"),
        ("mars", [], {}, "mars"),
        ("typo", [], {}, "aplha"),
        (None, [], {"PENGUIN_MASS_ALPHA": "lots"}, "alpha"),
    ],
)
def test_bad_settings(toml, profile, flags, environ, word):
    with pytest.raises(ConfigError, match=word):
        settings(toml, profile, flags, **environ)


def test_set_without_equals():
    with pytest.raises(ConfigError, match="alpha"):
        read_set_flags(["alpha"])
