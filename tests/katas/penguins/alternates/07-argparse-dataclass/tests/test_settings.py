import pytest

from penguin_mass.settings import BadSettings, read_settings


def write(tmp_path):
    path = tmp_path / "settings.toml"
    path.write_text('[defaults]\nalpha = 2.0\n[profiles.fast]\nfolds = 2\n')
    return str(path)


def test_layers(tmp_path):
    path = write(tmp_path)
    assert read_settings(env={}, path=path).alpha == 2.0
    assert read_settings("fast", env={}, path=path).folds == 2
    assert read_settings("fast", env={"PENGUIN_MASS_FOLDS": "3"}, path=path).folds == 3
    assert read_settings("fast", ["folds=4"], {"PENGUIN_MASS_FOLDS": "3"}, path).folds == 4


@pytest.mark.parametrize("assignment", ["alpha=-1", "seed=x", "nope=1", "alpha"])
def test_refusals(tmp_path, assignment):
    with pytest.raises(BadSettings):
        read_settings(assignments=[assignment], env={}, path=write(tmp_path))
