import pytest

EXPECTED_COEFFICIENTS = {
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


class TestKeyResultsOfTheNotebook:
    def test_bird_counts(self, results):
        assert (results["rows"], results["train_rows"], results["test_rows"]) == (342, 274, 68)

    def test_ridge_mae(self, results):
        assert results["ridge_mae_g"] == pytest.approx(238.26567340510496)

    def test_ridge_rmse(self, results):
        assert results["ridge_rmse_g"] == pytest.approx(310.8382299320372)

    def test_ridge_r2(self, results):
        assert results["ridge_r2"] == pytest.approx(0.8795349007034939)

    def test_species_average_mae(self, results):
        assert results["baseline_mae_g"] == pytest.approx(451.358852853404)

    def test_coefficients(self, results):
        assert results["coefficients"].keys() == EXPECTED_COEFFICIENTS.keys()
        for name, value in EXPECTED_COEFFICIENTS.items():
            assert results["coefficients"][name] == pytest.approx(value), name
