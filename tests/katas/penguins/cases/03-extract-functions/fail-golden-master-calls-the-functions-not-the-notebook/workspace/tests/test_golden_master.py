"""Golden master: the key results, recorded from a fresh run.

Now that the notebook only calls penguin_mass, the golden master calls the same functions itself:
no notebook to run, no figures, and it runs in a second.
"""

from pathlib import Path

import pandas as pd
import pytest
from sklearn.linear_model import Ridge

from penguin_mass import (
    build_features,
    clean_penguins,
    evaluate,
    impute_missing,
    read_raw,
    species_baseline,
    split_train_test,
)

DATA = Path(__file__).resolve().parent.parent.parent / "data" / "penguins_raw.csv"


@pytest.fixture(scope="module")
def results():
    """The notebook's steps, called in the notebook's order with its settings."""
    penguins = impute_missing(clean_penguins(read_raw(DATA)))
    X = build_features(penguins)
    train, test = split_train_test(penguins, 0.2, 42)
    ridge = Ridge(alpha=1.0).fit(X.loc[train.index], train["body_mass_g"])
    ridge_scores = evaluate(test["body_mass_g"], ridge.predict(X.loc[test.index]))
    return {
        "rows": len(penguins),
        "train_rows": len(train),
        "test_rows": len(test),
        "ridge_mae_g": ridge_scores["mae"],
        "ridge_rmse_g": ridge_scores["rmse"],
        "ridge_r2": ridge_scores["r2"],
        "baseline_mae_g": evaluate(test["body_mass_g"], species_baseline(train, test))["mae"],
        "coefficients": dict(zip(X.columns, pd.Series(ridge.coef_).astype(float))),
    }


def test_the_same_birds_are_used(results):
    assert results["rows"] == 342
    assert results["train_rows"] == 274
    assert results["test_rows"] == 68


def test_the_ridge_errors_are_unchanged(results):
    assert results["ridge_mae_g"] == pytest.approx(238.26567340510496)
    assert results["ridge_rmse_g"] == pytest.approx(310.8382299320372)
    assert results["ridge_r2"] == pytest.approx(0.8795349007034939)


def test_the_baseline_error_is_unchanged(results):
    assert results["baseline_mae_g"] == pytest.approx(451.358852853404)


def test_the_coefficients_are_unchanged(results):
    assert results["coefficients"] == pytest.approx(
        {
            "bill_length_mm": 127.73805293906496,
            "bill_depth_mm": 152.7691244521631,
            "flipper_length_mm": 244.81861948259396,
            "delta_15n": -72.01169356663878,
            "delta_13c": 23.96916176573023,
            "male": 299.00975477687524,
            "species_Adelie": -152.37563477023622,
            "species_Chinstrap": -465.72658917863595,
            "species_Gentoo": 618.1022239489516,
        }
    )
