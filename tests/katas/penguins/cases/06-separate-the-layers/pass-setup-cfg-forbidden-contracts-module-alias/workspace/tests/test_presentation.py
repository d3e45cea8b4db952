import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

import penguin_mass as pm  # noqa: E402

BIRDS = pd.DataFrame(
    {
        "species": ["Adelie", "Gentoo", "Chinstrap", "Gentoo"],
        "bill_length_mm": [39.1, 46.1, 49.5, 50.0],
        "bill_depth_mm": [18.7, 13.2, 19.0, 15.5],
        "flipper_length_mm": [181.0, 211.0, 200.0, 225.0],
        "body_mass_g": [3750.0, 4500.0, 3800.0, 5600.0],
    }
)


@pytest.mark.parametrize(
    ("panel", "xlabel"),
    [(0, "flipper length (mm)"), (1, "bill length (mm)"), (2, "bill depth (mm)")],
)
def test_each_panel_shows_mass_against_one_measurement(panel, xlabel):
    fig = pm.plot_mass_by_measurement(BIRDS)
    ax = fig.axes[panel]
    assert (ax.get_xlabel(), ax.get_ylabel()) == (xlabel, "body mass (g)")
    assert len(ax.collections) == 3  # one scatter per species
    plt.close(fig)


@pytest.mark.parametrize("offset", [0.0, 120.0])
def test_prediction_figure_has_one_axes_with_the_points(offset):
    fig = pm.plot_predictions(BIRDS["body_mass_g"], BIRDS["body_mass_g"] + offset)
    assert len(fig.axes) == 1
    offsets = fig.axes[0].collections[0].get_offsets()
    assert offsets[:, 1].tolist() == (BIRDS["body_mass_g"] + offset).tolist()
    plt.close(fig)


@pytest.mark.parametrize("path_type", [str, lambda p: p])
def test_data_layer_reads_and_cleans(tmp_path, path_type):
    export = tmp_path / "raw.csv"
    export.write_text(
        "Species,Island,Sex,Culmen Length (mm),Culmen Depth (mm),Flipper Length (mm),"
        "Body Mass (g),Delta 15 N (o/oo),Delta 13 C (o/oo)\n"
        "Gentoo penguin (Pygoscelis papua),Biscoe,FEMALE,46.1,13.2,211,4500,7.9,-25.4\n"
        "Adelie Penguin (Pygoscelis adeliae),Dream,,,,,,,\n"
    )
    assert pm.read_raw(path_type(export)).shape == (2, 9)
    clean = pm.load_clean(path_type(export))
    assert clean.to_dict("records") == [
        {
            "species": "Gentoo",
            "island": "Biscoe",
            "sex": "female",
            "bill_length_mm": 46.1,
            "bill_depth_mm": 13.2,
            "flipper_length_mm": 211,
            "body_mass_g": 4500,
            "delta_15n": 7.9,
            "delta_13c": -25.4,
        }
    ]
