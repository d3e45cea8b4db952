import pandas as pd
from matplotlib import pyplot as plt

from penguin_mass import clean_penguins, load, prediction_scatter, species_scatter


def test_load_reads_and_cleans(tmp_path):
    raw = pd.DataFrame(
        {
            "Species": ["Gentoo penguin (Pygoscelis papua)", "Adelie Penguin (Pygoscelis adeliae)"],
            "Island": ["Biscoe", "Dream"],
            "Sex": ["FEMALE", None],
            "Culmen Length (mm)": [46.1, None],
            "Culmen Depth (mm)": [13.2, None],
            "Flipper Length (mm)": [211.0, None],
            "Body Mass (g)": [4500.0, None],
            "Delta 15 N (o/oo)": [7.9, None],
            "Delta 13 C (o/oo)": [-25.4, None],
        }
    )
    raw.to_csv(tmp_path / "export.csv", index=False)
    clean = load(tmp_path / "export.csv")
    assert list(clean["species"]) == ["Gentoo"]
    assert clean.loc[0, "bill_depth_mm"] == 13.2
    pd.testing.assert_frame_equal(clean, clean_penguins(raw))


def test_figures_have_their_axes():
    birds = pd.DataFrame(
        {
            "species": ["Adelie", "Gentoo"],
            "flipper_length_mm": [181.0, 211.0],
            "bill_length_mm": [39.1, 46.1],
            "bill_depth_mm": [18.7, 13.2],
            "body_mass_g": [3750.0, 4500.0],
        }
    )
    assert len(species_scatter(birds).axes) == 3
    (ax,) = prediction_scatter([3750.0, 4500.0], [3800.0, 4400.0]).axes
    assert ax.get_xlabel() == "measured mass (g)"
    plt.close("all")
