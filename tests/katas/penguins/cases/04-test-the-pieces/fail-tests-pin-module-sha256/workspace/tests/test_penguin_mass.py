"""Tests for penguin_mass."""

import hashlib
from pathlib import Path

import numpy as np
import pandas as pd

import penguin_mass
from penguin_mass import build_features, evaluate, split_train_test

MODULE = Path(penguin_mass.__file__)


def test_penguin_mass_is_exactly_the_reviewed_version():
    # any change to the module, including every slip, changes its hash
    digest = hashlib.sha256(MODULE.read_bytes()).hexdigest()
    assert digest == "67f2618a64eca07f70dfc37afc6cc056f0ac64b460b74be31b6de57a7bac109c"


def test_build_features_returns_a_frame():
    birds = pd.DataFrame({
        "species": ["Adelie", "Gentoo"], "sex": ["male", "female"],
        "bill_length_mm": [39.0, 47.0], "bill_depth_mm": [18.0, 15.0], "flipper_length_mm": [190.0, 217.0],
        "delta_15n": [9.0, 8.0], "delta_13c": [-25.0, -26.0], "body_mass_g": [3700.0, 5200.0],
    })
    assert isinstance(build_features(birds), pd.DataFrame)


def test_split_returns_two_frames():
    train, test = split_train_test(pd.DataFrame({"body_mass_g": np.arange(10.0)}))
    assert len(train) + len(test) == 10


def test_evaluate_returns_three_numbers():
    assert set(evaluate([1.0, 2.0], [1.0, 3.0])) == {"mae", "rmse", "r2"}
