"""Settings: precedence of the sources and refusal of bad values, without touching os.environ."""

from pathlib import Path

import pytest

from penguin_mass.settings import Settings, SettingsError, load_settings, parse_assignment

TOML = """
[defaults]
alpha = 2.0
folds = 4

[profiles.small]
alpha = 3.0
seed = 5

[profiles.other]
seed = 6

[profiles.typo]
aplha = 3.0
"""


@pytest.fixture
def settings_file(tmp_path):
    path = tmp_path / "penguin_mass.toml"
    path.write_text(TOML)
    return path


class TestPrecedence:
    def test_no_file_means_the_readme_defaults(self, tmp_path):
        assert load_settings(environ={}, settings_file=tmp_path / "none.toml") == Settings(
            Path("../data/penguins_raw.csv"), Path("outputs"), 1.0, 0.2, 42, 5
        )

    def test_file_defaults(self, settings_file):
        s = load_settings(environ={}, settings_file=settings_file)
        assert (s.alpha, s.folds, s.seed) == (2.0, 4, 42)

    def test_profile_over_defaults(self, settings_file):
        s = load_settings("small", environ={}, settings_file=settings_file)
        assert (s.alpha, s.folds, s.seed) == (3.0, 4, 5)

    def test_profile_from_environment(self, settings_file):
        s = load_settings(environ={"PENGUIN_MASS_PROFILE": "small"}, settings_file=settings_file)
        assert s.seed == 5

    def test_profile_flag_beats_profile_variable(self, settings_file):
        s = load_settings("other", environ={"PENGUIN_MASS_PROFILE": "small"},
                          settings_file=settings_file)
        assert s.seed == 6

    def test_environment_over_profile(self, settings_file):
        s = load_settings("small", environ={"PENGUIN_MASS_SEED": "9", "PENGUIN_MASS_DATA_PATH": "x.csv"},
                          settings_file=settings_file)
        assert (s.seed, s.data_path) == (9, Path("x.csv"))

    def test_set_over_environment(self, settings_file):
        s = load_settings("small", ["seed=11"], environ={"PENGUIN_MASS_SEED": "9"},
                          settings_file=settings_file)
        assert s.seed == 11

    def test_settings_are_frozen(self, settings_file):
        s = load_settings(environ={}, settings_file=settings_file)
        with pytest.raises(AttributeError):
            s.alpha = 4.0


class TestRefusals:
    @pytest.mark.parametrize(
        "assignment, named",
        [("alhpa=3", "alhpa"), ("seed=seven", "seed"), ("seed=-2", "seed"), ("folds=1", "folds"),
         ("alpha=0", "alpha"), ("alpha=inf", "alpha"), ("test_fraction=1.5", "test_fraction"),
         ("test_fraction=0", "test_fraction")],
    )
    def test_bad_set_values(self, settings_file, assignment, named):
        with pytest.raises(SettingsError, match=named):
            load_settings(None, [assignment], environ={}, settings_file=settings_file)

    def test_bad_environment_value(self, settings_file):
        with pytest.raises(SettingsError, match="PENGUIN_MASS_ALPHA"):
            load_settings(environ={"PENGUIN_MASS_ALPHA": "lots"}, settings_file=settings_file)

    def test_unknown_environment_field(self, settings_file):
        with pytest.raises(SettingsError, match="alhpa"):
            load_settings(environ={"PENGUIN_MASS_ALHPA": "3"}, settings_file=settings_file)

    def test_typo_in_profile(self, settings_file):
        with pytest.raises(SettingsError, match="aplha"):
            load_settings("typo", environ={}, settings_file=settings_file)

    def test_unknown_profile(self, settings_file):
        with pytest.raises(SettingsError, match="mars"):
            load_settings("mars", environ={}, settings_file=settings_file)

    @pytest.mark.parametrize("text", ["alpha", "=3"])
    def test_malformed_assignment(self, text):
        with pytest.raises(SettingsError, match="FIELD=VALUE"):
            parse_assignment(text)

    def test_value_may_hold_equals_sign(self):
        assert parse_assignment("data_path=a=b.csv") == ("data_path", "a=b.csv")
