"""The data and presentation layers, on a handful of birds."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from penguin_mass import measured_vs_predicted, read_penguins, read_raw, size_vs_mass  # noqa: E402

HEADER = (
    "studyName,Species,Island,Culmen Length (mm),Culmen Depth (mm),Flipper Length (mm),"
    "Body Mass (g),Sex,Delta 15 N (o/oo),Delta 13 C (o/oo)"
)
ROWS = [
    "PAL0708,Adelie Penguin (Pygoscelis adeliae),Torgersen,39.1,18.7,181,3750,MALE,8.9,-24.7",
    "PAL0708,Gentoo penguin (Pygoscelis papua),Biscoe,,,,,,,",
]


@pytest.fixture
def export(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("\n".join([HEADER, *ROWS]) + "\n")
    return path


class TestReading:
    def test_raw_keeps_every_row_and_column(self, export):
        assert read_raw(export).shape == (2, 10)

    def test_read_penguins_cleans_what_it_reads(self, export):
        birds = read_penguins(str(export))
        assert list(birds["species"]) == ["Adelie"]
        assert birds.loc[0, "flipper_length_mm"] == 181


@pytest.fixture
def birds():
    return pd.DataFrame(
        {
            "species": ["Adelie", "Gentoo", "Chinstrap"],
            "bill_length_mm": [39.0, 47.0, 49.0],
            "bill_depth_mm": [18.0, 14.0, 18.5],
            "flipper_length_mm": [185.0, 215.0, 196.0],
            "body_mass_g": [3700.0, 5000.0, 3800.0],
        }
    )


class TestFigures:
    def test_size_vs_mass_has_a_panel_per_measurement(self, birds):
        figure = size_vs_mass(birds)
        try:
            labels = [ax.get_xlabel() for ax in figure.axes]
            assert labels == ["flipper length (mm)", "bill length (mm)", "bill depth (mm)"]
            assert figure.axes[0].get_ylabel() == "body mass (g)"
            assert all(len(ax.collections) == 3 for ax in figure.axes)
        finally:
            plt.close(figure)

    def test_measured_vs_predicted_plots_the_points_given(self, birds):
        figure = measured_vs_predicted(birds["body_mass_g"], birds["body_mass_g"] - 50)
        try:
            (ax,) = figure.axes
            assert ax.get_xlabel() == "measured (g)"
            assert ax.get_ylabel() == "predicted (g)"
            assert ax.collections[0].get_offsets()[:, 1].tolist() == [3650.0, 4950.0, 3750.0]
        finally:
            plt.close(figure)
